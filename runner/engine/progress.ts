/** What `export` shows while a notebook runs: the code cell running and the notebook's own progress line. */
import { cellPosition } from '../translator/cell-position';
import { cellSource, Notebook } from '../translator/ipynb';

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

type Output = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/** In a plain log, the notebook's progress line is repeated at most this often (and once at each cell's end). */
const logIntervalMs = 10_000;

/**
 * In a terminal: one status line redrawn in place. Elsewhere (CI logs, pipes): plain lines only,
 * one per code cell and the notebook's progress now and then, never a carriage return.
 */
export function executionProgress(notebook: Notebook, out: Output = process.stdout): ExecutionProgress {
  return out.isTTY ? terminalProgress(notebook, out) : logProgress(notebook, out);
}

function terminalProgress(notebook: Notebook, out: Output): ExecutionProgress {
  let cell: number | undefined;
  let status = '';
  const draw = (text: string): void => {
    const width = Math.max((out.columns || 80) - 1, 20);
    out.write(`\r\x1b[K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
  };
  return {
    kernelReady() {
      draw('  kernel ready');
    },
    cellStarted(index) {
      cell = index;
      status = `  ${cellPosition(notebook, index)}`;
      draw(status);
    },
    progressLine(text) {
      draw(`${status} · ${text}`);
    },
    end() {
      if (cell !== undefined) out.write('\r\x1b[K');
    },
    currentCell: () => cell,
  };
}

function logProgress(notebook: Notebook, out: Output): ExecutionProgress {
  let cell: number | undefined;
  let unprinted: string | undefined;
  let lastPrinted = -Infinity;
  const flush = (): void => {
    if (unprinted !== undefined) out.write(`    ${unprinted}\n`);
    unprinted = undefined;
  };
  return {
    // A line of its own, so that a log (and the bench's phase table) shows how long the start took.
    kernelReady() {
      out.write('  kernel ready\n');
    },
    cellStarted(index) {
      flush();
      cell = index;
      lastPrinted = -Infinity;
      const source = notebook.cells[index] ? cellSource(notebook.cells[index]) : '';
      const firstLine = source.trim().split('\n')[0];
      out.write(`  ${cellPosition(notebook, index)}: ${firstLine.length > 72 ? `${firstLine.slice(0, 71)}…` : firstLine}\n`);
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
