/**
 * `attention-lab grid`: plan every run and check it, then run them on the local pool or a Dask
 * cluster, keeping DIR/runs.csv and DIR/runs.jsonl up to date after every run that ends.
 */
import * as os from 'os';
import * as path from 'path';
import type { GridOptions } from '../cli/arguments';
import { CommandError, UsageError } from '../cli/errors';
import { parseJobs } from '../cli/jobs';
import { checkOutDir, makeFolders } from '../publisher/out-dir';
import { daskPool, parseSchedulerAddress } from './dask-pool';
import { localPool } from './local-pool';
import type { RunOutcome } from './outcome';
import { GridPlan, GridRun, planGrid } from './plan';
import type { Pool, Stop } from './pool';
import { Counts, duration, gridProgress, timeLeft } from './progress';
import { FinishedRun, finishedRuns, readResults, resultsFile } from './resume';
import { RunRow, scalarFigures, tableFiles, writeTable } from './table';

const stopSignals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Returns the exit status: 0 if every run is done, 1 if some failed. */
export async function runGrid(options: GridOptions): Promise<number> {
  const jobs = gridJobs(options);
  const scheduler = options.scheduler === undefined ? undefined : parseSchedulerAddress(options.scheduler);
  const outDir = path.resolve(options.outDir);
  const plan = planGrid(path.resolve(options.notebooks[0]), options.notebooks[0], options.parameters);
  checkOutDir(options.outDir, Object.values(tableFiles), plan.runs.map((run) => run.folder));
  const passed = { formats: options.formats, form: options.form };
  const pool = scheduler === undefined ? localPool(plan, outDir, jobs, passed) : daskPool(plan, outDir, scheduler, passed);

  const skipped = options.resume ? finishedRuns(plan, outDir) : new Map<string, FinishedRun>();
  const rows = new Map(plan.runs.map((run): [string, RunRow] => [run.folder, {
    run: run.folder, values: run.values, notebookDigest: plan.digest, figures: {}, status: 'pending',
  }]));
  // A skipped run keeps its earlier row's time and worker.
  for (const [folder, { results, row }] of skipped) {
    Object.assign(rows.get(folder)!, { status: 'done', figures: scalarFigures(results),
      seconds: typeof row.seconds === 'number' ? row.seconds : undefined, worker: typeof row.worker === 'string' ? row.worker : undefined });
  }
  makeFolders(outDir);
  const save = (): void => writeTable(outDir, plan.parameterNames, [...rows.values()]);
  save();

  const todo = plan.runs.filter((run) => !skipped.has(run.folder));
  const where = scheduler === undefined ? `${Math.min(jobs, Math.max(todo.length, 1))} at once on this machine` : `the Dask cluster at ${scheduler}`;
  console.log(`Grid of ${plan.runs.length} run${plan.runs.length === 1 ? '' : 's'} of ${options.notebooks[0]}${skipped.size > 0 ? `, ${skipped.size} done already (--resume)` : ''}: `
    + `${todo.length} to run, ${where}; table: ${path.join(options.outDir, tableFiles.csv)}`);

  const stop: Stop = {};
  const onSignal = (signal: NodeJS.Signals): void => { stop.signal ??= signal; };
  for (const signal of stopSignals) process.on(signal, onSignal);
  const started = Date.now();
  try {
    await runAll(pool, plan, todo, rows, save, stop, outDir, started);
  } finally {
    for (const signal of stopSignals) process.off(signal, onSignal);
  }
  return report(plan, [...rows.values()], options.outDir, stop, started);
}

function gridJobs({ jobs, scheduler }: GridOptions): number {
  if (jobs === undefined) return os.availableParallelism();
  if (scheduler !== undefined) throw new UsageError('--jobs is for the local pool; with --scheduler, each Dask worker\'s --nthreads sets how many runs it takes at once');
  return parseJobs(jobs);
}

async function runAll(pool: Pool, plan: GridPlan, todo: GridRun[], rows: Map<string, RunRow>, save: () => void,
  stop: Stop, outDir: string, started: number): Promise<void> {
  let finishedHere = 0;
  const counts = (): Counts => {
    const statuses = [...rows.values()].map((row) => row.status);
    const count = (...wanted: string[]) => statuses.filter((s) => wanted.includes(s)).length;
    return { done: count('done'), failed: count('failed'), running: count('running'), left: count('pending', 'interrupted') };
  };
  const progress = gridProgress((c) => timeLeft(c, finishedHere, (Date.now() - started) / 1000));
  await pool(todo, {
    started(run) {
      rows.get(run.folder)!.status = 'running';
      save();
      progress.say(`  ${run.folder}: started`, counts());
    },
    finished(run, outcome) {
      const row = rows.get(run.folder)!;
      Object.assign(row, rowOf(outcome, plan, run, outDir));
      if (outcome.status !== 'interrupted') finishedHere += 1;
      save();
      const detail = outcome.status === 'failed' ? `: ${outcome.message}` : '';
      progress.say(`  ${run.folder}: ${outcome.status} in ${duration(outcome.seconds)}${outcome.worker === 'local' ? '' : ` on ${outcome.worker}`}${detail}`, counts());
    },
  }, stop);
  progress.end();
}

function rowOf(outcome: RunOutcome, plan: GridPlan, run: GridRun, outDir: string): Partial<RunRow> {
  const { status, seconds, failedCell, message, worker } = outcome;
  if (status !== 'done') return { status, seconds, failedCell, message, worker, figures: {} };
  const results = readResults(resultsFile(plan, run, outDir));
  if (results === undefined) {
    return { status: 'failed', seconds, worker, message: `the export ended well but ${path.join(run.folder, `${plan.name}.results.json`)} is missing or not JSON`, figures: {} };
  }
  return { status, seconds, worker, failedCell: undefined, message: undefined, figures: scalarFigures(results) };
}

function report(plan: GridPlan, rows: RunRow[], shownOutDir: string, stop: Stop, started: number): number {
  const count = (status: RunRow['status']) => rows.filter((row) => row.status === status).length;
  const failed = rows.filter((row) => row.status === 'failed');
  const summary = `${count('done')} of ${plan.runs.length} runs done, ${failed.length} failed, in ${duration((Date.now() - started) / 1000)}; `
    + `table: ${path.join(shownOutDir, tableFiles.csv)}`;
  if (stop.signal !== undefined) {
    throw new CommandError(`interrupted (${stop.signal}): ${summary}; the finished runs are kept, --resume runs the rest`,
      128 + os.constants.signals[stop.signal]);
  }
  console.log(summary);
  for (const row of failed) console.log(`  failed: ${row.run}: ${row.message}`);
  return failed.length > 0 ? 1 : 0;
}
