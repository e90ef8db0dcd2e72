/**
 * The backward pass of the dense attention network (dense-model.ts), derived by hand.
 *
 * tfjs's tape records every op of the layers' forward pass and replays a gradient for each, and on
 * this tiny network each op's round trip to TensorFlow costs far more than its arithmetic. Written
 * out, forward and backward take a fraction of the tape's kernels (bench/node_profile.ts counts
 * both; docs/BENCHMARKS.md has the figures). test/dense-backprop.test.ts checks it against the tape.
 */
import { tf } from '../../core/tf';
import type { GradientRoute } from '../../training/gradient-routes';
import { softmaxBackward } from '../../core/softmax-backward';
import type { BatchGradients, GradientFunction } from '../../training/tape-gradients';

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

/**
 * The network's six weights. For K networks trained at once (sweep.ts) each is stacked along a
 * first axis of K, biases as [K, 1, units]; the same formulas then run as batched matrix products.
 */
export interface DenseAttentionWeights {
  scoresKernel: tf.Tensor;
  hiddenKernel: tf.Tensor;
  hiddenBias: tf.Tensor;
  scores1Kernel: tf.Tensor;
  outputKernel: tf.Tensor;
  outputBias: tf.Tensor;
}

/** The output for x [batch, inputDim] (or [K, batch, inputDim] with stacked weights). */
export function denseAttentionForward(w: DenseAttentionWeights, x: tf.Tensor) {
  const attention = tf.softmax(tf.matMul(x, w.scoresKernel));
  const attended = x.mul(attention);
  const hidden = tf.matMul(attended, w.hiddenKernel).add(w.hiddenBias);
  const attention1 = tf.softmax(tf.matMul(hidden, w.scores1Kernel));
  const attended1 = hidden.mul(attention1);
  const probabilities = tf.sigmoid(tf.matMul(attended1, w.outputKernel).add(w.outputBias));
  return { attention, attended, hidden, attention1, attended1, probabilities };
}

/** The output and the gradients of the mean binary cross-entropy over the batch (per network when stacked). */
export function denseAttentionGradients(w: DenseAttentionWeights, x: tf.Tensor, y: tf.Tensor): { probabilities: tf.Tensor; gradients: DenseAttentionWeights } {
  const { attention, attended, hidden, attention1, attended1, probabilities } = denseAttentionForward(w, x);
  const stacked = x.rank === 3;
  const sumOverBatch = (t: tf.Tensor) => t.sum(-2, stacked); // a stacked bias keeps its [K, 1, units] shape

  // A sigmoid into the cross-entropy: d(mean loss)/d(logit) = (p − y) / batch size.
  const dLogit = probabilities.sub(y).div(tf.scalar(x.shape[x.rank - 2]));
  const dAttended1 = tf.matMul(dLogit, w.outputKernel, false, true);
  const dScores1 = softmaxBackward(attention1, dAttended1.mul(hidden));
  const dHidden = dAttended1.mul(attention1).add(tf.matMul(dScores1, w.scores1Kernel, false, true));
  const dScores = softmaxBackward(attention, tf.matMul(dHidden, w.hiddenKernel, false, true).mul(x));
  return {
    probabilities,
    gradients: {
      scoresKernel: tf.matMul(x, dScores, true, false),
      hiddenKernel: tf.matMul(attended, dHidden, true, false),
      hiddenBias: sumOverBatch(dHidden),
      scores1Kernel: tf.matMul(hidden, dScores1, true, false),
      outputKernel: tf.matMul(attended1, dLogit, true, false),
      outputBias: sumOverBatch(dLogit),
    },
  };
}

/** The network's weights by role. */
export const denseAttentionWeightRoles: (keyof DenseAttentionWeights)[] = [
  'scoresKernel', 'hiddenKernel', 'hiddenBias', 'scores1Kernel', 'outputKernel', 'outputBias',
];

/** The variables of a model built by buildAttentionModel(), by role. */
export function denseAttentionVariables(model: tf.LayersModel): Record<keyof DenseAttentionWeights, tf.Variable> {
  const weight = (layer: string, index: number) => model.getLayer(layer).trainableWeights[index].read() as tf.Variable;
  return {
    scoresKernel: weight('attention_scores', 0),
    hiddenKernel: weight('hidden', 0),
    hiddenBias: weight('hidden', 1),
    scores1Kernel: weight('attention_scores1', 0),
    outputKernel: weight('output', 0),
    outputBias: weight('output', 1),
  };
}

/** Each trainable weight's role, in the order of model.trainableWeights. */
export function rolesInModelOrder(model: tf.LayersModel): (keyof DenseAttentionWeights)[] {
  const variables = denseAttentionVariables(model);
  return model.trainableWeights.map((weight) =>
    denseAttentionWeightRoles.find((role) => variables[role] === weight.read()) as keyof DenseAttentionWeights);
}

/** The route buildAttentionModel() attaches. */
export const denseAttentionRoute: GradientRoute = { name: 'dense attention, by hand', build: denseAttentionBackprop };

/** Gradients of the mean binary cross-entropy, or undefined if the model is not the dense attention network. */
export function denseAttentionBackprop(model: tf.LayersModel): GradientFunction | undefined {
  if (!isDenseAttentionNetwork(model)) return undefined;
  const variables = denseAttentionVariables(model);
  const order = rolesInModelOrder(model);
  return (x: tf.Tensor, y: tf.Tensor): BatchGradients => {
    const { probabilities, gradients } = denseAttentionGradients(variables, x, y);
    return { probabilities, gradients: order.map((role) => gradients[role]) };
  };
}
