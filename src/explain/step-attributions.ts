/**
 * Integrated gradients of a sequence model's output with respect to its raw input steps x_t, one
 * score per time step: the counterpart of the attention map, which weighs hidden states h_t. The
 * model is wrapped as a Predictor over flattened inputs [n, steps × features] so that
 * integratedGradients (and its completeness check) applies unchanged; a step's score is the sum
 * of |IG| over its features, since the attention map also has one weight per step, never per feature.
 */
import { argmax, mean } from '../core/statistics';
import { tf } from '../core/tf';
import { type AnswerFocus, type AttentionMap, answerFocus } from '../readout/attention-map';
import type { Predictor } from './attribution';
import { type Baseline, type IntegratedGradients, integratedGradients } from './gradient-attributions';

/** A sequence model, or any function from inputs [n, steps, features] to outputs [n, 1] (or [n]). */
export type SequencePredictor = tf.LayersModel | ((x: tf.Tensor3D) => tf.Tensor);

/** stepIntegratedGradients()'s settings. */
export interface StepAttributionOptions {
  /** 'zero', 'mean' (each step-feature's mean over the explained sequences), or one value per feature, used at every step. */
  baseline?: Baseline;
  /** Points of the midpoint rule along the path from the baseline to the input: an integer in [1, 100000]; default 50. */
  steps?: number;
}

/** Integrated gradients per time step of sequences, comparable with an attention map. */
export interface StepAttributions {
  /** [sequence][time step]: Σ over the step's features of |integrated gradients|. */
  perStep: number[][];
  /** Per time step, the mean of perStep over the sequences. */
  mean: number[];
  /** [sequence][time step]: perStep divided by its row's sum, comparable with attention weights (rows of zeros stay zeros). */
  shares: number[][];
  /** Steps per sequence. */
  timeSteps: number;
  /** Features per step. */
  features: number;
  /** Per feature, its fraction of all |integrated gradients| (over every sequence and step): what the map, one weight per step, cannot tell. */
  featureShares: number[];
  /** From integratedGradients over the flattened steps: how far each sequence's attributions miss p(x) − p(baseline). */
  completeness: IntegratedGradients['completeness'];
}

function requireSequences(x: tf.Tensor): asserts x is tf.Tensor3D {
  if (x.rank !== 3 || x.shape.some((size) => size < 1)) {
    throw new RangeError(`x must be a 3-D tensor [sequences >= 1, time steps >= 1, features >= 1], got shape [${x.shape}]`);
  }
}

function flatBaseline(baseline: Baseline, timeSteps: number, features: number): Baseline {
  if (!Array.isArray(baseline)) return baseline;
  if (baseline.length !== features || !baseline.every(Number.isFinite)) {
    throw new RangeError(`baseline must be 'zero', 'mean' or ${features} finite numbers (one per feature), got ${JSON.stringify(baseline)}`);
  }
  return Array.from({ length: timeSteps }, () => baseline).flat();
}

/**
 * Integrated gradients of `model`'s output per time step of the sequences `x`: per step, the sum of |IG| over its features.
 * Options: baseline "zero" (default), "mean" or one number per feature; steps in [1, 100000], default 50.
 * @param model - A sequence model, or a function from [n, steps, features] to one output per sequence.
 * @param x - Sequences [n >= 1, steps >= 1, features >= 1], of the shape a model reads.
 */
