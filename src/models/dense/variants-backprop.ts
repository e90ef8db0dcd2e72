/**
 * The backward pass of the two controls of dense-variants.ts, derived by hand as dense-backprop.ts
 * does for the attention network (and for the same reason: on networks this small, tfjs's tape costs
 * far more in per-op round trips than in arithmetic). With its attentions frozen to a uniform split,
 * the network is two dense layers whose inputs are scaled by constants — 1/inputDim and 1/hidden —
 * and without attention blocks the scales are 1. test/dense-variants-backprop.test.ts checks both
 * against the tape.
 */
import { tf } from '../../core/tf';
import type { BatchGradients, GradientFunction } from '../../training/tape-gradients';

const uniformLayers = ['inputs', 'attention_scores', 'attention_vec', 'attention_mul', 'hidden', 'attention_scores1', 'attention_vec1', 'attention_mul1', 'output'];
const plainLayers = ['inputs', 'hidden', 'output'];

/** Gradients of the mean binary cross-entropy of sigmoid((x·s_in·W1 + b1)·s_h·W2 + b2), for [W1, b1, W2, b2]. */
function twoLayerBackprop(model: tf.LayersModel, inputScale: number, hiddenScale: number): GradientFunction {
  const [hiddenKernel, hiddenBias, outputKernel, outputBias] = model.trainableWeights.map((w) => w.read() as tf.Variable);
  return (x: tf.Tensor, y: tf.Tensor): BatchGradients => {
    const scaled = x.mul(inputScale);
    const hidden = tf.matMul(scaled, hiddenKernel).add(hiddenBias);
    const scaledHidden = hidden.mul(hiddenScale);
    const probabilities = tf.sigmoid(tf.matMul(scaledHidden, outputKernel).add(outputBias));
    // A sigmoid into the cross-entropy: d(mean loss)/d(logit) = (p − y) / batch size.
    const dLogit = probabilities.sub(y).div(tf.scalar(x.shape[0]));
    const dHidden = tf.matMul(dLogit, outputKernel, false, true).mul(hiddenScale);
    return {
      probabilities,
      gradients: [tf.matMul(scaled, dHidden, true, false), dHidden.sum(0), tf.matMul(scaledHidden, dLogit, true, false), dLogit.sum(0)],
    };
  };
}

function hasLayers(model: tf.LayersModel, names: string[]): boolean {
  return model.layers.map((layer) => layer.name).join() === names.join()
    // A layer frozen since, or a changed bias setting, is not this network.
    && model.trainableWeights.map((w) => w.originalName).join() === 'hidden/kernel,hidden/bias,output/kernel,output/bias'
    && (model.getLayer('output').getConfig() as { activation?: unknown }).activation === 'sigmoid';
}

/** For buildUniformAttentionModel's network, while its frozen score kernels are still zero (a uniform split). */
export function uniformAttentionBackprop(model: tf.LayersModel): GradientFunction | undefined {
  if (!hasLayers(model, uniformLayers)) return undefined;
  const scoresAreZero = ['attention_scores', 'attention_scores1'].every((name) =>
    tf.tidy(() => model.getLayer(name).getWeights()[0].abs().max().dataSync()[0] === 0));
  if (!scoresAreZero) return undefined;
  const [inputDim, hidden] = [model.inputs[0].shape[1], model.getLayer('hidden').getWeights()[1].shape[0]] as [number, number];
  return twoLayerBackprop(model, 1 / inputDim, 1 / hidden);
}

/** For buildNoAttentionModel's network. */
export function noAttentionBackprop(model: tf.LayersModel): GradientFunction | undefined {
  return hasLayers(model, plainLayers) ? twoLayerBackprop(model, 1, 1) : undefined;
}
