/**
 * The sweep part of `npm run bench`: K dense trainings with the notebook's settings, stacked by
 * sweep() (K = 1, 4, 12, 16, each in a fresh process), against the same runs one train() after another.
 */
import * as path from 'node:path';
import { projectRoot } from '../src/toolchain/paths';
import { measure } from './measure';

export const sweepSizes = [1, 4, 12, 16];

export interface SweepRow { k: number; stackedSeconds: number; route: string; singleSeconds: number }

interface SweepReport { seconds: number; runSeconds: number[]; route: string }

export async function measureSweeps(log: (line: string) => void, sizes = sweepSizes): Promise<SweepRow[]> {
  const worker = path.join(projectRoot, 'build', 'bench', 'node_sweep.js');
  const largest = Math.max(...sizes);
  log(`sweep: ${largest} runs one at a time`);
  const { report: single } = await measure<SweepReport>(process.execPath, [worker, 'single', String(largest)]);
  const rows: SweepRow[] = [];
  for (const k of sizes) {
    log(`sweep: ${k} runs stacked`);
    const { report } = await measure<SweepReport>(process.execPath, [worker, 'stacked', String(k)]);
    // The first k of the one-at-a-time runs are the same (column, seed) pairs.
    rows.push({ k, stackedSeconds: report.seconds, route: report.route, singleSeconds: single.runSeconds.slice(0, k).reduce((a, b) => a + b, 0) });
  }
  return rows;
}

export function sweepTable(rows: SweepRow[]): string {
  const one = rows.find((row) => row.k === 1)?.stackedSeconds ?? NaN;
  const lines = ['| K runs | sweep() (s) | route | × one training | the same K one after another (s) | speed-up |', '| --- | --- | --- | --- | --- | --- |'];
  for (const row of rows) {
    lines.push(`| ${row.k} | ${row.stackedSeconds.toFixed(2)} | ${row.route} | ×${(row.stackedSeconds / one).toFixed(2)} | `
      + `${row.singleSeconds.toFixed(2)} | ×${(row.singleSeconds / row.stackedSeconds).toFixed(1)} |`);
  }
  return lines.join('\n');
}
