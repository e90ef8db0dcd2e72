/**
 * `attention-lab export --jobs N`: notebooks running at once on real tslab kernels under real
 * nbclient give what one after another gives; a failing cell or a signal stops all of them, leaving
 * no process, no staging folder and nothing in --out behind.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { projectRoot } from '../../runner/paths';
import { cliPath, exitWithin, runCli, startCli, testFolders } from '../helpers/cli-run';
import { killGroups, livingMembers, recordGroups, waitUntil } from '../helpers/processes';

const parametersNotebook = 'test/fixtures/parameters.ipynb';
const progressNotebook = 'test/fixtures/progress.ipynb';
const failingNotebook = 'test/fixtures/failing.ipynb';
/** Waits ten minutes in its last cell unless -p pause_ms says otherwise. */
const waitsNotebook = 'test/fixtures/waits.ipynb';

const folders = testFolders();
/** Every process group seen below the CLI, killed after each test in case the CLI left any. */
let groups: Set<number>;
beforeEach(() => {
  groups = new Set();
});
afterEach(() => killGroups(groups));

function assertNothingLeft(): void {
  assert.deepEqual(livingMembers(groups), [], 'processes left running');
  assert.deepEqual(fs.readdirSync(folders.workDir), ['out'], 'a staging folder or a connection file is left');
  assert.deepEqual(fs.readdirSync(folders.outDir), [], 'something was published');
}

