/**
 * The LSTM part of `npm run bench`: the recurrent attention network trained by ours (train() on
 * tfjs-node, the fused-LSTM route) and by its Keras twin (keras_lstm_train.py, model.fit), on the
 * same data, in fresh processes, in rounds; then node_lstm_profile.ts's split of one step.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { getRecurrentData } from '../src/data/synthetic';
import { jupyterPython, projectRoot } from '../runner/paths';
import { measure, stats } from './measure';
import type { ProfiledLstmStep } from './node_lstm_profile';

/** The original's attention_lstm.py: 20 time steps of 2 features, the label in step 10, LSTM(32), batch 64. */
export const lstmShape = { timeSteps: 20, inputDim: 2, lstmUnits: 32, attentionColumn: 10, batchSize: 64, validationSplit: 0.1, epochs: 1 };

export interface LstmVariant { attentionBeforeLstm: boolean; singleAttentionVector: boolean; n: number }

export interface LstmRun { trainSeconds: number; peakRssMb: number; valAcc: number }

export interface LstmRow { runtime: 'ours' | 'Keras'; variant: LstmVariant; runs: LstmRun[]; route?: string; versions: Record<string, string> }

export interface LstmResult { rows: LstmRow[]; profile: ProfiledLstmStep[] }

/** The original's settings at its data size first (the accuracy comparison), the other layouts on fewer samples. */
export function lstmVariants(quick: boolean): LstmVariant[] {
  const [full, other] = quick ? [6000, 3000] : [300_000, 30_000];
  return [
    { attentionBeforeLstm: false, singleAttentionVector: true, n: full },
    { attentionBeforeLstm: false, singleAttentionVector: false, n: other },
    { attentionBeforeLstm: true, singleAttentionVector: true, n: other },
    { attentionBeforeLstm: true, singleAttentionVector: false, n: other },
  ];
}

export function variantName({ attentionBeforeLstm, singleAttentionVector }: LstmVariant): string {
  return `attention ${attentionBeforeLstm ? 'before' : 'after'} the LSTM, ${singleAttentionVector ? 'one attention vector' : 'one per feature'}`;
}

export const lstmProfileSettings = { warmupSteps: 50, timedSteps: 200, repeats: 5 };

export async function measureLstm(seed: number, runs: number, quick: boolean, log: (line: string) => void): Promise<LstmResult> {
  const variants = lstmVariants(quick);
  const { timeSteps, inputDim, lstmUnits, attentionColumn, batchSize, validationSplit, epochs } = lstmShape;
  const rows: LstmRow[] = variants.flatMap((variant) => (['ours', 'Keras'] as const).map((runtime) => ({ runtime, variant, runs: [], versions: {} })));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-bench-lstm-'));
  try {
    for (const variant of variants) {
      const data = getRecurrentData(variant.n, timeSteps, inputDim, attentionColumn, seed);
      fs.writeFileSync(path.join(dataDir, 'x.bin'), await data.x.data());
      fs.writeFileSync(path.join(dataDir, 'y.bin'), await data.y.data());
      data.dispose();
      const args = [dataDir, variant.n, timeSteps, inputDim, lstmUnits, Number(variant.attentionBeforeLstm), Number(variant.singleAttentionVector),
        epochs, batchSize, validationSplit, seed].map(String);
      // Rounds, so that a slow spell of the machine hits both alike.
      for (let round = 1; round <= runs; round++) {
        for (const row of rows.filter((r) => r.variant === variant)) {
          log(`LSTM ${round}/${runs}: ${row.runtime}, ${variantName(variant)}, n ${variant.n}`);
          const [command, workerArgs] = row.runtime === 'ours'
            ? [process.execPath, [path.join(projectRoot, 'build', 'bench', 'node_lstm_train.js'), ...args]]
            : [jupyterPython(), [path.join(projectRoot, 'bench', 'keras_lstm_train.py'), ...args]];
          const { report } = await measure<{ trainSeconds: number; maxRssKb: number; valAcc: number; route?: string; versions: Record<string, string> }>(command, workerArgs);
          row.runs.push({ trainSeconds: report.trainSeconds, peakRssMb: report.maxRssKb / 1024, valAcc: report.valAcc });
          row.route = report.route;
          row.versions = report.versions;
        }
      }
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  log('LSTM profile');
  const { warmupSteps, timedSteps, repeats } = lstmProfileSettings;
  const { report } = await measure<{ steps: ProfiledLstmStep[] }>(process.execPath,
    [path.join(projectRoot, 'build', 'bench', 'node_lstm_profile.js'), ...[seed, warmupSteps, timedSteps, repeats].map(String)]);
  return { rows, profile: report.steps };
}

/** Training steps of one run: batches per epoch × epochs. */
export function lstmSteps(variant: LstmVariant): number {
  return Math.ceil(Math.floor(variant.n * (1 - lstmShape.validationSplit)) / lstmShape.batchSize) * lstmShape.epochs;
}

export function lstmMedianSeconds(row: LstmRow): number {
  return stats(row.runs.map((run) => run.trainSeconds)).median;
}

const fixed = (value: number, digits: number) => value.toFixed(digits);

/** One line per layout and runtime: training time, ms per step, val acc, ×ratio to Keras. */
export function lstmTable(result: LstmResult): string {
  const lines = ['| layout | n | runtime | training (s): median (min–max) | ms per step | ×Keras | val acc | peak RSS (MB) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |'];
  for (const row of result.rows) {
    const keras = result.rows.find((r) => r.variant === row.variant && r.runtime === 'Keras') as LstmRow;
    const { median, min, max } = stats(row.runs.map((run) => run.trainSeconds));
    const name = row.runtime === 'ours' ? `ours, train(): ${row.route}` : 'Keras model.fit';
    lines.push(`| ${variantName(row.variant)} | ${row.variant.n.toLocaleString('en')} | ${name} | ${fixed(median, 2)} (${fixed(min, 2)}–${fixed(max, 2)}) `
      + `| ${fixed((median / lstmSteps(row.variant)) * 1000, 2)} | ×${fixed(median / lstmMedianSeconds(keras), 2)} `
      + `| ${fixed(stats(row.runs.map((run) => run.valAcc)).median, 4)} | ${fixed(stats(row.runs.map((run) => run.peakRssMb)).median, 0)} |`);
  }
  return lines.join('\n');
}

export function lstmProfileTable(profile: ProfiledLstmStep[]): string {
  const lines = ['| step (batch 64, 20 × 2, LSTM(32), attention after, one vector) | tfjs kernels | ours, tfjs-node (µs) |', '| --- | --- | --- |'];
  for (const step of profile) {
    const rawOps = step.rawOps === 0 ? '' : ` + ${step.rawOps} raw`;
    lines.push(`| ${step.name} | ${step.kernels}${rawOps} | ${fixed(step.microsecondsPerStep, 0)} |`);
  }
  return lines.join('\n');
}
