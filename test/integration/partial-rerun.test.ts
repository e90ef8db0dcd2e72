/**
 * Re-running some cells and not others, on the real tslab kernel: the user's partial re-run from
 * issue #11 (change the label's column, re-run only the parameters, training and attention cells)
 * must end in a notice, never in a chart or sentence that marks the wrong column.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { notebooksDir } from '../../runner/paths';
import { type CellStep, type Output, runNotebookCells, shown } from '../helpers/kernel-cells';


const notebook = path.join(notebooksDir, 'attention_dense.ipynb');
const cells = (JSON.parse(fs.readFileSync(notebook, 'utf8')) as { cells: Array<{ cell_type: string; source: string[] }> }).cells;
const cellWith = (text: string) => {
  const index = cells.findIndex((c) => c.cell_type === 'code' && c.source.join('').includes(text));
  assert.ok(index >= 0, `no code cell contains ${text}`);
  return index;
};

const parameters = (column: number) => [
  `const attention_column = ${column};`, 'const input_dim = 4;', 'const hidden = 16;', 'const n = 1500;', 'const validation_split = 0.2;',
  'const epochs = 3;', 'const batch_size = 64;', 'const seed = 42;', 'const test_size = 300;', 'const sweep_seeds = 1;', 'const sweep_test_size = 100;',
].join('\n');

describe('a partial re-run of the dense notebook on the real kernel', () => {
  const at = {
    parameters: cellWith('const attention_column'), imports: cellWith("import * as lab"), data: cellWith("lab.getData(n,"),
    correlation: cellWith('labelCorrelation'), summary: cellWith("owned('summarized model'"), training: cellWith('lab.train('),
    attention: cellWith("'attention_vec')"),
  };
  let steps: Array<{ cell: number; outputs: Output[] }>;

  before(() => {
    const firstRun: CellStep[] = [{ cell: at.parameters, source: parameters(3) }, at.imports, at.data, at.correlation, at.summary, at.training, at.attention]
      .map((step) => (typeof step === 'number' ? { cell: step } : step));
    steps = runNotebookCells(notebook, [
      ...firstRun,
      // The summary cell again, after training: it must not dispose the trained model.
      { cell: at.summary }, { cell: at.attention },
      // The label moved to column 0, but the data cell is not re-run.
      { cell: at.parameters, source: parameters(0) }, { cell: at.training }, { cell: at.attention },
    ]);
  });

  test('the first run marks column 3', () => {
    const attention = shown(steps[6].outputs);
    assert.match(attention, /the label is copied into column 3/);
    assert.match(attention, /Column 3 — the label's column —|column 3 \(the label's\)/);
  });

  test('re-running the summary after training leaves the trained model usable', () => {
    assert.deepEqual(steps[8].outputs.filter((o) => o.output_type === 'error' || o.name === 'stderr'), []);
    assert.match(shown(steps[8].outputs), /the label is copied into column 3/);
  });

  test('after the label moved, the attention cell says what to re-run and marks no column', () => {
    const training = shown(steps[10].outputs);
    assert.match(training, /Epoch 3\/3/);
    const attention = steps[11].outputs;
    const notice = shown(attention);
    assert.match(notice, /ProvenanceError: The model was trained on data made for column 3 .* but this test data is made for column 0/);
    assert.match(notice, /Re-run the notebook from the data cell \(section 1\)/);
    assert.doesNotMatch(notice, /    at /, 'the notice comes without a stack trace');
    assert.ok(!attention.some((o) => o.output_type === 'display_data'), 'no chart, table or sentence was drawn');
  });
});
