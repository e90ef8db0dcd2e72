/**
 * Interventions on the dense attention network's first attention at inference: the network runs
 * with an attention vector we choose instead of the one it computes, and we watch the accuracy and
 * the output. If a prediction needs the attention it shows, replacing it should hurt.
 */
import { deriveSeed, seededRandom, shuffledIndices } from '../../core/random';
import { tf } from '../../core/tf';
import { requireBinaryLabels, requireInteger } from '../../core/validate';
import { getActivations } from '../../readout/activations';
import { requireSamples } from '../../explain/attribution';

/**
 * The dense network (buildAttentionModel()'s) from its first multiply on, with `attention` in place of its
 * `attention_vec`: x ⊙ attention → hidden → second attention → output. The caller owns the result.
 * @param model - A network with buildAttentionModel()'s layer names (`hidden`, `attention_scores1`, `attention_vec1`, `output`).
 * @param x - Samples [n, columns].
 * @param attention - The attention to use instead of the learned one, [n, columns].
 * @returns The outputs p, shape [n].
 */
export function outputWithAttention(model: tf.LayersModel, x: tf.Tensor2D, attention: tf.Tensor2D): tf.Tensor1D {
  const layer = (name: string) => model.getLayer(name);
  return tf.tidy(() => {
    // Layer.apply on concrete tensors computes eagerly and leaves the model's graph untouched.
    const features = layer('hidden').apply(x.mul(attention)) as tf.Tensor;
    const attention1 = layer('attention_vec1').apply(layer('attention_scores1').apply(features)) as tf.Tensor;
    const output = layer('output').apply(features.mul(attention1)) as tf.Tensor;
    return output.reshape([x.shape[0]]) as tf.Tensor1D;
  });
}

/**
 * What replaces each sample's attention: its own ("learned"), 1/columns everywhere ("uniform"),
 * another sample's ("another sample"), or its own with the columns shuffled ("permuted").
 */
export type InterventionKind = 'learned' | 'uniform' | 'another sample' | 'permuted';

/** The network's outputs under one intervention on its attention. */
export interface InterventionResult {
  /** The intervention. */
  intervention: InterventionKind;
  /** Accuracy on the labelled samples (a prediction above 0.5 counts as 1). */
  accuracy: number;
  /** Mean |p − p_learned| over the samples. */
  meanAbsChange: number;
  /** Fraction of samples whose predicted class differs from the one with the learned attention. */
  flipped: number;
}

/** Each row's attention replaced as the intervention says; rows × columns, row-major. */
function replacedAttention(kind: InterventionKind, learned: Float32Array, samples: number, columns: number, seed: number): Float32Array {
  if (kind === 'learned') return learned;
  if (kind === 'uniform') return new Float32Array(samples * columns).fill(1 / columns);
  const replaced = new Float32Array(samples * columns);
  if (kind === 'another sample') {
    // Each sample takes the next one's attention along a shuffled cycle: never its own (for n ≥ 2).
    const order = shuffledIndices(samples, seededRandom(deriveSeed(seed, 'another sample')));
    for (let k = 0; k < samples; k++) {
      const to = order[k];
      const from = order[(k + 1) % samples];
      replaced.set(learned.subarray(from * columns, (from + 1) * columns), to * columns);
    }
    return replaced;
  }
  const random = seededRandom(deriveSeed(seed, 'permuted'));
  for (let i = 0; i < samples; i++) {
    const order = shuffledIndices(columns, random);
    for (let j = 0; j < columns; j++) replaced[i * columns + j] = learned[i * columns + order[j]];
  }
  return replaced;
}

export const interventionKinds: InterventionKind[] = ['learned', 'uniform', 'another sample', 'permuted'];

/**
 * Accuracy and change of output under each intervention on the attention (`attention_vec` replaced), on labelled held-out samples.
 * Options: `seed` for the shuffles (an integer in [0, 2^32 - 1], default 0) and `kinds` (default all four, in order).
 * @param model - A network built by buildAttentionModel().
 * @param x - Held-out samples [n >= 1, columns].
 * @param y - One label per sample, 0 or 1.
 * @returns One result per kind, in the order of `kinds`.
 */
export function attentionInterventions(
  model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, { seed = 0, kinds = interventionKinds }: { seed?: number; kinds?: InterventionKind[] } = {},
): InterventionResult[] {
  requireSamples(x);
  requireInteger('seed', seed, 0, 2 ** 32 - 1);
  const unknown = kinds.filter((kind) => !interventionKinds.includes(kind));
  if (unknown.length > 0) throw new RangeError(`kinds must be among ${interventionKinds.join(', ')}; got ${unknown.join(', ')}`);
  const [samples, columns] = x.shape;
  if (y.size !== samples) throw new RangeError(`y must hold one label per sample (${samples}), got ${y.size} values`);
  const labels = y.dataSync();
  requireBinaryLabels('y', labels);
  const activation = getActivations(model, x, { layerName: 'attention_vec' }).attention_vec;
  const learned = activation.dataSync() as Float32Array;
  activation.dispose();
  const outputs = (attention: Float32Array) =>
    tf.tidy(() => outputWithAttention(model, x, tf.tensor2d(attention, [samples, columns])).dataSync());
  const reference = outputs(learned);
  return kinds.map((kind) => {
    const p = kind === 'learned' ? reference : outputs(replacedAttention(kind, learned, samples, columns, seed));
    let correct = 0;
    let change = 0;
    let flipped = 0;
    for (let i = 0; i < samples; i++) {
      if ((p[i] > 0.5 ? 1 : 0) === labels[i]) correct++;
      change += Math.abs(p[i] - reference[i]);
      if ((p[i] > 0.5) !== (reference[i] > 0.5)) flipped++;
    }
    return { intervention: kind, accuracy: correct / samples, meanAbsChange: change / samples, flipped: flipped / samples };
  });
}
