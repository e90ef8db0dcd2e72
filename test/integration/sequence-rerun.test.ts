/**
 * notebooks/attention_sequence.ipynb re-run cell by cell on the real tslab kernel: running every
 * code cell a second time leaves as many tensors alive as the first run did, and after the settings
 * change (time_steps), re-running only the find-max task and its step attributions gives figures
 * of the new run, not a mix of the old model and new data.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { notebooksDir } from '../../runner/paths';
import { type Output, runNotebookCells, shown } from '../helpers/kernel-cells';


const notebook = path.join(notebooksDir, 'attention_sequence.ipynb');
const cells = (JSON.parse(fs.readFileSync(notebook, 'utf8')) as { cells: Array<{ cell_type: string; source: string[]; metadata: { tags?: string[] } }> }).cells;
const code = cells.flatMap((c, i) => (c.cell_type === 'code' ? [i] : []));
const parametersCell = code.find((i) => cells[i].metadata.tags?.includes('parameters')) as number;
const cellWith = (text: string) => code.find((i) => cells[i].source.join('').includes(text)) as number;

const parameters = (timeSteps: number) => [
  `const time_steps = ${timeSteps};`, "const encoder = 'per-step';", 'const hidden_units = 8;', "const score = 'luong';", 'const attention_units = 4;',
  'const n = 300;', 'const validation_split = 0.25;', 'const epochs = 1;', 'const batch_size = 64;', 'const learning_rate = 0.01;', 'const seed = 42;',
  'const test_size = 50;', 'const map_rows = 4;', 'const comparison_seeds = 1;', 'const comparison_n = 100;', 'const comparison_epochs = 1;',
  'const ig_steps = 10;', "const ig_baseline = 'zero';",
].join('\n');

interface FindMaxFigures { tensorsInMemory: number; integratedGradients: { meanPerStep: number[] } }
const findMaxResults = (outputs: Output[]) => {
  const results = outputs.map((o) => o.data?.['application/vnd.attention-lab.results+json'] as { findMax?: FindMaxFigures } | undefined)
    .find((r) => r?.findMax !== undefined);
  assert.ok(results?.findMax !== undefined, `no results published: ${shown(outputs)}`);
  return results.findMax;
};

describe('attention_sequence.ipynb re-run on the real kernel', () => {
  let steps: Array<{ cell: number; outputs: Output[] }>;
  const others = code.filter((i) => i !== parametersCell);
  const resultsCell = cellWith('lab.publishResults(');
  const maxTaskCell = cellWith("task: 'find-max'");
  const maxStepsCell = cellWith('runStepAttributions(maxRun');

  before(() => {
    const plan = [
      { cell: parametersCell, source: parameters(5) }, ...others.map((cell) => ({ cell })), // first run
      ...others.map((cell) => ({ cell })), // every cell again
      // time_steps changes; only the find-max task, its step attributions and the results are re-run.
      { cell: parametersCell, source: parameters(6) }, { cell: maxTaskCell }, { cell: maxStepsCell }, { cell: resultsCell },
    ];
    steps = runNotebookCells(notebook, plan);
  });

  test('every cell runs twice without an error, and the second run leaves no more tensors alive than the first', () => {
    const errors = steps.slice(0, 1 + 2 * others.length).filter((s) => s.outputs.some((o) => o.output_type === 'error'));
    assert.deepEqual(errors.map((s) => `${s.cell}: ${shown(s.outputs)}`), []);
    const results = steps.slice(0, 1 + 2 * others.length).filter((s) => s.cell === resultsCell).map((s) => findMaxResults(s.outputs).tensorsInMemory);
    assert.equal(results.length, 2);
    assert.equal(results[1], results[0], `tensors alive after the first run ${results[0]}, after the second ${results[1]}`);
  });

  test('re-running one task after a settings change reports the new run only', () => {
    const rerun = steps.slice(1 + 2 * others.length + 1);
    assert.deepEqual(rerun.filter((s) => s.outputs.some((o) => o.output_type === 'error')).map((s) => `${s.cell}: ${shown(s.outputs)}`), []);
    assert.match(shown(rerun[0].outputs), /sequence_attention_luong/);
    const figures = findMaxResults(rerun[rerun.length - 1].outputs);
    assert.equal(figures.integratedGradients.meanPerStep.length, 6, 'the step attributions are of the 6-step run');
  });
});
