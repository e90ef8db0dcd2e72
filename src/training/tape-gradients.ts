/** The general gradient route: tfjs's tape through whatever the model's layers compute. */
import { tf } from '../core/tf';
import { binaryCrossentropy } from './metrics';

export interface BatchGradients {
  /** The model's output for the batch, for the epoch's loss and accuracy. */
  probabilities: tf.Tensor;
  /** Of the batch's loss (binary cross-entropy unless another is given), one per entry of model.trainableWeights, in that order. */
  gradients: tf.Tensor[];
}

/** One batch's output and gradients; the caller owns the tensors. */
export type GradientFunction = (x: tf.Tensor, y: tf.Tensor) => BatchGradients;

export type BatchLoss = (labels: tf.Tensor, outputs: tf.Tensor) => tf.Scalar;

export function tapeGradients(model: tf.LayersModel, loss: BatchLoss = binaryCrossentropy): GradientFunction {
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  return (x, y) => {
    let probabilities: tf.Tensor | undefined;
    const { grads } = tf.variableGrads(() => {
      probabilities = tf.keep(model.apply(x, { training: true }) as tf.Tensor);
      return loss(y, probabilities);
    }, variables);
    // Kept to get it out of variableGrads' scope; a clone belongs to the caller's scope like any result.
    const kept = probabilities as tf.Tensor;
    const result = kept.clone();
    kept.dispose();
    return { probabilities: result, gradients: variables.map((v) => grads[v.name]) };
  };
}
