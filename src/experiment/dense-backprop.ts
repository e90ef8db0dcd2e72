/**
 * The backward pass of the dense attention network (dense-model.ts), derived by hand.
 *
 * tfjs's tape records every op of the layers' forward pass and replays a gradient for each, and on
 * this tiny network each op's round trip to TensorFlow costs far more than its arithmetic. Written
 * out, forward and backward take a fraction of the tape's kernels (bench/node_profile.ts counts
 * both; docs/BENCHMARKS.md has the figures). test/dense-backprop.test.ts checks it against the tape.
 */
import { tf } from '../core/tf';
import type { GradientRoute } from '../training/gradient-routes';
import type { BatchGradients, GradientFunction } from '../training/tape-gradients';

/**
 * The network this route is written for, layer by layer: class, activation, bias, inputs. The
 * route is attached by buildAttentionModel() and checked against the tape on every run's first
 * batch; this description lets it decline at once when the model was changed after it was built
 * (e.g. a layer frozen), instead of failing the check.
 */
const denseAttentionNetwork: Array<{ name: string; className: string; activation?: string; useBias?: boolean; inputs: string[] }> = [
  { name: 'inputs', className: 'InputLayer', inputs: [] },
  { name: 'attention_scores', className: 'Dense', activation: 'linear', useBias: false, inputs: ['inputs'] },
  { name: 'attention_vec', className: 'Activation', activation: 'softmax', inputs: ['attention_scores'] },
  { name: 'attention_mul', className: 'Multiply', inputs: ['inputs', 'attention_vec'] },
  { name: 'hidden', className: 'Dense', activation: 'linear', useBias: true, inputs: ['attention_mul'] },
  { name: 'attention_scores1', className: 'Dense', activation: 'linear', useBias: false, inputs: ['hidden'] },
  { name: 'attention_vec1', className: 'Activation', activation: 'softmax', inputs: ['attention_scores1'] },
  { name: 'attention_mul1', className: 'Multiply', inputs: ['hidden', 'attention_vec1'] },
  { name: 'output', className: 'Dense', activation: 'sigmoid', useBias: true, inputs: ['attention_mul1'] },
];

function isDenseAttentionNetwork(model: tf.LayersModel): boolean {
  if (model.layers.length !== denseAttentionNetwork.length || model.trainableWeights.length !== 6) return false;
  return denseAttentionNetwork.every((expected, i) => {
    const layer = model.layers[i];
    const config = layer.getConfig() as { activation?: string; useBias?: boolean };
    const inbound = layer.inboundNodes.flatMap((node) => node.inboundLayers.map((l) => l.name));
    return layer.name === expected.name && layer.getClassName() === expected.className
      && config.activation === expected.activation && config.useBias === expected.useBias
      && inbound.join() === expected.inputs.join()
      && (layer.getClassName() !== 'Dense' || layer.trainable);
  });
}

/** The route buildAttentionModel() attaches. */
export const denseAttentionRoute: GradientRoute = { name: 'dense attention, by hand', build: denseAttentionBackprop };

/** Gradients of the mean binary cross-entropy, or undefined if the model is not the dense attention network. */
export function denseAttentionBackprop(model: tf.LayersModel): GradientFunction | undefined {
  if (!isDenseAttentionNetwork(model)) return undefined;
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

/** Through s = softmax(z): dz = s ⊙ (ds − Σ ds ⊙ s), the sum over each row. */
function softmaxBackward(softmax: tf.Tensor, dSoftmax: tf.Tensor): tf.Tensor {
  return softmax.mul(dSoftmax.sub(dSoftmax.mul(softmax).sum(-1, true)));
}
