/** The grid's default: up to `jobs` exports at once on this machine, each an `attention-lab export` child. */
import * as path from 'path';
import { runChild } from '../engine/child-process';
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
  return async (runs, events, stop) => {
    const queue = [...runs];
    // Every running child forwards our signals through a listener of its own.
    process.setMaxListeners(Math.max(process.getMaxListeners(), jobs + 10));
    const lane = async (): Promise<void> => {
      for (let run = queue.shift(); run !== undefined && stop.signal === undefined; run = queue.shift()) {
        events.started(run);
        const started = Date.now();
        const result = await runChild(process.execPath,
          [cliPath, 'export', plan.file, ...exportArguments(run, passed), '--out', path.join(outDir, run.folder)],
          { input: '', capture: true });
        events.finished(run, exportOutcome(result.status, result.stderr, (Date.now() - started) / 1000, 'local',
          result.interruptedBy !== undefined));
      }
    };
    await Promise.all(Array.from({ length: Math.min(jobs, runs.length) }, lane));
  };
}
