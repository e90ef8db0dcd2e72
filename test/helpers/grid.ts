/** Running `attention-lab grid` on test/fixtures/grid.ipynb and reading the table it writes. */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../../runner/paths';

export const gridFixture = 'test/fixtures/grid.ipynb';

export interface RunningGrid { child: ChildProcess; output: () => string; exited: Promise<number | null> }

/** Every grid started and not yet exited, so that a failed test can stop what it left. */
const running = new Set<ChildProcess>();

/** The CLI in its own process, its TMPDIR `tmpDir` (so that leftover staging folders show). */
export function startGrid(args: string[], tmpDir: string): RunningGrid {
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'attention-lab.js'), 'grid', gridFixture, ...args],
    { cwd: projectRoot, env: { ...process.env, TMPDIR: tmpDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
  running.add(child);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    running.delete(child);
    resolve(code);
  }));
  return { child, output: () => output, exited };
}

/** Kills the grids a failed test left running (their exports' groups are the test's to kill). */
export function killRunningGrids(): void {
  for (const child of running) child.kill('SIGKILL');
}

export type TableRow = Record<string, string | number | boolean | null>;

/** runs.jsonl, one record per run; empty while it does not exist. */
export function readTable(outDir: string): TableRow[] {
  const file = path.join(outDir, 'runs.jsonl');
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as TableRow);
}
