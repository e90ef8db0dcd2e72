/**
 * Which input tokens a Transformer's predictions come from, three ways, each scored against the
 * token the prediction should copy (the task's known source, e.g. the induction target):
 * - raw attention: the last block's attention, averaged over heads;
 * - attention rollout (Abnar & Zuidema 2020): per block Â = 0.5·A + 0.5·I (A averaged over heads,
 *   I for the residual connection), rows renormalised, multiplied through the blocks, R = Â_L ⋯ Â_1;
 * - gradient × input: |∂ log p(next token) / ∂ e_s · e_s| summed over the width, for the embedded
 *   input e_s (token plus position embedding) of every position s, normalised to sum 1.
 */
import { tf } from '../core/tf';
import { embed, logitsFromEmbeddings } from '../models/transformer/forward';
import type { LayerPatterns } from '../models/transformer/attention-patterns';

export const tokenAttributionMethods = ['raw attention', 'rollout', 'gradient × input'] as const;
export type TokenAttributionMethod = (typeof tokenAttributionMethods)[number];

/** Per sequence and query position, a distribution over key positions: [sequences, length, length], row-major. */
export interface TokenAttribution {
  method: TokenAttributionMethod;
  sequences: number;
  length: number;
  values: Float32Array;
}

/** One block's attention averaged over its heads: [sequences, length, length]. */
function headMean(patterns: LayerPatterns): Float32Array {
  const { sequences, heads, length, weights } = patterns;
  const mean = new Float32Array(sequences * length * length);
  const block = length * length;
  for (let s = 0; s < sequences; s++) {
    for (let h = 0; h < heads; h++) {
      const from = (s * heads + h) * block;
      for (let i = 0; i < block; i++) mean[s * block + i] += weights[from + i] / heads;
    }
  }
  return mean;
}

function requireLayers(layers: LayerPatterns[]): void {
  if (layers.length === 0) throw new RangeError('attention patterns of at least one block are needed');
}

/**
 * The last block's attention averaged over its heads, as a token attribution.
 * @param layers - Every block's attention patterns (at least one), e.g. readAttentionPatterns()'s result.
 */
export function rawAttention(layers: LayerPatterns[]): TokenAttribution {
  requireLayers(layers);
  const last = layers[layers.length - 1];
  return { method: 'raw attention', sequences: last.sequences, length: last.length, values: headMean(last) };
}

/**
 * Attention rollout (Abnar & Zuidema 2020) through every block, the residual connection counted as half of each.
 * @param layers - Every block's attention patterns (at least one), the first block's first.
 */
export function attentionRollout(layers: LayerPatterns[]): TokenAttribution {
  requireLayers(layers);
  const { sequences, length } = layers[0];
  const block = length * length;
  const rollout = new Float32Array(sequences * block);
  const residualAware = layers.map((patterns) => {
    const mean = headMean(patterns);
    for (let r = 0; r < sequences * length; r++) {
      const t = r % length;
      let sum = 0;
      for (let k = 0; k < length; k++) {
        const value = 0.5 * mean[r * length + k] + (k === t ? 0.5 : 0);
        mean[r * length + k] = value;
        sum += value;
      }
      for (let k = 0; k < length; k++) mean[r * length + k] /= sum;
    }
    return mean;
  });
  for (let s = 0; s < sequences; s++) {
    // R = Â_L ⋯ Â_1, built from the first block up: R ← Â_l · R.
    let product = residualAware[0].slice(s * block, (s + 1) * block);
    for (let l = 1; l < layers.length; l++) {
      const next = new Float32Array(block);
      const a = residualAware[l];
      for (let i = 0; i < length; i++) {
        for (let j = 0; j < length; j++) {
          const weight = a[s * block + i * length + j];
          if (weight === 0) continue;
          for (let k = 0; k < length; k++) next[i * length + k] += weight * product[j * length + k];
        }
      }
      product = next;
    }
    rollout.set(product, s * block);
  }
  return { method: 'rollout', sequences, length, values: rollout };
}

/** Gradient × input of each position's log-probability of its next token `y`, over the embedded input positions. */
export function gradientTimesInput(model: tf.LayersModel, tokens: tf.Tensor2D, y: tf.Tensor2D): TokenAttribution {
  const [sequences, length] = tokens.shape;
  if (y.shape[0] !== sequences || y.shape[1] !== length) throw new RangeError(`y must have the shape of tokens, [${tokens.shape.join(', ')}], got [${y.shape.join(', ')}]`);
  const values = new Float32Array(sequences * length * length);
  const embedded = embed(model, tokens);
  const targets = tf.tidy(() => tf.oneHot(y.cast('int32'), model.outputs[0].shape[2] as number));
  try {
    for (let t = 0; t < length; t++) {
      const relevance = tf.tidy(() => {
        const logProbabilityAt = (e: tf.Tensor) => tf.logSoftmax(logitsFromEmbeddings(model, e as tf.Tensor3D))
          .slice([0, t, 0], [sequences, 1, -1]).mul(targets.slice([0, t, 0], [sequences, 1, -1])).sum();
        const gradient = tf.grad(logProbabilityAt)(embedded);
        const magnitude = gradient.mul(embedded).sum(2).abs();
        return magnitude.div(magnitude.sum(1, true).maximum(1e-12));
      });
      const row = relevance.dataSync();
      for (let s = 0; s < sequences; s++) {
        for (let k = 0; k < length; k++) values[(s * length + t) * length + k] = row[s * length + k];
      }
      relevance.dispose();
    }
  } finally {
    tf.dispose([embedded, targets]);
  }
  return { method: 'gradient × input', sequences, length, values };
}

/** How well one attribution method points at the token each prediction copies. */
export interface SourceScore {
  /** The attribution method scored. */
  method: TokenAttributionMethod;
  /** Mean share of the attribution on the source token, over the predictions that have one. */
  share: number;
  /** Share of those predictions whose largest attribution is on the source token. */
  topRate: number;
  /** What spreading evenly over the visible tokens would give (1 / (t + 1), averaged). */
  uniformShare: number;
  /** Number of predictions scored (those with a source token). */
  predictions: number;
}

/** `source`: per (sequence, query position) the position of the token its prediction copies, −1 where none. */
export function scoreAgainstSource(attribution: TokenAttribution, source: Int32Array): SourceScore {
  const { sequences, length, values } = attribution;
  if (source.length !== sequences * length) throw new RangeError(`source must have one entry per position (${sequences * length}), got ${source.length}`);
  let [share, top, uniform, count] = [0, 0, 0, 0];
  for (let r = 0; r < sequences * length; r++) {
    const target = source[r];
    if (target < 0) continue;
    const row = values.subarray(r * length, (r + 1) * length);
    const total = row.reduce((sum, v) => sum + v, 0);
    share += row[target] / total;
    let best = 0;
    for (let k = 1; k < length; k++) if (row[k] > row[best]) best = k;
    if (best === target) top += 1;
    uniform += 1 / ((r % length) + 1);
    count += 1;
  }
  return { method: attribution.method, share: share / count, topRate: top / count, uniformShare: uniform / count, predictions: count };
}
