/**
 * `attention-lab export` under bad input and bad places: a bad --out is refused before any cell
 * runs, huge or odd settings end in one line naming the cell or the parameter, odd notebook files
 * are named, and the progress of a run is shown (plain lines in a log, one redrawn line in a
 * terminal). Each test has its own temp folder, also the CLI's TMPDIR, so stray staging folders show.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { projectRoot } from '../../runner/paths';

const cliPath = path.join(projectRoot, 'bin', 'attention-lab.js');
const progressNotebook = 'test/fixtures/progress.ipynb';

let workDir: string;
let outDir: string;

beforeEach(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-test-'));
  outDir = path.join(workDir, 'out');
  fs.mkdirSync(outDir);
  fs.writeFileSync(path.join(outDir, 'earlier.txt'), 'kept');
});
afterEach(() => fs.rmSync(workDir, { recursive: true, force: true }));

/** All stream output of an executed notebook. */
function printedText(dir: string, file: string): string {
  const { cells } = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { cells: { outputs?: { text?: string[] }[] }[] };
  return cells.flatMap((c) => c.outputs ?? []).map((o) => (o.text ?? []).join('')).join('');
}

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [cliPath, ...args],
    { cwd: projectRoot, encoding: 'utf8', timeout: 120_000, env: { ...process.env, TMPDIR: workDir, ...env } });
}

/** The run failed with exactly one line on stderr, ran no cell, and left everything as it was. */
function assertRefusedUpfront(run: ReturnType<typeof cli>, status: number, message: RegExp): void {
  assert.equal(run.status, status, `${run.stdout}\n${run.stderr}`);
  assert.match(run.stderr, message);
  // A usage error (status 2) adds the line pointing to --help.
  assert.equal(run.stderr.split('\n').filter(Boolean).length, status === 2 ? 2 : 1, `too many lines:\n${run.stderr}`);
  assert.doesNotMatch(run.stdout, /Executing/, 'a notebook ran');
  assert.deepEqual(fs.readdirSync(outDir), ['earlier.txt']);
  assert.deepEqual(fs.readdirSync(workDir).filter((f) => f !== 'out' && f !== 'a-file'), [], 'a stray temp folder');
}

describe('a bad --out is refused before any cell runs', () => {
  test('empty', () => {
    assertRefusedUpfront(cli(['export', progressNotebook, '--out=']), 2, /--out needs a folder name, got an empty one/);
  });

  test('a file, or a path under a file', () => {
    const file = path.join(workDir, 'a-file');
    fs.writeFileSync(file, '');
    for (const out of [file, path.join(file, 'sub')]) {
      assertRefusedUpfront(cli(['export', progressNotebook, '--out', out]), 1,
        new RegExp(`--out ${out}: ${file} is a file, not a folder; choose another --out or move it away`));
    }
  });

  test('a folder that cannot be written (under /proc, where a recursive mkdir would spin forever; /sys)', () => {
    assertRefusedUpfront(cli(['export', progressNotebook, '--out', '/proc/attention-lab/out']), 1,
      /--out \/proc\/attention-lab\/out: cannot write in \/proc \(no files can be created there\); choose another --out/);
    assertRefusedUpfront(cli(['export', progressNotebook, '--out', '/sys/attention-lab']), 1,
      /--out \/sys\/attention-lab: cannot write in \/sys \(.+\); choose another --out/);
  });

  test('a folder in the way of a file to write', () => {
    fs.mkdirSync(path.join(outDir, 'progress.html'));
    const run = cli(['export', progressNotebook, '--out', outDir]);
    fs.rmdirSync(path.join(outDir, 'progress.html')); // left alone; out of the way of the checks below
    assertRefusedUpfront(run, 1, /progress\.html is in the way \(not a file\), so progress\.html cannot be written/);
  });
});

test('-p with a number too large to be one (1e999) is refused, not injected as null', () => {
  assertRefusedUpfront(cli(['export', progressNotebook, '-p', 'steps=1e999', '--out', outDir]), 2,
    /parameter "steps" of notebook "progress" expects a finite number, got "1e999"/);
});

test('a notebook file holding null is named, without a stack trace', () => {
  assertRefusedUpfront(cli(['export', 'test/fixtures/null.ipynb', '--out', outDir]), 1,
    /test\/fixtures\/null\.ipynb is not a version 4 notebook \(it holds null\)/);
});

test('a cell that exhausts the kernel\'s memory is named, with the setting to make smaller', () => {
  // A small heap for the kernel (it inherits NODE_OPTIONS) makes the fixture run out in seconds.
  const run = cli(['export', 'test/fixtures/memory.ipynb', '-p', 'rows=100000000', '--out', outDir],
    { NODE_OPTIONS: '--max-old-space-size=300' });
  assert.equal(run.status, 1, `${run.stdout}\n${run.stderr}`);
  assert.equal(run.stderr, 'attention-lab: test/fixtures/memory.ipynb: code cell 3 of 3 ran out of memory and the '
    + 'kernel died; try a smaller setting than -p rows=100000000\n');
  assert.deepEqual(fs.readdirSync(outDir), ['earlier.txt']);
  assert.deepEqual(fs.readdirSync(workDir), ['out'], 'a stray temp folder or file');
});

test('U+2028 in a string parameter reaches the notebook intact', () => {
  const label = 'line\u2028separator';
  const run = cli(['export', 'test/fixtures/parameters.ipynb', '-p', `label=${label}`, '--out', outDir]);
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  assert.ok(printedText(outDir, 'parameters.ipynb').includes(`label: ${label}, quick: false`), 'the label is not printed whole');
});

test('a notebook whose cells have no metadata runs', () => {
  const run = cli(['export', 'test/fixtures/no-metadata.ipynb', '--out', outDir]);
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  assert.equal(printedText(outDir, 'no-metadata.ipynb'), 'the answer: 42\n');
});

describe('progress of a run', () => {
  test('in a log: one line per code cell and the notebook\'s progress line, no carriage returns', () => {
    const run = cli(['export', progressNotebook, '-p', 'pause_ms=10', '--out', outDir]);
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /\n {2}code cell 1 of 2: const steps = 3;\n {2}the injected parameters cell: .*\n {2}code cell 2 of 2: import \* as tslab from 'tslab';\n {4}step 1\/3\n {4}step 3\/3\n {2}done in/);
    assert.ok(!run.stdout.includes('\r'), 'a carriage return in a log');
  });

  test('in a terminal: one status line redrawn in place, cleared at the end', () => {
    // script(1) gives the CLI a real terminal.
    const command = [cliPath, 'export', progressNotebook, '-p', 'pause_ms=10', '--out', outDir]
      .map((arg) => `'${arg}'`).join(' ');
    const run = spawnSync('script', ['-qefc', `'${process.execPath}' ${command}`, '/dev/null'],
      { cwd: projectRoot, encoding: 'utf8', timeout: 120_000, env: { ...process.env, TMPDIR: workDir } });
    assert.equal(run.status, 0, run.stdout);
    assert.match(run.stdout, /\r\x1b\[K {2}code cell 2 of 2 · step 1\/3/);
    assert.match(run.stdout, /\r\x1b\[K {2}code cell 2 of 2 · step 3\/3\r\x1b\[K {2}done in/);
    assert.doesNotMatch(run.stdout, /code cell 2 of 2: import/, 'log lines in a terminal');
  });
});
