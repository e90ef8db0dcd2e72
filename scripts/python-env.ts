/**
 * The project's Python environment (.venv) for scripts/setup.ts: created when missing, and
 * repaired or recreated when an earlier attempt left it half-made. `python3 -m venv` on a Debian
 * machine without python3-venv, or an interrupted install, leaves a .venv without pip (or without
 * a working python), and every later `pip install` would fail with "No module named pip".
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export type VenvOutcome = 'ready' | 'created' | 'repaired' | 'recreated';

const succeeds = (command: string, args: string[]): boolean =>
  spawnSync(command, args, { stdio: 'ignore' }).status === 0;

function runOrThrow(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
  if (result.status !== 0) {
    const why = (result.error?.message ?? result.stderr ?? '').trim().split('\n').filter(Boolean).pop();
    throw new Error(`${[command, ...args].join(' ')} failed${why ? `: ${why}` : ''}`);
  }
}

/**
 * Makes `venvDir` a virtual environment with a working python and pip, using `basePython` to
 * create it; says what it did through `log` and returns it.
 */
export function ensureVenv(venvDir: string, basePython: string, log: (line: string) => void = console.log): VenvOutcome {
  const python = path.join(venvDir, 'bin', 'python');
  const create = (clear: boolean): void => {
    try {
      runOrThrow(basePython, ['-m', 'venv', ...(clear ? ['--clear'] : []), venvDir]);
    } catch (error) {
      // Leave nothing half-made behind for the next attempt to trip over.
      fs.rmSync(venvDir, { recursive: true, force: true });
      throw new Error(`could not create ${venvDir} (${(error as Error).message}); on Debian or Ubuntu, `
        + 'install python3-venv (apt-get install python3-venv), then run npm install again');
    }
  };
  if (!fs.existsSync(venvDir)) {
    create(false);
    return 'created';
  }
  if (!succeeds(python, ['-c', 'pass'])) {
    log(`${venvDir} is incomplete (its python does not run); recreating it`);
    create(true);
    return 'recreated';
  }
  if (succeeds(python, ['-m', 'pip', '--version'])) return 'ready';
  log(`${venvDir} has no pip (a half-made environment); repairing it with ensurepip`);
  if (succeeds(python, ['-m', 'ensurepip', '--default-pip']) && succeeds(python, ['-m', 'pip', '--version'])) {
    return 'repaired';
  }
  log(`ensurepip could not repair ${venvDir}; recreating it`);
  create(true);
  return 'recreated';
}
