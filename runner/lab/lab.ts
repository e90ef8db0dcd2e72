/** `attention-lab lab`: JupyterLab from the project's Jupyter, on notebooks/, for this machine only. */
import * as path from 'path';
import { notebooksDir, runnerPythonDir } from '../paths';
import { requireJupyterPython, runChild } from '../engine/child-process';
import { stopWhenOrphaned } from './parent-watch';
import { findRunningLab } from './running-lab';

/** Runs JupyterLab until it stops, or points at the one already serving notebooks/; returns the exit status. */
export async function runLab(jupyterArgs: string[]): Promise<number> {
  const python = requireJupyterPython();
  const running = await findRunningLab(python, notebooksDir);
  if (running !== undefined) {
    console.log(`JupyterLab is already running on notebooks/ (process ${running.pid}): ${running.address}`);
    console.log('A second server would autosave over the same files; stop the first one (Ctrl-C in its terminal) to start anew.');
    return 0;
  }
  // run_lab.py is `jupyter lab` with a lifeline: it stops the server if we are killed outright.
  const args = [path.join(runnerPythonDir, 'run_lab.py'), `--ServerApp.root_dir=${notebooksDir}`, '--ServerApp.ip=127.0.0.1',
    '--no-browser',
    // Jupyter refuses to run as root unless told; containers and CI machines often are root.
    ...(process.getuid?.() === 0 ? ['--allow-root'] : []),
    ...jupyterArgs];
  // On SIGINT Jupyter asks "Shutdown this Jupyter server (y/[n])?"; SIGTERM shuts it down, kernels
  // included, without asking, which is what one Ctrl-C should do.
  const stopWatching = stopWhenOrphaned();
  const result = await runChild(python, args, { translate: { SIGINT: 'SIGTERM' } });
  stopWatching();
  return result.interruptedBy ? 0 : result.status;
}
