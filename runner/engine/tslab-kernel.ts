/**
 * The TypeScript kernel as this project's kernelspec starts it: tslab, with its status messages
 * made to follow the Jupyter protocol's intent, and its converter edited so that cells are written
 * as TypeScript anywhere (tslab-converter.ts).
 *
 * tslab handles shell messages concurrently and reports each one "busy" on arrival and "idle"
 * when it is done. During Run All, JupyterLab sends every cell at once, so the first cell's "idle"
 * arrives while the next cell (queued inside tslab) is still running, and the status bar shows
 * the kernel Idle during a long cell. Here, after a message's "idle", the kernel reports "busy"
 * again for the oldest message still being handled: the front end shows Busy until the last one
 * ends, and each message still gets its own busy/idle pair, which clients wait for.
 */
// First: the edited converter takes the place of tslab's before tslab's modules require it.
import './tslab-converter';
// The same module files the kernel runs: tslab starts the copy it finds above the notebook's folder, this project's.
import { JupyterHandlerImpl, ZmqServer } from 'tslab/dist/jupyter';
import * as executorModule from 'tslab/dist/executor';
import { main } from 'tslab/dist/main';
import { isNativeError } from 'util/types';
import { version as compilerVersion } from '@tslab/typescript-for-tslab';
import { cellError, type CellError } from './tslab-cell-errors';

type Message = Parameters<ZmqServer['publishStatus']>[1];

const publishStatus = ZmqServer.prototype.publishStatus;
const pending: Message[] = [];

ZmqServer.prototype.publishStatus = function publishInOrder(this: ZmqServer, status: string, parent: Message): void {
  publishStatus.call(this, status, parent);
  if (status === 'busy') {
    pending.push(parent);
    return;
  }
  const index = pending.indexOf(parent);
  if (index >= 0) pending.splice(index, 1);
  if (status === 'idle' && pending.length > 0) publishStatus.call(this, 'busy', pending[0]);
};

// tslab binds its five sockets in parallel while it already reads the shell socket: a request that
// arrives before iopub is bound fails to publish its status ("Socket is blocked by a bind", EBUSY)
// and the client waits out its start-up timeout. Messages are handled once every socket is bound.
const bound = new WeakMap<ZmqServer, Promise<void>>();
const init = ZmqServer.prototype.init;
ZmqServer.prototype.init = function initThenServe(this: ZmqServer): Promise<void> {
  const ready = init.call(this);
  bound.set(this, ready);
  return ready;
};
const handleShellMessage = ZmqServer.prototype.handleShellMessage;
ZmqServer.prototype.handleShellMessage = async function handleWhenBound(this: ZmqServer, ...args: Parameters<ZmqServer['handleShellMessage']>): Promise<void> {
  await bound.get(this);
  return handleShellMessage.apply(this, args);
};

// tslab's executor prints what a cell throws with console.error(error), and its execute_reply
// names no error: print the cell's error (tslab-cell-errors.ts) and report it in the reply.
let failure: CellError | undefined;
const executor: { createExecutor: typeof executorModule.createExecutor } = executorModule;
const createExecutor = executor.createExecutor;
executor.createExecutor = (rootDir, converters, console) => createExecutor(rootDir, converters, {
  log: console.log,
  error: (...values: unknown[]) => {
    if (values.length !== 1 || !isNativeError(values[0])) return console.error(...values);
    failure = cellError(values[0]);
    console.error(failure.traceback.join('\n'));
  },
});
const handleExecute = JupyterHandlerImpl.prototype.handleExecute;
JupyterHandlerImpl.prototype.handleExecute = async function replyWithError(this: JupyterHandlerImpl, ...args: Parameters<JupyterHandlerImpl['handleExecute']>) {
  const reply = await handleExecute.apply(this, args);
  // Cells run one at a time, and none runs after a failed one (tslab aborts the queue): the failure is this cell's.
  const reported = failure;
  failure = undefined;
  return reply.status === 'error' && reported !== undefined ? { ...reply, ...reported } : reply;
};

// tslab reports TypeScript "3.7.2" as its language version whatever compiles the cells; JupyterLab
// writes that into every notebook it opens. Report the compiler's own version (the committed one).
const handleKernel = JupyterHandlerImpl.prototype.handleKernel;
JupyterHandlerImpl.prototype.handleKernel = function reportCompilerVersion(this: JupyterHandlerImpl) {
  const reply = handleKernel.call(this);
  return { ...reply, language_info: { ...reply.language_info, version: compilerVersion } };
};

main();
