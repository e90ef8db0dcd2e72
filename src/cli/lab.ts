/** `attention-lab lab`: JupyterLab from the project's Jupyter, on notebooks/, for this machine only. */
import { notebooksDir } from '../toolchain/paths';
import { requireJupyterPython, runChild } from './child-process';

/** Runs JupyterLab until it stops; returns its exit status. */
export async function runLab(jupyterArgs: string[]): Promise<number> {
  const args = ['-m', 'jupyter', 'lab', `--ServerApp.root_dir=${notebooksDir}`, '--ServerApp.ip=127.0.0.1',
    '--no-browser',
    // Jupyter refuses to run as root unless told; containers and CI machines often are root.
    ...(process.getuid?.() === 0 ? ['--allow-root'] : []),
    ...jupyterArgs];
  // On SIGINT Jupyter asks "Shutdown this Jupyter server (y/[n])?"; SIGTERM shuts it down, kernels
  // included, without asking, which is what one Ctrl-C should do.
  const result = await runChild(requireJupyterPython(), args, { translate: { SIGINT: 'SIGTERM' } });
  return result.interruptedBy ? 0 : result.status;
}
