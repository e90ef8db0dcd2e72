/**
 * Notebook cells get re-run. A cell that makes tensors would leak the previous run's copies, so it
 * hands what it makes to `owned(key, value)`: the value previously owned under that key is disposed.
 */
interface Disposable {
  dispose(): void;
}

// On globalThis so that the registry survives a re-import of this module after a rebuild.
const registryKey = Symbol.for('attention-lab.owned');
const registry: Map<string, Disposable> =
  ((globalThis as Record<symbol, unknown>)[registryKey] as Map<string, Disposable> | undefined) ?? new Map();
(globalThis as Record<symbol, unknown>)[registryKey] = registry;

/**
 * Holds `value` under `key` for a re-runnable cell, disposing what was held under that key before (unless it is the same object).
 * @param key - Any name, unique per thing a cell makes, e.g. "data".
 * @param value - Anything with dispose(): a tensor, a model, a data set.
 * @returns `value`, so that a cell writes `const data = owned('data', getData(…))`.
 */
export function owned<T extends Disposable>(key: string, value: T): T {
  const previous = registry.get(key);
  if (previous !== undefined && previous !== value) previous.dispose();
  registry.set(key, value);
  return value;
}

/** Disposes everything held under `owned`, e.g. at the end of a notebook. */
export function disposeOwned(): void {
  for (const value of registry.values()) value.dispose();
  registry.clear();
}
