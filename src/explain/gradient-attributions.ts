/**
 * Gradient-based attributions of a network's output p to its input columns, with tfjs's own
 * gradient function (tf.grad): saliency |∂p/∂x|, gradient × input, and integrated gradients
 * (Sundararajan et al. 2017) with their completeness check. Every sample's output depends on its
 * own row only, so the gradient of the summed output gives each sample's gradient in one pass.
 */
import { tf } from '../core/tf';
import { requireInteger } from '../core/validate';
import { type Attribution, outputFunction, perSampleAttribution, type Predictor, requireSamples } from './attribution';

/** ∂p/∂x for every sample, row-major. */
function inputGradients(predictor: Predictor, x: tf.Tensor2D): Float32Array {
  const output = outputFunction(predictor);
  const gradient = tf.tidy(() => tf.grad((inputs: tf.Tensor) => output(inputs as tf.Tensor2D).sum())(x));
  const values = gradient.dataSync() as Float32Array;
  gradient.dispose();
  return values;
}

/**
 * Saliency |∂p/∂x|: how fast the output moves with each column, at each sample.
 * @param predictor - A model or a function from [n, columns] to one output per sample.
 * @param x - Samples [n >= 1, columns >= 1].
 */
export function saliency(predictor: Predictor, x: tf.Tensor): Attribution {
  requireSamples(x);
  const gradients = inputGradients(predictor, x);
  return perSampleAttribution('saliency', gradients.map(Math.abs), x.shape[0], x.shape[1], false);
}

/**
 * Gradient × input, x ⊙ ∂p/∂x, per sample and column (signed; ranked by magnitude).
 * @param predictor - A model or a function from [n, columns] to one output per sample.
 * @param x - Samples [n >= 1, columns >= 1].
 */
export function gradientTimesInput(predictor: Predictor, x: tf.Tensor): Attribution {
  requireSamples(x);
  const gradients = inputGradients(predictor, x);
  const inputs = x.dataSync();
  return perSampleAttribution('gradient × input', gradients.map((g, k) => g * inputs[k]), x.shape[0], x.shape[1], true);
}

/** Where the integration path starts: all zeros, each column's mean over the explained samples, or given values. */
export type Baseline = 'zero' | 'mean' | number[];

/** integratedGradients()'s settings. */
export interface IntegratedGradientsOptions {
  /** Where the path starts; default "zero". */
  baseline?: Baseline;
  /** Points of the midpoint rule along the path from the baseline to the input: an integer in [1, 100000]; default 50. */
  steps?: number;
}

/** Integrated gradients with the baseline used and their completeness check. */
export interface IntegratedGradients {
  /** Per sample and column (signed; ranked by magnitude). */
  attribution: Attribution;
  /** The baseline used, per column. */
  baseline: number[];
  /**
   * Completeness: the attributions of a sample should sum to p(x) − p(baseline). The gaps are
   * |Σ attributions − (p(x) − p(baseline))|, which shrink as the step count grows.
   */
  completeness: { meanAbsGap: number; maxAbsGap: number; meanAbsOutputChange: number };
}

/** Interpolated inputs per chunk: bounds the memory of the path's forward and backward pass. */
const maxPathRows = 65536;

export function baselineValues(baseline: Baseline, x: tf.Tensor2D): number[] {
  const columns = x.shape[1];
  if (baseline === 'zero') return new Array<number>(columns).fill(0);
  if (baseline === 'mean') return tf.tidy(() => Array.from(x.mean(0).dataSync()));
  if (Array.isArray(baseline) && baseline.length === columns && baseline.every(Number.isFinite)) return baseline.slice();
  throw new RangeError(`baseline must be 'zero', 'mean' or ${columns} finite numbers (one per column), got ${JSON.stringify(baseline)}`);
}

/**
 * Integrated gradients (Sundararajan et al. 2017): the gradient averaged along the straight path
 * from the baseline to each sample, times (x − baseline), with the completeness check.
 * @param predictor - A model or a function from [n, columns] to one output per sample.
 * @param x - Samples [n >= 1, columns >= 1].
 * @param options - baseline "zero" (default), "mean" or one finite number per column; steps in [1, 100000], default 50.
 */
export function integratedGradients(predictor: Predictor, x: tf.Tensor, options: IntegratedGradientsOptions = {}): IntegratedGradients {
  requireSamples(x);
  const { baseline = 'zero', steps = 50 } = options;
  requireInteger('steps', steps, 1, 100_000);
  const base = baselineValues(baseline, x);
  const [samples, columns] = x.shape;
  const output = outputFunction(predictor);
  const alphas = Array.from({ length: steps }, (_, k) => (k + 0.5) / steps);
  const chunk = Math.max(1, Math.floor(maxPathRows / steps));
  const values = new Float32Array(samples * columns);
  for (let start = 0; start < samples; start += chunk) {
    const size = Math.min(chunk, samples - start);
    const integrated = tf.tidy(() => {
      const rows = x.slice([start, 0], [size, columns]);
      const b = tf.tensor2d(base, [1, columns]);
      const difference = rows.sub(b);
      // [steps, size, columns]: every point of every sample's path, as one batch.
      const alpha = tf.tensor3d(alphas, [steps, 1, 1]);
      const path = b.expandDims(0).add(alpha.mul(difference.expandDims(0))).reshape([steps * size, columns]);
      const gradients = tf.grad((inputs: tf.Tensor) => output(inputs as tf.Tensor2D).sum())(path);
      return gradients.reshape([steps, size, columns]).mean(0).mul(difference);
    });
    values.set(integrated.dataSync() as Float32Array, start * columns);
    integrated.dispose();
  }
  const outputChange = tf.tidy(() => output(x).sub(output(tf.tensor2d(base, [1, columns]).tile([samples, 1]))).dataSync());
  let gapSum = 0;
  let maxAbsGap = 0;
  let changeSum = 0;
  for (let i = 0; i < samples; i++) {
    let total = 0;
    for (let j = 0; j < columns; j++) total += values[i * columns + j];
    const gap = Math.abs(total - outputChange[i]);
    gapSum += gap;
    maxAbsGap = Math.max(maxAbsGap, gap);
    changeSum += Math.abs(outputChange[i]);
  }
  return {
    attribution: perSampleAttribution('integrated gradients', values, samples, columns, true),
    baseline: base,
    completeness: { meanAbsGap: gapSum / samples, maxAbsGap, meanAbsOutputChange: changeSum / samples },
  };
}
