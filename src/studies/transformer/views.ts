/** The charts' data for one held-out sequence, taken from the patterns of every block. */
import type { TargetPattern } from '../../data/token-tasks';
import { type LayerPatterns, weightAt } from '../../models/transformer/attention-patterns';
import type { SequencePatterns } from '../../plots/transformer-views';

/**
 * One held-out sequence's tokens, every block's attention patterns and a target pattern, as the views take them.
 * @param layers - readAttentionPatterns()'s result.
 * @param tokens - The sequences' token ids [sequences × length], row-major.
 * @param targets - The target positions per pattern, e.g. a token task's targets.
 * @param sequence - Which sequence, an integer in [0, sequences − 1].
 * @param pattern - The target pattern to show.
 */
export function sequencePatterns(
  layers: LayerPatterns[], tokens: ArrayLike<number>, targets: Record<TargetPattern, Int32Array>, sequence: number, pattern: TargetPattern,
): SequencePatterns {
  const { length, sequences } = layers[0];
  if (!Number.isInteger(sequence) || sequence < 0 || sequence >= sequences) throw new RangeError(`sequence must be an integer in [0, ${sequences - 1}], got ${sequence}`);
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  return {
    tokens: range(length).map((t) => tokens[sequence * length + t]),
    patterns: layers.map((p) => range(p.heads).map((h) => range(length).map((q) => range(length).map((k) => weightAt(p, sequence, h, q, k))))),
    target: { pattern, positions: range(length).map((t) => targets[pattern][sequence * length + t]) },
  };
}
