/**
 * The ranges a parameters cell declares ("allowed: ..."), read and checked by the translator: which
 * error a value out of range gets (a usage error when -p set a value involved, else the notebook's
 * own), and ranges that cannot be read.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CommandError, UsageError } from '../runner/cli/errors';
import { Notebook } from '../runner/translator/ipynb';
import { checkAllowedValues } from '../runner/translator/parameter-ranges';
import { parameterDeclarations, resolveParameters } from '../runner/translator/parameters';

function check(cell: string, overrides: Record<string, string> = {}): void {
  const notebook: Notebook = { nbformat: 4, nbformat_minor: 5, metadata: {},
    cells: [{ cell_type: 'code', source: cell, metadata: { tags: ['parameters'] } }] };
  const given = new Map(Object.entries(overrides));
  checkAllowedValues('nb', resolveParameters('nb', parameterDeclarations(notebook), given), new Set(given.keys()));
}

const cell = 'const width = 4;\nconst column = 3; // the label\'s column; allowed: integer >= 0 and < width';

test('values inside their ranges pass; the range\'s bound may be another parameter', () => {
  check(cell);
  check(cell, { width: '10', column: '9' });
});

test('-p on the bound\'s parameter makes the default out of range: a usage error naming both', () => {
  assert.throws(() => check(cell, { width: '2' }), (error: Error) => error instanceof UsageError
    && error.message === 'parameter "column" of notebook "nb" must be an integer >= 0 and < width (2), got 3');
});

test('a default outside its own range is the notebook\'s error, and says so', () => {
  assert.throws(() => check('const rate = 0; // allowed: > 0'), (error: Error) => !(error instanceof UsageError)
    && error instanceof CommandError
    && error.message === 'parameter "rate" of notebook "nb" must be a number > 0, got 0 (its default in the parameters cell)');
});

test('a range that cannot be read, or that names no number parameter, stops the export naming the parameter', () => {
  assert.throws(() => check('const n = 5; // allowed: between 1 and 9'),
    /^Error: parameter "n" of notebook "nb": its parameters cell says "allowed: between 1 and 9", which is not understood for a number/);
  assert.throws(() => check("const mode = 'a'; // allowed: integer >= 1"), /which is not understood for a string/);
  assert.throws(() => check('const n = 5; // allowed: < size'), /its range names "size", which is not a number parameter of the cell/);
});

test('a comment without "allowed:" declares nothing', () => {
  check('const n = -1; // may be anything, e.g. [0, 1]');
});
