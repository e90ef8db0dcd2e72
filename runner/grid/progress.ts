/**
 * The grid's progress: done / failed / running / left and an estimate of the time left, redrawn on
 * one line in a terminal; in a log, a plain line whenever a run starts or ends (no carriage returns).
 */
export interface Counts { done: number; failed: number; running: number; left: number }

export interface GridProgress {
  /** A line that stays (a run ended, a run failed), then the status. */
  say(line: string, counts: Counts): void;
  end(): void;
}

type Output = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/** Estimates from this session's pace: the runs finished per second so far, applied to those not finished. */
export function timeLeft(counts: Counts, finishedHere: number, elapsedSeconds: number): string {
  const remaining = counts.running + counts.left;
  if (remaining === 0) return '';
  if (finishedHere === 0) return ' · time left: estimating after the first run';
  return ` · about ${duration((remaining * elapsedSeconds) / finishedHere)} left`;
}

export function duration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function gridProgress(estimate: (counts: Counts) => string, out: Output = process.stdout): GridProgress {
  const status = (c: Counts): string =>
    `grid: ${c.done} done, ${c.failed} failed, ${c.running} running, ${c.left} left${estimate(c)}`;
  if (!out.isTTY) {
    return { say: (line, counts) => out.write(`${line}\n${status(counts)}\n`), end: () => undefined };
  }
  let drawn = false;
  return {
    say(line, counts) {
      const width = Math.max((out.columns || 80) - 1, 20);
      const text = status(counts);
      out.write(`\r\x1b[K${line}\n${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
      drawn = true;
    },
    end() {
      if (drawn) out.write('\r\x1b[K');
    },
  };
}
