/**
 * An error thrown in a cell, as the real tslab kernel (this project's kernelspec) prints it: the
 * error's name and message first, then only the frames that point into cells, with the cells' own
 * line numbers — no code frame of tslab's compiled code, no frame inside tslab or Node.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { runSourcesWithReplies, stderrOf, type Reply } from '../helpers/kernel-cells';

describe('an error thrown in a cell, on the real kernel', () => {
  let printed: string[];
  let replies: Reply[];
  before(() => {
    const cells = runSourcesWithReplies([
      // A blank line and a type annotation: the compiled code's lines differ from the cell's.
      'function checked(v: number): number {\n\n  if (v > 1) throw new RangeError(`too big: ${v}`);\n  return v;\n}',
      'const small: number = checked(1);\n\nconst big = checked(small + 1);',
      "type Settings = { n: number };\n\nconst settings: Settings = JSON.parse('{');",
      'await Promise.resolve();\nconst message: string = "asynchronous";\nthrow new Error(message);',
    ]);
    printed = cells.map((cell) => stderrOf(cell.outputs));
    replies = cells.map((cell) => cell.reply);
  });

  test('a throw in a function of an earlier cell, called from this one: message, then both cells\' lines', () => {
    assert.equal(printed[0], '');
    assert.equal(printed[1], 'RangeError: too big: 2\n    at checked (an earlier cell, line 3)\n    at the cell (line 3)\n');
  });

  test('the kernel reports the error in its reply: name, message and the cells\' frames', () => {
    assert.deepEqual(replies[1], { status: 'error', ename: 'RangeError', evalue: 'too big: 2',
      traceback: ['RangeError: too big: 2', '    at checked (an earlier cell, line 3)', '    at the cell (line 3)'] });
  });

  test('a throw inside a built-in: only the cell\'s frame', () => {
    assert.match(printed[2], /^SyntaxError: [^\n]*JSON[^\n]*\n    at the cell \(line 3\)\n$/);
  });

  test('a throw after a top-level await', () => {
    assert.equal(printed[3], 'Error: asynchronous\n    at the cell (line 3)\n');
  });
});
