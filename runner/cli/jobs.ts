/** -j/--jobs N, as `export` and `grid` take it: how many exports run at once on this machine. */
import { UsageError } from './errors';
import { shownValue } from './shown';

/** More exports at once than this would only thrash: each holds a kernel and a TensorFlow. */
const maxJobs = 64;

/** The number of --jobs, or a usage error naming the option and the range allowed. */
export function parseJobs(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > maxJobs) {
    throw new UsageError(`--jobs expects an integer from 1 to ${maxJobs}, got "${shownValue(text)}"`);
  }
  return value;
}
