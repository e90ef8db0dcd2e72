/**
 * JupyterLab autosaves executed outputs into notebooks/*.ipynb, which are committed without
 * outputs. A git "clean" filter (set up by `npm install`, declared in .gitattributes) strips them
 * from what gets staged, while the working copy keeps them for the user. Run as a script, this
 * module is that filter: a notebook on stdin, the same notebook without outputs on stdout.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';

export const filterName = 'notebook-outputs';

interface Cell { cell_type: string; outputs?: unknown[]; execution_count?: number | null; metadata?: Record<string, unknown> }

/** Objects' keys in code-point order, as Python's json.dumps(sort_keys=True) writes them. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]));
}

/** The notebook without outputs, execution counts or run timings, written as Jupyter writes it. */
export function stripOutputs(notebookJson: string): string {
  let notebook: { cells?: Cell[] };
  try {
    notebook = JSON.parse(notebookJson) as { cells?: Cell[] };
  } catch {
    return notebookJson; // not JSON (e.g. merge conflict markers): staged as it is, for git to show
  }
  for (const cell of notebook.cells ?? []) {
    if (cell.cell_type !== 'code') continue;
    cell.outputs = [];
    cell.execution_count = null;
    if (cell.metadata !== undefined) delete cell.metadata.execution;
  }
  // nbformat's layout, which JupyterLab saves: keys sorted, one-space indent, non-ASCII kept, a final newline.
  return `${JSON.stringify(sortedKeys(notebook), null, 1)}\n`;
}

/** Points the repository's filter at this script, by absolute paths (git runs it from any folder). */
export function installOutputsFilter(repositoryDir: string): boolean {
  const inside = spawnSync('git', ['rev-parse', '--git-dir'], { cwd: repositoryDir, encoding: 'utf8' });
  if (inside.status !== 0) return false; // not a git checkout (e.g. a downloaded archive): nothing to protect
  const command = `"${process.execPath}" "${__filename}"`;
  const set = spawnSync('git', ['config', `filter.${filterName}.clean`, command], { cwd: repositoryDir, encoding: 'utf8' });
  if (set.status !== 0) throw new Error(`git config failed: ${set.stderr.trim()}`);
  return true;
}

if (require.main === module) {
  process.stdout.write(stripOutputs(fs.readFileSync(0, 'utf8')));
}
