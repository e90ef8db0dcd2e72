/**
 * TensorFlow's fused LSTM kernels (BlockLSTMV2 and its gradient), which tfjs does not wrap: the
 * tfjs-node backend runs any op of the linked TensorFlow library by name (tensorflow-ops.ts). One
 * call runs a whole sequence forward (or backward) in C++, where tfjs's LSTM layer issues a dozen
 * ops per time step.
 *
 * The cell is Keras's LSTM with a sigmoid recurrent activation and tanh, no peepholes, no clipping:
 *   i, f, c̃, o = σ(z_i), σ(z_f), tanh(z_c), σ(z_o),  z = [x, h_prev]·w + b  (gate order i, f, c, o)
 *   c = f ⊙ c_prev + i ⊙ c̃,   h = o ⊙ tanh(c)
 * so w is Keras's kernel stacked on its recurrent kernel, and b is Keras's bias.
 */
import { type RawTensor, type TensorFlowOps, tensorFlowOpsAvailable, withTensorFlowOps } from './tensorflow-ops';
import { tf } from './tf';

/** The forward pass's outputs, each [timeSteps, batch, units]; the backward pass needs them all. */
export interface FusedLstmForward {
  /** The gates and states in BlockLSTMV2's output order. */
  readonly states: tf.Tensor3D[];
  /** The hidden state at every time step. */
  readonly h: tf.Tensor3D;
}

export interface FusedLstmGradients {
  /** [timeSteps, batch, inputDim] */
  dx: tf.Tensor3D;
  /** [inputDim + units, 4·units] */
  dw: tf.Tensor2D;
  /** [4·units] */
  db: tf.Tensor1D;
}

/** Whether the fused kernels can run: only the tfjs-node backend reaches TensorFlow's op library. */
export const fusedLstmAvailable = tensorFlowOpsAvailable;

/** seq_len_max, zero initial states and (unused) peephole weights, as both ops take them after x. */
function sequenceInputs(ops: TensorFlowOps, x: RawTensor, b: RawTensor) {
  const [timeSteps, batch] = x.shape;
  const units = b.shape[0] / 4;
  const state = ops.tensor(new Float32Array(batch * units), [batch, units]);
  const peephole = ops.tensor(new Float32Array(units), [units]);
  return { sequenceLength: ops.int64Scalar(timeSteps), state, peephole };
}

const peepholeOff = (ops: TensorFlowOps) => ops.boolAttr('use_peephole', false);

/** BlockLSTMV2 on raw handles, zero initial state: x [timeSteps, batch, inputDim], w [inputDim + units, 4·units], b [4·units]; its 7 outputs. */
export function blockLstm(ops: TensorFlowOps, x: RawTensor, w: RawTensor, b: RawTensor): RawTensor[] {
  const { sequenceLength, state, peephole } = sequenceInputs(ops, x, b);
  // ≤ 0 turns clipping off (only the forward op has the attribute).
  return ops.run('BlockLSTMV2', [sequenceLength, x, state, state, w, peephole, peephole, peephole, b],
    [peepholeOff(ops), ops.floatAttr('cell_clip', -1)], 7);
}

/** BlockLSTMGradV2 on raw handles, given the gradient `dh` of every hidden state (blockLstm's last output). */
export function blockLstmGrad(ops: TensorFlowOps, x: RawTensor, w: RawTensor, b: RawTensor, states: RawTensor[], dh: RawTensor) {
  const { sequenceLength, state, peephole } = sequenceInputs(ops, x, b);
  const [dx, , , dw, , , , db] = ops.run('BlockLSTMGradV2',
    [sequenceLength, x, state, state, w, peephole, peephole, peephole, b, ...states, ops.zerosLike(dh), dh], [peepholeOff(ops)], 8);
  return { dx, dw, db };
}

/** x: [timeSteps, batch, inputDim], w: [inputDim + units, 4·units], b: [4·units]; zero initial state. */
export function fusedLstmForward(x: tf.Tensor3D, w: tf.Tensor2D, b: tf.Tensor1D): FusedLstmForward {
  return withTensorFlowOps((ops) => {
    const states = blockLstm(ops, ops.of(x), ops.of(w), ops.of(b)).map((state) => ops.toTensor(state) as tf.Tensor3D);
    return { states, h: states[6] };
  });
}

/** The gradients of a loss, given its gradient `dh` with respect to every hidden state h (as forward's `h`). */
export function fusedLstmBackward(
  x: tf.Tensor3D, w: tf.Tensor2D, b: tf.Tensor1D, forward: FusedLstmForward, dh: tf.Tensor3D,
): FusedLstmGradients {
  return withTensorFlowOps((ops) => {
    const { dx, dw, db } = blockLstmGrad(ops, ops.of(x), ops.of(w), ops.of(b), forward.states.map((state) => ops.of(state)), ops.of(dh));
    return { dx: ops.toTensor(dx) as tf.Tensor3D, dw: ops.toTensor(dw) as tf.Tensor2D, db: ops.toTensor(db) as tf.Tensor1D };
  });
}
