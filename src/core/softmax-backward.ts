import { tf } from './tf';

/** Through s = softmax(z) over the last axis: dz = s ⊙ (ds − Σ ds ⊙ s), the sum over each row. */
export function softmaxBackward(softmax: tf.Tensor, dSoftmax: tf.Tensor): tf.Tensor {
  return softmax.mul(dSoftmax.sub(dSoftmax.mul(softmax).sum(-1, true)));
}
