/**
 * The sequence attention network (buildSequenceAttentionModel in experiment/sequence-models.ts)
 * forward and backward by hand: the encoder (the per-step Dense(tanh), or the LSTM on TensorFlow's
 * fused kernels, core/fused-lstm.ts), the attention layer of experiment/attention-layer.ts and the
 * sigmoid output, as TensorFlow ops run outside tfjs's engine (core/tensorflow-ops.ts): the cost of
 * a step on these tiny tensors is the number of ops and the work around each, not their arithmetic.
 * Every tensor stays [batch, 1 or steps, features], so that batched matrix products replace most
 * reshapes (bench/node_sequence_profile.ts counts the ops; docs/BENCHMARKS.md has the figures).
 * test/sequence-backprop.test.ts checks it against tfjs's tape.
 *
 * With H the hidden states [batch, steps, features] and q = h_T [batch, 1, features]:
 *   Luong:    s = (q·Wᵀ)·Hᵀ;  Bahdanau: s = vᵀ·tanh(H·W_keys + q·W_query)ᵀ   ([batch, 1, steps])
 *   a = softmax(s), c = a·H, o = tanh([c ; q]·K), p = σ(o·w + b).
 */
import { tf } from '../../core/tf';
import { blockLstm, blockLstmGrad } from '../../core/fused-lstm';
import { type RawTensor, type TensorFlowOps, tensorFlowOpsAvailable, withTensorFlowOps } from '../../core/tensorflow-ops';
import { softmaxBackwardWith } from '../../core/softmax-backward';
import { type ExpectedLayer, type LayerConfig, matchesLayers, trainableVariablesOf } from '../../training/network-match';
import type { BatchGradients, GradientFunction } from '../../training/tape-gradients';

export type SequenceRouteEncoder = 'per-step' | 'lstm';
export type SequenceRouteScore = 'luong' | 'bahdanau';


/** Each layer of the network, by name: its class, what feeds it, and the settings the route relies on. */
function expectedLayers(encoder: SequenceRouteEncoder, score: SequenceRouteScore): ExpectedLayer[] {
  const encoderLayer = encoder === 'per-step'
    ? { name: 'per_step', className: 'Dense', inputs: ['inputs'], weights: 2, fits: (c: LayerConfig) => c.activation === 'tanh' && c.useBias === true }
    : {
        name: 'lstm', className: 'LSTM', inputs: ['inputs'], weights: 3,
        fits: (c: LayerConfig) => c.activation === 'tanh' && c.recurrentActivation === 'sigmoid' && c.useBias === true && c.returnSequences === true
          && !c.returnState && !c.dropout && !c.recurrentDropout && !c.goBackwards && !c.stateful,
      };
  return [
    { name: 'inputs', className: 'InputLayer', inputs: [], weights: 0, fits: () => true },
    encoderLayer,
    { name: 'attention_weight', className: 'AttentionLabAttentionWeights', inputs: [encoderLayer.name], weights: score === 'luong' ? 1 : 3, fits: (c: LayerConfig) => c.score === score },
    { name: 'attention', className: 'AttentionLabAttention', inputs: [encoderLayer.name, 'attention_weight'], weights: 1, fits: () => true },
    { name: 'output', className: 'Dense', inputs: ['attention'], weights: 2, fits: (c: LayerConfig) => c.activation === 'sigmoid' && c.useBias === true && c.units === 1 },
  ];
}

/** Whether the model is the network this route was written for, every weight trainable. */
function isSequenceAttentionNetwork(model: tf.LayersModel, encoder: SequenceRouteEncoder, score: SequenceRouteScore): boolean {
  return matchesLayers(model, expectedLayers(encoder, score));
}

/** The encoder's hidden states and, given their gradient, the gradients of its weights (in layer order). */
interface Encoding {
  h: RawTensor;
  backward(dh: RawTensor): RawTensor[];
}
type Encoder = (ops: TensorFlowOps, x: RawTensor) => Encoding;

function perStepEncoder([kernel, bias]: tf.Variable[]): Encoder {
  return (ops, x) => {
    const h = ops.tanh(ops.add(ops.matMul(x, ops.of(kernel)), ops.of(bias)));
    return {
      h,
      backward: (dh) => {
        const dz = ops.tanhGrad(h, dh);
        return [ops.sum(ops.matMul(x, dz, true, false), [0]), ops.sum(dz, [0, 1])];
      },
    };
  };
}

function lstmEncoder([kernel, recurrentKernel, bias]: tf.Variable[]): Encoder {
  const [inputDim, gates] = kernel.shape;
  const units = gates / 4;
  return (ops, x) => {
    const [w, b] = [ops.concat([ops.of(kernel), ops.of(recurrentKernel)], 0), ops.of(bias)];
    const timeMajor = ops.transpose(x, [1, 0, 2]);
    const states = blockLstm(ops, timeMajor, w, b);
    return {
      h: ops.transpose(states[6], [1, 0, 2]),
      backward: (dh) => {
        const { dw, db } = blockLstmGrad(ops, timeMajor, w, b, states, ops.transpose(dh, [1, 0, 2]));
        return [ops.slice(dw, [0, 0], [inputDim, gates]), ops.slice(dw, [inputDim, 0], [units, gates]), db];
      },
    };
  };
}

/** The scores of every step against the query, and the backward pass through them. */
interface Scoring {
  s: RawTensor;
  /** From ds [batch, 1, steps]: the scoring weights' gradients and what flows into H and q. */
  backward(ds: RawTensor): { dWeights: RawTensor[]; dh: RawTensor; dq: RawTensor };
}
type Scorer = (ops: TensorFlowOps, h: RawTensor, q: RawTensor) => Scoring;

