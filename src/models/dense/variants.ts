/**
 * Two controls for the dense attention network (dense-model.ts), to ask whether its attention is
 * needed at all: the same network with both attentions frozen to a uniform split, and the same
 * network without the attention blocks. Layers keep the names and seeds of buildAttentionModel(), so
 * that with one seed the layers the variants share start from the same weights.
 */
import { deriveSeed, randomSeed } from '../../core/random';
import { tf } from '../../core/tf';
import { requireInteger } from '../../core/validate';
import { attachGradientRoute } from '../../training/gradient-routes';
import type { AttentionModelOptions } from './model';
import { noAttentionBackprop, uniformAttentionBackprop } from './variants-backprop';

function checkedOptions({ inputDim = 4, hidden = 16, seed = randomSeed() }: AttentionModelOptions) {
  requireInteger('inputDim', inputDim, 2);
  requireInteger('hidden', hidden, 1);
  requireInteger('seed', seed, 0, 2 ** 32 - 1);
  return { inputDim, hidden, seed };
}

function denseLayer(seed: number, name: string, units: number, useBias: boolean, activation?: 'sigmoid') {
  const kernelInitializer = tf.initializers.glorotUniform({ seed: deriveSeed(seed, name) });
  return tf.layers.dense({ name, units, useBias, activation, kernelInitializer });
}

/**
 * The attention network with both score layers' kernels fixed at zero and not trainable: each
 * softmax then gives exactly 1/width to every entry, whatever the input. Its own hand-derived
 * route (dense-variants-backprop.ts) trains it; the attention network's refuses frozen layers.
 */
export function buildUniformAttentionModel(options: AttentionModelOptions = {}): tf.LayersModel {
  const { inputDim, hidden, seed } = checkedOptions(options);
  const frozenScores = (name: string, units: number) =>
    tf.layers.dense({ name, units, useBias: false, trainable: false, kernelInitializer: 'zeros' });

  const inputs = tf.input({ shape: [inputDim], name: 'inputs' });
  const scores = frozenScores('attention_scores', inputDim).apply(inputs) as tf.SymbolicTensor;
  const attention = tf.layers.activation({ activation: 'softmax', name: 'attention_vec' }).apply(scores) as tf.SymbolicTensor;
  const attended = tf.layers.multiply({ name: 'attention_mul' }).apply([inputs, attention]) as tf.SymbolicTensor;
  const features = denseLayer(seed, 'hidden', hidden, true).apply(attended) as tf.SymbolicTensor;
  const scores1 = frozenScores('attention_scores1', hidden).apply(features) as tf.SymbolicTensor;
  const attention1 = tf.layers.activation({ activation: 'softmax', name: 'attention_vec1' }).apply(scores1) as tf.SymbolicTensor;
  const attended1 = tf.layers.multiply({ name: 'attention_mul1' }).apply([features, attention1]) as tf.SymbolicTensor;
  const output = denseLayer(seed, 'output', 1, true, 'sigmoid').apply(attended1) as tf.SymbolicTensor;
  const model = tf.model({ inputs, outputs: output, name: 'uniform_attention_dense' });
  attachGradientRoute(model, { name: 'uniform attention, by hand', build: uniformAttentionBackprop });
  return model;
}

/** Input → Dense(hidden) → Dense(1, sigmoid): the attention network with its attention blocks taken out. */
export function buildNoAttentionModel(options: AttentionModelOptions = {}): tf.LayersModel {
  const { inputDim, hidden, seed } = checkedOptions(options);
  const inputs = tf.input({ shape: [inputDim], name: 'inputs' });
  const features = denseLayer(seed, 'hidden', hidden, true).apply(inputs) as tf.SymbolicTensor;
  const output = denseLayer(seed, 'output', 1, true, 'sigmoid').apply(features) as tf.SymbolicTensor;
  const model = tf.model({ inputs, outputs: output, name: 'no_attention_dense' });
  attachGradientRoute(model, { name: 'no attention, by hand', build: noAttentionBackprop });
  return model;
}
