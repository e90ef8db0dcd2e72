/**
 * The recurrent example of the original repository: an LSTM with a softmax attention over time
 * steps, applied to the inputs (before the LSTM) or to the LSTM's sequence output (after it).
 * The attention block: Permute → Dense(timeSteps, softmax) [→ mean over features → RepeatVector]
 * → Permute named `attention_vec` → multiplied with what it attends to.
 */
import { tf } from '../../core/tf';
import { deriveSeed, randomSeed } from '../../core/random';
import { requireInteger } from '../../core/validate';
import { attachGradientRoute } from '../../training/gradient-routes';
import { declareInputAttention } from '../../readout/activations';
import { recurrentAttentionBackprop } from './backprop';

/** buildRecurrentAttentionModel()'s settings. */
export interface RecurrentAttentionModelOptions {
  /** Time steps per sample, an integer >= 2; default 20. */
  timeSteps?: number;
  /** Features per time step, an integer >= 1; default 2. */
  inputDim?: number;
  /** LSTM units, an integer >= 1; default 32. */
  lstmUnits?: number;
  /** Attend over the raw inputs (true) or over the LSTM's outputs (false, the original's default). */
  attentionBeforeLstm?: boolean;
  /** One attention vector shared by all features instead of one per feature (default false). */
  singleAttentionVector?: boolean;
  /** Fixes the initial weights: an integer in [0, 2^32 - 1]; random by default. */
  seed?: number;
}

/** Keras's Lambda(mean over axis 1): tfjs has no Lambda layer, so it is a small layer of its own. */
class MeanOverFeatures extends tf.layers.Layer {
  static readonly className = 'MeanOverFeatures';

  computeOutputShape(inputShape: tf.Shape): tf.Shape {
    return [inputShape[0], inputShape[2]];
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => (Array.isArray(inputs) ? inputs[0] : inputs).mean(1));
  }
}
tf.serialization.registerClass(MeanOverFeatures);

/**
 * Keras's default recurrent initializer. tfjs's version warns on the console above 2000 elements
 * (32 units make 32×128), a warning about a QR decomposition that takes milliseconds here and
 * would otherwise land in every notebook; the threshold is a public field of the instance.
 */
function quietOrthogonal(seed: number) {
  return Object.assign(tf.initializers.orthogonal({ seed }), { ELEMENTS_WARN_SLOW: Infinity });
}

/**
 * The original's LSTM example: an LSTM and a softmax attention over time steps (`attention_vec`),
 * before or after the LSTM, one sigmoid output; with a gradient route on TensorFlow's fused LSTM kernels for train().
 * @returns An uncompiled tf.LayersModel.
 */
export function buildRecurrentAttentionModel({
  timeSteps = 20, inputDim = 2, lstmUnits = 32, attentionBeforeLstm = false, singleAttentionVector = false, seed = randomSeed(),
}: RecurrentAttentionModelOptions = {}): tf.LayersModel {
  requireInteger('timeSteps', timeSteps, 2);
  requireInteger('inputDim', inputDim, 1);
  requireInteger('lstmUnits', lstmUnits, 1);
  requireInteger('seed', seed, 0, 2 ** 32 - 1);
  const glorot = (name: string) => tf.initializers.glorotUniform({ seed: deriveSeed(seed, name) });
  // A sigmoid recurrent activation, as Keras's LSTM has had by default since 2.3 (tfjs-layers still
  // defaults to the hard sigmoid of old Keras) and as TensorFlow's fused LSTM kernels compute it.
  const lstm = (returnSequences: boolean) => tf.layers.lstm({
    name: 'lstm', units: lstmUnits, returnSequences, recurrentActivation: 'sigmoid',
    kernelInitializer: glorot('lstm'),
    recurrentInitializer: quietOrthogonal(deriveSeed(seed, 'lstm:recurrent')),
  });

  const attentionBlock = (sequence: tf.SymbolicTensor): tf.SymbolicTensor => {
    const features = sequence.shape[2] as number;
    let scores = tf.layers.permute({ dims: [2, 1], name: 'features_first' }).apply(sequence) as tf.SymbolicTensor;
    scores = tf.layers.dense({
      units: timeSteps, activation: 'softmax', name: 'attention_over_time', kernelInitializer: glorot('attention_over_time'),
    }).apply(scores) as tf.SymbolicTensor;
    if (singleAttentionVector) {
      scores = new MeanOverFeatures({ name: 'dim_reduction' }).apply(scores) as tf.SymbolicTensor;
      scores = tf.layers.repeatVector({ n: features, name: 'repeat_over_features' }).apply(scores) as tf.SymbolicTensor;
    }
    const attention = tf.layers.permute({ dims: [2, 1], name: 'attention_vec' }).apply(scores) as tf.SymbolicTensor;
    return tf.layers.multiply({ name: 'attention_mul' }).apply([sequence, attention]) as tf.SymbolicTensor;
  };

  const inputs = tf.input({ shape: [timeSteps, inputDim], name: 'inputs' });
  let features: tf.SymbolicTensor;
  if (attentionBeforeLstm) {
    features = lstm(false).apply(attentionBlock(inputs)) as tf.SymbolicTensor;
  } else {
    const sequence = lstm(true).apply(inputs) as tf.SymbolicTensor;
    features = tf.layers.flatten({ name: 'flatten' }).apply(attentionBlock(sequence)) as tf.SymbolicTensor;
  }
  const output = tf.layers.dense({
    units: 1, activation: 'sigmoid', name: 'output', kernelInitializer: glorot('output'),
  }).apply(features) as tf.SymbolicTensor;
  const model = tf.model({ inputs, outputs: output, name: 'attention_lstm' });
  // Its entries are time steps, of the inputs or of the LSTM's outputs, which keep the inputs' order.
  declareInputAttention(model, ['attention_vec']);
  const layout = { attentionBeforeLstm, singleAttentionVector };
  attachGradientRoute(model, { name: 'LSTM attention, by hand on fused LSTM kernels', build: (built) => recurrentAttentionBackprop(built, layout) });
  return model;
}
