import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { notebooksDir } from '../src/toolchain/paths';

interface Notebook {
  cells: Array<{ cell_type: string; outputs?: unknown[]; execution_count?: number | null; metadata: { tags?: string[] } }>;
  metadata: { kernelspec?: { name: string } };
}

const notebooks = fs.readdirSync(notebooksDir).filter((name) => name.endsWith('.ipynb'));

test('the notebooks are committed without outputs, on the tslab kernel, with one parameters cell', () => {
  assert.deepEqual(notebooks.sort(), ['attention_dense.ipynb', 'attention_faithfulness.ipynb', 'attention_lstm.ipynb']);
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
