/**
 * Processes as /proc shows them, for tests that check nothing is left running: a process's
 * descendants, their process groups, and which groups still have living members. By group and
 * parentage, never by name, so other engineers' kernels on this machine do not count.
 */
import * as fs from 'node:fs';

interface ProcessStat { pid: number; state: string; ppid: number; pgid: number }

function stat(pid: number): ProcessStat | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid pgrp …"; comm may hold spaces and parentheses.
    const [state, ppid, pgid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, state, ppid: Number(ppid), pgid: Number(pgid) };
  } catch {
    return undefined; // gone meanwhile
  }
}

function allProcesses(): ProcessStat[] {
  return fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))
    .map((name) => stat(Number(name))).filter((p): p is ProcessStat => p !== undefined);
}

/** The process group of `pid` (of this process by default). */
export function processGroupOf(pid = process.pid): number | undefined {
  return stat(pid)?.pgid;
}

/** Every living process below `pid`. */
export function descendants(pid: number): ProcessStat[] {
  const all = allProcesses();
  const found: ProcessStat[] = [];
  let parents = new Set([pid]);
  while (parents.size > 0) {
    const children = all.filter((p) => parents.has(p.ppid));
    found.push(...children);
    parents = new Set(children.map((p) => p.pid));
  }
  return found.filter((p) => p.state !== 'Z');
}

/**
 * Adds the process groups below `pid` other than ours to `groups` (exports, their Pythons, their
 * kernels, which lead sessions of their own); returns true so that it can sit in a waitUntil
 * condition. A child caught between fork and setsid is still in our group, which must never be killed.
 */
export function recordGroups(pid: number, groups: Set<number>): true {
  const ours = processGroupOf();
  for (const p of descendants(pid)) if (p.pgid !== ours) groups.add(p.pgid);
  return true;
}

/** The living (not zombie) members of these process groups. */
export function livingMembers(groups: Iterable<number>): ProcessStat[] {
  const wanted = new Set(groups);
  return allProcesses().filter((p) => wanted.has(p.pgid) && p.state !== 'Z');
}

/** Kills whatever is left of these groups (test clean-up after a failure). */
export function killGroups(groups: Iterable<number>): void {
  for (const group of groups) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Polls `condition` every 100 ms; throws with `what` if it is still false after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
