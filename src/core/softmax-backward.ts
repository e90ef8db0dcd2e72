import { tf } from './tf';

/** The three operations the softmax's backward pass takes, on tfjs tensors or on other handles (core/tensorflow-ops.ts). */
export interface SoftmaxBackwardOps<T> {
  mul(a: T, b: T): T;
  sub(a: T, b: T): T;
  /** Over the last axis, keeping it (size 1). */
  sumLast(x: T): T;
}

/** Through s = softmax(z) over the last axis: dz = s ⊙ (ds − Σ ds ⊙ s), the sum over each row. */
export function softmaxBackwardWith<T>(ops: SoftmaxBackwardOps<T>, softmax: T, dSoftmax: T): T {
  return ops.mul(softmax, ops.sub(dSoftmax, ops.sumLast(ops.mul(dSoftmax, softmax))));
}

const tfjsOps: SoftmaxBackwardOps<tf.Tensor> = { mul: (a, b) => a.mul(b), sub: (a, b) => a.sub(b), sumLast: (x) => x.sum(-1, true) };

/** softmaxBackwardWith() on tfjs tensors. */
export function softmaxBackward(softmax: tf.Tensor, dSoftmax: tf.Tensor): tf.Tensor {
  return softmaxBackwardWith(tfjsOps, softmax, dSoftmax);
}
