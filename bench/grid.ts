/**
 * The grid part of `npm run bench`: 8 small runs (test/fixtures/grid.ipynb, one kernel each) on the
 * local pool with 2 exports at once against 1 at a time: the pool's speed-up, and its overhead per
 * run (the grid's wall time beyond the time its exports took, from the table's `seconds`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot } from '../runner/paths';
import { run, stats } from './measure';

export const gridRuns = 8;
export const gridJobs = [1, 2];

export interface GridRow { jobs: number; seconds: number; exportSeconds: number[] }

export async function measureGrid(log: (line: string) => void): Promise<GridRow[]> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-bench-grid-'));
  try {
    const rows: GridRow[] = [];
    for (const jobs of gridJobs) {
      log(`grid: ${gridRuns} runs, --jobs ${jobs}`);
      const outDir = path.join(out, `jobs-${jobs}`);
      // The grid exits 0 only if every run is done (run() rejects otherwise).
      const finished = await run(process.execPath, [path.join(projectRoot, 'bin', 'attention-lab.js'), 'grid',
        path.join(projectRoot, 'test', 'fixtures', 'grid.ipynb'), '-p', `seed=1..${gridRuns}`, '--jobs', String(jobs), '--out', outDir]);
      const table = fs.readFileSync(path.join(outDir, 'runs.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { seconds: number });
      rows.push({ jobs, seconds: (finished.endedAtMs - finished.spawnedAtMs) / 1000, exportSeconds: table.map((r) => r.seconds) });
    }
    return rows;
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

export function gridTable(rows: GridRow[]): string {
  const serial = rows.find((row) => row.jobs === 1) as GridRow;
  const lines = [`| --jobs | ${gridRuns} runs, wall time (s) | per run (s) | one export, median (s) | speed-up | grid overhead per run (s) |`,
    '| --- | --- | --- | --- | --- | --- |'];
  for (const row of rows) {
    const medianExport = stats(row.exportSeconds).median;
    // With N at once, the exports' own time is shared by N lanes; what remains is the grid's.
    const overhead = (row.seconds - row.exportSeconds.reduce((a, b) => a + b, 0) / row.jobs) / gridRuns;
    lines.push(`| ${row.jobs} | ${row.seconds.toFixed(1)} | ${(row.seconds / gridRuns).toFixed(2)} | ${medianExport.toFixed(2)} | `
      + `×${(serial.seconds / row.seconds).toFixed(2)} | ${overhead.toFixed(2)} |`);
  }
  return lines.join('\n');
}
