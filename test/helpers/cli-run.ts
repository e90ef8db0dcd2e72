/**
 * Running the real `attention-lab` CLI in a fresh temporary folder per test. The folder is also the
 * CLI's TMPDIR, so a staging folder left behind shows; `out/` inside it is the export's --out.
 */
import assert from 'node:assert/strict';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
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

export interface RunningCli { child: ChildProcess; output: () => string; exited: Promise<number | null> }

/** The CLI started in the background, to be signalled while it runs; stdout and stderr together in `output`. */
export function startCli(workDir: string, args: string[], env: NodeJS.ProcessEnv = {}): RunningCli {
  const child = spawn(process.execPath, [cliPath, ...args],
    { cwd: projectRoot, env: { ...process.env, TMPDIR: workDir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** The CLI's exit status, or a failed test (the CLI killed) if it is still running after `ms`. */
export async function exitWithin(run: RunningCli, ms: number): Promise<number | null> {
  const timeout = new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), ms).unref());
  const result = await Promise.race([run.exited, timeout]);
  if (result === 'hung') {
    run.child.kill('SIGKILL');
    assert.fail(`the CLI was still running ${ms / 1000} s after the signal:\n${run.output()}`);
  }
  return result;
}
