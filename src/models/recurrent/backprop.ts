/**
 * The recurrent attention network (recurrent-model.ts) forward and backward by hand, its LSTM run
 * by TensorFlow's fused kernels (core/fused-lstm.ts) instead of a dozen tfjs ops per time step on
 * the tape, and the rest as TensorFlow ops run outside tfjs's engine (core/tensorflow-ops.ts): on
 * tensors this small, an op's engine bookkeeping costs as much as its arithmetic.
 * bench/node_lstm_profile.ts counts both routes' ops; docs/BENCHMARKS.md has the figures.
 * test/recurrent-backprop.test.ts checks every variant against tfjs's tape.
 *
 * The attention block over a sequence Z [batch, timeSteps, features]:
 *   S = softmax(Zᵀ·Wa + ba) [batch, features, timeSteps]; A = Sᵀ, or with a single attention
 *   vector the mean of S over features, repeated; M = Z ⊙ A.
 */
import { tf } from '../../core/tf';
import { blockLstm, blockLstmGrad, fusedLstmAvailable } from '../../core/fused-lstm';
import { softmaxBackwardWith } from '../../core/softmax-backward';
import { type RawTensor, type TensorFlowOps, withTensorFlowOps } from '../../core/tensorflow-ops';
import { type ExpectedLayer, type LayerConfig, matchesLayers, trainableVariablesOf } from '../../training/network-match';
import type { BatchGradients, GradientFunction } from '../../training/tape-gradients';

export interface RecurrentAttentionLayout {
  attentionBeforeLstm: boolean;
  singleAttentionVector: boolean;
}

const permutesFeaturesFirst = (c: LayerConfig) => JSON.stringify(c.dims) === '[2,1]';

/** The attention block over `sequence` (the inputs, or the LSTM's outputs): each layer, by name. */
function attentionLayers(sequence: string, singleAttentionVector: boolean): ExpectedLayer[] {
  const scores = singleAttentionVector ? 'repeat_over_features' : 'attention_over_time';
  return [
    { name: 'features_first', className: 'Permute', inputs: [sequence], weights: 0, fits: permutesFeaturesFirst },
    { name: 'attention_over_time', className: 'Dense', inputs: ['features_first'], weights: 2, fits: (c) => c.activation === 'softmax' && c.useBias === true },
    ...(singleAttentionVector ? [
      { name: 'dim_reduction', className: 'MeanOverFeatures', inputs: ['attention_over_time'], weights: 0, fits: () => true },
      { name: 'repeat_over_features', className: 'RepeatVector', inputs: ['dim_reduction'], weights: 0, fits: () => true },
    ] : []),
    { name: 'attention_vec', className: 'Permute', inputs: [scores], weights: 0, fits: permutesFeaturesFirst },
    { name: 'attention_mul', className: 'Multiply', inputs: [sequence, 'attention_vec'], weights: 0, fits: () => true },
  ];
}

/** The network buildRecurrentAttentionModel() makes with this layout: each layer, by name, with the settings the route relies on. */
function expectedLayers({ attentionBeforeLstm, singleAttentionVector }: RecurrentAttentionLayout): ExpectedLayer[] {
  const lstm = (input: string): ExpectedLayer => ({
    name: 'lstm', className: 'LSTM', inputs: [input], weights: 3,
    fits: (c) => c.activation === 'tanh' && c.recurrentActivation === 'sigmoid' && c.useBias === true
      && !c.dropout && !c.recurrentDropout && !c.goBackwards && !c.stateful && !c.returnState && c.returnSequences === !attentionBeforeLstm,
  });
  const output = (input: string): ExpectedLayer => ({
    name: 'output', className: 'Dense', inputs: [input], weights: 2, fits: (c) => c.activation === 'sigmoid' && c.useBias === true && c.units === 1,
  });
  const inputs: ExpectedLayer = { name: 'inputs', className: 'InputLayer', inputs: [], weights: 0, fits: () => true };
  return attentionBeforeLstm
    ? [inputs, ...attentionLayers('inputs', singleAttentionVector), lstm('attention_mul'), output('lstm')]
    : [inputs, lstm('inputs'), ...attentionLayers('lstm', singleAttentionVector),
        { name: 'flatten', className: 'Flatten', inputs: ['attention_mul'], weights: 0, fits: () => true }, output('flatten')];
}

/**
 * Gradients of the mean binary cross-entropy, or undefined when the model is not this network with
 * this layout, or the backend cannot run the fused LSTM (then train() uses the tape).
 */
