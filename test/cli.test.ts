/**
 * How `attention-lab` fails: a clear message on stderr, a non-zero status, and an output folder
 * left exactly as it was. Each test gets its own temp folder, which is also the CLI's TMPDIR, so
 * the export's staging folder must be gone from it afterwards too.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';

const projectRoot = path.resolve(__dirname, '..', '..');
const parametersNotebook = 'test/fixtures/parameters.ipynb';
const failingNotebook = 'test/fixtures/failing.ipynb';

let workDir: string;
let outDir: string;

beforeEach(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-test-'));
  outDir = path.join(workDir, 'out');
  // An earlier export's file: a failed run must leave it alone and add nothing beside it.
  fs.mkdirSync(outDir);
  fs.writeFileSync(path.join(outDir, 'earlier.txt'), 'kept');
});
afterEach(() => fs.rmSync(workDir, { recursive: true, force: true }));

function cli(...args: string[]) {
  return spawnSync(process.execPath, [path.join(projectRoot, 'bin', 'attention-lab.js'), ...args],
    { cwd: projectRoot, encoding: 'utf8', timeout: 120_000, env: { ...process.env, TMPDIR: workDir } });
}

function assertNothingWritten(): void {
  assert.deepEqual(fs.readdirSync(outDir), ['earlier.txt']);
  assert.deepEqual(fs.readdirSync(workDir), ['out'], 'a staging folder is left');
}

test('an unknown parameter name is rejected with the notebook and its allowed names', () => {
  const run = cli('export', parametersNotebook, '-p', 'colour=red', '--out', outDir);
  assert.equal(run.status, 2);
  assert.match(run.stderr,
    /notebook "parameters" has no parameter "colour"; its parameters are: attention_column, label, quick/);
  assert.doesNotMatch(run.stdout, /Executing/);
  assertNothingWritten();
});

test('a value of the wrong type is rejected with the parameter, the expected type and the value', () => {
  const run = cli('export', parametersNotebook, '-p', 'attention_column=abc', '--out', outDir);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /parameter "attention_column" of notebook "parameters" expects a finite number, got "abc"/);
  assertNothingWritten();
});

test('parameters are checked for every notebook before any runs', () => {
  // parameters.ipynb accepts label, failing.ipynb has no parameters cell: nothing may execute.
  const run = cli('export', parametersNotebook, failingNotebook, '-p', 'label=lstm', '--out', outDir);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /notebook "failing" has no parameter "label"; it has no parameters/);
  assert.doesNotMatch(run.stdout, /Executing/);
  assertNothingWritten();
});

test('a missing notebook is named', () => {
  const run = cli('export', 'test/fixtures/no-such.ipynb', '--out', outDir);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /notebook not found: test\/fixtures\/no-such\.ipynb/);
  assertNothingWritten();
});

test('a failing cell stops the run, is named by number and message, and nothing is published', () => {
  // The first notebook runs through; its files must not be published either.
  const run = cli('export', parametersNotebook, failingNotebook, '--out', outDir);
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /Executing test\/fixtures\/parameters\.ipynb\n(?: {2}.*\n)* {2}done in/);
  assert.match(run.stdout, /Executing test\/fixtures\/failing\.ipynb/);
  assert.match(run.stderr,
    /test\/fixtures\/failing\.ipynb: code cell 2 of 3 failed: Error: deliberate failure\n.*the cell begins: const reason/);
  assert.doesNotMatch(run.stderr, /\s+at /, 'a stack trace is shown');
  assertNothingWritten();
});

test('math that would need MathJax from a CDN stops the export, naming the cell, and nothing is published', () => {
  const run = cli('export', 'test/fixtures/math.ipynb', '--out', outDir);
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stderr, /test\/fixtures\/math\.ipynb cannot be published: the markdown cell beginning '# Fixture: math that only MathJax would render' holds 'math \$h\$'/);
  assertNothingWritten();
});

test('unknown commands and options exit with status 2 and point to the help', () => {
  for (const args of [['frobnicate'], ['--verbose'], ['export', '--bogus'], ['export', '--out'], ['export', '--to', 'pdf'], []]) {
    const run = cli(...args);
    assert.equal(run.status, 2, `attention-lab ${args.join(' ')}`);
    assert.match(run.stderr, /^attention-lab: .+\nRun "attention-lab( export)? --help" for usage\.\n$/);
  }
});

test('--help describes the commands, and each command its options', () => {
  const general = cli('--help');
  assert.equal(general.status, 0);
  assert.match(general.stdout, /export \[NOTEBOOK\.\.\.\]/);
  assert.match(general.stdout, /lab \[JUPYTER ARGS\.\.\.\]/);
  assert.match(general.stdout, /grid NOTEBOOK -p NAME=VALUES\.\.\. --out DIR/);
  assert.match(cli('grid', '--help').stdout, /-p, --parameter NAME=VALUES[\s\S]*--jobs N[\s\S]*--scheduler tcp:\/\/HOST:PORT[\s\S]*--resume/);
  assert.match(cli('export', '--help').stdout, /-p, --parameter NAME=VALUE[\s\S]*--to FORMAT[\s\S]*--no-input[\s\S]*--article/);
  assert.match(cli('lab', '--help').stdout, /127\.0\.0\.1/);
});
