/**
 * The notebooks as committed: none carries a note about tslab's limits; the sequence notebook reads
 * like the dense and faithfulness ones — the settings line (tagged remove-from-article) right before
 * its parameters cell, which fits the page, and its two scores in plain words before the formulas.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { notebooksDir } from '../runner/paths';

interface Cell { cell_type: string; metadata: { tags?: string[] }; source: string[] }
const notebooks = fs.readdirSync(notebooksDir).filter((f) => f.endsWith('.ipynb')).sort()
  .map((name) => ({ name, cells: (JSON.parse(fs.readFileSync(path.join(notebooksDir, name), 'utf8')) as { cells: Cell[] }).cells }));
const text = (cell: Cell) => cell.source.join('');
// The exported page's code area (1,100 px, less the prompt) shows about this many characters of code.
const pageColumns = 100;

for (const { name, cells } of notebooks) {
  test(`${name} carries no tslab note`, () => {
    assert.ok(!cells.some((c) => /tslab note/i.test(text(c))));
  });
}

const sequence = notebooks.find((n) => n.name === 'attention_sequence.ipynb')!.cells;

test(`attention_sequence.ipynb: the settings line, then a parameters cell within ${pageColumns} columns`, () => {
  const parameters = sequence.findIndex((c) => c.metadata.tags?.includes('parameters'));
  const before = sequence[parameters - 1];
  assert.match(text(before), /^Change the settings in the next cell/);
  assert.deepEqual(before.metadata.tags, ['remove-from-article']);
  const longest = Math.max(...text(sequence[parameters]).split('\n').map((line) => line.length));
  assert.ok(longest <= pageColumns, `a line of the parameters cell has ${longest} characters`);
});

test('attention_sequence.ipynb introduces both scores in plain words before the formulas', () => {
  const intro = text(sequence[0]);
  const firstFormula = intro.indexOf('softmax');
  for (const words of [/\*\*Luong\*\*'s score is \*multiplicative\*/, /\*\*Bahdanau\*\*'s score is \*additive\*/]) {
    const at = intro.search(words);
    assert.ok(at >= 0 && at < firstFormula, `${words} before the first formula`);
  }
});
