/**
 * `npm run lab` stopped with SIGTERM exits without passing the signal on, leaving us (and the
 * server we run) orphaned. Noticing that our parent is gone and stopping as if we got SIGTERM
 * ourselves makes every way of stopping the wrapper stop the server and its kernels.
 */
export function stopWhenOrphaned(checkEveryMs = 500): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      process.kill(process.pid, 'SIGTERM');
    }
  }, checkEveryMs);
  timer.unref();
  return () => clearInterval(timer);
}
