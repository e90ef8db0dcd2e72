/**
 * The sequence attention network (buildSequenceAttentionModel in experiment/sequence-models.ts)
 * forward and backward by hand: the encoder (the per-step Dense(tanh), or the LSTM on TensorFlow's
 * fused kernels, core/fused-lstm.ts), the attention layer of experiment/attention-layer.ts and the
 * sigmoid output. Every tensor stays [batch, 1 or steps, features], so that batched matrix products
 * replace the reshapes and reductions the layers' ops would take (each op is a round trip to
 * TensorFlow: bench/node_sequence_profile.ts counts them, docs/BENCHMARKS.md has the figures).
 * test/sequence-backprop.test.ts checks it against tfjs's tape.
 *
 * With H the hidden states [batch, steps, features] and q = h_T [batch, 1, features]:
 *   Luong:    s = (q·Wᵀ)·Hᵀ;  Bahdanau: s = vᵀ·tanh(H·W_keys + q·W_query)ᵀ   ([batch, 1, steps])
 *   a = softmax(s), c = a·H, o = tanh([c ; q]·K), p = σ(o·w + b).
 */
import { tf } from '../../core/tf';
import { fusedLstmAvailable, fusedLstmBackward, fusedLstmForward } from '../../core/fused-lstm';
import { softmaxBackward } from '../../experiment/softmax-backward';
import type { BatchGradients, GradientFunction } from '../../training/tape-gradients';

export type SequenceRouteEncoder = 'per-step' | 'lstm';
export type SequenceRouteScore = 'luong' | 'bahdanau';

type Config = Record<string, unknown>;

/** Each layer of the network, by name: its class, what feeds it, and the settings the route relies on. */
function expectedLayers(encoder: SequenceRouteEncoder, score: SequenceRouteScore) {
  const encoderLayer = encoder === 'per-step'
    ? { name: 'per_step', className: 'Dense', inputs: ['inputs'], weights: 2, fits: (c: Config) => c.activation === 'tanh' && c.useBias === true }
    : {
        name: 'lstm', className: 'LSTM', inputs: ['inputs'], weights: 3,
        fits: (c: Config) => c.activation === 'tanh' && c.recurrentActivation === 'sigmoid' && c.useBias === true && c.returnSequences === true
          && !c.returnState && !c.dropout && !c.recurrentDropout && !c.goBackwards && !c.stateful,
      };
  return [
    { name: 'inputs', className: 'InputLayer', inputs: [], weights: 0, fits: () => true },
    encoderLayer,
    { name: 'attention_weight', className: 'AttentionLabAttentionWeights', inputs: [encoderLayer.name], weights: score === 'luong' ? 1 : 3, fits: (c: Config) => c.score === score },
    { name: 'attention', className: 'AttentionLabAttention', inputs: [encoderLayer.name, 'attention_weight'], weights: 1, fits: () => true },
    { name: 'output', className: 'Dense', inputs: ['attention'], weights: 2, fits: (c: Config) => c.activation === 'sigmoid' && c.useBias === true && c.units === 1 },
  ];
}

/** Whether the model is the network this route was written for, every weight trainable. */
function isSequenceAttentionNetwork(model: tf.LayersModel, encoder: SequenceRouteEncoder, score: SequenceRouteScore): boolean {
  const expected = expectedLayers(encoder, score);
  if (model.layers.length !== expected.length) return false;
  return expected.every((layer, i) => {
    const actual = model.layers[i];
    const inbound = actual.inboundNodes.flatMap((node) => node.inboundLayers.map((l) => l.name));
    return actual.name === layer.name && actual.getClassName() === layer.className && inbound.join() === layer.inputs.join()
      && actual.trainableWeights.length === layer.weights && actual.weights.length === layer.weights
      && layer.fits(actual.getConfig() as Config);
  });
}

const variablesOf = (model: tf.LayersModel, layer: string) => model.getLayer(layer).trainableWeights.map((w) => w.read() as tf.Variable);

/** The encoder's hidden states and, given their gradient, the gradients of its weights (in layer order). */
interface Encoding {
  h: tf.Tensor3D;
  backward(dh: tf.Tensor3D): tf.Tensor[];
}
type Encoder = (x: tf.Tensor3D) => Encoding;

function perStepEncoder([kernel, bias]: tf.Variable[]): Encoder {
  return (x) => {
    const h = tf.tanh(tf.matMul(x, kernel).add(bias)) as tf.Tensor3D;
    return {
      h,
      backward: (dh) => {
        const dz = tanhBackward(h, dh);
        return [tf.matMul(x, dz, true, false).sum(0), dz.sum([0, 1])];
      },
    };
  };
}

function lstmEncoder([kernel, recurrentKernel, bias]: tf.Variable[]): Encoder {
  const inputDim = kernel.shape[0];
  return (x) => {
    const w = tf.concat([kernel, recurrentKernel]) as tf.Tensor2D;
    const timeMajor = x.transpose([1, 0, 2]) as tf.Tensor3D;
    const forward = fusedLstmForward(timeMajor, w, bias as tf.Tensor1D);
    return {
      h: forward.h.transpose([1, 0, 2]) as tf.Tensor3D,
      backward: (dh) => {
        const { dw, db } = fusedLstmBackward(timeMajor, w, bias as tf.Tensor1D, forward, dh.transpose([1, 0, 2]) as tf.Tensor3D);
        return [...tf.split(dw, [inputDim, dw.shape[0] - inputDim]), db];
      },
    };
  };
}

