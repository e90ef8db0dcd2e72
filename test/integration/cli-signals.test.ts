/**
 * Signals during `attention-lab export` and `attention-lab lab`, sent to real child processes: the
 * CLI must end (with a message and a non-zero status for an export), leave no process of its
 * process groups or its kernel's running, no staging folder and no Jupyter server file behind.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { exitWithin, RunningCli, startCli, testFolders } from '../helpers/cli-run';
import { freePort } from '../helpers/ports';
import { descendants, killGroups, livingMembers, recordGroups, waitUntil } from '../helpers/processes';

/** Every process group seen below the CLI, killed after each test in case the CLI left any. */
let groups: Set<number>;

beforeEach(() => {
  groups = new Set();
});
afterEach(() => killGroups(groups));
const folders = testFolders();

/** An export whose kernel is busy in a cell that sleeps for ten minutes. */
async function exportInMidRun(): Promise<RunningCli> {
  const run = startCli(folders.workDir, ['export', 'test/fixtures/progress.ipynb', '-p', 'pause_ms=600000', '--out', folders.outDir]);
  // Groups are recorded while waiting too, so that a timed-out test still cleans up after itself.
  await waitUntil(() => recordGroups(run.child.pid!, groups) && run.output().includes('step 1/3'), 90_000,
    'the notebook reports its first step');
  assert.ok(groups.size >= 2, `expected Python's and the kernel's process groups, saw ${[...groups].join(', ')}`);
  return run;
}

test('SIGHUP (the terminal closed) during export ends the CLI, its kernel and its staging folder', async () => {
  const run = await exportInMidRun();
  run.child.kill('SIGHUP');
  const status = await exitWithin(run, 30_000);
  assert.equal(status, 129, run.output());
  assert.match(run.output(), /attention-lab: interrupted \(SIGHUP\) while executing test\/fixtures\/progress\.ipynb\n$/);
  assert.deepEqual(livingMembers(groups), [], 'processes left running');
  assert.deepEqual(fs.readdirSync(folders.workDir), ['out'], 'a staging folder is left');
  assert.deepEqual(fs.readdirSync(folders.outDir), []);
});

test('SIGKILL of the CLI during export: Python stops its kernel and removes the staging folder', async () => {
  const run = await exportInMidRun();
  run.child.kill('SIGKILL');
  await run.exited;
  await waitUntil(() => livingMembers(groups).length === 0, 15_000, 'Python and the kernel are gone');
  await waitUntil(() => fs.readdirSync(folders.workDir).length === 1, 5_000, 'the staging folder is removed');
  assert.deepEqual(fs.readdirSync(folders.outDir), []);
});

test('Python killed under the CLI: the CLI stops the kernel it left and says so in one line', async () => {
  const run = await exportInMidRun();
  const python = descendants(run.child.pid!).find((p) => p.ppid === run.child.pid)!;
  process.kill(python.pid, 'SIGKILL');
  const status = await exitWithin(run, 30_000);
  assert.equal(status, 1, run.output());
  assert.match(run.output(), /\nattention-lab: test\/fixtures\/progress\.ipynb: Jupyter's Python was killed \(SIGKILL\) while running code cell 2 of 2; its kernel was stopped and nothing was written\n$/);
  assert.deepEqual(livingMembers(groups), [], 'processes left running');
  assert.deepEqual(fs.readdirSync(folders.workDir), ['out'], 'a staging folder or the kernel\'s connection file is left');
});

test('SIGHUP to `lab` shuts JupyterLab down with its kernels and removes its server file', async () => {
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  const runtimeDir = path.join(folders.workDir, 'runtime');
  const run = startCli(folders.workDir, ['lab', `--ServerApp.port=${port}`, '--ServerApp.port_retries=0',
    `--IdentityProvider.token=${token}`], { JUPYTER_RUNTIME_DIR: runtimeDir, JUPYTER_PLATFORM_DIRS: '1' });
  const api = (route: string, init: RequestInit = {}) => fetch(`http://127.0.0.1:${port}${route}`,
    { ...init, headers: { Authorization: `token ${token}` } });
  const deadline = Date.now() + 90_000;
  while (!(await api('/api/status').then((r) => r.ok, () => false))) {
    assert.ok(Date.now() < deadline, `JupyterLab did not start:\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const started = await api('/api/kernels', { method: 'POST', body: JSON.stringify({ name: 'tslab' }) });
  assert.equal(started.status, 201, await started.text());
  recordGroups(run.child.pid!, groups);
  assert.ok(groups.size >= 2, `expected the server's and the kernel's process groups, saw ${[...groups].join(', ')}`);
  assert.ok(fs.readdirSync(runtimeDir).some((f) => /^jpserver-\d+\.json$/.test(f)), 'no server file to check');

  run.child.kill('SIGHUP');
  await exitWithin(run, 30_000);
  assert.deepEqual(livingMembers(groups), [], 'processes left running');
  assert.deepEqual(fs.readdirSync(runtimeDir).filter((f) => f.startsWith('jpserver-')), [], 'a server file is left');
});
