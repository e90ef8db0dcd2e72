/**
 * Models for the sequence tasks: an LSTM reads the sequence, then either the attention layer
 * (attention-layer.ts) or, for comparison, a plain Dense layer over the flattened sequence with
 * (as nearly as a whole number of units allows) the same number of parameters; a sigmoid output.
 */
import { deriveSeed, randomSeed } from '../../core/random';
import { tf } from '../../core/tf';
import { requireInteger } from '../../core/validate';
import { sequenceAttentionBackprop } from './backprop';
import { attachGradientRoute } from '../../training/gradient-routes';
import { type AttentionScore, attention } from './attention-layer';

export const sequenceEncoders = ['lstm', 'per-step'] as const;
/** What turns the inputs into hidden states: "lstm" or "per-step" (one Dense(tanh) applied to each step alone). */
export type SequenceEncoder = (typeof sequenceEncoders)[number];

/** The sequence models' settings (buildSequenceAttentionModel(), and the Dense comparison model). */
export interface SequenceModelOptions {
  /** Steps per sequence, an integer >= 1. */
  timeSteps: number;
  /** Features per step, an integer >= 1. */
  inputDim: number;
  /**
   * What turns the inputs into the hidden states the attention weighs: an LSTM (the original's), or
   * one Dense(tanh) applied to each step on its own (no recurrence: cheaper to train, and the
   * hidden state h_t then depends on step t alone, so the weights can be read as weights of steps).
   */
  encoder?: SequenceEncoder;
  /** Width of the hidden states (LSTM units or the per-step Dense's), an integer >= 1; default 16. */
  lstmUnits?: number;
  /** The attention layer's output width, an integer >= 1; default 16. */
  attentionUnits?: number;
  /** The attention's score function; default "luong". */
  score?: AttentionScore;
  /** Fixes the initial weights: an integer in [0, 2^32 - 1]; random by default. */
  seed?: number;
}

function quietOrthogonal(seed: number) {
  // See recurrent-model.ts: tfjs warns on the console about large orthogonal initializers.
  return Object.assign(tf.initializers.orthogonal({ seed }), { ELEMENTS_WARN_SLOW: Infinity });
}

function encode(kind: SequenceEncoder, timeSteps: number, inputDim: number, lstmUnits: number, seed: number) {
  if (!sequenceEncoders.includes(kind)) {
    throw new RangeError(`encoder must be one of ${sequenceEncoders.map((e) => `"${e}"`).join(', ')}, got ${JSON.stringify(kind)}`);
  }
  const inputs = tf.input({ shape: [timeSteps, inputDim], name: 'inputs' });
  if (kind === 'per-step') {
    // tfjs's Dense on a 3-D input applies the same weights to every step.
    const sequence = tf.layers.dense({
      name: 'per_step', units: lstmUnits, activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(seed, 'per_step') }),
    }).apply(inputs) as tf.SymbolicTensor;
    return { inputs, sequence };
  }
  const sequence = tf.layers.lstm({
    // Keras's default gate activation (tfjs-layers defaults to hardSigmoid, Keras 1's).
    name: 'lstm', units: lstmUnits, returnSequences: true, recurrentActivation: 'sigmoid',
    kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(seed, 'lstm') }),
    recurrentInitializer: quietOrthogonal(deriveSeed(seed, 'lstm:recurrent')),
  }).apply(inputs) as tf.SymbolicTensor;
  return { inputs, sequence };
}

function sigmoidOutput(features: tf.SymbolicTensor, seed: number) {
  return tf.layers.dense({
    units: 1, activation: 'sigmoid', name: 'output', kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(seed, 'output') }),
  }).apply(features) as tf.SymbolicTensor;
}

function requireSizes({ timeSteps, inputDim, lstmUnits, attentionUnits, seed }: Required<Omit<SequenceModelOptions, 'score' | 'encoder'>>) {
  requireInteger('timeSteps', timeSteps, 1);
  requireInteger('inputDim', inputDim, 1);
  requireInteger('lstmUnits', lstmUnits, 1);
  requireInteger('attentionUnits', attentionUnits, 1);
  requireInteger('seed', seed, 0, 2 ** 32 - 1);
}

/**
 * A model for the sequence tasks: inputs → encoder (LSTM by default) → attention (`attention_weight`,
 * `attention`) → one sigmoid output. `timeSteps` and `inputDim` are required; the encoder defaults to "lstm".
 * @returns An uncompiled tf.LayersModel named `sequence_attention_<score>`.
 */
export function buildSequenceAttentionModel({
  timeSteps, inputDim, encoder = 'lstm', lstmUnits = 16, attentionUnits = 16, score = 'luong', seed = randomSeed(),
}: SequenceModelOptions): tf.LayersModel {
  requireSizes({ timeSteps, inputDim, lstmUnits, attentionUnits, seed });
  const { inputs, sequence } = encode(encoder, timeSteps, inputDim, lstmUnits, seed);
  const attended = attention(sequence, { units: attentionUnits, score, name: 'attention', seed: deriveSeed(seed, 'attention') });
  const model = tf.model({ inputs, outputs: sigmoidOutput(attended, seed), name: `sequence_attention_${score}` });
  const on = encoder === 'lstm' ? 'on fused LSTM kernels' : 'per-step encoder';
  attachGradientRoute(model, { name: `sequence attention (${score}), by hand, ${on}`, build: (built) => sequenceAttentionBackprop(built, encoder, score) });
  return model;
}

/** Parameters of the attention layer plus the output layer that reads it. */
function attentionHeadParameters(lstmUnits: number, attentionUnits: number, score: AttentionScore): number {
  const scoring = score === 'luong' ? lstmUnits * lstmUnits : 2 * lstmUnits * lstmUnits + lstmUnits;
  return scoring + 2 * lstmUnits * attentionUnits + attentionUnits + 1;
}

/**
 * inputs → LSTM (sequence) → Flatten → Dense(k, tanh) → sigmoid, with k chosen so that the layers
 * after the LSTM have as nearly as possible the parameters of the attention model's.
 */
export function buildSequenceDenseModel({
  timeSteps, inputDim, encoder = 'lstm', lstmUnits = 16, attentionUnits = 16, score = 'luong', seed = randomSeed(),
}: SequenceModelOptions): tf.LayersModel {
  requireSizes({ timeSteps, inputDim, lstmUnits, attentionUnits, seed });
  // Dense(k) over timeSteps·lstmUnits inputs, then the output: k·(timeSteps·lstmUnits + 1) + k + 1.
  const units = Math.max(1, Math.round((attentionHeadParameters(lstmUnits, attentionUnits, score) - 1) / (timeSteps * lstmUnits + 2)));
  const { inputs, sequence } = encode(encoder, timeSteps, inputDim, lstmUnits, seed);
  const flat = tf.layers.flatten({ name: 'flatten' }).apply(sequence) as tf.SymbolicTensor;
  const dense = tf.layers.dense({
    units, activation: 'tanh', name: 'dense', kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(seed, 'dense') }),
  }).apply(flat) as tf.SymbolicTensor;
  return tf.model({ inputs, outputs: sigmoidOutput(dense, seed), name: 'sequence_dense' });
}
