/**
 * Does the head that looks right matter? Each head ablated in turn — its output replaced by zero,
 * or by its mean output at that position over the held-out sequences — and one head's attention
 * pattern replaced by another sequence's or by a uniform causal one; each time the in-context
 * accuracy on the repeat is measured again.
 */
import { tf } from '../../core/tf';
import { type ForwardHooks, transformerLogits } from '../../models/transformer/forward';
import { transformerSpec } from '../../models/transformer/spec';
import { type InContextInput, type InContextScores, inContextScores } from '../../readout/in-context';

/** The ways ablateHeads() can knock a head out: its output replaced by zero, or by its mean output. */
export const ablationKinds = ['zero', 'mean'] as const;
/** One of ablationKinds. */
export type AblationKind = (typeof ablationKinds)[number];

/** What replaceHeadPattern() puts in place of a head's attention pattern: the next sequence's, or a uniform causal one. */
export const patternReplacements = ['other sequence', 'uniform'] as const;
/** One of patternReplacements. */
export type PatternReplacement = (typeof patternReplacements)[number];

export interface HeadRef { layer: number; head: number }

export interface InterventionData extends InContextInput {
  x: tf.Tensor;
}

export interface HeadAblation extends HeadRef {
  kind: AblationKind;
  scores: InContextScores;
  /** In-context accuracy without the intervention minus with it. */
  accuracyDrop: number;
}

/** ablateHeads()'s result: the in-context scores with every head intact, and with each head ablated in turn. */
export interface AblationStudy {
  /** How the heads were ablated. */
  kind: AblationKind;
  /** The in-context scores of the unchanged model. */
  intact: InContextScores;
  /** One entry per head, every block's in order. */
  heads: HeadAblation[];
}

function scored(model: tf.LayersModel, data: InterventionData, hooks: ForwardHooks = {}): InContextScores {
  const logits = transformerLogits(model, data.x, hooks);
  try {
    return inContextScores(logits, data);
  } finally {
    logits.dispose();
  }
}

export function requireAblationKind(kind: unknown): asserts kind is AblationKind {
  if (!ablationKinds.includes(kind as AblationKind)) {
    throw new RangeError(`ablation kind must be one of ${ablationKinds.map((k) => `"${k}"`).join(', ')}, got ${JSON.stringify(kind)}`);
  }
}

function requireHead(model: tf.LayersModel, { layer, head }: HeadRef): void {
  const spec = transformerSpec(model);
  if (!Number.isInteger(layer) || layer < 0 || layer >= spec.layers) throw new RangeError(`layer must be an integer in [0, ${spec.layers - 1}], got ${layer}`);
  if (!Number.isInteger(head) || head < 0 || head >= spec.heads) throw new RangeError(`head must be an integer in [0, ${spec.heads - 1}], got ${head}`);
}

/** Replaces head `head` of a [batch, heads, …] tensor with `replacement` ([batch, …], or broadcast from [1, …] / […]). */
function withHead(all: tf.Tensor4D, head: number, replacement: tf.Tensor): tf.Tensor4D {
  const heads = all.unstack(1);
  heads[head] = replacement.broadcastTo(heads[head].shape);
  return tf.stack(heads, 1) as tf.Tensor4D;
}

/** Every head's output at each position, averaged over the sequences: one [heads, length, width] per block. */
function meanHeadOutputs(model: tf.LayersModel, x: tf.Tensor): tf.Tensor[] {
  const means: tf.Tensor[] = [];
  tf.tidy(() => {
    const logits = transformerLogits(model, x, {
      heads: (_, outputs) => {
        means.push(tf.keep(outputs.mean(0)));
        return outputs;
      },
    });
    logits.dispose();
  });
  return means;
}

/** The in-context scores with the heads `ablated` knocked out together (`means`: meanHeadOutputs()'s, for "mean"). */
function scoredWithout(model: tf.LayersModel, data: InterventionData, ablated: HeadRef[], kind: AblationKind, means: tf.Tensor[]): InContextScores {
  return scored(model, data, {
    heads: (layer, outputs) => ablated.filter((h) => h.layer === layer).reduce((all, { head }) => {
      const replacement = kind === 'zero' ? tf.zeros(all.shape.slice(2)) : means[layer].gather(head, 0);
      return withHead(all, head, replacement);
    }, outputs),
  });
}

/** Runs `study` with the mean head outputs it needs for `kind`, disposed of afterwards. */
function withMeans<T>(model: tf.LayersModel, data: InterventionData, kind: AblationKind, study: (means: tf.Tensor[]) => T): T {
  requireAblationKind(kind);
  const means = kind === 'mean' ? meanHeadOutputs(model, data.x) : [];
  try {
    return study(means);
  } finally {
    tf.dispose(means);
  }
}

