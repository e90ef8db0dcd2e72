/** What the grid asks of the place its runs go (the local pool, a Dask cluster). */
import type { RunOutcome } from './outcome';
import type { GridRun } from './plan';

export interface RunEvents {
  started(run: GridRun): void;
  /** Called once the run's folder is complete under --out (if it succeeded). */
  finished(run: GridRun, outcome: RunOutcome): void;
}

/** Set when the grid received a signal: start no further run. */
export interface Stop { signal?: NodeJS.Signals }

/** Runs `runs`, reporting each; resolves when every started run has ended. */
export type Pool = (runs: GridRun[], events: RunEvents, stop: Stop) => Promise<void>;
