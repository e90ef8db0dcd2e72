/**
 * Each head scored against the target patterns, as TransformerLens's head detector does: the share
 * of its attention that falls on the target position, averaged over the query positions that have
 * one, next to the share a uniform causal head would give there (1 / (t + 1) at position t). And
 * the prefix-matching score (Olsson et al. 2022): the attention on the induction target at the
 * positions of the repeat, where an induction head has something to find.
 */
import { type TargetPattern, targetPatterns } from '../data/token-tasks';

/** A block's attention weights [sequences, heads, length, length], row-major (as attention-patterns.ts reads them). */
export interface PatternsInput {
  layer: number;
  heads: number;
  length: number;
  sequences: number;
  weights: Float32Array;
}

/** Where each query position should look, and which positions are in the repeat ([sequences × length] each). */
export interface TargetsInput {
  targets: Record<TargetPattern, Int32Array>;
  inContext: Uint8Array;
}

/** One head's scores against the target patterns. */
export interface HeadScore {
  /** 0-based block and head. */
  layer: number;
  /** 0-based head within the block. */
  head: number;
  /** Mean attention on each pattern's target, over the query positions that have one. */
  shares: Record<TargetPattern, number>;
  /** The same for a uniform causal head. */
  uniformShares: Record<TargetPattern, number>;
  /** Mean attention on the induction target over the in-context positions. */
  prefixMatching: number;
  /** The prefix-matching score of a uniform causal head. */
  uniformPrefixMatching: number;
}

/** Mean over the query positions with a target (and, if given, selected) of the weight on it, and a uniform head's. */
function meanOnTarget(patterns: PatternsInput, head: number, target: Int32Array, selected?: Uint8Array): { share: number; uniform: number } {
  const { length, sequences, heads, weights } = patterns;
  let [sum, uniform, count] = [0, 0, 0];
  for (let s = 0; s < sequences; s++) {
    for (let t = 0; t < length; t++) {
      const key = target[s * length + t];
      if (key < 0 || (selected !== undefined && selected[s * length + t] !== 1)) continue;
      sum += weights[((s * heads + head) * length + t) * length + key];
      uniform += 1 / (t + 1);
      count += 1;
    }
  }
  return count === 0 ? { share: NaN, uniform: NaN } : { share: sum / count, uniform: uniform / count };
}

/**
 * Scores every head of every block against the target patterns and computes its prefix-matching score.
 * @param layers - The blocks' attention patterns, e.g. readAttentionPatterns()'s result.
 * @param data - The same sequences' targets and in-context positions; throws if their sizes differ.
 * @returns One HeadScore per head, block by block.
 */
export function scoreHeads(layers: PatternsInput[], data: TargetsInput): HeadScore[] {
  const expected = layers[0]?.sequences * layers[0]?.length;
  if (layers.some((p) => p.sequences * p.length !== data.inContext.length) || expected !== data.targets.induction.length) {
    throw new RangeError(`the patterns (${layers[0]?.sequences} sequences × ${layers[0]?.length} positions) and the targets `
      + `(${data.inContext.length} positions) are not of the same sequences`);
  }
  return layers.flatMap((patterns) => Array.from({ length: patterns.heads }, (_, head) => {
    const perPattern = targetPatterns.map((pattern) => [pattern, meanOnTarget(patterns, head, data.targets[pattern])] as const);
    const prefix = meanOnTarget(patterns, head, data.targets.induction, data.inContext);
    return {
      layer: patterns.layer, head,
      shares: Object.fromEntries(perPattern.map(([p, m]) => [p, m.share])) as Record<TargetPattern, number>,
      uniformShares: Object.fromEntries(perPattern.map(([p, m]) => [p, m.uniform])) as Record<TargetPattern, number>,
      prefixMatching: prefix.share,
      uniformPrefixMatching: prefix.uniform,
    };
  }));
}

/** The head with the highest prefix-matching score in `layer` (0-based), or overall. */
export function bestInductionHead(scores: HeadScore[], layer?: number): HeadScore {
  const candidates = scores.filter((s) => layer === undefined || s.layer === layer);
  if (candidates.length === 0) throw new RangeError(`no head in layer ${String(layer)}`);
  return candidates.reduce((best, s) => (s.prefixMatching > best.prefixMatching ? s : best));
}
