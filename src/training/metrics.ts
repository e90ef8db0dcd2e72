/** The original's loss and metric, as Keras computes them from the sigmoid's probabilities. */
import { tf } from '../core/tf';

const epsilon = 1e-7; // Keras's clipping for the cross-entropy's logarithms

/** Mean binary cross-entropy over the batch. */
export function binaryCrossentropy(labels: tf.Tensor, probabilities: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const p = probabilities.clipByValue(epsilon, 1 - epsilon);
    const perSample = labels.mul(p.log()).add(tf.sub(1, labels).mul(tf.sub(1, p).log()));
    return perSample.mean().neg() as tf.Scalar;
  });
}

/** Keras's binary accuracy, as a count: a prediction counts as 1 above 0.5. */
export function countCorrect(labels: tf.Tensor, probabilities: tf.Tensor): tf.Scalar {
  return tf.tidy(() => probabilities.greater(0.5).cast('float32').equal(labels).cast('float32').sum() as tf.Scalar);
}