/** Through y = tanh(z): dz = dy ⊙ (1 − y²). */
function tanhBackward(y: tf.Tensor, dy: tf.Tensor): tf.Tensor {
  return dy.sub(dy.mul(y.square()));
}

/** The scores of every step against the query, and the backward pass through them. */
interface Scoring {
  s: tf.Tensor3D;
  /** From ds [batch, 1, steps]: the scoring weights' gradients and what flows into H and q. */
  backward(ds: tf.Tensor3D): { dWeights: tf.Tensor[]; dh: tf.Tensor; dq: tf.Tensor };
}
type Scorer = (h: tf.Tensor3D, q: tf.Tensor3D) => Scoring;

function luongScorer([w]: tf.Variable[]): Scorer {
  return (h, q) => {
    const projected = tf.matMul(q, w, false, true); // (W·h_T)ᵀ
    return {
      s: tf.matMul(projected, h, false, true) as tf.Tensor3D,
      backward: (ds) => {
        const dProjected = tf.matMul(ds, h);
        return {
          dWeights: [tf.matMul(dProjected, q, true, false).sum(0)],
          dh: tf.matMul(ds, projected, true, false),
          dq: tf.matMul(dProjected, w),
        };
      },
    };
  };
}

function bahdanauScorer([wQuery, wKeys, v]: tf.Variable[]): Scorer {
  return (h, q) => {
    const hidden = tf.tanh(tf.matMul(h, wKeys).add(tf.matMul(q, wQuery)));
    return {
      s: tf.matMul(v, hidden, true, true) as tf.Tensor3D,
      backward: (ds) => {
        const dPre = tanhBackward(hidden, tf.matMul(ds, v, true, true));
        const dQuery = dPre.sum(1, true);
        return {
          dWeights: [tf.matMul(q, dQuery, true, false).sum(0), tf.matMul(h, dPre, true, false).sum(0), tf.matMul(hidden, ds, true, true).sum(0)],
          dh: tf.matMul(dPre, wKeys, false, true),
          dq: tf.matMul(dQuery, wQuery, false, true),
        };
      },
    };
  };
}

/**
 * Gradients of the mean binary cross-entropy for the network buildSequenceAttentionModel() makes
 * with this encoder and score, or undefined when the model is not that network (a layer changed,
 * rewired or frozen) or, for the LSTM, the backend cannot run the fused kernels.
 */
export function sequenceAttentionBackprop(model: tf.LayersModel, encoder: SequenceRouteEncoder, score: SequenceRouteScore): GradientFunction | undefined {
  if (!isSequenceAttentionNetwork(model, encoder, score)) return undefined;
  if (encoder === 'lstm' && !fusedLstmAvailable()) return undefined;
  const encoderVariables = variablesOf(model, encoder === 'per-step' ? 'per_step' : 'lstm');
  const scoringVariables = variablesOf(model, 'attention_weight');
  const [kernel] = variablesOf(model, 'attention');
  const [outputKernel, outputBias] = variablesOf(model, 'output');
  const encode = (encoder === 'per-step' ? perStepEncoder : lstmEncoder)(encoderVariables);
  const scores = (score === 'luong' ? luongScorer : bahdanauScorer)(scoringVariables);
  const byVariable = (gradients: tf.Tensor[]) => {
    const variables = [...encoderVariables, ...scoringVariables, kernel, outputKernel, outputBias];
    return model.trainableWeights.map((weight) => gradients[variables.indexOf(weight.read() as tf.Variable)]);
  };

  return (x: tf.Tensor, y: tf.Tensor): BatchGradients => {
    const [batch, steps, features] = [x.shape[0], x.shape[1] as number, kernel.shape[0] / 2];
    const { h, backward: encoderBackward } = encode(x as tf.Tensor3D);
    const q = h.slice([0, steps - 1, 0], [batch, 1, features]);
    const scoring = scores(h, q);
    const a = tf.softmax(scoring.s);
    const combined = tf.concat([tf.matMul(a, h), q], 2).reshape([batch, 2 * features]) as tf.Tensor2D;
    const o = tf.tanh(tf.matMul(combined, kernel));
    const probabilities = tf.sigmoid(tf.matMul(o, outputKernel).add(outputBias));

    // A sigmoid into the cross-entropy: d(mean loss)/d(logit) = (p − y) / batch size.
    const dLogit = probabilities.sub(y).div(tf.scalar(batch));
    const dPre = tanhBackward(o, tf.matMul(dLogit, outputKernel, false, true));
    const [dContext, dQuery] = tf.split(tf.matMul(dPre, kernel, false, true).reshape([batch, 1, 2 * features]), 2, 2);
    const ds = softmaxBackward(a, tf.matMul(dContext, h, false, true)) as tf.Tensor3D;
    const throughScores = scoring.backward(ds);
    // q is the last step of H: its gradient joins H's there.
    const dq = dQuery.add(throughScores.dq).pad([[0, 0], [steps - 1, 0], [0, 0]]);
    const dh = tf.matMul(a, dContext, true, false).add(throughScores.dh).add(dq) as tf.Tensor3D;
    return {
      probabilities,
      gradients: byVariable([
        ...encoderBackward(dh), ...throughScores.dWeights,
        tf.matMul(combined, dPre, true, false), tf.matMul(o, dLogit, true, false), dLogit.sum(0),
      ]),
    };
  };
}
