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
import { type RawTensor, type TensorFlowOps, tensorFlowOpsAvailable } from './tensorflow-ops';

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
