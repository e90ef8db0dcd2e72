import * as path from 'node:path';
import { jupyterPython, projectRoot } from '../runner/paths';

const nodeWorker = (name: string) => path.join(projectRoot, 'build', 'bench', `${name}.js`);
const pythonWorker = (name: string) => path.join(projectRoot, 'bench', `${name}.py`);

/** Our three tfjs backends and Keras: the runtimes of the main table and the scaling curves. */
export const runtimes = [
  { name: 'ours, tfjs-node', backend: 'tensorflow' },
  { name: 'ours, tfjs cpu (pure JS)', backend: 'cpu' },
  { name: 'ours, tfjs wasm', backend: 'wasm' },
  { name: 'Keras model.fit' },
] as const;

/** The command of one runtime's worker: node WORKER.js BACKEND … or python WORKER.py …. */
export function workerCommand(runtime: (typeof runtimes)[number], node: string, python: string, args: string[]): [string, string[]] {
  return 'backend' in runtime
    ? [process.execPath, [nodeWorker(node), runtime.backend, ...args]]
    : [jupyterPython(), [pythonWorker(python), ...args]];
}

