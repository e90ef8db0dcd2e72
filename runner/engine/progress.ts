/** What `export` shows while a notebook runs: the code cell running and the notebook's own progress line. */
import { cellPosition } from '../translator/cell-position';
import { cellSource, Notebook } from '../translator/ipynb';
import type { ProgressOutput } from './progress-output';

export interface ExecutionProgress {
  /** The kernel answered its first kernel_info request: the cells can start. */
  kernelReady(): void;
  cellStarted(cellIndex: number): void;
  /** The latest line of a live output of the notebook, e.g. its "Epoch 3/20 …" line. */
  progressLine(text: string): void;
  /** The run stopped, whichever way: leave the terminal tidy. */
  end(): void;
  /** The index of the cell running (in the notebook as run), if one started. */
  currentCell(): number | undefined;
}

/** In a plain log, the notebook's progress line is repeated at most this often (and once at each cell's end). */
const logIntervalMs = 10_000;

/**
 * In a terminal: one status line redrawn in place. Elsewhere (CI logs, pipes): plain lines only,
 * one per code cell and the notebook's progress now and then, never a carriage return.
 */
export function executionProgress(notebook: Notebook, out: ProgressOutput): ExecutionProgress {
  return out.isTTY ? terminalProgress(notebook, out) : logProgress(notebook, out);
}

function terminalProgress(notebook: Notebook, out: ProgressOutput): ExecutionProgress {
  let cell: number | undefined;
  let status = '';
  return {
    kernelReady() {
      out.status('  kernel ready');
    },
    cellStarted(index) {
      cell = index;
      status = `  ${cellPosition(notebook, index)}`;
      out.status(status);
    },
    progressLine(text) {
      out.status(`${status} · ${text}`);
    },
    end() {
      out.status(undefined);
    },
    currentCell: () => cell,
  };
}

function logProgress(notebook: Notebook, out: ProgressOutput): ExecutionProgress {
  let cell: number | undefined;
  let unprinted: string | undefined;
  let lastPrinted = -Infinity;
  const flush = (): void => {
    if (unprinted !== undefined) out.line(`    ${unprinted}`);
    unprinted = undefined;
  };
  return {
    // A line of its own, so that a log (and the bench's phase table) shows how long the start took.
    kernelReady() {
      out.line('  kernel ready');
    },
    cellStarted(index) {
      flush();
      cell = index;
      lastPrinted = -Infinity;
      const source = notebook.cells[index] ? cellSource(notebook.cells[index]) : '';
      const firstLine = source.trim().split('\n')[0];
      out.line(`  ${cellPosition(notebook, index)}: ${firstLine.length > 72 ? `${firstLine.slice(0, 71)}…` : firstLine}`);
    },
    progressLine(text) {
      unprinted = text;
      if (Date.now() - lastPrinted >= logIntervalMs) {
        lastPrinted = Date.now();
        flush();
      }
    },
    end: flush,
    currentCell: () => cell,
  };
}
