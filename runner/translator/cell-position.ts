/** Where a cell sits, as messages name it: "code cell N of M" of the notebook as saved. */
import { hasTag, isCode, Notebook } from './ipynb';
import { injectedParametersTag } from './parameters';

/**
 * N counts the code cells of the notebook as saved, from 1, so the injected parameters cell is not
 * counted (the execution count would count it). `cellIndex` indexes the notebook as run.
 */
export function cellPosition(notebook: Notebook, cellIndex: number): string {
  const cell = notebook.cells[cellIndex];
  if (cell === undefined) return `cell ${cellIndex + 1}`;
  if (hasTag(cell, injectedParametersTag)) return 'the injected parameters cell';
  const codeCells = notebook.cells.filter((c) => isCode(c) && !hasTag(c, injectedParametersTag));
  return `code cell ${codeCells.indexOf(cell) + 1} of ${codeCells.length}`;
}
