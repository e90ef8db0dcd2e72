/**
 * When does the attention find the label's column — before or after the accuracy saturates? The
 * label column's share of the attention on held-out samples, and its rank, after every epoch.
 */
import { tf } from '../../core/tf';
import { attentionVector } from '../../readout/activations';
import { buildAttentionModel } from '../../models/dense/model';
import { type LabelledData, train } from '../../training/train';

export interface LearningPoint {
  epoch: number;
  /** Mean attention on the label's column over the held-out samples. */
  share: number;
  /** 1 = the label's column gets the most attention on average. */
  rank: number;
  valAcc: number;
}

export interface LearningRun {
  seed: number;
  points: LearningPoint[];
}

export interface LearningOptions {
  inputDim: number;
  attentionColumn: number;
  seeds: number[];
  hidden?: number;
  epochs?: number;
  batchSize?: number;
  validationSplit?: number;
  onRun?: (run: LearningRun, index: number, total: number) => void;
}

/** One fresh model per seed, trained on `data`; the attention is read on `test.x` after every epoch. */
export async function attentionWhileLearning(data: LabelledData, test: { x: tf.Tensor }, options: LearningOptions): Promise<LearningRun[]> {
  const { inputDim, attentionColumn, seeds, hidden = 16, epochs = 20, batchSize = 64, validationSplit = 0.2, onRun } = options;
  if (seeds.length === 0) throw new RangeError('seeds must hold at least one seed, got none');
  const runs: LearningRun[] = [];
  for (const seed of seeds) {
    const model = buildAttentionModel({ inputDim, hidden, seed });
    const points: LearningPoint[] = [];
    try {
      await train(model, data, {
        epochs, batchSize, validationSplit, seed,
        onEpoch: (report) => {
          const { mean } = attentionVector(model, test.x);
          points.push({
            epoch: report.epoch,
            share: mean[attentionColumn],
            rank: 1 + mean.filter((m) => m > mean[attentionColumn]).length,
            valAcc: report.val_acc ?? report.acc,
          });
        },
      });
    } finally {
      model.dispose();
    }
    const run = { seed, points };
    runs.push(run);
    onRun?.(run, runs.length, seeds.length);
  }
  return runs;
}
