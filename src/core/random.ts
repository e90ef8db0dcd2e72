/**
 * Seeded randomness that gives the same numbers on every machine: a 32-bit integer generator
 * (mulberry32, integer arithmetic only) and Box–Muller for normals.
 */
import { requireInteger } from './validate';

export interface Random {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal. */
  normal(): number;
  /** Uniform integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
}

export function seededRandom(seed: number): Random {
  requireInteger('seed', seed, 0, 2 ** 32 - 1);
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spareNormal: number | null = null;
  const normal = (): number => {
    if (spareNormal !== null) {
      const value = spareNormal;
      spareNormal = null;
      return value;
    }
    // 1 - u keeps the logarithm's argument in (0, 1].
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  return { uniform, normal, int: (maxExclusive) => Math.floor(uniform() * maxExclusive) };
}

/**
 * A seed for one purpose ("shuffle", "init:dense", "test") derived from a run's seed, so that
 * the purposes draw independent streams and a run is still fixed by one number.
 * @param seed - The run's seed, an integer in [0, 2^32 - 1].
 * @param purpose - Any string naming the purpose.
 * @returns An integer in [0, 2^32 - 1].
 */
export function deriveSeed(seed: number, purpose: string): number {
  requireInteger('seed', seed, 0, 2 ** 32 - 1);
  let hash = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < purpose.length; i++) {
    hash = Math.imul(hash ^ purpose.charCodeAt(i), 0x01000193) >>> 0;
  }
  hash = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b) >>> 0;
  return (hash ^ (hash >>> 16)) >>> 0;
}

/** A fresh seed for callers that gave none; returned so the run can be repeated. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

/** Fisher–Yates shuffle of 0..n-1. */
export function shuffledIndices(n: number, random: Random): Int32Array {
  const indices = new Int32Array(n);
  for (let i = 0; i < n; i++) indices[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const swap = indices[i];
    indices[i] = indices[j];
    indices[j] = swap;
  }
  return indices;
}
