/**
 * The heads of the induction circuit (Olsson et al. 2022), read off their scores: in the last
 * layer the induction heads, which find the token after the earlier occurrence of the current one,
 * and in an earlier layer the previous-token head whose output their keys read — so that what an
 * ablation costs can be told by each head's role, and redundant induction heads ablated together.
 */
import type { HeadScore } from '../../readout/head-scores';
import { inductionThreshold } from './learning';

/** The induction circuit's heads; either part may be missing when it did not form. */
export interface InductionCircuit {
  /** Heads of the last layer at or above the induction threshold in prefix matching, best first. */
  inductionHeads: HeadScore[];
  /** The head of an earlier layer with the most attention on the previous token, if at least the threshold. */
  previousTokenHead: HeadScore | undefined;
}

/**
 * Finds the induction circuit's heads among the scores of a model with `layers` blocks.
 * @param scores - scoreHeads()'s result.
 * @param layers - The model's number of blocks, an integer ≥ 1 (with one block, no previous-token head can feed an induction head).
 */
export function findInductionCircuit(scores: HeadScore[], layers: number): InductionCircuit {
  if (!Number.isInteger(layers) || layers < 1) throw new RangeError(`layers must be an integer >= 1, got ${layers}`);
  const inductionHeads = scores.filter((s) => s.layer === layers - 1 && s.prefixMatching >= inductionThreshold)
    .sort((a, b) => b.prefixMatching - a.prefixMatching);
  const earlier = scores.filter((s) => s.layer < layers - 1);
  const mostPrevious = earlier.length === 0 ? undefined : earlier.reduce((a, b) => (b.shares.previous > a.shares.previous ? b : a));
  return { inductionHeads, previousTokenHead: mostPrevious !== undefined && mostPrevious.shares.previous >= inductionThreshold ? mostPrevious : undefined };
}
