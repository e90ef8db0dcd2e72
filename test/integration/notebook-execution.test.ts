/**
 * `attention-lab export` end to end: a fixture notebook runs on the real tslab kernel through
 * nbclient, with -p overrides, and the executed notebook, its HTML and results.json are checked.
 */
import assert from 'node:assert/strict';
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { resultsMimeType } from '../../runner/protocol';
import { projectRoot } from '../../runner/paths';


interface Output { output_type: string; name?: string; text?: string[]; data?: Record<string, unknown> }
interface Cell { cell_type: string; source: string[]; metadata: { tags?: string[] }; outputs?: Output[] }

const text = (lines: string | string[] | undefined): string => (Array.isArray(lines) ? lines.join('') : lines ?? '');

describe('export of a parameterised notebook (real tslab kernel)', () => {
  let workDir: string;
  let outDir: string;
  let run: SpawnSyncReturns<string>;
  let cells: Cell[];

  before(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-test-'));
    outDir = path.join(workDir, 'out');
    run = spawnSync(process.execPath, [path.join(projectRoot, 'bin', 'attention-lab.js'), 'export',
      'test/fixtures/parameters.ipynb', '-p', 'attention_column=3', '--parameter=label=lstm', '--out', outDir,
      '--no-input'], { cwd: projectRoot, encoding: 'utf8', timeout: 120_000 });
    assert.equal(run.status, 0, `export failed:\n${run.stdout}\n${run.stderr}`);
    cells = (JSON.parse(fs.readFileSync(path.join(outDir, 'parameters.ipynb'), 'utf8')) as { cells: Cell[] }).cells;
  });
  after(() => fs.rmSync(workDir, { recursive: true, force: true }));

  test('prints progress and the paths written', () => {
    assert.match(run.stdout, /Executing test\/fixtures\/parameters\.ipynb with attention_column=3, label="lstm"/);
    assert.match(run.stdout, /done in \d+\.\d s/);
    for (const file of ['parameters.html', 'parameters.ipynb', 'parameters.results.json']) {
      assert.ok(run.stdout.includes(path.join(outDir, file)), `${file} not listed:\n${run.stdout}`);
    }
    assert.deepEqual(fs.readdirSync(outDir).sort(), ['parameters.html', 'parameters.ipynb', 'parameters.results.json']);
  });

  test('the overrides are redeclared in a cell tagged injected-parameters right after the parameters cell', () => {
    const tagged = cells.findIndex((c) => c.metadata.tags?.includes('parameters'));
    const injected = cells[tagged + 1];
    assert.deepEqual(injected.metadata.tags, ['injected-parameters']);
    const source = text(injected.source);
    assert.match(source, /^const attention_column = 3;$/m);
    assert.match(source, /^const label = "lstm";$/m);
    assert.doesNotMatch(source, /quick/, 'only overridden parameters are redeclared');
  });

  test('later cells compute with the new values; outputs are free of ANSI codes and local paths', () => {
    const printed = cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'stream');
    const stdout = printed.filter((o) => o.name === 'stdout').map((o) => text(o.text)).join('');
    assert.match(stdout, /column 3 times ten: 30, label: lstm, quick: false/);
    // The kernel ran in the fixture's folder; its paths now read relative to it, the home folder as ~.
    assert.match(stdout, /cwd: \.; tslab: \.\.\/\.\.\/node_modules\/tslab\/dist\/public\.js; home: ~\/x/);
    const stderr = printed.filter((o) => o.name === 'stderr').map((o) => text(o.text)).join('');
    assert.equal(stderr, 'coloured warning\n');
    const ipynb = fs.readFileSync(path.join(outDir, 'parameters.ipynb'), 'utf8');
    assert.ok(!ipynb.includes(projectRoot) && !ipynb.includes(os.homedir()), 'an absolute path is left');
  });

  test('the executed notebook keeps the published results bundles', () => {
    const bundles = cells.flatMap((c) => c.outputs ?? []).filter((o) => o.data?.[resultsMimeType] !== undefined);
    assert.deepEqual(bundles.map((o) => o.data?.[resultsMimeType]),
      [{ column_squared: 9, label: 'lstm' }, { label: 'LSTM', quick: false }]);
  });

  test('the HTML shows the outputs, without code (--no-input), results bundles or local paths', () => {
    const html = fs.readFileSync(path.join(outDir, 'parameters.html'), 'utf8');
    assert.match(html, /<title>Fixture: parameters, a computation, published figures<\/title>/);
    assert.match(html, /Fixture: parameters, a computation, published figures/);
    assert.match(html, /column 3 times ten: 30, label: lstm, quick: false/);
    assert.match(html, /coloured warning/);
    assert.ok(!html.includes('results bundle'), 'a results bundle is shown');
    assert.ok(!html.includes('const label'), 'code is shown despite --no-input');
    assert.ok(!html.includes('\x1b['), 'an ANSI code is left');
    assert.ok(!html.includes(projectRoot) && !html.includes(os.homedir()), 'an absolute path is left');
  });

  test('results.json holds every parameter used and the merged figures', () => {
    const results: unknown = JSON.parse(fs.readFileSync(path.join(outDir, 'parameters.results.json'), 'utf8'));
    assert.deepEqual(results, {
      notebook: 'parameters',
      parameters: { attention_column: 3, label: 'lstm', quick: false },
      column_squared: 9,
      label: 'LSTM', // the later bundle wins
      quick: false,
    });
  });
});
