/**
 * "Re-run with a different attention column", made systematic: one fresh model per
 * (attention column, seed), and the attention it learned averaged over held-out samples.
 */
import { deriveSeed } from '../core/random';
import { argmax } from '../core/statistics';
import { requireInteger } from '../core/validate';
import { train, type TrainOptions } from '../training/train';
import { type AttentionSummary, attentionVector } from './activations';
import { getData } from './data';
import { buildAttentionModel } from './dense-model';

/** One trained model of a sweep over (attention column, seed). */
export interface SweepRun {
  attentionColumn: number;
  seed: number;
  attention: AttentionSummary;
  valAcc: number;
  /** Whether the column with the most attention is the label's column. */
  hit: boolean;
}

/** Training settings shared by every run of a sweep; each run brings its own seed. */
type SharedTrainOptions = Omit<TrainOptions, 'seed' | 'onEpoch'>;

export interface SweepOptions extends SharedTrainOptions {
  columns: number[];
  seeds: number[];
  inputDim?: number;
  hidden?: number;
  /** Samples per run, split into training and validation. */
  n?: number;
  /** Held-out samples (never trained on) over which the attention is averaged. */
  testSize?: number;
  /** Called after every run, e.g. to show progress. */
  onRun?: (run: SweepRun, index: number, total: number) => void | Promise<void>;
}

export async function sweep({
  columns, seeds, inputDim = 4, hidden = 16, n = 10000, testSize = 1000, onRun, ...trainOptions
}: SweepOptions): Promise<SweepRun[]> {
  if (columns.length === 0 || seeds.length === 0) throw new RangeError('columns and seeds must each list at least one value');
  requireInteger('inputDim', inputDim, 2);
  columns.forEach((column) => requireInteger('columns[]', column, 0, inputDim - 1));
  requireInteger('testSize', testSize, 1);
  const runs: SweepRun[] = [];
  const total = columns.length * seeds.length;
  for (const attentionColumn of columns) {
    for (const seed of seeds) {
      const run = await trainAndReadOut(attentionColumn, seed, { inputDim, hidden, n, testSize, trainOptions });
      runs.push(run);
      await onRun?.(run, runs.length, total);
    }
  }
  return runs;
}

type RunSettings = Required<Pick<SweepOptions, 'inputDim' | 'hidden' | 'n' | 'testSize'>> & { trainOptions: SharedTrainOptions };

async function trainAndReadOut(attentionColumn: number, seed: number, settings: RunSettings): Promise<SweepRun> {
  const data = getData(settings.n, settings.inputDim, attentionColumn, seed);
  const test = getData(settings.testSize, settings.inputDim, attentionColumn, deriveSeed(seed, 'test'));
  const model = buildAttentionModel({ inputDim: settings.inputDim, hidden: settings.hidden, seed });
  try {
    const history = await train(model, data, { ...settings.trainOptions, seed });
    const attention = attentionVector(model, test);
    return {
      attentionColumn, seed, attention,
      valAcc: history.val_acc.at(-1) ?? history.acc[history.acc.length - 1],
      hit: argmax(attention.mean) === attentionColumn,
    };
  } finally {
    data.dispose();
    test.dispose();
    model.dispose();
  }
}

/** The share of runs whose attention peaked on the label's column. */
export function hitRate(runs: SweepRun[]): number {
  return runs.length === 0 ? NaN : runs.filter((run) => run.hit).length / runs.length;
}
