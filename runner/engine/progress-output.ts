/**
 * Where the notebooks' progress goes on our stdout: whole lines, and in a terminal one status line
 * redrawn in place. Notebooks running at once share it: each line is prefixed with its notebook's
 * name, and the status line shows every running notebook's status side by side.
 */

/** What one notebook writes; see executionProgress (progress.ts). */
export interface ProgressOutput {
  readonly isTTY: boolean;
  line(text: string): void;
  /** Terminal only: this notebook's status; undefined removes it. */
  status(text: string | undefined): void;
}

type Stream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

const clearLine = '\r\x1b[K';

/** One output per notebook, sharing `stream`; with `named`, each line and status carries the notebook's name. */
export function progressOutputs(named: boolean, stream: Stream = process.stdout): (name: string) => ProgressOutput {
  const statuses = new Map<string, string>();
  let drawn = false;
  const redraw = (): void => {
    const shown = [...statuses].map(([name, text]) => (named ? `${name}: ${text.trim()}` : text)).join(' | ');
    if (shown === '') {
      if (drawn) stream.write(clearLine);
      drawn = false;
      return;
    }
    const text = named ? `  ${shown}` : shown;
    const width = Math.max((stream.columns || 80) - 1, 20);
    stream.write(`${clearLine}${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
    drawn = true;
  };
  return (name) => ({
    isTTY: stream.isTTY === true,
    line(text) {
      // A line printed while the status line shows goes above it.
      if (drawn) stream.write(clearLine);
      stream.write(`${named ? `[${name}] ` : ''}${text}\n`);
      if (drawn) redraw();
    },
    status(text) {
      if (text === undefined) statuses.delete(name);
      else statuses.set(name, text);
      redraw();
    },
  });
}
