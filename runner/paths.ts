import * as path from 'path';

/** Where the project's pieces live, resolved from this file so that nothing depends on the cwd or PATH. */
// build/runner/paths.js → two levels up is the project root.
export const projectRoot = path.resolve(__dirname, '..', '..');
/** The runner's Python half (nbclient engine, nbconvert publisher) and its templates. */
export const runnerPythonDir = path.join(projectRoot, 'runner', 'python');
export const notebooksDir = path.join(projectRoot, 'notebooks');
export const defaultExportDir = path.join(projectRoot, 'dist');
export const venvDir = path.join(projectRoot, '.venv');

/** The Python that runs Jupyter: a conda user's own (ATTENTION_LAB_PYTHON) or the project's .venv. */
export function jupyterPython(): string {
  return process.env.ATTENTION_LAB_PYTHON ?? path.join(venvDir, 'bin', 'python');
}

/** The kernelspec name that `tslab install` registers for TypeScript. */
export const tslabKernelName = 'tslab';
