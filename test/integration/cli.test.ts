/**
 * How `attention-lab` fails: a clear message on stderr, a non-zero status, and an output folder
 * left exactly as it was. Each test gets its own temp folder, which is also the CLI's TMPDIR, so
 * the export's staging folder must be gone from it afterwards too.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { runCli, testFolders } from '../helpers/cli-run';

const parametersNotebook = 'test/fixtures/parameters.ipynb';
const failingNotebook = 'test/fixtures/failing.ipynb';

const folders = testFolders({ earlierFile: true });
const cli = (...args: string[]) => runCli(folders.workDir, args);

function assertNothingWritten(): void {
  assert.deepEqual(fs.readdirSync(folders.outDir), ['earlier.txt']);
  assert.deepEqual(fs.readdirSync(folders.workDir), ['out'], 'a staging folder is left');
}

test('an unknown parameter name is rejected with the notebook and its allowed names', () => {
  const run = cli('export', parametersNotebook, '-p', 'colour=red', '--out', folders.outDir);
  assert.equal(run.status, 2);
  assert.match(run.stderr,
    /notebook "parameters" has no parameter "colour"; its parameters are: attention_column, label, quick/);
  assert.doesNotMatch(run.stdout, /Executing/);
  assertNothingWritten();
});

test('a value of the wrong type is rejected with the parameter, the expected type and the value', () => {
  const run = cli('export', parametersNotebook, '-p', 'attention_column=abc', '--out', folders.outDir);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /parameter "attention_column" of notebook "parameters" expects a finite number, got "abc"/);
  assertNothingWritten();
});

test('parameters are checked for every notebook before any runs', () => {
  // parameters.ipynb accepts label, failing.ipynb has no parameters cell: nothing may execute.
  const run = cli('export', parametersNotebook, failingNotebook, '-p', 'label=lstm', '--out', folders.outDir);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /notebook "failing" has no parameter "label"; it has no parameters/);
  assert.doesNotMatch(run.stdout, /Executing/);
  assertNothingWritten();
});

test('a missing notebook is named', () => {
  const run = cli('export', 'test/fixtures/no-such.ipynb', '--out', folders.outDir);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /notebook not found: test\/fixtures\/no-such\.ipynb/);
  assertNothingWritten();
});

test('a failing cell stops the run, is named by number and message, and nothing is published', () => {
  // The first notebook runs through; its files must not be published either.
  const run = cli('export', parametersNotebook, failingNotebook, '--out', folders.outDir);
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /Executing test\/fixtures\/parameters\.ipynb\n(?: {2}.*\n)* {2}done in/);
  assert.match(run.stdout, /Executing test\/fixtures\/failing\.ipynb/);
  assert.equal(run.stderr, 'attention-lab: Error: deliberate failure\n'
    + "  in code cell 2 of 3 of test/fixtures/failing.ipynb, which begins: const reason: string = 'deliberate failure';\n");
  assert.doesNotMatch(run.stderr, /\s+at /, 'a stack trace is shown');
  assertNothingWritten();
});

test('math that would need MathJax from a CDN stops the export before any cell runs, naming the cell, and nothing is published', (t) => {
  const started = Date.now();
  // The math is in the second notebook: the first must not run either.
  const run = cli('export', parametersNotebook, 'test/fixtures/math.ipynb', '--out', folders.outDir);
  t.diagnostic(`refused after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stderr, /test\/fixtures\/math\.ipynb cannot be published: the markdown cell beginning '# Fixture: math that only MathJax would render' holds 'math \$h\$'/);
  assert.doesNotMatch(run.stdout, /Executing/);
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
