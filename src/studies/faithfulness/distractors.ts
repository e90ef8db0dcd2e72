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

/** distractorExperiment()'s settings; the fields of CompareOptions set the attribution methods. */
export interface DistractorExperimentOptions extends CompareOptions {
  /** Training samples, an integer >= 1. */
  n: number;
  /** Held-out samples the attributions are computed on, an integer >= 1. */
  testSize: number;
  /** Input columns, an integer >= 2. */
  inputDim: number;
  /** The column that holds the label exactly, an integer in [0, inputDim - 1]. */
  attentionColumn: number;
  /** The column that holds its copy, another integer in [0, inputDim - 1]. */
  distractorColumn: number;
  /** 0: an exact copy of the label; otherwise the copy's noise standard deviation. */
  noise: number;
  /** Fixes the data, the model, the shuffling and the permutations: an integer in [0, 2^32 - 1]. */
  seed: number;
  /** Hidden width, an integer >= 1; default 16. */
  hidden?: number;
  /** As train()'s; default 20. */
  epochs?: number;
  /** As train()'s; default 64. */
  batchSize?: number;
  /** As train()'s; default 0.2. */
  validationSplit?: number;
}

/** One distractor experiment: the trained model's test accuracy and the six attributions. */
export interface DistractorRun {
  /** The copy's noise. */
  noise: number;
  /** The column that held the copy. */
  distractorColumn: number;
  /** Accuracy on the held-out samples. */
  testAcc: number;
  /** compareAttributions() on the held-out samples. */
  comparison: AttributionComparison;
}

/**
 * Trains a dense attention network on data where a second column carries the label too (exactly or
 * with noise), then asks the six attribution methods which column they credit.
 * @param options - Data, model and attribution settings; noise is a number >= 0.
 */
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
