/**
 * When does the attention find the label's column — before or after the accuracy saturates? The
 * label column's share of the attention on held-out samples, and its rank, after every epoch.
 */
import { tf } from '../../core/tf';
import { requireInteger } from '../../core/validate';
import { attentionVector } from '../../readout/activations';
import { buildAttentionModel } from '../../models/dense/model';
import { type LabelledData, train } from '../../training/train';

/** The attention on the label's column after one epoch. */
export interface LearningPoint {
  /** 1-based. */
  epoch: number;
  /** Mean attention on the label's column over the held-out samples. */
  share: number;
  /** 1 = the label's column gets the most attention on average. */
  rank: number;
  /** Validation accuracy after the epoch (training accuracy without a validation split). */
  valAcc: number;
}

/** One model's training, read after every epoch. */
export interface LearningRun {
  /** The model's seed. */
  seed: number;
  /** One point per epoch. */
  points: LearningPoint[];
}

/** attentionWhileLearning()'s settings. */
export interface LearningOptions {
  /** Input columns of the data, an integer >= 2. */
  inputDim: number;
  /** The label's column, read from each epoch's attention: an integer in [0, inputDim − 1] (not checked against the data). */
  attentionColumn: number;
  /** One model per seed, at least one seed, each an integer in [0, 2^32 - 1]. */
  seeds: number[];
  /** Hidden width, an integer >= 1; default 16. */
  hidden?: number;
  /** As train()'s; default 20. */
  epochs?: number;
  /** As train()'s; default 64. */
  batchSize?: number;
  /** As train()'s; default 0.2. */
  validationSplit?: number;
  /** Called after every model, e.g. to show progress. */
  onRun?: (run: LearningRun, index: number, total: number) => void;
}

/**
 * When does the attention find the label's column? One fresh dense model per seed, trained on `data`;
 * the attention is read on `test.x` after every epoch.
 * @param test - Held-out samples to read the attention on.
 * @returns One run per seed, in the order of `seeds`.
 */
export async function attentionWhileLearning(data: LabelledData, test: { x: tf.Tensor }, options: LearningOptions): Promise<LearningRun[]> {
  const { inputDim, attentionColumn, seeds, hidden = 16, epochs = 20, batchSize = 64, validationSplit = 0.2, onRun } = options;
  if (seeds.length === 0) throw new RangeError('seeds must hold at least one seed, got none');
  requireInteger('inputDim', inputDim, 2);
  requireInteger('attentionColumn', attentionColumn, 0, inputDim - 1);
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