/**
 * Ablates every head of a Transformer in turn and measures the in-context scores on the repeat again.
 * @param model - A model built by buildTransformer().
 * @param data - Held-out sequences (x) with their in-context positions, e.g. a token task's data.
 * @param kind - One of ablationKinds: "zero" or "mean" (the head's mean output at each position over the sequences).
 * @returns The intact scores and, per head, the scores ablated and the accuracy they lost.
 */
export function ablateHeads(model: tf.LayersModel, data: InterventionData, kind: AblationKind): AblationStudy {
  const spec = transformerSpec(model);
  return withMeans(model, data, kind, (means) => {
    const intact = scored(model, data);
    const heads: HeadAblation[] = [];
    for (let layer = 0; layer < spec.layers; layer++) {
      for (let head = 0; head < spec.heads; head++) {
        const scores = scoredWithout(model, data, [{ layer, head }], kind, means);
        heads.push({ layer, head, kind, scores, accuracyDrop: intact.accuracy - scores.accuracy });
      }
    }
    return { kind, intact, heads };
  });
}

/** ablateTogether()'s result: the heads knocked out at once, and what it cost. */
export interface JointAblation {
  /** The heads knocked out, as given. */
  heads: HeadRef[];
  /** How they were knocked out. */
  kind: AblationKind;
  /** The in-context scores with all of them ablated. */
  scores: InContextScores;
  /** In-context accuracy without the ablation minus with it. */
  accuracyDrop: number;
}

/**
 * Ablates several heads at once — e.g. two induction heads that share the work, where ablating
 * either alone costs little because the other still copies.
 * @param heads - At least one head, each an existing layer and head of the model, none twice.
 * @param kind - One of ablationKinds, as in ablateHeads().
 */
export function ablateTogether(model: tf.LayersModel, data: InterventionData, heads: HeadRef[], kind: AblationKind): JointAblation {
  if (heads.length === 0) throw new RangeError('heads must name at least one head to ablate');
  heads.forEach((head) => requireHead(model, head));
  if (new Set(heads.map(({ layer, head }) => `${layer}.${head}`)).size !== heads.length) throw new RangeError('heads must not name a head twice');
  return withMeans(model, data, kind, (means) => {
    const intact = scored(model, data);
    const scores = scoredWithout(model, data, heads, kind, means);
    return { heads: heads.map(({ layer, head }) => ({ layer, head })), kind, scores, accuracyDrop: intact.accuracy - scores.accuracy };
  });
}

/** A causal uniform pattern [length, length]: position t spreads 1 / (t + 1) over positions 0 … t. */
function uniformCausal(length: number): tf.Tensor {
  return tf.tidy(() => {
    const visible = tf.linalg.bandPart(tf.ones([length, length]), -1, 0);
    return visible.div(visible.sum(1, true));
  });
}

/** replaceHeadPattern()'s result: which head's pattern was replaced, by what, and what it cost. */
export interface PatternReplacementResult extends HeadRef {
  /** What the head's pattern was replaced by. */
  replacement: PatternReplacement;
  /** The in-context scores with the pattern replaced. */
  scores: InContextScores;
  /** In-context accuracy without the replacement minus with it. */
  accuracyDrop: number;
}

/** Head `target`'s attention pattern replaced on every sequence: by the next sequence's (its own tokens, the wrong positions) or uniform. */
export function replaceHeadPattern(
  model: tf.LayersModel, data: InterventionData, target: HeadRef, replacement: PatternReplacement,
): PatternReplacementResult {
  requireHead(model, target);
  if (!patternReplacements.includes(replacement)) {
    throw new RangeError(`replacement must be one of ${patternReplacements.map((r) => `"${r}"`).join(', ')}, got ${JSON.stringify(replacement)}`);
  }
  const intact = scored(model, data);
  const scores = scored(model, data, {
    scores: (layer, weights) => {
      if (layer !== target.layer) return weights;
      const own: tf.Tensor = weights.gather(target.head, 1);
      // Sequence i gets sequence i + 1's pattern (the last gets the first's).
      const swapped = replacement === 'uniform' ? uniformCausal(own.shape[1] as number) : tf.concat([own.slice(1), own.slice(0, 1)], 0);
      return withHead(weights, target.head, swapped);
    },
  });
  return { ...target, replacement, scores, accuracyDrop: intact.accuracy - scores.accuracy };
}