test('two notebooks on --jobs 2 are written as with --jobs 1, the same results, each log line named by its notebook', () => {
  const outputs = (jobs: string) => {
    const outDir = path.join(folders.workDir, `jobs${jobs}`);
    const run = runCli(folders.workDir, ['export', parametersNotebook, progressNotebook, '--jobs', jobs, '--out', outDir]);
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    const files = fs.readdirSync(outDir).sort();
    // The fixtures publish no timings, so the results must match whole.
    const results = files.filter((f) => f.endsWith('.results.json')).map((f) => JSON.parse(fs.readFileSync(path.join(outDir, f), 'utf8')));
    return { files, results, log: run.stdout };
  };
  const one = outputs('1');
  const two = outputs('2');
  assert.deepEqual(two.files, one.files);
  assert.equal(two.files.length, 6);
  assert.deepEqual(two.results, one.results);

  assert.doesNotMatch(one.log, /^\[/m, 'one at a time, lines need no name');
  const lines = two.log.split('\n').filter((line) => line !== '');
  const ofNotebook = (name: string) => lines.filter((line) => line.startsWith(`[${name}] `)).map((line) => line.slice(name.length + 3));
  const unnamed = lines.filter((line) => !/^\[(parameters|progress)\] /.test(line));
  assert.deepEqual(unnamed, ['Wrote 6 files:', ...unnamed.slice(1).filter((line) => line.startsWith('  '))],
    'a line of no notebook besides the list of files written');
  assert.equal(unnamed.length, 7);
  assert.match(ofNotebook('progress').join('\n'),
    /^Executing test\/fixtures\/progress\.ipynb\n {2}kernel ready\n {2}code cell 1 of 2: const steps = 3;\n {2}code cell 2 of 2: import \* as tslab from 'tslab';\n {4}step 1\/3\n {4}step 3\/3\n {2}done in \d+\.\d s$/);
  assert.match(ofNotebook('parameters').join('\n'), /^Executing test\/fixtures\/parameters\.ipynb\n {2}kernel ready\n(?: {2}code cell \d of 3: .*\n){3} {2}done in \d+\.\d s$/);
});

test('on --jobs 2 the notebook that took longest in the export that last wrote --out starts first, else the first named', () => {
  const firstStarted = () => {
    const run = runCli(folders.workDir, ['export', parametersNotebook, progressNotebook, '--jobs', '2', '--out', folders.outDir]);
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    return /^\[(\w+)\] Executing/m.exec(run.stdout)?.[1];
  };
  assert.equal(firstStarted(), 'parameters');
  // As if the smaller notebook's cells had run for a minute last time.
  const earlier = path.join(folders.outDir, 'progress.ipynb');
  const notebook = JSON.parse(fs.readFileSync(earlier, 'utf8'));
  for (const cell of notebook.cells) delete cell.metadata.execution;
  notebook.cells.at(-1).metadata.execution = { 'iopub.status.busy': '2026-01-01T00:00:00.000Z', 'iopub.status.idle': '2026-01-01T00:01:00.000Z' };
  fs.writeFileSync(earlier, JSON.stringify(notebook));
  assert.equal(firstStarted(), 'progress');
});

test('a failing notebook beside a waiting one on --jobs 2: the failure is named, the other one stopped, nothing written', async () => {
  const run = startCli(folders.workDir, ['export', waitsNotebook, failingNotebook, '--jobs', '2', '--out', folders.outDir]);
  // Recorded all along: the failing notebook may end before the waiting one has its kernel.
  const recording = setInterval(() => recordGroups(run.child.pid!, groups), 50);
  const status = await exitWithin(run, 60_000).finally(() => clearInterval(recording));
  assert.equal(status, 1, run.output());
  assert.match(run.output(), /\nattention-lab: Error: deliberate failure\n {2}in code cell 2 of 3 of test\/fixtures\/failing\.ipynb, which begins: const reason: string = 'deliberate failure';\n$/);
  assert.ok(groups.size >= 2, `expected Pythons' and kernels' process groups, saw ${[...groups].join(', ')}`);
  await waitUntil(() => livingMembers(groups).length === 0, 5_000, 'every Python and kernel is gone');
  assertNothingLeft();
});

describe('a signal during an export on --jobs 2 stops both notebooks, their Pythons and kernels', () => {
  const signalled = async (signal: NodeJS.Signals, status: number) => {
    const run = startCli(folders.workDir, ['export', progressNotebook, waitsNotebook, '-p', 'pause_ms=600000', '--jobs', '2',
      '--out', folders.outDir]);
    await waitUntil(() => recordGroups(run.child.pid!, groups) && run.output().includes('step 1/3') && run.output().includes('waiting'),
      90_000, 'both notebooks are in their waiting cells');
    assert.ok(groups.size >= 4, `expected two Pythons' and two kernels' process groups, saw ${[...groups].join(', ')}`);
    run.child.kill(signal);
    assert.equal(await exitWithin(run, 30_000), status, run.output());
    assert.match(run.output(), new RegExp(`\\nattention-lab: interrupted \\(${signal}\\) while executing test/fixtures/(progress|waits)\\.ipynb\\n$`));
    assertNothingLeft();
  };
  test('SIGINT (Ctrl-C): status 130', () => signalled('SIGINT', 130));
  test('SIGHUP (the terminal closed): status 129', () => signalled('SIGHUP', 129));
  test('SIGTERM: status 143', () => signalled('SIGTERM', 143));
});

test('in a terminal, notebooks at once share one status line that names each', () => {
  // script(1) gives the CLI a real terminal.
  const command = [cliPath, 'export', progressNotebook, waitsNotebook, '-p', 'pause_ms=500', '--jobs', '2', '--out', folders.outDir]
    .map((arg) => `'${arg}'`).join(' ');
  const run = spawnSync('script', ['-qefc', `'${process.execPath}' ${command}`, '/dev/null'],
    { cwd: projectRoot, encoding: 'utf8', timeout: 120_000, env: { ...process.env, TMPDIR: folders.workDir } });
  assert.equal(run.status, 0, run.stdout);
  assert.match(run.stdout, /\r\x1b\[K {2}(progress|waits): [^\r]* \| (progress|waits): /, 'no status line with both notebooks');
  assert.match(run.stdout, /progress: code cell 2 of 2 · step 1\/3/);
  assert.match(run.stdout, /\[progress\] {3}done in \d+\.\d s\r?\n/);
  assert.match(run.stdout, /\[waits\] {3}done in \d+\.\d s\r?\n/);
  assert.doesNotMatch(run.stdout, /code cell 2 of 2: import/, 'log lines in a terminal');
});

test('--jobs must be an integer from 1 to 64: anything else is a usage error before any notebook runs', () => {
  for (const jobs of ['0', 'x', '65', '1.5', '']) {
    const run = runCli(folders.workDir, ['export', parametersNotebook, '--jobs', jobs, '--out', folders.outDir]);
    assert.equal(run.status, 2, `--jobs "${jobs}": ${run.stderr}`);
    assert.equal(run.stderr, `attention-lab: --jobs expects an integer from 1 to 64, got "${jobs}"\nRun "attention-lab export --help" for usage.\n`);
    assert.equal(run.stdout, '');
  }
  const attached = runCli(folders.workDir, ['export', parametersNotebook, '-j0', '--out', folders.outDir]);
  assert.match(attached.stderr, /--jobs expects an integer from 1 to 64, got "0"/);
  assert.deepEqual(fs.readdirSync(folders.outDir), []);
});