export function stepIntegratedGradients(model: SequencePredictor, x: tf.Tensor, { baseline = 'zero', steps = 50 }: StepAttributionOptions = {}): StepAttributions {
  requireSequences(x);
  const [samples, timeSteps, features] = x.shape;
  if (model instanceof tf.LayersModel) {
    const [, modelSteps, modelFeatures] = model.inputs[0].shape;
    if (modelSteps !== timeSteps || modelFeatures !== features) {
      throw new RangeError(`x must be sequences of ${String(modelSteps)} steps × ${String(modelFeatures)} features, as "${model.name}" reads, got [${x.shape}]`);
    }
  }
  const apply = model instanceof tf.LayersModel ? (inputs: tf.Tensor3D) => model.apply(inputs) as tf.Tensor : model;
  const flat: Predictor = (inputs) => apply(inputs.reshape([inputs.shape[0], timeSteps, features]));
  const flattened = x.reshape([samples, timeSteps * features]);
  let result: IntegratedGradients;
  try {
    result = integratedGradients(flat, flattened, { baseline: flatBaseline(baseline, timeSteps, features), steps });
  } finally {
    flattened.dispose();
  }
  const values = result.attribution.values as Float32Array;
  const perStep = Array.from({ length: samples }, (_, i) => Array.from({ length: timeSteps }, (_, t) => {
    let sum = 0;
    for (let f = 0; f < features; f++) sum += Math.abs(values[(i * timeSteps + t) * features + f]);
    return sum;
  }));
  const featureTotals = new Array<number>(features).fill(0);
  values.forEach((v, k) => { featureTotals[k % features] += Math.abs(v); });
  const total = featureTotals.reduce((a, b) => a + b, 0);
  const featureShares = featureTotals.map((v) => (total > 0 ? v / total : 0));
  const mean = Array.from({ length: timeSteps }, (_, t) => perStep.reduce((sum, row) => sum + row[t], 0) / samples);
  const shares = perStep.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return total > 0 ? row.map((v) => v / total) : row.slice();
  });
  return { perStep, mean, shares, timeSteps, features, featureShares, completeness: result.completeness };
}

/** The share of each sequence's attribution on its answer steps, scored exactly as answerFocus scores the attention map. */
export function stepAnswerFocus(attributions: StepAttributions, answerPositions: number[][]): AnswerFocus {
  if (answerPositions.length !== attributions.shares.length) {
    throw new RangeError(`answerPositions must hold one entry per attributed sequence (${attributions.shares.length}), got ${answerPositions.length}`);
  }
  return answerFocus({ weights: attributions.shares, answerPositions });
}

/** Where an attention map and step attributions of the same sequences agree. */
export interface StepAgreement {
  /** The fraction of sequences whose attention peak and attribution peak are the same step. */
  samePeak: number;
  /** The mean over sequences of the Pearson correlation between the two rows (rows without spread are skipped). */
  meanCorrelation: number;
  /** The fraction of sequences whose attribution peaks on an answer step while the attention peak does not, and the reverse. */
  onlyAttributionOnAnswer: number;
  /** See onlyAttributionOnAnswer. */
  onlyAttentionOnAnswer: number;
  /** Number of sequences compared. */
  sequences: number;
}

function correlation(a: number[], b: number[]): number | undefined {
  const [ma, mb] = [mean(a), mean(b)];
  let [ab, aa, bb] = [0, 0, 0];
  a.forEach((x, t) => { ab += (x - ma) * (b[t] - mb); aa += (x - ma) ** 2; bb += (b[t] - mb) ** 2; });
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : undefined;
}

/**
 * Where the attention map and the step attributions of the same sequences agree: peaks, and the shape of each row.
 * @param attributions - Step attributions of the map's sequences (the same count and steps).
 */
export function stepAgreement(map: AttentionMap, attributions: StepAttributions): StepAgreement {
  const sequences = map.weights.length;
  if (attributions.shares.length !== sequences || attributions.timeSteps !== map.weights[0].length) {
    throw new RangeError(`attributions must cover the map's ${sequences} sequences × ${map.weights[0].length} steps, `
      + `got ${attributions.shares.length} × ${attributions.timeSteps}`);
  }
  let samePeak = 0;
  let onlyAttribution = 0;
  let onlyAttention = 0;
  const correlations: number[] = [];
  map.weights.forEach((row, i) => {
    const [attentionPeak, attributionPeak] = [argmax(row), argmax(attributions.shares[i])];
    if (attentionPeak === attributionPeak) samePeak++;
    const [attentionOn, attributionOn] = [map.answerPositions[i].includes(attentionPeak), map.answerPositions[i].includes(attributionPeak)];
    if (attributionOn && !attentionOn) onlyAttribution++;
    if (attentionOn && !attributionOn) onlyAttention++;
    const r = correlation(row, attributions.shares[i]);
    if (r !== undefined) correlations.push(r);
  });
  return {
    samePeak: samePeak / sequences,
    meanCorrelation: correlations.length > 0 ? correlations.reduce((a, b) => a + b, 0) / correlations.length : Number.NaN,
    onlyAttributionOnAnswer: onlyAttribution / sequences,
    onlyAttentionOnAnswer: onlyAttention / sequences,
    sequences,
  };
}
