/**
 * The grid's plan and table without a kernel: -p lists and ranges, their product, every run
 * checked before anything starts (the CLI refuses bad input naming the parameter and writes
 * nothing), folder names, the CSV that danfojs reads back, and what --resume counts as done.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import * as dfd from 'danfojs-node';
import { Writable } from 'node:stream';
import { UsageError } from '../../runner/cli/errors';
import { folderName, planGrid } from '../../runner/grid/plan';
import { gridProgress, timeLeft } from '../../runner/grid/progress';
import { finishedRuns } from '../../runner/grid/resume';
import { RunRow, scalarFigures, writeTable } from '../../runner/grid/table';
import { combinations, expandValues } from '../../runner/grid/values';
import { projectRoot } from '../../runner/paths';

const fixture = path.join(projectRoot, 'test', 'fixtures', 'grid.ipynb');
let workDir: string;
beforeEach(() => { workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-grid-plan-')); });
afterEach(() => fs.rmSync(workDir, { recursive: true, force: true }));

test('VALUES: a list, an inclusive integer range, one value; bad ones name the parameter', () => {
  assert.deepEqual(expandValues('width', '4,8,16'), ['4', '8', '16']);
  assert.deepEqual(expandValues('seed', '-1..2'), ['-1', '0', '1', '2']);
  assert.deepEqual(expandValues('label', 'dense'), ['dense']);
  assert.throws(() => expandValues('seed', '5..1'), /-p seed=5\.\.1: a range runs upward.*1\.\.5/);
  assert.throws(() => expandValues('noise', '0.1..0.5'), /-p noise=0\.1\.\.0\.5: a range START\.\.END takes integers/);
  assert.throws(() => expandValues('width', '4,,8'), /-p width=4,,8: an empty value/);
  assert.throws(() => expandValues('seed', '1..20000'), /-p seed=1\.\.20000 has 20000 values; at most 10000/);
  assert.deepEqual(combinations(new Map([['a', ['1', '2']], ['b', ['x', 'y', 'z']]])).map((c) => [...c.values()].join('')),
    ['1x', '1y', '1z', '2x', '2y', '2z']);
});

test('the plan: the product of the values, each run resolved and named by its values', () => {
  const plan = planGrid(fixture, 'grid.ipynb', new Map([['seed', '1..3'], ['width', '2,4']]));
  assert.equal(plan.runs.length, 6);
  assert.deepEqual(plan.runs.map((r) => r.folder), ['seed=1,width=2', 'seed=1,width=4', 'seed=2,width=2',
    'seed=2,width=4', 'seed=3,width=2', 'seed=3,width=4']);
  assert.deepEqual(plan.runs[3].parameters, { seed: 2, width: 4, pause_ms: 0 });
  assert.deepEqual(plan.runs[3].values, { seed: 2, width: 4 });
  assert.throws(() => planGrid(fixture, 'grid.ipynb', new Map([['width', '2,abc']])),
    (error: Error) => error instanceof UsageError && /parameter "width" of notebook "grid" expects a finite number, got "abc"/.test(error.message));
  assert.throws(() => planGrid(fixture, 'grid.ipynb', new Map([['width', '2,2.0']])), /-p values width=2 and width=2\.0 are the same run/);
  assert.throws(() => planGrid(fixture, 'grid.ipynb', new Map([['a', '1..200'], ['b', '1..200']])), /make 40000 runs \(a: 200 × b: 200\); at most 10000/);
  assert.equal(folderName({ label: 'a/b c' }).replace(/~[0-9a-f]{8}$/, '~hash'), 'label=a_b_c~hash');
  assert.notEqual(folderName({ label: 'a/b' }), folderName({ label: 'a_b' }));
});

function row(run: string, values: Record<string, number>, figures: Record<string, unknown>, status: RunRow['status'] = 'done'): RunRow {
  return { run, values, status, seconds: 1.234, notebookDigest: 'abc', worker: 'local', figures: scalarFigures(figures) };
}

test('the table: scalars of results.json by dotted path, a CSV that danfojs reads back', async () => {
  assert.deepEqual(scalarFigures({ notebook: 'x', parameters: { seed: 1 }, score: 3, attention: { argmax: 1, mean: [0.5] }, ok: true }),
    { score: 3, 'attention.argmax': 1, ok: true });
  writeTable(workDir, ['seed'], [
    row('seed=1', { seed: 1 }, { score: 2, label: 'a, "quoted"', status: 'clash' }),
    { ...row('seed=2', { seed: 2 }, {}, 'failed'), failedCell: 'code cell 2 of 3', message: 'RangeError: width, "0"' },
  ]);
  assert.deepEqual(fs.readdirSync(workDir).sort(), ['runs.csv', 'runs.jsonl'], 'a temporary file is left');
  const lines = fs.readFileSync(path.join(workDir, 'runs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines[0], { run: 'seed=1', seed: 1, status: 'done', seconds: 1.23, failed_cell: null, message: null,
    worker: 'local', notebook_digest: 'abc', score: 2, label: 'a, "quoted"', 'results.status': 'clash' });
  const frame = await dfd.readCSV(path.join(workDir, 'runs.csv'));
  assert.deepEqual(frame.columns, Object.keys(lines[0]));
  assert.deepEqual(frame.column('label').values[0], 'a, "quoted"');
  assert.deepEqual(frame.column('message').values[1], 'RangeError: width, "0"');
  assert.deepEqual(frame.column('score').values[0], 2);
});

test('--resume counts a run done only with its results.json for the same parameters and notebook', () => {
  const plan = planGrid(fixture, 'grid.ipynb', new Map([['seed', '1..3']]));
  const results = (parameters: object) => JSON.stringify({ notebook: 'grid', parameters, score: 4 });
  const write = (folder: string, text: string) => {
    fs.mkdirSync(path.join(workDir, folder));
    fs.writeFileSync(path.join(workDir, folder, 'grid.results.json'), text);
  };
  write('seed=1', results({ seed: 1, width: 4, pause_ms: 0 }));
  write('seed=2', results({ seed: 2, width: 8, pause_ms: 0 }));
  write('seed=3', results({ seed: 3, width: 4, pause_ms: 0 }));
  const table = (digest: string) => writeTable(workDir, ['seed'], plan.runs.map((run) => ({ ...row(run.folder, run.values as Record<string, number>, {}), notebookDigest: digest })));
  table(plan.digest);
  assert.deepEqual([...finishedRuns(plan, workDir).keys()], ['seed=1', 'seed=3']);
  assert.equal(finishedRuns(plan, workDir).get('seed=3')?.row.seconds, 1.23);
  table('another notebook');
  assert.deepEqual([...finishedRuns(plan, workDir).keys()], []);
});

function cli(...args: string[]) {
  return spawnSync(process.execPath, [path.join(projectRoot, 'bin', 'attention-lab.js'), ...args],
    { cwd: projectRoot, encoding: 'utf8', timeout: 60_000, env: { ...process.env, TMPDIR: workDir } });
}

test('bad grid input is refused before anything runs, naming the parameter and its allowed range', () => {
  const out = path.join(workDir, 'out');
  const cases: [string[], RegExp][] = [
    [['-p', 'seed=1..3', '-p', 'colour=red'], /notebook "grid" has no parameter "colour"; its parameters are: seed, width, pause_ms/],
    [['-p', 'width=4,x'], /parameter "width" of notebook "grid" expects a finite number, got "x"/],
    [['-p', 'seed=3..1'], /-p seed=3\.\.1: a range runs upward/],
    [['-p', 'seed=1..3', '--jobs', '0'], /--jobs expects an integer from 1 to 64, got "0"/],
    [['-p', 'seed=1..3', '--scheduler', 'localhost:8786'], /--scheduler expects tcp:\/\/HOST:PORT with a port from 1 to 65535/],
    [['-p', 'seed=1..3', '--scheduler', 'tcp://127.0.0.1:8786', '--jobs', '2'], /--jobs is for the local pool/],
  ];
  for (const [args, message] of cases) {
    const run = cli('grid', 'test/fixtures/grid.ipynb', ...args, '--out', out);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, message);
    assert.ok(!fs.existsSync(out), `${args.join(' ')} wrote ${out}`);
  }
  assert.match(cli('grid', '-p', 'seed=1', '--out', out).stderr, /grid runs one notebook, none was named/);
  assert.match(cli('grid', 'test/fixtures/grid.ipynb', '-p', 'seed=1').stderr, /grid needs --out DIR/);
  assert.deepEqual(fs.readdirSync(workDir), [], 'something was written');
});

function captured(isTTY: boolean) {
  let text = '';
  const out = Object.assign(new Writable({ write(chunk, _encoding, done) { text += String(chunk); done(); } }), { isTTY, columns: 40 });
  return { out, text: () => text };
}

test('progress: done / failed / running / left with the time left, one line in a terminal, plain lines in a log', () => {
  const counts = { done: 2, failed: 1, running: 2, left: 3 };
  // 3 runs finished in 60 s: the 5 not finished take about 100 s more.
  assert.equal(timeLeft(counts, 3, 60), ' · about 1 min 40 s left');
  assert.equal(timeLeft(counts, 0, 60), ' · time left: estimating after the first run');
  assert.equal(timeLeft({ ...counts, running: 0, left: 0 }, 3, 60), '');
  const log = captured(false);
  gridProgress(() => ' · soon', log.out).say('  seed=1: done in 3 s', counts);
  assert.equal(log.text(), '  seed=1: done in 3 s\ngrid: 2 done, 1 failed, 2 running, 3 left · soon\n');
  const terminal = captured(true);
  const progress = gridProgress(() => ' · soon', terminal.out);
  progress.say('  seed=1: done in 3 s', counts);
  progress.end();
  // The status line is cut to the terminal's width and cleared at the end; the run's line stays.
  assert.equal(terminal.text(), '\r\x1b[K  seed=1: done in 3 s\ngrid: 2 done, 1 failed, 2 running, 3 l…\r\x1b[K');
});
