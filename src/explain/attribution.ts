/**
 * What every attribution method returns: a score per input column, per sample where the method
 * scores samples one by one, and its mean and spread over the samples. Methods that give signed
 * values (gradient × input, integrated gradients, occlusion) rank columns by magnitude: a column
 * that pushes the output down matters as much as one that pushes it up.
 */
import { tf } from '../core/tf';

/** The network to explain: a model, or any function from inputs [n, columns] to outputs [n, 1] (or [n]). */
export type Predictor = tf.LayersModel | ((x: tf.Tensor2D) => tf.Tensor);

/** The methods by the names tables and prose show; an attention layer other than attention_vec is named in brackets. */
export type AttributionMethod =
  | 'attention' | `attention (${string})` | 'saliency' | 'gradient × input' | 'integrated gradients' | 'occlusion' | 'permutation';

/** What every attribution method returns: a score per input column, per sample where the method scores samples, with its mean and spread. */
export interface Attribution {
  /** The method's name as tables show it. */
  method: AttributionMethod;
  /** Number of samples explained. */
  samples: number;
  /** Number of input columns. */
  columns: number;
  /** Row-major [samples × columns], as the method computed them (signed where the method is); absent for a data-set-level method. */
  values?: Float32Array;
  /** Whether columns are ranked by |value| rather than value. */
  signed: boolean;
  /** Mean over samples of the ranking score (|value| for signed methods), per column. */
  mean: number[];
  /** Its standard deviation over samples (over repeats for a data-set-level method). */
  std: number[];
}

/** The predictor as a function returning a flat [n] output; the caller owns the result. */
export function outputFunction(predictor: Predictor): (x: tf.Tensor2D) => tf.Tensor1D {
  const apply = predictor instanceof tf.LayersModel ? (x: tf.Tensor2D) => predictor.apply(x) as tf.Tensor : predictor;
  return (x) => tf.tidy(() => {
    const output = apply(x);
    if (output.size !== x.shape[0]) {
      throw new Error(`the predictor must give one output per sample: ${x.shape[0]} samples gave shape [${output.shape}]`);
    }
    return output.reshape([x.shape[0]]) as tf.Tensor1D;
  });
}

export function requireSamples(x: tf.Tensor): asserts x is tf.Tensor2D {
  if (x.rank !== 2 || (x.shape[0] ?? 0) < 1 || (x.shape[1] ?? 0) < 1) {
    throw new RangeError(`x must be a 2-D tensor [samples >= 1, columns >= 1], got shape [${x.shape}]`);
  }
}

/** Builds an Attribution from per-sample values, with mean and standard deviation of each column's score. */
export function perSampleAttribution(method: AttributionMethod, values: Float32Array, samples: number, columns: number, signed: boolean): Attribution {
  const sums = new Float64Array(columns);
  const squares = new Float64Array(columns);
  for (let i = 0; i < samples; i++) {
    for (let j = 0; j < columns; j++) {
      const score = signed ? Math.abs(values[i * columns + j]) : values[i * columns + j];
      sums[j] += score;
      squares[j] += score * score;
    }
  }
  const mean = Array.from(sums, (sum) => sum / samples);
  const std = mean.map((m, j) => Math.sqrt(Math.max(0, squares[j] / samples - m * m)));
  return { method, samples, columns, values, signed, mean, std };
}

/** The ranking score of sample i, column j. */
export function score(attribution: Attribution, i: number, j: number): number {
  if (attribution.values === undefined) return attribution.mean[j];
  const value = attribution.values[i * attribution.columns + j];
  return attribution.signed ? Math.abs(value) : value;
}
