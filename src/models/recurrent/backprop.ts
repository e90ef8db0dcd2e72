/**
 * The recurrent attention network (recurrent-model.ts) forward and backward by hand, its LSTM run
 * by TensorFlow's fused kernels (core/fused-lstm.ts) instead of a dozen tfjs ops per time step on
 * the tape. bench/node_lstm_profile.ts counts both routes' ops; docs/BENCHMARKS.md has the figures.
 * test/recurrent-backprop.test.ts checks every variant against tfjs's tape.
 *
 * The attention block over a sequence Z [batch, timeSteps, features]:
 *   S = softmax(Zᵀ·Wa + ba) [batch, features, timeSteps]; A = Sᵀ, or with a single attention
 *   vector the mean of S over features, repeated; M = Z ⊙ A.
 */
import { tf } from '../../core/tf';
import { fusedLstmAvailable, fusedLstmBackward, fusedLstmForward } from '../../core/fused-lstm';
import { softmaxBackward } from '../../core/softmax-backward';
import type { BatchGradients, GradientFunction } from '../../training/tape-gradients';

export interface RecurrentAttentionLayout {
  attentionBeforeLstm: boolean;
  singleAttentionVector: boolean;
}

function expectedLayers({ attentionBeforeLstm, singleAttentionVector }: RecurrentAttentionLayout): string[] {
  const attention = [
    'features_first', 'attention_over_time',
    ...(singleAttentionVector ? ['dim_reduction', 'repeat_over_features'] : []),
    'attention_vec', 'attention_mul',
  ];
  return attentionBeforeLstm
    ? ['inputs', ...attention, 'lstm', 'output']
    : ['inputs', 'lstm', ...attention, 'flatten', 'output'];
}

type Config = Record<string, unknown>;

/** The network buildRecurrentAttentionModel() makes with this layout, every setting the route relies on. */
function isRecurrentAttentionModel(model: tf.LayersModel, layout: RecurrentAttentionLayout): boolean {
  if (model.layers.map((layer) => layer.name).join() !== expectedLayers(layout).join()) return false;
  const config = (name: string) => model.getLayer(name).getConfig() as Config;
  const lstm = config('lstm');
  const attention = config('attention_over_time');
  const output = config('output');
  return model.trainableWeights.length === 7 // nothing frozen, every bias in place
    && lstm.activation === 'tanh' && lstm.recurrentActivation === 'sigmoid' && lstm.useBias === true
    && !lstm.dropout && !lstm.recurrentDropout && !lstm.goBackwards && !lstm.stateful
    && lstm.returnSequences === !layout.attentionBeforeLstm
    && attention.activation === 'softmax' && attention.useBias === true
    && output.activation === 'sigmoid' && output.useBias === true && output.units === 1;
}

/**
 * Gradients of the mean binary cross-entropy, or undefined when the model is not this network with
 * this layout, or the backend cannot run the fused LSTM (then train() uses the tape).
 */
