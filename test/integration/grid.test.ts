/**
 * `attention-lab grid` on the local pool, with the real tslab kernel through nbclient: a grid of
 * six runs with one failing on purpose, --resume re-running only what is not done, and signals
 * mid-grid that must keep every finished run and leave no process behind.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { killGroups, livingMembers, recordGroups, waitUntil } from '../helpers/processes';
import { exportNotebook, svgImages } from '../helpers/notebook-export';
import { killRunningGrids, readTable, RunningGrid, startGrid } from '../helpers/grid';

let workDir: string;
let outDir: string;
let groups: Set<number>;
beforeEach(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-grid-'));
  outDir = path.join(workDir, 'out');
  groups = new Set();
});
afterEach(() => {
  killRunningGrids();
  killGroups(groups);
  fs.rmSync(workDir, { recursive: true, force: true });
});

async function finish(grid: RunningGrid): Promise<number | null> {
  const status = await grid.exited;
  assert.deepEqual(livingMembers(groups), [], 'processes left running');
  return status;
}

const resultsMtimes = () => Object.fromEntries(fs.readdirSync(outDir).filter((f) => f.startsWith('width='))
  .map((folder) => [folder, fs.statSync(path.join(outDir, folder, 'grid.results.json')).mtimeMs]));

test('six runs on two lanes: one fails and is recorded, the others finish; --resume runs only what is not done', async () => {
  const grid = startGrid(['-p', 'width=0..5', '-p', 'seed=7', '--jobs', '2', '--out', outDir], workDir);
  const timer = setInterval(() => recordGroups(grid.child.pid!, groups), 200);
  const status = await finish(grid).finally(() => clearInterval(timer));
  const output = grid.output();
  assert.equal(status, 1, output);
  assert.match(output, /^Grid of 6 runs of test\/fixtures\/grid\.ipynb: 6 to run, 2 at once on this machine; table: /);
  assert.match(output, /\n {2}width=0,seed=7: failed in \d+ s: RangeError: width must be positive, got 0 \(from -p width=0\) in code cell 2 of 3 of test\/fixtures\/grid\.ipynb/);
  assert.match(output, /\ngrid: 5 done, 1 failed, 0 running, 0 left\n/);
  assert.match(output, /about \d+ (s|min)/, 'no estimate of the time left');
  assert.doesNotMatch(output, /\r/, 'a carriage return in a log');
  assert.match(output, /\n5 of 6 runs done, 1 failed, in .*; table: .*runs\.csv\n {2}failed: width=0,seed=7: /);

  const rows = readTable(outDir);
  assert.deepEqual(rows.map((r) => [r.run, r.width, r.seed, r.status]),
    [0, 1, 2, 3, 4, 5].map((w) => [`width=${w},seed=7`, w, 7, w === 0 ? 'failed' : 'done']));
  assert.equal(rows[0].failed_cell, 'code cell 2 of 3');
  assert.match(String(rows[0].message), /RangeError: width must be positive, got 0/);
  for (const r of rows.slice(1)) {
    assert.equal(r.score, 7 * Number(r.width));
    assert.equal(r['attention.argmax'], 7 % Number(r.width));
    const folder = path.join(outDir, String(r.run));
    assert.deepEqual(fs.readdirSync(folder).sort(), ['grid.html', 'grid.ipynb', 'grid.results.json']);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(folder, 'grid.results.json'), 'utf8')).parameters, { seed: 7, width: r.width, pause_ms: 0 });
  }
  const csv = fs.readFileSync(path.join(outDir, 'runs.csv'), 'utf8').trim().split('\n');
  assert.equal(csv.length, 7);
  assert.match(csv[0], /^run,width,seed,status,seconds,failed_cell,message,worker,notebook_digest,attention\.argmax,label,score$/);
  assert.ok(!fs.existsSync(path.join(outDir, 'width=0,seed=7')), 'the failed run left a folder');
  assert.deepEqual(fs.readdirSync(workDir), ['out'], 'a staging folder is left');

  // The study that reads a grid's table: score against width over the five finished runs.
  const summary = exportNotebook(path.join(workDir, 'summary'), 'notebooks/grid_summary.ipynb',
    [`table=${path.join(outDir, 'runs.csv')}`, 'x=width', 'y=score']);
  assert.equal(svgImages(summary.html), 1, 'the chart of score against width');
  assert.match(summary.html, /score against width/);
  assert.match(summary.html, /5 finished runs/);
  assert.match(summary.html, /width must be positive, got 0/, 'the failed run is not listed');
  fs.rmSync(path.join(workDir, 'summary'), { recursive: true });

  // The five done runs are skipped; only the failed one runs again (and fails again).
  const before = resultsMtimes();
  const again = startGrid(['-p', 'width=0..5', '-p', 'seed=7', '--resume', '--out', outDir], workDir);
  assert.equal(await finish(again), 1, again.output());
  assert.match(again.output(), /^Grid of 6 runs of .*, 5 done already \(--resume\): 1 to run/);
  assert.equal(again.output().match(/: started\n/g)?.length, 1, again.output());
  assert.deepEqual(resultsMtimes(), before, 'a finished run was run again');
  assert.deepEqual(readTable(outDir).map((r) => r.status), ['failed', 'done', 'done', 'done', 'done', 'done']);
  assert.deepEqual(readTable(outDir).slice(1).map((r) => r.seconds), rows.slice(1).map((r) => r.seconds), 'a skipped run lost its time');

  // A grid whose every run is done re-runs nothing, and says so with status 0.
  const nothing = startGrid(['-p', 'width=1..5', '-p', 'seed=7', '--resume', '--out', outDir], workDir);
  assert.equal(await finish(nothing), 0, nothing.output());
  assert.match(nothing.output(), /5 done already \(--resume\): 0 to run/);
  assert.doesNotMatch(nothing.output(), /started/);
  assert.deepEqual(resultsMtimes(), before);
  assert.deepEqual(readTable(outDir).map((r) => [r.run, r.status, r.score]), [1, 2, 3, 4, 5].map((w) => [`width=${w},seed=7`, 'done', 7 * w]));
});

/** Two quick runs finish, then both lanes hold a run that sleeps for ten minutes; then `signal`. */
async function signalMidGrid(signal: NodeJS.Signals): Promise<void> {
  const grid = startGrid(['-p', 'width=1..3', '-p', 'pause_ms=0,600000', '--jobs', '2', '--out', outDir], workDir);
  await waitUntil(() => recordGroups(grid.child.pid!, groups)
    && readTable(outDir).filter((r) => r.status === 'done').length === 2
    && readTable(outDir).filter((r) => r.status === 'running').length === 2, 600_000, 'two runs are done and two running');
  // The running kernels must be seen before the signal, to check afterwards that they are gone.
  await waitUntil(() => recordGroups(grid.child.pid!, groups) && new Set(livingMembers(groups).map((p) => p.pgid)).size >= 6, 60_000,
    'both running exports have their Python and kernel');
  grid.child.kill(signal);
  const status = await Promise.race([grid.exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 60_000).unref())]);
  assert.notEqual(status, 'hung', `the grid was still running a minute after ${signal}:\n${grid.output()}`);
  assert.equal(status, 128 + os.constants.signals[signal], grid.output());
  assert.match(grid.output(), new RegExp(`attention-lab: interrupted \\(${signal}\\): 2 of 6 runs done, 0 failed, .*the finished runs are kept, --resume runs the rest\\n$`));
  assert.deepEqual(livingMembers(groups), [], 'processes left running');
  assert.deepEqual(readTable(outDir).map((r) => r.status), ['done', 'interrupted', 'done', 'interrupted', 'pending', 'pending']);
  for (const folder of ['width=1,pause_ms=0', 'width=2,pause_ms=0']) {
    assert.deepEqual(fs.readdirSync(path.join(outDir, folder)).sort(), ['grid.html', 'grid.ipynb', 'grid.results.json']);
  }
  assert.deepEqual(fs.readdirSync(outDir).sort(), ['runs.csv', 'runs.jsonl', 'width=1,pause_ms=0', 'width=2,pause_ms=0']);
  assert.deepEqual(fs.readdirSync(workDir), ['out'], 'a staging folder is left');
}

test('SIGTERM mid-grid stops every kernel, keeps the finished runs and records the rest', () => signalMidGrid('SIGTERM'));

test('SIGHUP (the terminal closed) mid-grid does the same', () => signalMidGrid('SIGHUP'));
