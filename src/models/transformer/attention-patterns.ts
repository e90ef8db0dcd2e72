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
    return toPatterns(scores, layer, spec.heads);
  });
}

/** Sequences per forward pass of a read-out: predict()'s default of 32 costs a pass per 32 held-out sequences. */
const readOutBatch = 256;

/**
 * The model's output and every block's attention weights from one forward pass: what a read-out
 * between epochs needs, for a third of the passes that predict() and readAttentionPatterns() take.
 * @param model - A model built by buildTransformer().
 * @param tokens - Token ids [sequences, length].
 * @returns The logits [sequences, length, vocabulary] (the caller disposes them) and one LayerPatterns per block.
 */
export function predictWithPatterns(model: tf.LayersModel, tokens: tf.Tensor): { logits: tf.Tensor; patterns: LayerPatterns[] } {
  const spec = transformerSpec(model);
  const scoreLayers = Array.from({ length: spec.layers }, (_, layer) => model.getLayer(blockLayerNames(layer).scores));
  const probe = tf.model({ inputs: model.inputs, outputs: [model.outputs[0], ...scoreLayers.map((layer) => layer.output as tf.SymbolicTensor)] });
  const [logits, ...scores] = probe.predict(tokens, { batchSize: readOutBatch }) as tf.Tensor[];
  return { logits, patterns: scores.map((layerScores, layer) => toPatterns(layerScores, layer, spec.heads)) };
}

/** A block's scores [sequences, heads, length, length] read back (and disposed) as LayerPatterns. */
function toPatterns(scores: tf.Tensor, layer: number, heads: number): LayerPatterns {
  const patterns = { layer, heads, length: scores.shape[2] as number, sequences: scores.shape[0], weights: Float32Array.from(scores.dataSync()) };
  scores.dispose();
  return patterns;
}
