/**
 * --resume: a run is done already when its folder holds results.json for the same parameters and
 * the earlier table says it ran this notebook (the same digest) to the end.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import type { GridPlan, GridRun } from './plan';
import { readTableRecords } from './table';

export const resultsFile = (plan: GridPlan, run: GridRun, outDir: string): string =>
  path.join(outDir, run.folder, `${plan.name}.results.json`);

/** What the folder and the earlier table hold for a run that need not run again. */
export interface FinishedRun { results: Record<string, unknown>; row: Record<string, unknown> }

/** The runs that need not run again, by folder. */
export function finishedRuns(plan: GridPlan, outDir: string): Map<string, FinishedRun> {
  const earlier = readTableRecords(outDir);
  const finished = new Map<string, FinishedRun>();
  for (const run of plan.runs) {
    const row = earlier.get(run.folder);
    if (row?.status !== 'done' || row.notebook_digest !== plan.digest) continue;
    const results = readResults(resultsFile(plan, run, outDir));
    if (results?.notebook === plan.name && isDeepStrictEqual(results.parameters, run.parameters)) finished.set(run.folder, { results, row });
  }
  return finished;
}

/** results.json as an object, or undefined if it is missing or not JSON (the run is then done again). */
export function readResults(file: string): Record<string, unknown> | undefined {
  try {
    const results: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return typeof results === 'object' && results !== null ? results as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}
