/**
 * The wrapper stops the server when whoever started it is gone. `npm run lab` runs us through
 * `sh -c`: when npm itself is killed (SIGKILL, or SIGHUP, which it does not pass on), that shell
 * lives on as our parent, so the shell's own parent is watched too. Noticing that one of them is gone
 * and stopping as if we got SIGTERM ourselves makes every way of stopping npm stop the server and its kernels.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Shells that npm, yarn or a user may run us through with `-c`. */
const shells = new Set(['sh', 'dash', 'bash', 'zsh', 'ksh']);

export function stopWhenOrphaned(checkEveryMs = 500): () => void {
  const parent = process.ppid;
  const shellParent = isShellRunningCommand(parent) ? parentOf(parent) : undefined;
  const timer = setInterval(() => {
    if (process.ppid !== parent || (shellParent !== undefined && parentOf(parent) !== shellParent)) {
      clearInterval(timer);
      process.kill(process.pid, 'SIGTERM');
    }
  }, checkEveryMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The parent of `pid` as /proc shows it; undefined once `pid` is gone. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …"; comm may hold spaces and parentheses.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function isShellRunningCommand(pid: number): boolean {
  try {
    const [command, flag] = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return shells.has(path.basename(command)) && flag === '-c';
  } catch {
    return false;
  }
}
