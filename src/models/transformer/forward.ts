/**
 * The Transformer's forward pass layer by layer, through the model's own layers, with two places
 * to intervene: a block's attention weights (a head's pattern replaced) and its heads' outputs
 * before the output projection (a head ablated). Without hooks it computes what model.predict()
 * does; it can also start from the embeddings, for gradients with respect to them.
 */
import { tf } from '../../core/tf';
import { type MultiHeadAttention, type MultiHeadAttentionScores } from './multihead-attention';
import { blockLayerNames, finalNormName, transformerSpec } from './spec';

export interface ForwardHooks {
  /** Replaces block `layer`'s attention weights [batch, heads, steps, steps]. */
  scores?: (layer: number, weights: tf.Tensor4D) => tf.Tensor4D;
  /** Replaces block `layer`'s per-head outputs [batch, heads, steps, headWidth]. */
  heads?: (layer: number, outputs: tf.Tensor4D) => tf.Tensor4D;
}

const applied = (model: tf.LayersModel, name: string, x: tf.Tensor | tf.Tensor[]) => model.getLayer(name).apply(x) as tf.Tensor;

/** Token and position embeddings: token ids [batch, steps] → the residual stream [batch, steps, width]. */
export function embed(model: tf.LayersModel, tokens: tf.Tensor): tf.Tensor3D {
  return tf.tidy(() => applied(model, 'position', applied(model, 'embed', tokens)) as tf.Tensor3D);
}

/** The logits [batch, steps, vocabulary] from the embedded sequence, with the hooks applied. */
export function logitsFromEmbeddings(model: tf.LayersModel, embedded: tf.Tensor3D, hooks: ForwardHooks = {}): tf.Tensor3D {
  const spec = transformerSpec(model);
  return tf.tidy(() => {
    const norm = (name: string, x: tf.Tensor) => (spec.layerNorm ? applied(model, name, x) : x);
    let residual: tf.Tensor = embedded;
    for (let layer = 0; layer < spec.layers; layer++) {
      const names = blockLayerNames(layer);
      const input = norm(names.attentionNorm, residual) as tf.Tensor3D;
      let weights = (model.getLayer(names.scores) as MultiHeadAttentionScores).apply(input) as tf.Tensor4D;
      if (hooks.scores !== undefined) weights = hooks.scores(layer, weights);
      const attention = model.getLayer(names.attention) as MultiHeadAttention;
      let heads = attention.headOutputs(input, weights);
      if (hooks.heads !== undefined) heads = hooks.heads(layer, heads);
      residual = residual.add(attention.combineHeads(heads));
      if (spec.mlp) {
        residual = residual.add(applied(model, names.mlpOut, applied(model, names.mlpIn, norm(names.mlpNorm, residual))));
      }
    }
    return applied(model, 'unembed', norm(finalNormName, residual)) as tf.Tensor3D;
  });
}

/** The logits [batch, steps, vocabulary] for token ids [batch, steps], with the hooks applied. */
export function transformerLogits(model: tf.LayersModel, tokens: tf.Tensor, hooks: ForwardHooks = {}): tf.Tensor3D {
  return tf.tidy(() => logitsFromEmbeddings(model, embed(model, tokens), hooks));
}
