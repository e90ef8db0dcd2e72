/**
 * The sweep part of `npm run bench`: K dense trainings with the notebook's settings, stacked by
 * sweep() (K = 1, 4, 12, 16, each in a fresh process, the sizes interleaved over rounds so that a
 * slow spell of the machine does not land on one K), against the same runs one train() after another.
 */
import * as path from 'node:path';
import { projectRoot } from '../runner/paths';
import { measure, stats } from './measure';

export const sweepSizes = [1, 4, 12, 16];
/** The goal of issue #13: a sweep of up to 16 trainings costs at most this many single trainings. */
export const sweepGoal = 2;

export interface SweepRow { k: number; stackedSeconds: number[]; route: string; singleSeconds: number }

interface SweepReport { seconds: number; runSeconds: number[]; route: string }

export async function measureSweeps(rounds: number, log: (line: string) => void, sizes = sweepSizes): Promise<SweepRow[]> {
  const worker = path.join(projectRoot, 'build', 'bench', 'node_sweep.js');
  const largest = Math.max(...sizes);
  log(`sweep: ${largest} runs one at a time`);
  const { report: single } = await measure<SweepReport>(process.execPath, [worker, 'single', String(largest)]);
  // The first k of the one-at-a-time runs are the same (column, seed) pairs.
  const rows: SweepRow[] = sizes.map((k) => ({ k, stackedSeconds: [], route: '', singleSeconds: single.runSeconds.slice(0, k).reduce((a, b) => a + b, 0) }));
  for (let round = 1; round <= rounds; round++) {
    for (const row of rows) {
      log(`sweep ${round}/${rounds}: ${row.k} runs stacked`);
      const { report } = await measure<SweepReport>(process.execPath, [worker, 'stacked', String(row.k)]);
      row.stackedSeconds.push(report.seconds);
      row.route = report.route;
    }
  }
  return rows;
}

/** The median seconds of a stacked sweep of k runs. */
export function sweepSeconds(rows: SweepRow[], k: number): number {
  const row = rows.find((candidate) => candidate.k === k);
  return row === undefined ? NaN : stats(row.stackedSeconds).median;
}

export function sweepTable(rows: SweepRow[]): string {
  const one = sweepSeconds(rows, 1);
  const lines = ['| K runs | sweep() (s): median (min–max) | route | × one training | the same K one after another (s) | speed-up |', '| --- | --- | --- | --- | --- | --- |'];
  for (const row of rows) {
    const { median, min, max } = stats(row.stackedSeconds);
    lines.push(`| ${row.k} | ${median.toFixed(2)} (${min.toFixed(2)}–${max.toFixed(2)}) | ${row.route} | ×${(median / one).toFixed(2)} | `
      + `${row.singleSeconds.toFixed(2)} | ×${(row.singleSeconds / median).toFixed(1)} |`);
  }
  return lines.join('\n');
}
