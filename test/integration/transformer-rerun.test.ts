/**
 * notebooks/attention_transformer.ipynb re-run cell by cell on the real tslab kernel: every code
 * cell run a second time leaves as many tensors alive as the first run did, and after the number
 * of heads changes, re-running the cells from training on reports the new model's heads only.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { notebooksDir } from '../../runner/paths';
import { type Output, runNotebookCells, shown } from '../helpers/kernel-cells';


const notebook = path.join(notebooksDir, 'attention_transformer.ipynb');
const cells = (JSON.parse(fs.readFileSync(notebook, 'utf8')) as { cells: Array<{ cell_type: string; source: string[]; metadata: { tags?: string[] } }> }).cells;
const code = cells.flatMap((c, i) => (c.cell_type === 'code' ? [i] : []));
const parametersCell = code.find((i) => cells[i].metadata.tags?.includes('parameters')) as number;
const cellWith = (text: string) => {
  const index = code.find((i) => cells[i].source.join('').includes(text));
  assert.ok(index !== undefined, `no code cell contains ${text}`);
  return index;
};

const parameters = (heads: number) => [
  'const layers = 2;', `const heads = ${heads};`, 'const width = 8;', 'const vocabulary = 12;', 'const length = 12;', 'const shortest_segment = 4;',
  'const train_sequences = 64;', 'const steps = 12;', 'const batch_size = 16;', 'const learning_rate = 0.015;', 'const embedding_std = 0.5;',
  'const mlp = false;', 'const layer_norm = false;', 'const seed = 42;', 'const seed_checks = 1;', 'const test_size = 16;', "const ablation = 'zero';",
  'const view_sequence = 0;',
].join('\n');

interface Figures { tensorsInMemory: number; headScores: unknown[]; ablations: { heads: unknown[] }[]; seedChecks: { seed: number }[] }
const published = (outputs: Output[]) => {
  const results = outputs.map((o) => o.data?.['application/vnd.attention-lab.results+json'] as Figures | undefined).find((r) => r !== undefined);
  assert.ok(results !== undefined, `no results published: ${shown(outputs)}`);
  return results;
};

describe('attention_transformer.ipynb re-run on the real kernel', () => {
  let steps: Array<{ cell: number; outputs: Output[] }>;
  const others = code.filter((i) => i !== parametersCell);
  const resultsCell = cellWith('lab.publishResults(');
  const fromTraining = others.filter((i) => i >= cellWith('lab.buildTransformer('));

  before(() => {
    const plan = [
      { cell: parametersCell, source: parameters(2) }, ...others.map((cell) => ({ cell })), // first run
      ...others.map((cell) => ({ cell })), // every cell again
      // Four heads instead of two; the data cells are not re-run (the data do not depend on it).
      { cell: parametersCell, source: parameters(4) }, ...fromTraining.map((cell) => ({ cell })),
    ];
    steps = runNotebookCells(notebook, plan);
  });

  test('every cell runs twice without an error, and the second run leaves no more tensors alive than the first', () => {
    const twice = steps.slice(0, 1 + 2 * others.length);
    assert.deepEqual(twice.filter((s) => s.outputs.some((o) => o.output_type === 'error')).map((s) => `${s.cell}: ${shown(s.outputs)}`), []);
    const counts = twice.filter((s) => s.cell === resultsCell).map((s) => published(s.outputs).tensorsInMemory);
    assert.equal(counts.length, 2);
    assert.equal(counts[1], counts[0], `tensors alive after the first run ${counts[0]}, after the second ${counts[1]}`);
  });

  test('after the heads change, the cells from training on report the new model only', () => {
    const rerun = steps.slice(1 + 2 * others.length + 1);
    assert.deepEqual(rerun.filter((s) => s.outputs.some((o) => o.output_type === 'error')).map((s) => `${s.cell}: ${shown(s.outputs)}`), []);
    const figures = published(rerun[rerun.length - 1].outputs);
    assert.equal(figures.headScores.length, 2 * 4);
    assert.equal(figures.ablations[0].heads.length, 2 * 4);
    assert.deepEqual(figures.seedChecks.map((c) => c.seed), [42, 43]);
  });
});
