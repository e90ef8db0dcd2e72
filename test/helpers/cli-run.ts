/**
 * Running the real `attention-lab` CLI in a fresh temporary folder per test. The folder is also the
 * CLI's TMPDIR, so a staging folder left behind shows; `out/` inside it is the export's --out.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach } from 'node:test';
import { projectRoot } from '../../runner/paths';

export const cliPath = path.join(projectRoot, 'bin', 'attention-lab.js');

export interface TestFolders {
  /** The test's own temporary folder (the CLI's TMPDIR). */
  workDir: string;
  /** workDir/out, created empty or holding only earlier.txt. */
  outDir: string;
}

/**
 * Registers a fresh pair of folders for each test of the file (read the fields inside a test).
 * With `earlierFile`, out/ holds `earlier.txt`, an earlier export's file that a failed run must leave alone.
 */
export function testFolders({ earlierFile = false } = {}): TestFolders {
  const folders: TestFolders = { workDir: '', outDir: '' };
  beforeEach(() => {
    folders.workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-test-'));
    folders.outDir = path.join(folders.workDir, 'out');
    fs.mkdirSync(folders.outDir);
    if (earlierFile) fs.writeFileSync(path.join(folders.outDir, 'earlier.txt'), 'kept');
  });
  afterEach(() => fs.rmSync(folders.workDir, { recursive: true, force: true }));
  return folders;
}

/** The CLI run to its end from the project's root, with `workDir` as its TMPDIR. */
export function runCli(workDir: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [cliPath, ...args],
    { cwd: projectRoot, encoding: 'utf8', timeout: 120_000, env: { ...process.env, TMPDIR: workDir, ...env } });
}

/** The CLI run in the background (for several at once); resolves with its status and all its output. */
export function runCliAsync(workDir: string, args: string[]): Promise<{ status: number | null; output: string }> {
  const child = spawn(process.execPath, [cliPath, ...args],
    { cwd: projectRoot, env: { ...process.env, TMPDIR: workDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) stream.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, output })));
}