function luongScorer([wVariable]: tf.Variable[]): Scorer {
  return (ops, h, q) => {
    const w = ops.of(wVariable);
    const projected = ops.matMul(q, w, false, true); // (W·h_T)ᵀ
    return {
      s: ops.matMul(projected, h, false, true),
      backward: (ds) => {
        const dProjected = ops.matMul(ds, h);
        return {
          dWeights: [ops.sum(ops.matMul(dProjected, q, true, false), [0])],
          dh: ops.matMul(ds, projected, true, false),
          dq: ops.matMul(dProjected, w),
        };
      },
    };
  };
}

function bahdanauScorer(variables: tf.Variable[]): Scorer {
  return (ops, h, q) => {
    const [wQuery, wKeys, v] = variables.map((variable) => ops.of(variable));
    const hidden = ops.tanh(ops.add(ops.matMul(h, wKeys), ops.matMul(q, wQuery)));
    return {
      s: ops.matMul(v, hidden, true, true),
      backward: (ds) => {
        const dPre = ops.tanhGrad(hidden, ops.matMul(ds, v, true, true));
        const dQuery = ops.sum(dPre, [1], true);
        return {
          dWeights: [
            ops.sum(ops.matMul(q, dQuery, true, false), [0]), ops.sum(ops.matMul(h, dPre, true, false), [0]),
            ops.sum(ops.matMul(hidden, ds, true, true), [0]),
          ],
          dh: ops.matMul(dPre, wKeys, false, true),
          dq: ops.matMul(dQuery, wQuery, false, true),
        };
      },
    };
  };
}

/**
 * Gradients of the mean binary cross-entropy for the network buildSequenceAttentionModel() makes
 * with this encoder and score, or undefined when the model is not that network (a layer changed,
 * rewired or frozen) or the backend cannot run TensorFlow's ops.
 */
export function sequenceAttentionBackprop(model: tf.LayersModel, encoder: SequenceRouteEncoder, score: SequenceRouteScore): GradientFunction | undefined {
  if (!tensorFlowOpsAvailable() || !isSequenceAttentionNetwork(model, encoder, score)) return undefined;
  const encoderVariables = trainableVariablesOf(model, encoder === 'per-step' ? 'per_step' : 'lstm');
  const scoringVariables = trainableVariablesOf(model, 'attention_weight');
  const [kernelVariable] = trainableVariablesOf(model, 'attention');
  const [outputKernelVariable, outputBiasVariable] = trainableVariablesOf(model, 'output');
  const encode = (encoder === 'per-step' ? perStepEncoder : lstmEncoder)(encoderVariables);
  const scores = (score === 'luong' ? luongScorer : bahdanauScorer)(scoringVariables);
  const variables = [...encoderVariables, ...scoringVariables, kernelVariable, outputKernelVariable, outputBiasVariable];
  const order = model.trainableWeights.map((weight) => variables.indexOf(weight.read() as tf.Variable));

  return (x: tf.Tensor, y: tf.Tensor): BatchGradients => withTensorFlowOps((ops) => {
    const [batch, steps, features] = [x.shape[0], x.shape[1] as number, kernelVariable.shape[0] / 2];
    const [kernel, outputKernel] = [ops.of(kernelVariable), ops.of(outputKernelVariable)];
    const softmax = { mul: ops.mul.bind(ops), sub: ops.sub.bind(ops), sumLast: (t: RawTensor) => ops.sum(t, [-1], true) };
    const { h, backward: encoderBackward } = encode(ops, ops.of(x));
    const q = ops.slice(h, [0, steps - 1, 0], [batch, 1, features]);
    const scoring = scores(ops, h, q);
    const a = ops.softmax(scoring.s);
    const combined = ops.reshape(ops.concat([ops.matMul(a, h), q], 2), [batch, 2 * features]);
    const o = ops.tanh(ops.matMul(combined, kernel));
    const probabilities = ops.sigmoid(ops.add(ops.matMul(o, outputKernel), ops.of(outputBiasVariable)));

    // A sigmoid into the cross-entropy: d(mean loss)/d(logit) = (p − y) / batch size.
    const dLogit = ops.mul(ops.sub(probabilities, ops.of(y)), ops.tensor(Float32Array.of(1 / batch), []));
    const dPre = ops.tanhGrad(o, ops.matMul(dLogit, outputKernel, false, true));
    const [dContext, dQuery] = ops.split(ops.reshape(ops.matMul(dPre, kernel, false, true), [batch, 1, 2 * features]), 2, 2);
    const ds = softmaxBackwardWith(softmax, a, ops.matMul(dContext, h, false, true));
    const throughScores = scoring.backward(ds);
    // q is the last step of H: its gradient joins H's there.
    const dq = ops.pad(ops.add(dQuery, throughScores.dq), [[0, 0], [steps - 1, 0], [0, 0]]);
    const dh = ops.add(ops.add(ops.matMul(a, dContext, true, false), throughScores.dh), dq);
    const gradients = [
      ...encoderBackward(dh), ...throughScores.dWeights,
      ops.matMul(combined, dPre, true, false), ops.matMul(o, dLogit, true, false), ops.sum(dLogit, [0]),
    ];
    return { probabilities: ops.toTensor(probabilities), gradients: order.map((i) => ops.toTensor(gradients[i])) };
  });
}
