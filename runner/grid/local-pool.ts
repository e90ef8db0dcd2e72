/** The grid's default: up to `jobs` exports at once on this machine, each an `attention-lab export` child. */
import * as path from 'path';
import { runChild } from '../engine/child-process';
import { inLanes } from '../engine/lanes';
import { projectRoot } from '../paths';
import { exportArguments, PassedOptions } from './export-command';
import { exportOutcome } from './outcome';
import type { GridPlan } from './plan';
import type { Pool } from './pool';

const cliPath = path.join(projectRoot, 'bin', 'attention-lab.js');

/**
 * A child per run rather than exports inside this process: each is the export exactly as the user
 * would run it, with its own kernel and clean-up, and our signals reach it through runChild.
 */
export function localPool(plan: GridPlan, outDir: string, jobs: number, passed: PassedOptions): Pool {
  return (runs, events, stop) => inLanes(runs, jobs, async (run) => {
    events.started(run);
    const started = Date.now();
    const result = await runChild(process.execPath,
      [cliPath, 'export', plan.file, ...exportArguments(run, passed), '--out', path.join(outDir, run.folder)],
      { input: '', capture: true });
    events.finished(run, exportOutcome(result.status, result.stderr, (Date.now() - started) / 1000, 'local',
      result.interruptedBy !== undefined));
  }, () => stop.signal !== undefined);
}
