/** Running Jupyter's Python as a child process that our Ctrl-C stops cleanly. */
import { spawn, StdioOptions } from 'child_process';
import * as fs from 'fs';
import { constants } from 'os';
import { jupyterPython } from '../toolchain/paths';
import { CommandError } from './errors';

/** The project's Jupyter Python (see src/toolchain/paths.ts), or an error saying how to get it. */
export function requireJupyterPython(): string {
  const python = jupyterPython();
  if (!fs.existsSync(python)) {
    throw new CommandError(`Jupyter's Python is missing (${python}); run "npm install" to set it up`);
  }
  return python;
}

export interface ChildOptions {
  /** Text written to the child's stdin; without it the child shares our stdin. */
  input?: string;
  /** Collect stdout and stderr instead of letting them through to the terminal. */
  capture?: boolean;
  /** The signal to send the child when we receive one (jupyter lab wants SIGTERM for Ctrl-C). */
  translate?: Partial<Record<NodeJS.Signals, NodeJS.Signals>>;
}

export interface ChildResult {
  /** The exit status, or 128 + the signal's number if a signal ended the child. */
  status: number;
  stdout: string;
  stderr: string;
  /** Set when we passed one of our signals on to the child. */
  interruptedBy?: NodeJS.Signals;
}

const forwardedSignals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * The child gets its own process group, so a terminal's Ctrl-C reaches it once, through us, and we
 * stay alive meanwhile to clean up after it and report.
 */
export function runChild(command: string, args: string[], options: ChildOptions = {}): Promise<ChildResult> {
  const stdio: StdioOptions = [options.input === undefined ? 'inherit' : 'pipe',
    options.capture ? 'pipe' : 'inherit', options.capture ? 'pipe' : 'inherit'];
  const child = spawn(command, args, { stdio, detached: true });
  const result: ChildResult = { status: 0, stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => { result.stdout += chunk; });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => { result.stderr += chunk; });
  // A child that fails before reading its input closes the pipe; its exit status tells why.
  child.stdin?.on('error', () => undefined).end(options.input);

  const forward = (signal: NodeJS.Signals): void => {
    result.interruptedBy = signal;
    child.kill(options.translate?.[signal] ?? signal);
  };
  for (const signal of forwardedSignals) process.on(signal, forward);
  const stopForwarding = (): void => {
    for (const signal of forwardedSignals) process.off(signal, forward);
  };
  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      stopForwarding();
      reject(new CommandError(`could not start ${command}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      stopForwarding();
      result.status = code ?? 128 + (signal ? constants.signals[signal] : 0);
      resolve(result);
    });
  });
}
