/** The original's loss and metric, as Keras computes them from the sigmoid's probabilities. */
import { tf } from '../core/tf';

const epsilon = 1e-7; // Keras's clipping for the cross-entropy's logarithms

function crossentropyPerSample(labels: tf.Tensor, probabilities: tf.Tensor): tf.Tensor {
  const p = probabilities.clipByValue(epsilon, 1 - epsilon);
  return labels.mul(p.log()).add(tf.sub(1, labels).mul(tf.sub(1, p).log())).neg();
}

function isCorrect(labels: tf.Tensor, probabilities: tf.Tensor): tf.Tensor {
  return probabilities.greater(0.5).cast('float32').equal(labels).cast('float32');
}

/** Mean binary cross-entropy over the batch. */
export function binaryCrossentropy(labels: tf.Tensor, probabilities: tf.Tensor): tf.Scalar {
  return tf.tidy(() => crossentropyPerSample(labels, probabilities).mean() as tf.Scalar);
}

/** Keras's binary accuracy, as a count: a prediction counts as 1 above 0.5. */
export function countCorrect(labels: tf.Tensor, probabilities: tf.Tensor): tf.Scalar {
  return tf.tidy(() => isCorrect(labels, probabilities).sum() as tf.Scalar);
}

/** For K models' outputs stacked as [K, samples, 1]: each model's mean binary cross-entropy, [K]. */
export function stackedBinaryCrossentropy(labels: tf.Tensor3D, probabilities: tf.Tensor3D): tf.Tensor1D {
  return tf.tidy(() => crossentropyPerSample(labels, probabilities).mean([1, 2]) as tf.Tensor1D);
}

/** For K models' outputs stacked as [K, samples, 1]: each model's count of correct predictions, [K]. */
export function stackedCountCorrect(labels: tf.Tensor3D, probabilities: tf.Tensor3D): tf.Tensor1D {
  return tf.tidy(() => isCorrect(labels, probabilities).sum([1, 2]) as tf.Tensor1D);
}