export function recurrentAttentionBackprop(model: tf.LayersModel, layout: RecurrentAttentionLayout): GradientFunction | undefined {
  if (!fusedLstmAvailable() || !isRecurrentAttentionModel(model, layout)) return undefined;
  const weights = (layer: string) => model.getLayer(layer).trainableWeights.map((w) => w.read() as tf.Variable);
  const [kernel, recurrentKernel, lstmBias] = weights('lstm');
  const [attentionKernel, attentionBias] = weights('attention_over_time');
  const [outputKernel, outputBias] = weights('output');
  const inputDim = kernel.shape[0];
  const attend = (z: tf.Tensor3D) => attentionForward(z, attentionKernel, attentionBias, layout.singleAttentionVector);

  return (x: tf.Tensor, y: tf.Tensor): BatchGradients => {
    const [batch, timeSteps] = x.shape;
    const w = tf.concat([kernel, recurrentKernel]) as tf.Tensor2D;
    const b = lstmBias as tf.Tensor1D;
    const timeMajor = (t: tf.Tensor) => t.transpose([1, 0, 2]) as tf.Tensor3D;

    let features: tf.Tensor2D;
    let lstmInput: tf.Tensor3D;
    let attention: AttentionForward;
    let lstm: ReturnType<typeof fusedLstmForward>;
    if (layout.attentionBeforeLstm) {
      attention = attend(x as tf.Tensor3D);
      lstmInput = timeMajor(attention.attended);
      lstm = fusedLstmForward(lstmInput, w, b);
      features = lstm.h.slice(timeSteps - 1, 1).reshape([batch, -1]);
    } else {
      lstmInput = timeMajor(x);
      lstm = fusedLstmForward(lstmInput, w, b);
      attention = attend(timeMajor(lstm.h));
      features = attention.attended.reshape([batch, -1]);
    }
    const probabilities = tf.sigmoid(tf.matMul(features, outputKernel).add(outputBias));

    // A sigmoid into the cross-entropy: d(mean loss)/d(logit) = (p − y) / batch size.
    const dLogit = probabilities.sub(y).div(tf.scalar(batch));
    const dFeatures = tf.matMul(dLogit, outputKernel, false, true);
    let dh: tf.Tensor3D;
    let dAttention: AttentionGradients;
    if (layout.attentionBeforeLstm) {
      // Only the last hidden state feeds the output.
      dh = dFeatures.expandDims(0).pad([[timeSteps - 1, 0], [0, 0], [0, 0]]) as tf.Tensor3D;
      const dLstm = fusedLstmBackward(lstmInput, w, b, lstm, dh);
      dAttention = attentionBackward(attention, timeMajor(dLstm.dx), attentionKernel, false);
      return gradientsInModelOrder(dLstm.dw, dLstm.db, dAttention);
    }
    dAttention = attentionBackward(attention, dFeatures.reshape(attention.attended.shape), attentionKernel, true);
    dh = timeMajor(dAttention.dz as tf.Tensor3D);
    const dLstm = fusedLstmBackward(lstmInput, w, b, lstm, dh);
    return gradientsInModelOrder(dLstm.dw, dLstm.db, dAttention);

    function gradientsInModelOrder(dw: tf.Tensor2D, db: tf.Tensor1D, da: AttentionGradients): BatchGradients {
      const [dKernel, dRecurrentKernel] = tf.split(dw, [inputDim, dw.shape[0] - inputDim]);
      const gradients = new Map<tf.Variable, tf.Tensor>([
        [kernel, dKernel], [recurrentKernel, dRecurrentKernel], [lstmBias, db],
        [attentionKernel, da.dKernel], [attentionBias, da.dBias],
        [outputKernel, tf.matMul(features, dLogit, true, false)], [outputBias, dLogit.sum(0)],
      ]);
      return {
        probabilities,
        gradients: model.trainableWeights.map((weight) => gradients.get(weight.read() as tf.Variable) as tf.Tensor),
      };
    }
  };
}

interface AttentionForward {
  z: tf.Tensor3D;
  /** Zᵀ flattened to [batch·features, timeSteps]: the attention Dense's input. */
  zRows: tf.Tensor2D;
  /** softmax over time, [batch, features, timeSteps]. */
  scores: tf.Tensor3D;
  /** What multiplies Z: [batch, timeSteps, features], or [batch, timeSteps, 1] for a single vector. */
  weights: tf.Tensor3D;
  attended: tf.Tensor3D;
  single: boolean;
}

function attentionForward(z: tf.Tensor3D, kernel: tf.Tensor, bias: tf.Tensor, single: boolean): AttentionForward {
  const [batch, timeSteps, features] = z.shape;
  const zRows = z.transpose([0, 2, 1]).reshape([batch * features, timeSteps]) as tf.Tensor2D;
  const scores = tf.softmax(tf.matMul(zRows, kernel).add(bias)).reshape([batch, features, timeSteps]) as tf.Tensor3D;
  const weights = (single ? scores.mean(1).expandDims(2) : scores.transpose([0, 2, 1])) as tf.Tensor3D;
  return { z, zRows, scores, weights, attended: z.mul(weights), single };
}

interface AttentionGradients {
  dKernel: tf.Tensor;
  dBias: tf.Tensor;
  /** Of the attended sequence Z, when asked for. */
  dz?: tf.Tensor;
}

function attentionBackward(forward: AttentionForward, dAttended: tf.Tensor, kernel: tf.Tensor, withInput: boolean): AttentionGradients {
  const [batch, timeSteps, features] = forward.z.shape;
  const dWeights = dAttended.mul(forward.z);
  // A single vector is the mean over features: each feature's scores get 1/features of its gradient.
  const dScores = forward.single
    ? dWeights.sum(2).div(tf.scalar(features)).expandDims(1)
    : dWeights.transpose([0, 2, 1]);
  const dLogits = softmaxBackward(forward.scores, dScores).reshape([batch * features, timeSteps]);
  const gradients: AttentionGradients = {
    dKernel: tf.matMul(forward.zRows, dLogits, true, false),
    dBias: dLogits.sum(0),
  };
  if (withInput) {
    const throughScores = tf.matMul(dLogits, kernel, false, true).reshape([batch, features, timeSteps]).transpose([0, 2, 1]);
    gradients.dz = dAttended.mul(forward.weights).add(throughScores);
  }
  return gradients;
}
