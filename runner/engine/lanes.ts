/** Work on up to `jobs` lanes at once, each taking the next item when it is free: the grid's runs, an export's notebooks. */

/**
 * Resolves when every item started has ended; `stopped()` is asked before each item, and once it
 * says so no further item starts.
 */
export async function inLanes<T>(items: readonly T[], jobs: number, work: (item: T) => Promise<void>,
  stopped: () => boolean): Promise<void> {
  const queue = [...items];
  // Every running child forwards our signals through a listener of its own (runChild).
  process.setMaxListeners(Math.max(process.getMaxListeners(), jobs + 10));
  const lane = async (): Promise<void> => {
    for (let item = queue.shift(); item !== undefined && !stopped(); item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, lane));
}

/**
 * inLanes for work that is all or nothing: the first failure starts no further item and aborts the
 * signal the running ones were given; once they have ended, that first failure is thrown.
 */
export async function inLanesUntilFailure<T>(items: readonly T[], jobs: number,
  work: (item: T, stop: AbortSignal) => Promise<void>): Promise<void> {
  const stop = new AbortController();
  let failure: { error: unknown } | undefined;
  await inLanes(items, jobs, async (item) => {
    try {
      await work(item, stop.signal);
    } catch (error) {
      // The items stopped because of it fail as well; only the first failure says why.
      failure ??= { error };
      stop.abort();
    }
  }, () => stop.signal.aborted);
  if (failure !== undefined) throw failure.error;
}
