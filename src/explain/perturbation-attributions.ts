/**
 * Attributions that change the input and watch the output, without gradients: occlusion (one
 * column replaced by its mean: how much does each sample's output move?) and permutation importance
 * (one column shuffled across samples: how much accuracy is lost?).
 */
import { seededRandom, shuffledIndices } from '../core/random';
import { mean, std } from '../core/statistics';
import { tf } from '../core/tf';
import { requireBinaryLabels, requireInteger } from '../core/validate';
import { type Attribution, outputFunction, perSampleAttribution, type Predictor, requireSamples } from './attribution';

/**
 * Occlusion: p(x) − p(x with column j set to its mean over the samples), per sample and column (signed).
 * @param predictor - A model or a function from [n, columns] to one output per sample.
 * @param x - Samples [n >= 1, columns >= 1].
 */
export function occlusion(predictor: Predictor, x: tf.Tensor): Attribution {
  requireSamples(x);
  const [samples, columns] = x.shape;
  const output = outputFunction(predictor);
  const changes = tf.tidy(() => {
    const original = output(x);
    const means = x.mean(0);
    const perColumn = Array.from({ length: columns }, (_, j) => {
      const mask = tf.oneHot(j, columns).reshape([1, columns]);
      // x where the mask is 0, the column's mean where it is 1.
      const occluded = x.mul(tf.sub(1, mask)).add(means.reshape([1, columns]).mul(mask)) as tf.Tensor2D;
      return original.sub(output(occluded));
    });
    return tf.stack(perColumn, 1);
  });
  const values = changes.dataSync() as Float32Array;
  changes.dispose();
  return perSampleAttribution('occlusion', values, samples, columns, true);
}

/** permutationImportance()'s settings. */
export interface PermutationOptions {
  /** Shuffles per column, an integer >= 1 (default 5); the importance is their mean, the spread their standard deviation. */
  repeats?: number;
  /** Fixes the shuffles: an integer in [0, 2^32 - 1]; default 0. */
  seed?: number;
}

/**
 * Accuracy (a prediction above 0.5 counts as 1) minus the accuracy with one column shuffled across
 * the samples: one figure per column for the whole set, so `values` is absent.
 * @param predictor - A model or a function from [n, columns] to one output per sample.
 * @param x - Samples [n >= 1, columns >= 1].
 * @param y - One label per sample, 0 or 1.
 */
export function permutationImportance(predictor: Predictor, x: tf.Tensor, y: tf.Tensor, options: PermutationOptions = {}): Attribution {
  requireSamples(x);
  const { repeats = 5, seed = 0 } = options;
  requireInteger('repeats', repeats, 1);
  requireInteger('seed', seed, 0, 2 ** 32 - 1);
  const [samples, columns] = x.shape;
  if (y.size !== samples) throw new RangeError(`y must hold one label per sample (${samples}), got ${y.size} values`);
  const output = outputFunction(predictor);
  const labels = y.dataSync();
  requireBinaryLabels('y', labels);
  const inputs = x.dataSync();
  const accuracy = (values: Float32Array | Uint8Array | Int32Array) => {
    const predictions = tf.tidy(() => output(tf.tensor2d(values, [samples, columns])).dataSync());
    let correct = 0;
    for (let i = 0; i < samples; i++) if ((predictions[i] > 0.5 ? 1 : 0) === labels[i]) correct++;
    return correct / samples;
  };
  const reference = accuracy(inputs);
  const random = seededRandom(seed);
  const means: number[] = [];
  const stds: number[] = [];
  for (let j = 0; j < columns; j++) {
    const drops: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const order = shuffledIndices(samples, random);
      const shuffled = new Float32Array(inputs);
      for (let i = 0; i < samples; i++) shuffled[i * columns + j] = inputs[order[i] * columns + j];
      drops.push(reference - accuracy(shuffled));
    }
    means.push(mean(drops));
    stds.push(std(drops));
  }
  return { method: 'permutation', samples, columns, signed: false, mean: means, std: stds };
}
