/**
 * `attention-lab export` under bad input and bad places: a bad --out is refused before any cell
 * runs, huge or odd settings end in one line naming the cell or the parameter, odd notebook files
 * are named, and the progress of a run is shown (plain lines in a log, one redrawn line in a
 * terminal). Each test has its own temp folder, also the CLI's TMPDIR, so stray staging folders show.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { projectRoot } from '../../runner/paths';
import { cliPath, runCli, testFolders } from '../helpers/cli-run';

const progressNotebook = 'test/fixtures/progress.ipynb';

const folders = testFolders({ earlierFile: true });

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** All stream output of an executed notebook. */
function printedText(dir: string, file: string): string {
  const { cells } = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { cells: { outputs?: { text?: string[] }[] }[] };
  return cells.flatMap((c) => c.outputs ?? []).map((o) => (o.text ?? []).join('')).join('');
}

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(folders.workDir, args, env);

/** The run failed with exactly one line on stderr, ran no cell, and left everything as it was. */
function assertRefusedUpfront(run: ReturnType<typeof cli>, status: number, message: RegExp): void {
  assert.equal(run.status, status, `${run.stdout}\n${run.stderr}`);
  assert.match(run.stderr, message);
  // A usage error (status 2) adds the line pointing to --help.
  assert.equal(run.stderr.split('\n').filter(Boolean).length, status === 2 ? 2 : 1, `too many lines:\n${run.stderr}`);
  assert.doesNotMatch(run.stdout, /Executing/, 'a notebook ran');
  assert.deepEqual(fs.readdirSync(folders.outDir), ['earlier.txt']);
  // What the CLI would leave in its TMPDIR: a staging folder, a probe of --out.
  assert.deepEqual(fs.readdirSync(folders.workDir).filter((f) => /^\.?attention-lab-/.test(f)), [], 'a stray temp folder');
}

describe('a bad --out is refused before any cell runs', () => {
  test('empty', () => {
    assertRefusedUpfront(cli(['export', progressNotebook, '--out=']), 2, /--out needs a folder name, got an empty one/);
  });

  test('a file, or a path under a file', () => {
    const file = path.join(folders.workDir, 'a-file');
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
    fs.mkdirSync(path.join(folders.outDir, 'progress.html'));
    const run = cli(['export', progressNotebook, '--out', folders.outDir]);
    fs.rmdirSync(path.join(folders.outDir, 'progress.html')); // left alone; out of the way of the checks below
    assertRefusedUpfront(run, 1, /progress\.html is in the way \(not a file\), so progress\.html cannot be written/);
  });
});

test('-p with a number too large to be one (1e999) is refused, not injected as null', () => {
  assertRefusedUpfront(cli(['export', progressNotebook, '-p', 'steps=1e999', '--out', folders.outDir]), 2,
    /parameter "steps" of notebook "progress" expects a finite number, got "1e999"/);
});

test('a notebook file holding null is named, without a stack trace', () => {
  assertRefusedUpfront(cli(['export', 'test/fixtures/null.ipynb', '--out', folders.outDir]), 1,
    /test\/fixtures\/null\.ipynb is not a version 4 notebook \(it holds null\)/);
});

