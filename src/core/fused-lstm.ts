/**
 * TensorFlow's fused LSTM kernels (BlockLSTMV2 and its gradient), which tfjs does not wrap: the
 * tfjs-node backend runs any op of the linked TensorFlow library by name. One call runs a whole
 * sequence forward (or backward) in C++, where tfjs's LSTM layer issues a dozen ops per time step.
 *
 * The cell is Keras's LSTM with a sigmoid recurrent activation and tanh, no peepholes, no clipping:
 *   i, f, c̃, o = σ(z_i), σ(z_f), tanh(z_c), σ(z_o),  z = [x, h_prev]·w + b  (gate order i, f, c, o)
 *   c = f ⊙ c_prev + i ⊙ c̃,   h = o ⊙ tanh(c)
 * so w is Keras's kernel stacked on its recurrent kernel, and b is Keras's bias.
 */
import type { TFJSBinding, TensorMetadata } from '@tensorflow/tfjs-node/dist/tfjs_binding';
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
export function fusedLstmAvailable(): boolean {
  return tf.getBackend() === 'tensorflow';
}

/** The parts of tfjs-node's backend this uses (its typings mark the two methods private). */
interface TensorFlowBackend {
  binding: TFJSBinding;
  getInputTensorIds(tensors: tf.Tensor[]): number[];
  createOutputTensor(metadata: TensorMetadata): tf.Tensor;
}

function tensorFlowBackend(): TensorFlowBackend {
  if (!fusedLstmAvailable()) throw new Error(`the fused LSTM needs the 'tensorflow' backend, not '${tf.getBackend()}'`);
  return tf.backend() as unknown as TensorFlowBackend;
}

/**
 * Runs `op` with the int64 `seq_len_max` first. The binding keeps every tensor handle it creates
 * until told otherwise (tfjs's Int64Scalar input never is), so this one is deleted after the call.
 */
function runWithSequenceLength(op: string, timeSteps: number, inputs: tf.Tensor[], outputs: number): tf.Tensor[] {
  const backend = tensorFlowBackend();
  const { binding } = backend;
  const attrs = [
    { name: 'use_peephole', type: binding.TF_ATTR_BOOL, value: false },
    { name: 'T', type: binding.TF_ATTR_TYPE, value: binding.TF_FLOAT },
    // Only the forward op clips (the gradient op has no such attribute); ≤ 0 turns clipping off.
    ...(op === 'BlockLSTMV2' ? [{ name: 'cell_clip', type: binding.TF_ATTR_FLOAT, value: -1 }] : []),
  ];
  // int64 as two int32 words, low word first (little-endian, as tfjs-node's Int64Scalar writes it).
  const sequenceLength = binding.createTensor([], binding.TF_INT64, new Int32Array([timeSteps, 0]));
  try {
    const ids = [sequenceLength, ...backend.getInputTensorIds(inputs)];
    return binding.executeOp(op, attrs, ids, outputs).map((output) => backend.createOutputTensor(output));
  } finally {
    binding.deleteTensor(sequenceLength);
  }
}

/** Zero initial states and (unused) peephole weights, as BlockLSTMV2 takes them. */
function zeroInputs(batch: number, units: number): tf.Tensor[] {
  const state = tf.zeros([batch, units]);
  const peephole = tf.zeros([units]);
  return [state, state, peephole, peephole, peephole];
}

/** x: [timeSteps, batch, inputDim], w: [inputDim + units, 4·units], b: [4·units]; zero initial state. */
export function fusedLstmForward(x: tf.Tensor3D, w: tf.Tensor2D, b: tf.Tensor1D): FusedLstmForward {
  return tf.tidy(() => {
    const [timeSteps, batch] = x.shape;
    const units = b.shape[0] / 4;
    const [csPrev, hPrev, wci, wcf, wco] = zeroInputs(batch, units);
    const states = runWithSequenceLength('BlockLSTMV2', timeSteps, [x, csPrev, hPrev, w, wci, wcf, wco, b], 7) as tf.Tensor3D[];
    return { states, h: states[6] };
  }) as FusedLstmForward;
}

/** The gradients of a loss, given its gradient `dh` with respect to every hidden state h (as forward's `h`). */
export function fusedLstmBackward(
  x: tf.Tensor3D, w: tf.Tensor2D, b: tf.Tensor1D, forward: FusedLstmForward, dh: tf.Tensor3D,
): FusedLstmGradients {
  return tf.tidy(() => {
    const [timeSteps, batch] = x.shape;
    const units = b.shape[0] / 4;
    const [csPrev, hPrev, wci, wcf, wco] = zeroInputs(batch, units);
    const dcs = tf.zerosLike(dh);
    const [dx, , , dw, , , , db] = runWithSequenceLength(
      'BlockLSTMGradV2', timeSteps, [x, csPrev, hPrev, w, wci, wcf, wco, b, ...forward.states, dcs, dh], 8,
    );
    return { dx: dx as tf.Tensor3D, dw: dw as tf.Tensor2D, db: db as tf.Tensor1D };
  });
}
