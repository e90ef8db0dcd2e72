/**
 * The label in two columns: an exact copy, or a noisy one. A fresh network is trained on such data
 * and all six attributions are compared on held-out samples of the same kind: how do they split
 * the credit between the label's column and its copy?
 */
import { deriveSeed } from '../../core/random';
import { buildAttentionModel } from '../../models/dense/model';
import { getDistractorData } from '../../data/distractors';
import { evaluate, train } from '../../training/train';
import { type AttributionComparison, type CompareOptions, compareAttributions } from '../../explain/compare-methods';

export interface DistractorExperimentOptions extends CompareOptions {
  n: number;
  testSize: number;
  inputDim: number;
  attentionColumn: number;
  distractorColumn: number;
  /** 0: an exact copy of the label; otherwise the copy's noise standard deviation. */
  noise: number;
  seed: number;
  hidden?: number;
  epochs?: number;
  batchSize?: number;
  validationSplit?: number;
}

export interface DistractorRun {
  noise: number;
  distractorColumn: number;
  testAcc: number;
  comparison: AttributionComparison;
}

export async function distractorExperiment(options: DistractorExperimentOptions): Promise<DistractorRun> {
  const { n, testSize, inputDim, attentionColumn, distractorColumn, noise, seed, hidden = 16, epochs = 20, batchSize = 64, validationSplit = 0.2 } = options;
  const columns = { attentionColumn, distractorColumn, noise };
  const data = getDistractorData(n, inputDim, { ...columns, seed });
  const test = getDistractorData(testSize, inputDim, { ...columns, seed: deriveSeed(seed, 'test') });
  const model = buildAttentionModel({ inputDim, hidden, seed });
  try {
    await train(model, data, { epochs, batchSize, validationSplit, seed });
    const comparison = compareAttributions(model, test.x, test.y, attentionColumn, options);
    return { noise, distractorColumn, testAcc: evaluate(model, test.x, test.y).acc, comparison };
  } finally {
    model.dispose();
    data.dispose();
    test.dispose();
  }
}
