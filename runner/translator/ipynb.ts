/** Just enough of the Jupyter notebook format (nbformat 4) for the CLI: reading, cells, tags. */
import * as fs from 'fs';
import * as path from 'path';
import { CommandError } from '../cli/errors';

export interface NotebookOutput {
  output_type: string;
  data?: Record<string, unknown>;
  [field: string]: unknown;
}

export interface NotebookCell {
  cell_type: string;
  id?: string;
  source: string | string[];
  metadata: { tags?: string[]; [field: string]: unknown };
  outputs?: NotebookOutput[];
  execution_count?: number | null;
}

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: NotebookCell[];
}

/** `label` names the file in error messages, e.g. as the user typed it. */
export function readNotebook(file: string, label = file): Notebook {
  if (!fs.existsSync(file)) throw new CommandError(`notebook not found: ${label}`);
  let notebook: Notebook;
  try {
    notebook = JSON.parse(fs.readFileSync(file, 'utf8')) as Notebook;
  } catch (error) {
    throw new CommandError(`${label} is not a notebook: ${(error as Error).message}`);
  }
  if (!isObject(notebook) || notebook.nbformat !== 4 || !Array.isArray(notebook.cells)) {
    const version = isObject(notebook) ? `nbformat ${String(notebook.nbformat)}` : `it holds ${JSON.stringify(notebook)}`;
    throw new CommandError(`${label} is not a version 4 notebook (${version})`);
  }
  notebook.cells.forEach((cell: unknown, index) => {
    const { cell_type: type, source } = (isObject(cell) ? cell : {}) as Partial<NotebookCell>;
    if (typeof type !== 'string' || !(typeof source === 'string' || Array.isArray(source))) {
      throw new CommandError(`${label}: cell ${index + 1} is not a notebook cell (it needs cell_type and source)`);
    }
  });
  // Jupyter writes `metadata` on every cell, but a hand-made notebook may leave it out; it means none.
  return { ...notebook, metadata: notebook.metadata ?? {},
    cells: notebook.cells.map((cell) => ({ ...cell, metadata: isObject(cell.metadata) ? cell.metadata : {} })) };
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The name outputs are written under: trained.ipynb → trained. */
export const notebookName = (file: string): string => path.basename(file, '.ipynb');

export const cellSource = (cell: NotebookCell): string =>
  Array.isArray(cell.source) ? cell.source.join('') : cell.source;

export const hasTag = (cell: NotebookCell, tag: string): boolean => cell.metadata.tags?.includes(tag) ?? false;

export const isCode = (cell: NotebookCell): boolean => cell.cell_type === 'code';
