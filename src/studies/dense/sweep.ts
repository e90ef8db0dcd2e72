/**
 * "Re-run with a different attention column", made systematic: one fresh model per
 * (attention column, seed), and the attention it learned averaged over held-out samples.
 * The runs train up to `stackedRuns` at a time as one stacked computation (stacked-training.ts),
 * each exactly as train() would train it alone; if the stacked gradients ever disagreed with the
 * tape on the first batch, those runs train one after another instead. Each run says which route it took.
 */
import { deriveSeed } from '../../core/random';
import { argmax } from '../../core/statistics';
import type { tf } from '../../core/tf';
import { requireInteger } from '../../core/validate';
import { train, type TrainingHistory, type TrainOptions } from '../../training/train';
import { type AttentionSummary, attentionVector } from '../../readout/activations';
import { type AttentionData, getData } from '../../data/synthetic';
import { buildAttentionModel } from '../../models/dense/model';
import { canTrainStacked, trainStacked } from '../../models/dense/stacked-training';

/** One trained model of a sweep over (attention column, seed). */
export interface SweepRun {
  /** The column that held the label. */
  attentionColumn: number;
  /** The run's seed (data, initial weights, shuffling; the held-out set's is derived from it). */
  seed: number;
  /** The attention the model learned, averaged over the held-out samples. */
  attention: AttentionSummary;
  /** The last epoch's validation accuracy (training accuracy when validationSplit is 0). */
  valAcc: number;
  /** Whether the column with the most attention is the label's column. */
  hit: boolean;
  /** How it was trained: K networks stacked at once, or train()'s own gradient route. */
  route: string;
}

/** Runs trained at once; larger sweeps train in groups of this many (docs/BENCHMARKS.md measures up to 16). */
const stackedRuns = 16;

/** Training settings shared by every run of a sweep; each run brings its own seed. */
type SharedTrainOptions = Omit<TrainOptions, 'seed' | 'onEpoch'>;

/** sweep()'s settings; the remaining fields are train()'s options (all but seed and onEpoch), shared by every run. */
export interface SweepOptions extends SharedTrainOptions {
  /** The label columns to try, at least one, each an integer in [0, inputDim - 1]. */
  columns: number[];
  /** The seeds to try per column, at least one, each an integer in [0, 2^32 - 1]. */
  seeds: number[];
  /** Input columns, an integer >= 2; default 4. */
  inputDim?: number;
  /** Hidden width of each model, an integer >= 1; default 16. */
  hidden?: number;
  /** Samples per run, split into training and validation: an integer >= 1; default 10000. */
  n?: number;
  /** Held-out samples (never trained on) over which the attention is averaged: an integer >= 1; default 1000. */
  testSize?: number;
  /** Called after every run, e.g. to show progress. */
  onRun?: (run: SweepRun, index: number, total: number) => void | Promise<void>;
}

/**
 * Trains one fresh dense attention model per (label column, seed) and reads out where its attention
 * went on held-out samples; runs train in groups as one stacked computation where they can.
 * @returns One run per column × seed, in the order of `columns` then `seeds`.
 */
export async function sweep({
  columns, seeds, inputDim = 4, hidden = 16, n = 10000, testSize = 1000, onRun, ...trainOptions
}: SweepOptions): Promise<SweepRun[]> {
  if (columns.length === 0 || seeds.length === 0) throw new RangeError('columns and seeds must each list at least one value');
  requireInteger('inputDim', inputDim, 2);
  columns.forEach((column) => requireInteger('columns[]', column, 0, inputDim - 1));
  requireInteger('testSize', testSize, 1);
  const settings: RunSettings = { inputDim, hidden, n, testSize, trainOptions };
  const pending = columns.flatMap((attentionColumn) => seeds.map((seed) => ({ attentionColumn, seed })));
  const runs: SweepRun[] = [];
  for (let start = 0; start < pending.length; start += stackedRuns) {
    for (const run of await trainGroup(pending.slice(start, start + stackedRuns), settings)) {
      runs.push(run);
      await onRun?.(run, runs.length, pending.length);
    }
  }
  return runs;
}

type RunSettings = Required<Pick<SweepOptions, 'inputDim' | 'hidden' | 'n' | 'testSize'>> & { trainOptions: SharedTrainOptions };

async function trainGroup(group: { attentionColumn: number; seed: number }[], settings: RunSettings): Promise<SweepRun[]> {
  const members = group.map(({ attentionColumn, seed }) => ({
    attentionColumn,
    seed,
    data: getData(settings.n, settings.inputDim, attentionColumn, seed),
    test: getData(settings.testSize, settings.inputDim, attentionColumn, deriveSeed(seed, 'test')),
    model: buildAttentionModel({ inputDim: settings.inputDim, hidden: settings.hidden, seed }),
  }));
  try {
    const { histories, routes } = await trainMembers(members, settings.trainOptions);
    return members.map(({ attentionColumn, seed, model, test }, i) => {
      const history = histories[i];
      const attention = attentionVector(model, test);
      return {
        attentionColumn, seed, attention,
        valAcc: history.val_acc.at(-1) ?? history.acc[history.acc.length - 1],
        hit: argmax(attention.mean) === attentionColumn,
        route: routes[i],
      };
    });
  } finally {
    members.forEach(({ data, test, model }) => {
      data.dispose();
      test.dispose();
      model.dispose();
    });
  }
}

/** Stacked when they can be and the first batch agrees with the tape; otherwise one train() after another. */
async function trainMembers(
  members: { model: tf.LayersModel; data: AttentionData; seed: number }[], trainOptions: SharedTrainOptions,
): Promise<{ histories: TrainingHistory[]; routes: string[] }> {
  let refused = '';
  if (members.length > 1 && canTrainStacked(members.map((member) => member.model))) {
    const outcome = await trainStacked(members, trainOptions);
    if (outcome.trained) {
      return { histories: outcome.histories, routes: members.map(() => `dense attention, by hand, ${members.length} networks stacked`) };
    }
    refused = ` (stacked training refused: ${outcome.reason})`;
  }
  const histories: TrainingHistory[] = [];
  for (const { model, data, seed } of members) histories.push(await train(model, data, { ...trainOptions, seed }));
  return { histories, routes: histories.map((history) => history.route.name + refused) };
}

/** The share of runs whose attention peaked on the label's column, in [0, 1]; NaN for no runs. */
export function hitRate(runs: SweepRun[]): number {
  return runs.length === 0 ? NaN : runs.filter((run) => run.hit).length / runs.length;
}
