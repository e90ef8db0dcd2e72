/**
 * The backward pass of the dense attention network (dense-model.ts), derived by hand.
 *
 * tfjs's tape records every op of the layers' forward pass and replays a gradient for each, and on
 * this tiny network each op's round trip to TensorFlow costs far more than its arithmetic. Written
 * out, forward and backward take a fraction of the tape's kernels (bench/node_profile.ts counts
 * both; docs/BENCHMARKS.md has the figures). test/dense-backprop.test.ts checks it against the tape.
 */
import { tf } from '../core/tf';
import { softmaxBackward } from './softmax-backward';
import type { BatchGradients, GradientFunction } from '../training/tape-gradients';

// The layers buildAttentionModel() makes, in order; anything else goes through the tape.
const denseAttentionLayers = [
  'inputs', 'attention_scores', 'attention_vec', 'attention_mul',
  'hidden', 'attention_scores1', 'attention_vec1', 'attention_mul1', 'output',
];

function isDenseAttentionModel(model: tf.LayersModel): boolean {
  const activation = (name: string) => (model.getLayer(name).getConfig() as { activation?: unknown }).activation;
  return model.layers.map((layer) => layer.name).join() === denseAttentionLayers.join()
    && model.trainableWeights.length === 6 // a frozen layer or a changed bias setting is not this network
    && activation('attention_vec') === 'softmax' && activation('attention_vec1') === 'softmax'
    && activation('output') === 'sigmoid';
}

/** Gradients of the mean binary cross-entropy, or undefined if the model is not the dense attention network. */
export function denseAttentionBackprop(model: tf.LayersModel): GradientFunction | undefined {
  if (!isDenseAttentionModel(model)) return undefined;
  const weight = (layer: string, index: number) => model.getLayer(layer).trainableWeights[index].read() as tf.Variable;
  const scoresKernel = weight('attention_scores', 0);
  const hiddenKernel = weight('hidden', 0);
  const hiddenBias = weight('hidden', 1);
  const scores1Kernel = weight('attention_scores1', 0);
  const outputKernel = weight('output', 0);
  const outputBias = weight('output', 1);

  return (x: tf.Tensor, y: tf.Tensor): BatchGradients => {
    const attention = tf.softmax(tf.matMul(x, scoresKernel));
    const attended = x.mul(attention);
    const hidden = tf.matMul(attended, hiddenKernel).add(hiddenBias);
    const attention1 = tf.softmax(tf.matMul(hidden, scores1Kernel));
    const attended1 = hidden.mul(attention1);
    const probabilities = tf.sigmoid(tf.matMul(attended1, outputKernel).add(outputBias));

    // A sigmoid into the cross-entropy: d(mean loss)/d(logit) = (p − y) / batch size.
    const dLogit = probabilities.sub(y).div(tf.scalar(x.shape[0]));
    const dAttended1 = tf.matMul(dLogit, outputKernel, false, true);
    const dScores1 = softmaxBackward(attention1, dAttended1.mul(hidden));
    const dHidden = dAttended1.mul(attention1).add(tf.matMul(dScores1, scores1Kernel, false, true));
    const dScores = softmaxBackward(attention, tf.matMul(dHidden, hiddenKernel, false, true).mul(x));

    const gradients = new Map<tf.Variable, tf.Tensor>([
      [scoresKernel, tf.matMul(x, dScores, true, false)],
      [hiddenKernel, tf.matMul(attended, dHidden, true, false)],
      [hiddenBias, dHidden.sum(0)],
      [scores1Kernel, tf.matMul(hidden, dScores1, true, false)],
      [outputKernel, tf.matMul(attended1, dLogit, true, false)],
      [outputBias, dLogit.sum(0)],
    ]);
    return {
      probabilities,
      gradients: model.trainableWeights.map((w) => gradients.get(w.read() as tf.Variable) as tf.Tensor),
    };
  };
}
