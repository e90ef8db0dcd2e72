import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { notebooksDir } from '../runner/paths';

interface Notebook {
  cells: Array<{ cell_type: string; source: string[]; outputs?: unknown[]; execution_count?: number | null; metadata: { tags?: string[] } }>;
  metadata: { kernelspec?: { name: string } };
}

const notebooks = fs.readdirSync(notebooksDir).filter((name) => name.endsWith('.ipynb'));

test('the notebooks are committed without outputs, on the tslab kernel, with one parameters cell', () => {
  assert.deepEqual(notebooks.sort(), ['attention_dense.ipynb', 'attention_faithfulness.ipynb', 'attention_lstm.ipynb', 'attention_sequence.ipynb',
    'attention_transformer.ipynb', 'grid_summary.ipynb']);
  for (const name of notebooks) {
    const notebook = JSON.parse(fs.readFileSync(path.join(notebooksDir, name), 'utf8')) as Notebook;
    assert.equal(notebook.metadata.kernelspec?.name, 'tslab', name);
    const code = notebook.cells.filter((cell) => cell.cell_type === 'code');
    for (const cell of code) {
      assert.deepEqual(cell.outputs, [], `${name} has outputs`);
      assert.equal(cell.execution_count, null, `${name} has execution counts`);
    }
    assert.equal(code.filter((cell) => cell.metadata.tags?.includes('parameters')).length, 1, name);
  }
});

test('each owned() key belongs to one cell, so re-running a cell never disposes another cell\'s objects', () => {
  // grid_summary.ipynb reads a table and makes no tensors; attention_sequence.ipynb's cells own
  // through lab.sequence.runTask, which keys what it owns by the task each cell names.
  for (const name of notebooks.filter((n) => n !== 'grid_summary.ipynb' && n !== 'attention_sequence.ipynb')) {
    const notebook = JSON.parse(fs.readFileSync(path.join(notebooksDir, name), 'utf8')) as Notebook;
    const owners = new Map<string, number>();
    notebook.cells.forEach((cell, index) => {
      for (const [, , key] of cell.source.join('').matchAll(/\bowned\(\s*(['"`])(.*?)\1/g)) {
        const owner = owners.get(key);
        assert.ok(owner === undefined || owner === index, `${name}: cells ${owner} and ${index} both own "${key}"`);
        owners.set(key, index);
      }
    });
    assert.ok(owners.size > 0, `${name} owns nothing: the check would be empty`);
  }
});
