/** The kernel a notebook was written for: the runner runs TypeScript notebooks on tslab, and nothing else. */
import { CommandError } from '../cli/errors';
import { tslabKernelName } from '../paths';
import { isObject, Notebook } from './ipynb';

/**
 * Throws a one-line error naming the notebook's kernel if its kernelspec is not tslab's (a Python
 * notebook would otherwise fail on its first line as TypeScript). A notebook without a kernelspec
 * (made by hand) is taken for TypeScript.
 */
export function requireTslabKernel(notebook: Notebook, label: string): void {
  const spec = notebook.metadata.kernelspec;
  if (!isObject(spec) || spec.name === undefined || spec.name === tslabKernelName) return;
  const displayName = typeof spec.display_name === 'string' ? ` (${spec.display_name})` : '';
  throw new CommandError(`${label}: its kernel is ${JSON.stringify(String(spec.name))}${displayName}, not `
    + `${tslabKernelName}; attention-lab runs TypeScript notebooks on the ${tslabKernelName} kernel`);
}
