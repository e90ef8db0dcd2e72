/**
 * "Does attention beat a plain Dense layer at all?" — the same task, the same LSTM (or per-step)
 * encoder, the attention head or a Dense head of nearly the same size, over several seeds.
 */
import { deriveSeed } from '../../core/random';
import { requireInteger } from '../../core/validate';
import { train } from '../../training/train';
import { buildSequenceAttentionModel, buildSequenceDenseModel, type SequenceModelOptions } from '../../models/sequence/model';
import { getSequenceTaskData, type SequenceTask } from '../../data/sequence-tasks';

export interface ComparisonOptions extends Omit<SequenceModelOptions, 'seed' | 'inputDim'> {
  task: SequenceTask;
  seeds: number[];
  n: number;
  epochs: number;
  batchSize?: number;
  validationSplit?: number;
  learningRate?: number;
  /** Called after each run, e.g. for progress. */
  onRun?: (run: ComparisonRun, index: number, total: number) => void;
}

export interface ComparisonRun {
  head: 'attention' | 'dense';
  seed: number;
  parameters: number;
  valAcc: number;
  seconds: number;
}

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
