/** One line on a kernel that died mid-run, instead of its dying words: the cell, the cause, what to do. */
import { shownValue } from '../cli/shown';

/** What Node (V8), the C++ runtime and TensorFlow print when an allocation fails. */
const outOfMemory = /heap out of memory|Allocation failed|std::bad_alloc|OOM when allocating|Cannot allocate memory/i;

/**
 * `where` names the cell that was running; `stderr` holds the kernel's last output; `settings` are
 * the run's -p NAME=VALUE overrides, the likely culprits of an out-of-memory death.
 */
export function describeKernelDeath(where: string, stderr: string, settings: string[]): string {
  if (outOfMemory.test(stderr)) {
    const advice = settings.length > 0
      ? `try a smaller setting than ${settings.map((s) => `-p ${shownValue(s)}`).join(' ')}`
      : 'try smaller settings (e.g. fewer samples) with -p NAME=VALUE';
    return `${where} ran out of memory and the kernel died; ${advice}`;
  }
  const lastWords = stderr.trim().split('\n').filter((line) => line.trim()).pop();
  return `the kernel died while running ${where}${lastWords ? ` (its last words: ${lastWords.trim()})` : ''}`;
}
