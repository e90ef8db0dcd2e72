/**
 * What people write across cells, on the real tslab kernel (the kernelspec this project
 * registers): a later cell sees an earlier cell's names as TypeScript would. docs/writing-cells.md
 * lists the same idioms. All idioms run in one kernel, one after another (a kernel each would take
 * minutes here), each with names of its own; a failing cell does not stop the next (run_cells.py).
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { runSources, shown, stderrOf, type Output } from '../helpers/kernel-cells';

interface Idiom { name: string; cells: string[]; lastCellShows: string }

const idioms: Idiom[] = [{
  name: 'a shorthand property names a variable of an earlier cell',
  cells: ['const seed = 42;', 'const o = { seed, nested: { seed } };\nJSON.stringify(o)'],
  lastCellShows: '{"seed":42,"nested":{"seed":42}}',
}, {
  name: "a destructuring assignment with shorthand names and a default writes to an earlier cell's lets",
  cells: ['let a = 1;\nlet b = 2;\nconst fallback = 7;', '({ a, b } = { a: b, b: a });\n({ a = fallback } = {} as { a?: number });', '`${a} ${b}`'],
  lastCellShows: '7 1',
}, {
  name: 'a shorthand property still names a variable of its own cell or scope',
  cells: ['const own = 42;', 'const own2 = 3;\nconst f = (own: number) => ({ own });\nJSON.stringify([f(5), { own2 }])'],
  lastCellShows: '[{"own":5},{"own2":3}]',
}, {
  name: 'names from a destructuring declaration are used in a later cell',
  cells: ['const { x, y: [first] } = { x: 1, y: [2, 3] };', 'x + first'],
  lastCellShows: '3',
}, {
  name: 'a function, class, enum and type alias declared in one cell are used in another',
  cells: ['function double(v: number) { return 2 * v; }\nclass Box { constructor(readonly value: number) {} }\nenum Colour { Red, Green }\ntype Pair = [number, number];',
    'const pair: Pair = [double(new Box(3).value), Colour.Green];\npair.join(",")'],
  lastCellShows: '6,1',
}, {
  name: 'a cell that declares a const runs again',
  cells: ['const k = 1;', 'const k = 2;', 'k'],
  lastCellShows: '2',
}, {
  name: 'a let is reassigned from a later cell',
  cells: ['let count = 1;', 'count = count + 1;\ncount++;', 'count'],
  lastCellShows: '3',
}, {
  name: 'an import in a later cell',
  cells: ['const parts = ["a", "b"];', "import * as path from 'path';\nimport { join } from 'path';", 'path.posix.join(...parts) + join("c")'],
  lastCellShows: 'a/bc',
}, {
  name: 'a top-level for await',
  cells: ['async function* numbers() { yield 1; yield 2; }', 'let total = 0;\nfor await (const v of numbers()) total += v;', 'total'],
  lastCellShows: '3',
}, {
  name: 'a template literal names earlier variables',
  cells: ["const who = 'world';\nconst times = 2;", '`hello ${who} ×${times}`'],
  lastCellShows: 'hello world ×2',
}];

describe('TypeScript across cells, on the real kernel', () => {
  let outputs: Output[][];
  before(() => { outputs = runSources(idioms.flatMap((idiom) => idiom.cells)); });

  idioms.forEach((idiom, i) => test(idiom.name, () => {
    const first = idioms.slice(0, i).reduce((sum, earlier) => sum + earlier.cells.length, 0);
    const cells = outputs.slice(first, first + idiom.cells.length);
    cells.forEach((cell, j) => {
      assert.equal(stderrOf(cell), '', `cell ${JSON.stringify(idiom.cells[j])} wrote to stderr`);
      assert.ok(!cell.some((o) => o.output_type === 'error'), `cell ${JSON.stringify(idiom.cells[j])} failed: ${shown(cell)}`);
    });
    assert.equal(shown(cells[cells.length - 1]).trim(), idiom.lastCellShows);
  }));
});
