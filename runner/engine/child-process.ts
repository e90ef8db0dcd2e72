/** Running Jupyter's Python as a child process that our Ctrl-C stops cleanly. */
import { spawn, StdioOptions } from 'child_process';
import * as fs from 'fs';
import { Readable } from 'stream';
import { constants } from 'os';
import { jupyterPython } from '../paths';
import { CommandError } from '../cli/errors';

/** The project's Jupyter Python (see runner/paths.ts), or an error saying how to get it. */
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
  /** Called with each JSON line the child writes to its file descriptor 3 (opened only if given). */
  onEvent?: (event: unknown) => void;
  /**
   * Process groups the child started outside its own (a Jupyter kernel leads its own session):
   * whatever of them outlives the child is killed, so that nothing is orphaned.
   */
  outsideGroups?: () => number[];
  /**
   * Aborted: the child is stopped as by our SIGTERM (nbclient then shuts its kernel down), unless
   * one of our signals has reached it already.
   */
  stop?: AbortSignal;
}

export interface ChildResult {
  /** The exit status, or 128 + the signal's number if a signal ended the child. */
  status: number;
  stdout: string;
  stderr: string;
  /** Set when we passed one of our signals on to the child. */
  interruptedBy?: NodeJS.Signals;
  /** The signal that ended the child, if one did. */
  killedBy?: NodeJS.Signals;
}

const forwardedSignals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/**
 * nbclient and Jupyter's server clean up their kernels on SIGINT and SIGTERM only; a SIGHUP (the
 * terminal closed) would kill them outright and orphan the kernels, so they get a SIGTERM instead.
 */
const defaultTranslation: Partial<Record<NodeJS.Signals, NodeJS.Signals>> = { SIGHUP: 'SIGTERM' };
/** How long the child's pipes may stay open after it exited (held by a process it left behind). */
const pipesGraceMs = 2000;

/**
 * The child gets its own process group, so a terminal's Ctrl-C reaches it once, through us, and we
 * stay alive meanwhile to clean up after it and report.
 */
export function runChild(command: string, args: string[], options: ChildOptions = {}): Promise<ChildResult> {
  const stdio: StdioOptions = [options.input === undefined ? 'inherit' : 'pipe',
    options.capture ? 'pipe' : 'inherit', options.capture ? 'pipe' : 'inherit',
    ...(options.onEvent ? ['pipe' as const] : [])];
  const child = spawn(command, args, { stdio, detached: true });
  const result: ChildResult = { status: 0, stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => { result.stdout += chunk; });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => { result.stderr += chunk; });
  // A child that fails before reading its input closes the pipe; its exit status tells why.
  child.stdin?.on('error', () => undefined).end(options.input);
  if (options.onEvent) readJsonLines(child.stdio[3] as Readable, options.onEvent);

  const forward = (signal: NodeJS.Signals): void => {
    result.interruptedBy = signal;
    child.kill(options.translate?.[signal] ?? defaultTranslation[signal] ?? signal);
  };
  for (const signal of forwardedSignals) process.on(signal, forward);
  const abort = (): void => {
    if (result.interruptedBy === undefined) child.kill('SIGTERM');
  };
  options.stop?.addEventListener('abort', abort);
  const stopForwarding = (): void => {
    for (const signal of forwardedSignals) process.off(signal, forward);
    options.stop?.removeEventListener('abort', abort);
  };
  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      stopForwarding();
      reject(new CommandError(`could not start ${command}: ${error.message}`));
    });
    child.on('exit', (code, signal) => {
      stopForwarding();
      result.status = code ?? 128 + (signal ? constants.signals[signal] : 0);
      if (signal) result.killedBy = signal;
      killStrayGroups([child.pid ?? 0, ...(options.outsideGroups?.() ?? [])]);
      // Normally the pipes close with the child; if something still holds them, stop waiting.
      const giveUp = setTimeout(() => {
        for (const stream of child.stdio) stream?.destroy();
        resolve(result);
      }, pipesGraceMs);
      child.on('close', () => {
        clearTimeout(giveUp);
        resolve(result);
      });
    });
  });
}

function killStrayGroups(groups: number[]): void {
  for (const group of groups.filter((g) => g > 0)) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // ESRCH: nothing left in that group, as it should be.
    }
  }
}

/** A malformed event is not worth failing a run for: it is passed on as undefined. */
function parseEvent(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function readJsonLines(stream: Readable, onEvent: (event: unknown) => void): void {
  let pending = '';
  stream.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines.filter((l) => l.trim())) onEvent(parseEvent(line));
  });
}
