/**
 * `attention-lab grid --scheduler`: the test starts a Dask scheduler and two workers on 127.0.0.1
 * (the project's .venv, so the workers find this project), runs a grid of six runs through them,
 * one failing on purpose, and stops the cluster; nothing it started may outlive it.
 */
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { projectRoot, venvDir } from '../../runner/paths';
import { freePort } from '../helpers/ports';
import { killGroups, livingMembers, recordGroups, waitUntil } from '../helpers/processes';
import { killRunningGrids, readTable, startGrid } from '../helpers/grid';

let workDir: string;
let cluster: ChildProcess[] = [];
let clusterLog = '';
let scheduler: string;
/** Every process group of the CLI's and the cluster's, checked (and killed) at the end. */
const groups = new Set<number>();


function startDask(args: string[]): ChildProcess {
  // Each in a group of its own, so that stopping the cluster reaches every process it forked.
  const child = spawn(path.join(venvDir, 'bin', 'dask'), args, { cwd: workDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout!, child.stderr!]) stream.setEncoding('utf8').on('data', (chunk: string) => { clusterLog += chunk; });
  groups.add(child.pid!);
  cluster.push(child);
  return child;
}

before(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-grid-dask-'));
  const port = await freePort();
  scheduler = `tcp://127.0.0.1:${port}`;
  startDask(['scheduler', '--host', '127.0.0.1', '--port', String(port), '--no-dashboard']);
  await waitUntil(() => clusterLog.includes('Scheduler at:'), 60_000, 'the scheduler listens');
  for (const name of ['one', 'two']) {
    startDask(['worker', scheduler, '--name', name, '--nthreads', '1', '--host', '127.0.0.1', '--no-dashboard']);
  }
  await waitUntil(() => (clusterLog.match(/Registered to:/g) ?? []).length >= 2, 90_000, `both workers joined:\n${clusterLog}`);
});

after(async () => {
  killRunningGrids();
  for (const child of cluster) {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // gone already
    }
  }
  await Promise.all(cluster.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.on('exit', resolve)))));
  try {
    await waitUntil(() => livingMembers(groups).length === 0, 30_000, 'the cluster and every export are gone');
  } finally {
    killGroups(groups);
    cluster = [];
    fs.rmSync(workDir, { recursive: true, force: true });
  }
});

test('six runs through a scheduler and two workers: one fails and is recorded, the others come back into --out', async () => {
  const outDir = path.join(workDir, 'out');
  const grid = startGrid(['-p', 'seed=1,2', '-p', 'width=0,2,4', '--scheduler', scheduler, '--out', outDir], workDir);
  const timer = setInterval(() => {
    recordGroups(grid.child.pid!, groups);
    for (const child of cluster) recordGroups(child.pid!, groups);
  }, 200);
  const status = await grid.exited.finally(() => clearInterval(timer));
  const output = grid.output();
  assert.equal(status, 1, `${output}\n${clusterLog}`);
  assert.match(output, new RegExp(`^Grid of 6 runs of test/fixtures/grid\\.ipynb: 6 to run, the Dask cluster at ${scheduler}`));
  const rows = readTable(outDir);
  assert.deepEqual(rows.map((r) => [r.run, r.status]), [1, 2].flatMap((seed) => [0, 2, 4].map((width) =>
    [`seed=${seed},width=${width}`, width === 0 ? 'failed' : 'done'])));
  const workers = new Set(rows.map((r) => r.worker));
  assert.ok([...workers].every((w) => /^tcp:\/\/127\.0\.0\.1:\d+$/.test(String(w))), `workers: ${[...workers].join(', ')}`);
  assert.equal(workers.size, 2, 'the runs did not spread over both workers');
  for (const r of rows) {
    if (r.status === 'failed') {
      assert.equal(r.failed_cell, 'code cell 2 of 3');
      assert.match(String(r.message), /RangeError: width must be positive, got 0/);
      assert.ok(!fs.existsSync(path.join(outDir, String(r.run))));
      continue;
    }
    assert.equal(r.score, Number(r.seed) * Number(r.width));
    const folder = path.join(outDir, String(r.run));
    assert.deepEqual(fs.readdirSync(folder).sort(), ['grid.html', 'grid.ipynb', 'grid.results.json']);
    assert.ok(!fs.readFileSync(path.join(folder, 'grid.html'), 'utf8').includes(projectRoot), 'an absolute path in the page');
  }
  assert.match(output, /\n4 of 6 runs done, 2 failed, in /);
  assert.deepEqual(fs.readdirSync(outDir).filter((f) => f.startsWith('.')), [], 'a staging folder is left in --out');
  await waitUntil(() => livingMembers([...groups].filter((g) => !cluster.some((c) => c.pid === g))).length === 0, 30_000,
    'no export or kernel outlives its task');
});

test('Ctrl-C mid-grid stops the exports on the workers and leaves the waiting run pending; the workers stay up', async () => {
  const outDir = path.join(workDir, 'interrupted');
  const grid = startGrid(['-p', 'width=1..3', '-p', 'pause_ms=600000', '--scheduler', scheduler, '--out', outDir], workDir);
  const exportGroups = () => [...groups].filter((g) => !cluster.some((c) => c.pid === g));
  const record = () => {
    recordGroups(grid.child.pid!, groups);
    for (const child of cluster) recordGroups(child.pid!, groups);
    return true;
  };
  await waitUntil(() => record() && readTable(outDir).filter((r) => r.status === 'running').length === 2
    && new Set(livingMembers(exportGroups()).map((p) => p.pgid)).size >= 6, 240_000, 'both workers run an export with its kernel');
  grid.child.kill('SIGINT');
  const status = await Promise.race([grid.exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 60_000).unref())]);
  assert.notEqual(status, 'hung', `the grid was still running a minute after SIGINT:\n${grid.output()}`);
  assert.equal(status, 130, grid.output());
  assert.match(grid.output(), /attention-lab: interrupted \(SIGINT\): 0 of 3 runs done/);
  assert.deepEqual(readTable(outDir).map((r) => r.status).sort(), ['interrupted', 'interrupted', 'pending']);
  await waitUntil(() => livingMembers(exportGroups()).length === 0, 30_000, 'the exports and their kernels are gone');
  assert.ok(cluster.every((child) => child.exitCode === null), 'a worker or the scheduler stopped');
  assert.deepEqual(fs.readdirSync(outDir).sort(), ['runs.csv', 'runs.jsonl']);
});
