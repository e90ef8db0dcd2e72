/** Every head's attention pattern for given sequences, read through getActivations like any layer output. */
import { getActivations } from '../../readout/activations';
import { tf } from '../../core/tf';
import { blockLayerNames, transformerSpec } from './spec';

/** One block's attention weights: [sequences, heads, length (query), length (key)], row-major. */
export interface LayerPatterns {
  /** 0-based block. */
  layer: number;
  /** Number of heads. */
  heads: number;
  /** Sequence length (query and key positions). */
  length: number;
  /** Number of sequences. */
  sequences: number;
  /** The weights, [sequences, heads, length, length] row-major (read them with weightAt). */
  weights: Float32Array;
}

/** Attention weight of (sequence, head, query, key) in a block's patterns. */
export const weightAt = (p: LayerPatterns, sequence: number, head: number, query: number, key: number): number =>
  p.weights[((sequence * p.heads + head) * p.length + query) * p.length + key];

/**
 * Every block's attention weights for the given sequences.
 * @param model - A model built by buildTransformer().
 * @param tokens - Token ids [sequences, length].
 * @returns One LayerPatterns per block, the first block's first.
 */
export function readAttentionPatterns(model: tf.LayersModel, tokens: tf.Tensor): LayerPatterns[] {
  const spec = transformerSpec(model);
  return Array.from({ length: spec.layers }, (_, layer) => {
    const name = blockLayerNames(layer).scores;
    const { [name]: scores } = getActivations(model, tokens, { layerName: name });
    const patterns = { layer, heads: spec.heads, length: spec.length, sequences: tokens.shape[0], weights: Float32Array.from(scores.dataSync()) };
    scores.dispose();
    return patterns;
  });
}
