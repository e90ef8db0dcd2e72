/** How one run of `attention-lab export` ended, read from its exit status and its last words on stderr. */

export interface RunOutcome {
  status: 'done' | 'failed' | 'interrupted';
  seconds: number;
  failedCell?: string;
  message?: string;
  /** "local", or the address of the Dask worker that ran it. */
  worker: string;
}

/** The export's exit statuses for signals it was stopped by (128 + SIGHUP, SIGINT, SIGTERM). */
const signalStatuses = new Set([129, 130, 143]);

/**
 * `interrupted`: we stopped it (the grid got a signal). A failing export's error is its last
 * "attention-lab: …" paragraph; the cell is whatever it names ("code cell 2 of 3").
 */
export function exportOutcome(exitStatus: number, stderr: string, seconds: number, worker: string,
  interrupted: boolean): RunOutcome {
  if (exitStatus === 0) return { status: 'done', seconds, worker };
  if (interrupted && signalStatuses.has(exitStatus)) return { status: 'interrupted', seconds, worker };
  const start = stderr.lastIndexOf('attention-lab: ');
  const text = start < 0 ? stderr.trim().split('\n').pop() ?? '' : stderr.slice(start + 'attention-lab: '.length);
  const message = text.replace(/\nRun "attention-lab[^\n]*$/, '').replace(/\s*\n\s*/g, ' ').trim()
    || `export stopped with status ${exitStatus}`;
  const cell = /\b(?:code cell \d+ of \d+|the injected parameters cell)/.exec(message)?.[0];
  return { status: 'failed', seconds, worker, message, ...(cell ? { failedCell: cell } : {}) };
}
