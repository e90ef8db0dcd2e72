/**
 * --scheduler: the runs as tasks on a Dask distributed cluster. runner/python/grid_dask.py is the
 * Dask client; each task runs the same `attention-lab export` on a worker that has the project
 * installed and sends the run's files back, which are published into the run's folder here.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CommandError, UsageError } from '../cli/errors';
import { requireJupyterPython, runChild } from '../engine/child-process';
import { projectRoot, runnerPythonDir } from '../paths';
import { publish } from '../publisher/staging';
import { exportArguments, PassedOptions } from './export-command';
import { exportOutcome } from './outcome';
import type { GridPlan, GridRun } from './plan';
import type { Pool } from './pool';

const clientScript = path.join(runnerPythonDir, 'grid_dask.py');
/** grid_dask.py's exit status when it cannot reach the scheduler; stderr says why. */
const unreachableStatus = 6;

/** tcp://HOST:PORT, checked before anything starts. */
export function parseSchedulerAddress(address: string): string {
  const match = /^tcp:\/\/([^\s:/]+|\[[0-9a-fA-F:]+\]):(\d+)$/.exec(address);
  const port = Number(match?.[2]);
  if (!match || port < 1 || port > 65535) {
    throw new UsageError(`--scheduler expects tcp://HOST:PORT with a port from 1 to 65535 (e.g. tcp://127.0.0.1:8786), got "${address}"`);
  }
  return address;
}

interface FinishedEvent { id: number; returncode: number; stderr: string; seconds: number; worker: string; staging?: string; interrupted: boolean }

export function daskPool(plan: GridPlan, outDir: string, scheduler: string, passed: PassedOptions): Pool {
  const notebook = path.relative(projectRoot, plan.file);
  if (notebook.startsWith('..') || path.isAbsolute(notebook)) {
    throw new UsageError(`--scheduler runs the workers' copy of the notebook, so it must be inside the project (${projectRoot}); ${plan.file} is not`);
  }
  return async (runs, events, stop) => {
    // Inside --out, so that each run's files arrive on the file system they are published to.
    const staging = fs.mkdtempSync(path.join(outDir, '.attention-lab-grid-'));
    const byId = (id: unknown): GridRun | undefined => (typeof id === 'number' ? runs[id] : undefined);
    try {
      const result = await runChild(requireJupyterPython(), [clientScript, '--scheduler', scheduler, '--staging', staging, '--events-fd', '3'], {
        input: JSON.stringify({ notebook, runs: runs.map((run) => exportArguments(run, passed)) }),
        capture: true,
        onEvent: (event) => {
          const { event: kind, ...fields } = (event ?? {}) as Record<string, unknown>;
          const run = byId(fields.id);
          if (run === undefined) return;
          if (kind === 'started') events.started(run);
          else if (kind === 'finished') finish(run, fields as unknown as FinishedEvent);
        },
      });
      if (result.status === unreachableStatus) throw new CommandError(`cannot use the Dask scheduler at ${scheduler}: ${lastLine(result.stderr)}`);
      if (result.status !== 0 && result.interruptedBy === undefined) {
        throw new CommandError(`the Dask client stopped with status ${result.status}:\n${result.stderr.trim()}`);
      }
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }

    function finish(run: GridRun, finished: FinishedEvent): void {
      let { returncode, stderr } = finished;
      if (returncode === 0 && finished.staging !== undefined) {
        try {
          publish(finished.staging, path.join(outDir, run.folder));
        } catch (error) {
          [returncode, stderr] = [1, `attention-lab: could not publish ${run.folder}: ${(error as Error).message}`];
        }
      }
      events.finished(run, exportOutcome(returncode, stderr, finished.seconds, finished.worker,
        finished.interrupted || stop.signal !== undefined));
    }
  };
}

const lastLine = (text: string): string => text.trim().split('\n').pop() ?? '';
