/** train()'s options, their defaults and checks: one resolution for every trainer (train(), the stacked sweep). */
import { randomSeed } from '../core/random';
import { requireInteger, requireNumberInRange } from '../core/validate';
import type { RouteReport } from './gradient-routes';

/** What train() passes to `onEpoch` after every epoch. */
export interface EpochReport {
  /** 1-based. */
  epoch: number;
  /** The run's number of epochs. */
  epochs: number;
  /** Samples trained on per epoch (the rest validate). */
  trainSamples: number;
  /** Wall time of this epoch, validation included, in seconds. */
  seconds: number;
  /** Mean training loss of the epoch. */
  loss: number;
  /** Training accuracy of the epoch. */
  acc: number;
  /** Validation loss, when there is a validation split. */
  val_loss?: number;
  /** Validation accuracy, when there is a validation split. */
  val_acc?: number;
  /** The gradient route, final from the first epoch on. */
  route: RouteReport;
}

/** train()'s settings; each is checked and the error names it and its range. */
export interface TrainOptions {
  /** Passes over the training samples, an integer >= 1; default 20. */
  epochs?: number;
  /** Samples per gradient step, an integer >= 1; default 64 (the last batch of an epoch may be smaller). */
  batchSize?: number;
  /** The fraction of samples, taken from the end as Keras does, used only for validation: a number in [0, 1); default 0.2. */
  validationSplit?: number;
  /** Fixes the shuffling; with a model built from a seed, the whole run repeats exactly. An integer in [0, 2^32 - 1]; random by default. */
  seed?: number;
  /** Adam's learning rate, a number > 0; default 0.001. */
  learningRate?: number;
  /**
   * "auto" (default): the fast route the model's builder attached, checked against tfjs's tape on
   * the first batch; "tape": tfjs's tape for every step.
   */
  gradients?: 'auto' | 'tape';
  /** Called after every epoch, e.g. to show progress; training waits for it. */
  onEpoch?: (report: EpochReport) => void | Promise<void>;
}


/** Held-out samples evaluated per forward pass, so that large validation sets fit in memory. */
export const evaluationChunk = 8192;

export type ResolvedTrainOptions = Required<Omit<TrainOptions, 'onEpoch'>> & Pick<TrainOptions, 'onEpoch'>;

/** The options with train()'s defaults, each checked (the error names the option and its range). */
export function resolveTrainOptions(options: TrainOptions): ResolvedTrainOptions {
  const {
    epochs = 20, batchSize = 64, validationSplit = 0.2, seed = randomSeed(), learningRate = 0.001, gradients = 'auto', onEpoch,
  } = options;
  requireInteger('epochs', epochs, 1);
  requireInteger('batchSize', batchSize, 1);
  requireNumberInRange('validationSplit', validationSplit, 0, 1, true);
  requireNumberInRange('learningRate', learningRate, Number.MIN_VALUE, Infinity);
  requireInteger('seed', seed, 0, 2 ** 32 - 1);
  if (gradients !== 'auto' && gradients !== 'tape') throw new RangeError(`gradients must be "auto" or "tape", got ${String(gradients)}`);
  return { epochs, batchSize, validationSplit, seed, learningRate, gradients, onEpoch };
}

/** How many of n samples train (the rest, taken from the end as Keras does, validate); refuses none. */
export function trainingCount(n: number, validationSplit: number): number {
  const count = Math.floor(n * (1 - validationSplit));
  if (count < 1) throw new RangeError(`validationSplit ${validationSplit} leaves no training samples out of ${n}`);
  return count;
}