describe('a source notebook is never written over', () => {
  /** A copy of the progress fixture in a folder of its own, as a user's notebook would be. */
  function sourceNotebook(folder: string, name = 'progress.ipynb'): { file: string; text: string } {
    fs.mkdirSync(path.join(folders.workDir, folder), { recursive: true });
    const file = path.join(folders.workDir, folder, name);
    fs.copyFileSync(path.join(projectRoot, progressNotebook), file);
    return { file, text: fs.readFileSync(file, 'utf8') };
  }

  test('--out the notebook\'s own folder (or a link to it) is refused, naming both files', () => {
    const source = sourceNotebook('notebooks');
    const folder = path.dirname(source.file);
    fs.symlinkSync(folder, path.join(folders.workDir, 'link'));
    for (const out of [folder, path.join(folders.workDir, 'link'), `${folder}/./`]) {
      assertRefusedUpfront(cli(['export', source.file, '-p', 'steps=1', '--out', out]), 1,
        new RegExp(`^attention-lab: --out ${escaped(out)}: the executed copy would overwrite the source notebook `
          + `${escaped(source.file)}; choose another --out\n$`));
      assert.equal(fs.readFileSync(source.file, 'utf8'), source.text);
    }
  });

  test('--out the project\'s notebooks/ is refused: the copy would sit among the source notebooks', () => {
    const before = fs.readdirSync(path.join(projectRoot, 'notebooks'));
    try {
      assertRefusedUpfront(cli(['export', progressNotebook, '--out', 'notebooks']), 1,
        /^attention-lab: --out notebooks: the executed copy of test\/fixtures\/progress\.ipynb would be written as notebooks\/progress\.ipynb, among the source notebooks \(notebooks\/attention_dense\.ipynb\); choose another --out\n$/);
    } finally {
      // Had the export run, its files would now be among the notebooks.
      for (const file of fs.readdirSync(path.join(projectRoot, 'notebooks')).filter((f) => !before.includes(f))) {
        fs.rmSync(path.join(projectRoot, 'notebooks', file), { recursive: true });
      }
    }
  });
});

describe('settings out of the range their parameters cell declares are refused before the kernel starts', () => {
  const refused = (notebook: string, setting: string, message: string): void => {
    assertRefusedUpfront(cli(['export', notebook, '-p', setting, '--out', folders.outDir]), 2,
      new RegExp(`^attention-lab: ${escaped(message)}\n`));
  };

  test('an integer below its minimum, at a bound named by another parameter, a number at an open end, a string not listed', () => {
    refused('test/fixtures/ranges.ipynb', 'input_dim=1', 'parameter "input_dim" of notebook "ranges" must be an integer >= 2, got 1');
    refused('test/fixtures/ranges.ipynb', 'attention_column=4',
      'parameter "attention_column" of notebook "ranges" must be an integer >= 0 and < input_dim (4), got 4');
    refused('test/fixtures/ranges.ipynb', 'attention_column=1.5',
      'parameter "attention_column" of notebook "ranges" must be an integer >= 0 and < input_dim (4), got 1.5');
    refused('test/fixtures/ranges.ipynb', 'split=1', 'parameter "split" of notebook "ranges" must be a number >= 0 and < 1, got 1');
    refused('test/fixtures/ranges.ipynb', 'baseline=median',
      'parameter "baseline" of notebook "ranges" must be one of "zero", "mean", got "median"');
  });

  test('the dense notebook: the label\'s column past the last one, no samples', () => {
    refused('notebooks/attention_dense.ipynb', 'attention_column=4',
      'parameter "attention_column" of notebook "attention_dense" must be an integer >= 0 and < input_dim (4), got 4');
    refused('notebooks/attention_dense.ipynb', 'n=-5', 'parameter "n" of notebook "attention_dense" must be an integer >= 1, got -5');
    refused('notebooks/attention_dense.ipynb', 'n=0', 'parameter "n" of notebook "attention_dense" must be an integer >= 1, got 0');
  });
});

test('a library\'s error in a cell comes first, in one line as the library wrote it, with the -p setting that caused it', () => {
  const run = cli(['export', 'test/fixtures/library-error.ipynb', '-p', 'count=-5', '--out', folders.outDir]);
  assert.equal(run.status, 1, `${run.stdout}\n${run.stderr}`);
  assert.equal(run.stderr, 'attention-lab: RangeError: count must be an integer >= 1, got -5 (from -p count=-5)\n'
    + "  in code cell 2 of 2 of test/fixtures/library-error.ipynb, which begins: const { requireCount } = require('./check-count.js');\n");
  assert.deepEqual(fs.readdirSync(folders.outDir), ['earlier.txt']);
});

test('a long or odd -p value is shortened and its control characters escaped in what the CLI prints', () => {
  const long = 'x'.repeat(100_000);
  const longRun = cli(['export', 'test/fixtures/ranges.ipynb', '-p', `split=${long}`, '--out', folders.outDir]);
  assertRefusedUpfront(longRun, 2, /expects a finite number, got "x{200}… \(100000 characters\)"\n/);
  const odd = cli(['export', 'test/fixtures/ranges.ipynb', '-p', 'split=1\u202e2\u20283\x1b[31m', '--out', folders.outDir]);
  assertRefusedUpfront(odd, 2, /expects a finite number, got "1\\u202e2\\u20283\\u001b\[31m"\n/);
});

