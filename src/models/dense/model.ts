/**
 * The dense attention network of the original Keras example, layer for layer:
 * Input(inputDim) → Dense(inputDim, no bias) → softmax `attention_vec` → Multiply(input, ·)
 * → Dense(hidden) → Dense(hidden, no bias) → softmax `attention_vec1` → Multiply → Dense(1, sigmoid).
 * For inputDim 4 and hidden 16 that is 16 + 80 + 256 + 17 = 369 parameters.
 */
import { deriveSeed, randomSeed } from '../../core/random';
import { tf } from '../../core/tf';
import { requireInteger } from '../../core/validate';
import { attachGradientRoute } from '../../training/gradient-routes';
import { declareInputAttention } from '../../readout/activations';
import { denseAttentionRoute } from './backprop';

/** buildAttentionModel()'s settings. */
export interface AttentionModelOptions {
  /** Input columns, an integer >= 2; default 4. */
  inputDim?: number;
  /** Width of the hidden Dense layer and its attention, an integer >= 1; default 16. */
  hidden?: number;
  /** Fixes the initial weights; the same seed builds the same model. An integer in [0, 2^32 - 1]; random by default. */
  seed?: number;
}

/**
 * The original's dense attention network (input attention `attention_vec`, a hidden layer with its
 * own attention `attention_vec1`, one sigmoid output), with a hand-derived gradient route for train().
 * @returns An uncompiled tf.LayersModel; train() trains it.
 */
export function buildAttentionModel({ inputDim = 4, hidden = 16, seed = randomSeed() }: AttentionModelOptions = {}): tf.LayersModel {
  requireInteger('inputDim', inputDim, 2);
  requireInteger('hidden', hidden, 1);
  requireInteger('seed', seed, 0, 2 ** 32 - 1);
  const init = (layerName: string) => tf.initializers.glorotUniform({ seed: deriveSeed(seed, layerName) });
  const dense = (name: string, units: number, useBias: boolean, activation?: 'sigmoid') =>
    tf.layers.dense({ name, units, useBias, activation, kernelInitializer: init(name) });

  const inputs = tf.input({ shape: [inputDim], name: 'inputs' });
  const scores = dense('attention_scores', inputDim, false).apply(inputs) as tf.SymbolicTensor;
  const attention = tf.layers.activation({ activation: 'softmax', name: 'attention_vec' }).apply(scores) as tf.SymbolicTensor;
  const attended = tf.layers.multiply({ name: 'attention_mul' }).apply([inputs, attention]) as tf.SymbolicTensor;

  const features = dense('hidden', hidden, true).apply(attended) as tf.SymbolicTensor;
  const scores1 = dense('attention_scores1', hidden, false).apply(features) as tf.SymbolicTensor;
  const attention1 = tf.layers.activation({ activation: 'softmax', name: 'attention_vec1' }).apply(scores1) as tf.SymbolicTensor;
  const attended1 = tf.layers.multiply({ name: 'attention_mul1' }).apply([features, attention1]) as tf.SymbolicTensor;

  const output = dense('output', 1, true, 'sigmoid').apply(attended1) as tf.SymbolicTensor;
  const model = tf.model({ inputs, outputs: output, name: 'attention_dense' });
  attachGradientRoute(model, denseAttentionRoute);
  declareInputAttention(model, ['attention_vec']);
  return model;
}
