/**
 * One publish at a time into a folder, across processes: two exports renaming their sets into the
 * same --out at once would otherwise interleave (HTML from one run, ipynb from the other).
 *
 * The lock is an abstract Unix socket (Linux) named after the folder's real path: binding it succeeds
 * for one process only, and the kernel releases it when that process ends, however it ends (SIGKILL
 * included), so a lock is never left stale and nothing is written into the folder for it.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';

/** How often a waiting publish tries again; a publish holds the lock for milliseconds. */
const retryMs = 25;
/** A publish still holding the lock after this long is not going to let go. */
const patienceMs = 60_000;

/** Runs `publish` while holding `folder`'s lock (the folder must exist), waiting for it if need be. */
export async function whilePublishing<T>(folder: string, publish: () => T): Promise<T> {
  const real = fs.realpathSync(folder);
  const name = `\0attention-lab-publish-${createHash('sha256').update(real).digest('hex').slice(0, 40)}`;
  const deadline = Date.now() + patienceMs;
  let lock = await bind(name);
  while (lock === undefined) {
    if (Date.now() > deadline) {
      throw new Error(`another export has been publishing into ${real} for over ${patienceMs / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, retryMs));
    lock = await bind(name);
  }
  try {
    return publish();
  } finally {
    lock.close();
  }
}

/** The bound socket, or undefined if another process holds the name. */
function bind(name: string): Promise<net.Server | undefined> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(undefined) : reject(error)));
    server.listen(name, () => resolve(server.unref()));
  });
}
