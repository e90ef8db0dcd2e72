/**
 * "Does attention beat a plain Dense layer at all?" — the same task, the same LSTM (or per-step)
 * encoder, the attention head or a Dense head of nearly the same size, over several seeds.
 */
import { deriveSeed } from '../../core/random';
import { requireInteger } from '../../core/validate';
import { train } from '../../training/train';
import { buildSequenceAttentionModel, buildSequenceDenseModel, type SequenceModelOptions } from '../../models/sequence/model';
import { getSequenceTaskData, type SequenceTask } from '../../data/sequence-tasks';

/** compareWithDense()'s settings; the model's settings (timeSteps required) come with them. */
export interface ComparisonOptions extends Omit<SequenceModelOptions, 'seed' | 'inputDim'> {
  /** "find-max" or "add-two". */
  task: SequenceTask;
  /** At least one seed, each an integer in [0, 2^32 - 1]: one data set and two models per seed. */
  seeds: number[];
  /** Sequences per seed, an integer >= 1. */
  n: number;
  /** As train()'s, an integer >= 1. */
  epochs: number;
  /** As train()'s; default 64. */
  batchSize?: number;
  /** As train()'s; default 0.25 (train()'s own default is 0.2). */
  validationSplit?: number;
  /** As train()'s; default 0.001. */
  learningRate?: number;
  /** Called after each run, e.g. for progress; `index` is 0-based here (sweep()'s onRun counts from 1). */
  onRun?: (run: ComparisonRun, index: number, total: number) => void;
}

/** One trained model of the head comparison. */
export interface ComparisonRun {
  /** The attention layer, or a Dense layer of about as many parameters. */
  head: 'attention' | 'dense';
  /** The run's seed. */
  seed: number;
  /** The whole model's number of weights. */
  parameters: number;
  /** The last epoch's validation accuracy (NaN without a validation split). */
  valAcc: number;
  /** train()'s wall time, in seconds. */
  seconds: number;
}

/**
 * The attention head against a plain Dense head of (as nearly as possible) the same size, after the same
 * encoder, on the same data, per seed.
 * @returns Two runs per seed (attention, then dense), in the order of `seeds`.
 */
export async function compareWithDense({
  task, seeds, n, epochs, batchSize = 64, validationSplit = 0.25, learningRate = 0.001, onRun, ...model
}: ComparisonOptions): Promise<ComparisonRun[]> {
  if (seeds.length === 0) throw new RangeError('seeds must list at least one seed, got []');
  seeds.forEach((seed) => requireInteger('seeds[]', seed, 0, 2 ** 32 - 1));
  const runs: ComparisonRun[] = [];
  for (const seed of seeds) {
    const data = getSequenceTaskData(task, n, model.timeSteps, deriveSeed(seed, `comparison:${task}`));
    try {
      for (const head of ['attention', 'dense'] as const) {
        const build = head === 'attention' ? buildSequenceAttentionModel : buildSequenceDenseModel;
        const built = build({ ...model, inputDim: data.task.inputDim, seed });
        try {
          const history = await train(built, data, { epochs, batchSize, validationSplit, learningRate, seed });
          const run: ComparisonRun = {
            head, seed, parameters: built.countParams(), valAcc: history.val_acc.at(-1) ?? Number.NaN, seconds: history.seconds,
          };
          runs.push(run);
          onRun?.(run, runs.length - 1, seeds.length * 2);
        } finally {
          built.dispose();
        }
      }
    } finally {
      data.dispose();
    }
  }
  return runs;
}
