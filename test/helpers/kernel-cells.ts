/** Cells run one after another in one real tslab kernel (the kernelspec this project registers), through nbclient. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { jupyterPython, notebooksDir, projectRoot, tslabKernelName } from '../../runner/paths';

export interface Output { output_type: string; name?: string; text?: string | string[]; data?: Record<string, unknown>; ename?: string; evalue?: string; traceback?: string[] }

const text = (value: unknown): string => (Array.isArray(value) ? value.join('') : String(value ?? ''));

/** The kernel's execute_reply for a cell: for a failed cell, the error it reports. */
export interface Reply { status: string; ename?: string | null; evalue?: string | null; traceback?: string[] | null }

/** Everything an output area shows: streams, data and error values, one output a line. */
export const shown = (outputs: Output[]): string =>
  outputs.map((o) => `${text(o.text)}${Object.values(o.data ?? {}).map(text).join('')}${o.evalue ?? ''}`).join('\n');

/** The stderr text of some outputs. */
export const stderrOf = (outputs: Output[]): string => outputs.filter((o) => o.name === 'stderr').map((o) => text(o.text)).join('');

/**
 * Runs each source as a cell, in order, in one kernel started in notebooks/ (as JupyterLab starts it);
 * returns each cell's outputs. tslab aborts requests that arrive within 200 ms of a failed cell,
 * so a cell expected to fail belongs last.
 */
export function runSources(sources: string[], env: NodeJS.ProcessEnv = process.env): Output[][] {
  return runSourcesWithReplies(sources, env).map((cell) => cell.outputs);
}

/** One step of runNotebookCells: a notebook's cell by index, run as it is or with another source. */
export interface CellStep { cell: number; source?: string }

/** Runs a notebook's cells in the order of `steps`, in one kernel started in notebooks/; returns each step's outputs. */
export function runNotebookCells(notebook: string, steps: CellStep[], timeoutMs = 300_000): Array<{ cell: number; outputs: Output[] }> {
  const run = spawnSync(jupyterPython(), [path.join(projectRoot, 'test', 'helpers', 'run_cells.py')], {
    input: JSON.stringify({ notebook, kernel: tslabKernelName, cwd: notebooksDir, steps }),
    encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Array<{ cell: number; outputs: Output[] }>;
}

/** runSources, with each cell's execute_reply; `env` is Jupyter's, which the kernel inherits. */
export function runSourcesWithReplies(sources: string[], env: NodeJS.ProcessEnv = process.env): Array<{ outputs: Output[]; reply: Reply }> {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-cells-'));
  try {
    const notebook = path.join(temp, 'cells.ipynb');
    fs.writeFileSync(notebook, JSON.stringify({
      cells: [{ cell_type: 'code', execution_count: null, id: 'cell', metadata: {}, outputs: [], source: '' }],
      metadata: { kernelspec: { name: tslabKernelName, display_name: 'TypeScript', language: 'typescript' } },
      nbformat: 4, nbformat_minor: 5,
    }));
    const run = spawnSync(jupyterPython(), [path.join(projectRoot, 'test', 'helpers', 'run_cells.py')], {
      input: JSON.stringify({ notebook, kernel: tslabKernelName, cwd: notebooksDir, steps: sources.map((source) => ({ cell: 0, source })) }),
      encoding: 'utf8', timeout: 120_000, maxBuffer: 16 * 1024 * 1024, env,
    });
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout) as Array<{ outputs: Output[]; reply: Reply }>;
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}