export function recurrentAttentionBackprop(model: tf.LayersModel, layout: RecurrentAttentionLayout): GradientFunction | undefined {
  if (!fusedLstmAvailable() || !matchesLayers(model, expectedLayers(layout))) return undefined;
  const [kernel, recurrentKernel, lstmBias] = trainableVariablesOf(model, 'lstm');
  const [attentionKernel, attentionBias] = trainableVariablesOf(model, 'attention_over_time');
  const [outputKernel, outputBias] = trainableVariablesOf(model, 'output');
  const [inputDim, gates] = kernel.shape;
  const units = gates / 4;

  return (x: tf.Tensor, y: tf.Tensor): BatchGradients => withTensorFlowOps((ops) => {
    const [batch, timeSteps] = x.shape;
    const w = ops.concat([ops.of(kernel), ops.of(recurrentKernel)], 0);
    const b = ops.of(lstmBias);
    const [aKernel, aBias] = [ops.of(attentionKernel), ops.of(attentionBias)];
    const timeMajor = (t: RawTensor) => ops.transpose(t, [1, 0, 2]);
    const attend = (z: RawTensor) => attentionForward(ops, z, aKernel, aBias, layout.singleAttentionVector);

    let features: RawTensor;
    let lstmInput: RawTensor;
    let attention: AttentionForward;
    let states: RawTensor[];
    if (layout.attentionBeforeLstm) {
      attention = attend(ops.of(x));
      lstmInput = timeMajor(attention.attended);
      states = blockLstm(ops, lstmInput, w, b);
      features = ops.reshape(ops.slice(hiddenStates(states), [timeSteps - 1, 0, 0], [1, batch, units]), [batch, units]);
    } else {
      lstmInput = timeMajor(ops.of(x));
      states = blockLstm(ops, lstmInput, w, b);
      attention = attend(timeMajor(hiddenStates(states)));
      features = ops.reshape(attention.attended, [batch, timeSteps * units]);
    }
    const probabilities = ops.sigmoid(ops.add(ops.matMul2d(features, ops.of(outputKernel)), ops.of(outputBias)));

    // A sigmoid into the cross-entropy: d(mean loss)/d(logit) = (p − y) / batch size.
    const dLogit = ops.div(ops.sub(probabilities, ops.of(y)), ops.scalar(batch));
    const dFeatures = ops.matMul2d(dLogit, ops.of(outputKernel), false, true);
    let dLstm: ReturnType<typeof blockLstmGrad>;
    let dAttention: AttentionGradients;
    if (layout.attentionBeforeLstm) {
      // Only the last hidden state feeds the output.
      const dh = ops.pad(ops.reshape(dFeatures, [1, batch, units]), [[timeSteps - 1, 0], [0, 0], [0, 0]]);
      dLstm = blockLstmGrad(ops, lstmInput, w, b, states, dh);
      dAttention = attentionBackward(ops, attention, timeMajor(dLstm.dx), aKernel, false);
    } else {
      dAttention = attentionBackward(ops, attention, ops.reshape(dFeatures, attention.attended.shape as number[]), aKernel, true);
      dLstm = blockLstmGrad(ops, lstmInput, w, b, states, timeMajor(dAttention.dz as RawTensor));
    }
    const gradients = new Map<tf.Variable, RawTensor>([
      [kernel, ops.slice(dLstm.dw, [0, 0], [inputDim, gates])], [recurrentKernel, ops.slice(dLstm.dw, [inputDim, 0], [units, gates])],
      [lstmBias, dLstm.db], [attentionKernel, dAttention.dKernel], [attentionBias, dAttention.dBias],
      [outputKernel, ops.matMul2d(features, dLogit, true, false)], [outputBias, ops.sum(dLogit, [0])],
    ]);
    return {
      probabilities: ops.toTensor(probabilities),
      gradients: model.trainableWeights.map((weight) => ops.toTensor(gradients.get(weight.read() as tf.Variable) as RawTensor)),
    };
  });
}

/** BlockLSTMV2's last output: the hidden state at every time step, [timeSteps, batch, units]. */
const hiddenStates = (states: RawTensor[]): RawTensor => states[6];

interface AttentionForward {
  z: RawTensor;
  /** Zᵀ flattened to [batch·features, timeSteps]: the attention Dense's input. */
  zRows: RawTensor;
  /** softmax over time, [batch, features, timeSteps]. */
  scores: RawTensor;
  /** What multiplies Z: [batch, timeSteps, features], or [batch, timeSteps, 1] for a single vector. */
  weights: RawTensor;
  attended: RawTensor;
  single: boolean;
}

function attentionForward(ops: TensorFlowOps, z: RawTensor, kernel: RawTensor, bias: RawTensor, single: boolean): AttentionForward {
  const [batch, timeSteps, features] = z.shape;
  const zRows = ops.reshape(ops.transpose(z, [0, 2, 1]), [batch * features, timeSteps]);
  const scores = ops.reshape(ops.softmax(ops.add(ops.matMul2d(zRows, kernel), bias)), [batch, features, timeSteps]);
  const weights = single ? ops.reshape(ops.mean(scores, [1]), [batch, timeSteps, 1]) : ops.transpose(scores, [0, 2, 1]);
  return { z, zRows, scores, weights, attended: ops.mul(z, weights), single };
}

interface AttentionGradients {
  dKernel: RawTensor;
  dBias: RawTensor;
  /** Of the attended sequence Z, when asked for. */
  dz?: RawTensor;
}

function attentionBackward(ops: TensorFlowOps, forward: AttentionForward, dAttended: RawTensor, kernel: RawTensor, withInput: boolean): AttentionGradients {
  const [batch, timeSteps, features] = forward.z.shape;
  const dWeights = ops.mul(dAttended, forward.z);
  // A single vector is the mean over features: each feature's scores get 1/features of its gradient.
  const dScores = forward.single
    ? ops.reshape(ops.div(ops.sum(dWeights, [2]), ops.scalar(features)), [batch, 1, timeSteps])
    : ops.transpose(dWeights, [0, 2, 1]);
  const softmax = { mul: ops.mul.bind(ops), sub: ops.sub.bind(ops), sumLast: (t: RawTensor) => ops.sum(t, [-1], true) };
  const dLogits = ops.reshape(softmaxBackwardWith(softmax, forward.scores, dScores), [batch * features, timeSteps]);
  const gradients: AttentionGradients = {
    dKernel: ops.matMul2d(forward.zRows, dLogits, true, false),
    dBias: ops.sum(dLogits, [0]),
  };
  if (withInput) {
    const throughScores = ops.transpose(ops.reshape(ops.matMul2d(dLogits, kernel, false, true), [batch, features, timeSteps]), [0, 2, 1]);
    gradients.dz = ops.add(ops.mul(dAttended, forward.weights), throughScores);
  }
  return gradients;
}