test('a notebook whose kernel is not tslab is refused before it starts, naming its kernel', () => {
  assertRefusedUpfront(cli(['export', progressNotebook, 'test/fixtures/python.ipynb', '--out', folders.outDir]), 1,
    /^attention-lab: test\/fixtures\/python\.ipynb: its kernel is "python3" \(Python 3 \(ipykernel\)\), not tslab; attention-lab runs TypeScript notebooks on the tslab kernel\n$/);
});

test('a cell that exhausts the kernel\'s memory is named, with the setting to make smaller', () => {
  // A small heap for the kernel (it inherits NODE_OPTIONS) makes the fixture run out in seconds.
  const run = cli(['export', 'test/fixtures/memory.ipynb', '-p', 'rows=100000000', '--out', folders.outDir],
    { NODE_OPTIONS: '--max-old-space-size=300' });
  assert.equal(run.status, 1, `${run.stdout}\n${run.stderr}`);
  assert.equal(run.stderr, 'attention-lab: test/fixtures/memory.ipynb: code cell 3 of 3 ran out of memory and the '
    + 'kernel died; try a smaller setting than -p rows=100000000\n');
  assert.deepEqual(fs.readdirSync(folders.outDir), ['earlier.txt']);
  assert.deepEqual(fs.readdirSync(folders.workDir), ['out'], 'a stray temp folder or file');
});

test('U+2028 in a string parameter reaches the notebook intact', () => {
  const label = 'line\u2028separator';
  const run = cli(['export', 'test/fixtures/parameters.ipynb', '-p', `label=${label}`, '--out', folders.outDir]);
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  assert.ok(printedText(folders.outDir, 'parameters.ipynb').includes(`label: ${label}, quick: false`), 'the label is not printed whole');
  // The terminal is shown the character escaped.
  assert.match(run.stdout, /Executing test\/fixtures\/parameters\.ipynb with label="line\\u2028separator"\n/);
});

test('a notebook whose cells have no metadata runs', () => {
  const run = cli(['export', 'test/fixtures/no-metadata.ipynb', '--out', folders.outDir]);
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  assert.equal(printedText(folders.outDir, 'no-metadata.ipynb'), 'the answer: 42\n');
});

describe('progress of a run', () => {
  test('in a log: one line per code cell and the notebook\'s progress line, no carriage returns', () => {
    const run = cli(['export', progressNotebook, '-p', 'pause_ms=10', '--out', folders.outDir]);
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /\n {2}code cell 1 of 2: const steps = 3;\n {2}the injected parameters cell: .*\n {2}code cell 2 of 2: import \* as tslab from 'tslab';\n {4}step 1\/3\n {4}step 3\/3\n {2}done in/);
    assert.ok(!run.stdout.includes('\r'), 'a carriage return in a log');
  });

  test('in a terminal: one status line redrawn in place, cleared at the end', () => {
    // script(1) gives the CLI a real terminal.
    const command = [cliPath, 'export', progressNotebook, '-p', 'pause_ms=10', '--out', folders.outDir]
      .map((arg) => `'${arg}'`).join(' ');
    const run = spawnSync('script', ['-qefc', `'${process.execPath}' ${command}`, '/dev/null'],
      { cwd: projectRoot, encoding: 'utf8', timeout: 120_000, env: { ...process.env, TMPDIR: folders.workDir } });
    assert.equal(run.status, 0, run.stdout);
    assert.match(run.stdout, /\r\x1b\[K {2}code cell 2 of 2 · step 1\/3/);
    assert.match(run.stdout, /\r\x1b\[K {2}code cell 2 of 2 · step 3\/3\r\x1b\[K {2}done in/);
    assert.doesNotMatch(run.stdout, /code cell 2 of 2: import/, 'log lines in a terminal');
  });
});
