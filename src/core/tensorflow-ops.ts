/**
 * TensorFlow ops run straight through tfjs-node's binding, outside tfjs's engine. On the tiny
 * tensors of this project a tfjs op costs its engine bookkeeping (kernel lookup, tape, tracking,
 * the small int32 tensors a reshape, slice or sum uploads) on top of the native call that does the
 * work; here an op is that native call alone (docs/BENCHMARKS.md has the measured difference).
 *
 * The handles an op makes belong to the TensorFlowOps that ran it: close() deletes every one not
 * handed over to tfjs with toTensor(). Inputs taken from tfjs tensors with of() stay tfjs's.
 */
import type { TFEOpAttr, TFJSBinding, TensorMetadata } from '@tensorflow/tfjs-node/dist/tfjs_binding';
import { tf } from './tf';

/** A TensorFlow eager tensor handle (float32 unless made by int32()) and its shape. */
export interface RawTensor {
  readonly id: number;
  readonly shape: readonly number[];
}

/** The parts of tfjs-node's backend this uses (its typings mark the two methods private). */
interface TensorFlowBackend {
  binding: TFJSBinding;
  getInputTensorIds(tensors: tf.Tensor[]): number[];
  createOutputTensor(metadata: TensorMetadata): tf.Tensor;
}

/** Whether raw ops can run: only the tfjs-node backend reaches TensorFlow's op library. */
export function tensorFlowOpsAvailable(): boolean {
  return tf.getBackend() === 'tensorflow';
}

function tensorFlowBackend(): TensorFlowBackend {
  if (!tensorFlowOpsAvailable()) throw new Error(`TensorFlow's ops need the 'tensorflow' backend, not '${tf.getBackend()}'`);
  return tf.backend() as unknown as TensorFlowBackend;
}

let opsRun = 0;
let graphsRun = 0;

/**
 * The small int32 tensors that ops take as arguments (shapes, axes, permutations), kept for the
 * process: a training step asks for the same few dozen every time, and making and deleting each
 * costs a round trip to TensorFlow. Bounded, so that shapes that change (a re-run with another
 * batch size) cannot grow it without end; past the bound they are made per TensorFlowOps again.
 */
const indexConstants = new Map<string, RawTensor>();
const maxIndexConstants = 512;

/** The raw ops run in this process so far (tf.profile sees none of them; bench/node_sequence_profile.ts counts with this). */
export function tensorFlowOpsRun(): number {
  return opsRun;
}

/** The graphs run in this process so far (runGraph), each one session call. */
export function tensorFlowGraphsRun(): number {
  return graphsRun;
}

function sameBatchAxes(a: RawTensor, b: RawTensor): boolean {
  return a.shape.length === b.shape.length && a.shape.slice(0, -2).every((size, axis) => size === b.shape[axis]);
}

/** What a TensorFlowOps reports while a graph is traced from its ops (core/tensorflow-graph.ts). */
export interface OpRecorder {
  /** An op as run: its attributes and its input and output handles. */
  op(op: string, attrs: TFEOpAttr[], inputs: number[], outputs: number[]): void;
  /** A handle that no op made: a tfjs tensor's (values undefined) or one made from these values. */
  tensor(id: number, dtype: 'float32' | 'int32', shape: readonly number[], values?: Float32Array | Int32Array): void;
}

export class TensorFlowOps {
  private readonly backend = tensorFlowBackend();
  private recorder: OpRecorder | undefined;
  private readonly binding = this.backend.binding;
  private readonly owned = new Set<number>();
  private readonly floatType: TFEOpAttr = { name: 'T', type: this.binding.TF_ATTR_TYPE, value: this.binding.TF_FLOAT };
  private readonly int32Type = (name: string): TFEOpAttr => ({ name, type: this.binding.TF_ATTR_TYPE, value: this.binding.TF_INT32 });
  private readonly flag = (name: string, value: boolean): TFEOpAttr => ({ name, type: this.binding.TF_ATTR_BOOL, value });
  /** A tfjs tensor's handle, still owned by tfjs. */
  of(tensor: tf.Tensor): RawTensor {
    const id = this.backend.getInputTensorIds([tensor])[0];
    if (tensor.dtype === 'float32' || tensor.dtype === 'int32') this.recorder?.tensor(id, tensor.dtype, tensor.shape);
    return { id, shape: tensor.shape };
  }

  /** From now on every op and tensor made is reported to `recorder`, until it is set to undefined. */
  record(recorder: OpRecorder | undefined): void {
    this.recorder = recorder;
  }

  /**
   * Runs a graph loaded into TensorFlow's session `session` (core/tensorflow-graph.ts): `inputs` fed
   * to the tensors named `inputNames`, the tensors named `outputNames` returned, owned by this.
   */
  runGraph(session: number, inputs: RawTensor[], inputNames: string[], outputNames: string[]): RawTensor[] {
    graphsRun += 1;
    const results = this.binding.runSavedModel(session, inputs.map((input) => input.id), inputNames.join(','), outputNames.join(','));
    return results.map(({ id, shape }) => {
      this.owned.add(id);
      return { id, shape };
    });
  }

  /** Runs `op` on float32 inputs; `attrs` beyond the type attribute T. */
  run(op: string, inputs: RawTensor[], attrs: TFEOpAttr[] = [], outputs = 1): RawTensor[] {
    return this.execute(op, [this.floatType, ...attrs], inputs, outputs);
  }

  /** Runs `op` with exactly these attributes (for ops whose type attributes are not named T). */
  private execute(op: string, attrs: TFEOpAttr[], inputs: RawTensor[], outputs: number): RawTensor[] {
    opsRun += 1;
    const results = this.binding.executeOp(op, attrs, inputs.map((input) => input.id), outputs);
    this.recorder?.op(op, attrs, inputs.map((input) => input.id), results.map(({ id }) => id));
    return results.map(({ id, shape }) => {
      this.owned.add(id);
      return { id, shape };
    });
  }

  /** A tensor of the given values, owned by this. */
  tensor(values: Float32Array | Int32Array, shape: number[]): RawTensor {
    const id = this.binding.createTensor(shape, values instanceof Int32Array ? this.binding.TF_INT32 : this.binding.TF_FLOAT, values);
    this.owned.add(id);
    this.recorder?.tensor(id, values instanceof Int32Array ? 'int32' : 'float32', shape, values);
    return { id, shape };
  }

  /** An int64 scalar (as BlockLSTMV2's seq_len_max): two int32 words, low word first, as tfjs-node's Int64Scalar writes it. */
  int64Scalar(value: number): RawTensor {
    const id = this.binding.createTensor([], this.binding.TF_INT64, Int32Array.of(value, 0));
    this.owned.add(id);
    return { id, shape: [] };
  }

  /** Attributes beyond T, by type. */
  boolAttr(name: string, value: boolean): TFEOpAttr { return this.flag(name, value); }
  floatAttr(name: string, value: number): TFEOpAttr { return { name, type: this.binding.TF_ATTR_FLOAT, value }; }

  private int32(values: number[]): RawTensor {
    return this.indexConstant(values, [values.length]);
  }

  /** An int32 argument tensor shared by every TensorFlowOps of the process (see indexConstants); never deleted. */
  private indexConstant(values: number[], shape: number[]): RawTensor {
    const key = `${shape.length}:${values.join(',')}`;
    const known = indexConstants.get(key);
    if (known === undefined && indexConstants.size >= maxIndexConstants) return this.tensor(Int32Array.from(values), shape);
    let constant = known;
    if (constant === undefined) {
      constant = { id: this.binding.createTensor(shape, this.binding.TF_INT32, Int32Array.from(values)), shape };
      indexConstants.set(key, constant);
    }
    // A traced graph writes it as a constant of these values.
    this.recorder?.tensor(constant.id, 'int32', shape, Int32Array.from(values));
    return constant;
  }

  private one(op: string, inputs: RawTensor[], attrs: TFEOpAttr[] = []): RawTensor {
    return this.run(op, inputs, attrs)[0];
  }

  /**
   * Batched products. Operands with the same batch axes go to BatchMatMul, which skips the
   * broadcasting BatchMatMulV2 works out on every call (measured faster on a Transformer's heads);
   * only operands that broadcast need V2.
   */
  matMul(a: RawTensor, b: RawTensor, transposeA = false, transposeB = false): RawTensor {
    return this.one(sameBatchAxes(a, b) ? 'BatchMatMul' : 'BatchMatMulV2', [a, b], [this.flag('adj_x', transposeA), this.flag('adj_y', transposeB)]);
  }

  /** A product of two matrices through TensorFlow's MatMul, measured faster than BatchMatMulV2 on 2-D operands. */
  matMul2d(a: RawTensor, b: RawTensor, transposeA = false, transposeB = false): RawTensor {
    return this.one('MatMul', [a, b], [this.flag('transpose_a', transposeA), this.flag('transpose_b', transposeB)]);
  }

  add(a: RawTensor, b: RawTensor): RawTensor { return this.one('AddV2', [a, b]); }
  sub(a: RawTensor, b: RawTensor): RawTensor { return this.one('Sub', [a, b]); }
  mul(a: RawTensor, b: RawTensor): RawTensor { return this.one('Mul', [a, b]); }
  div(a: RawTensor, b: RawTensor): RawTensor { return this.one('RealDiv', [a, b]); }
  tanh(x: RawTensor): RawTensor { return this.one('Tanh', [x]); }
  sigmoid(x: RawTensor): RawTensor { return this.one('Sigmoid', [x]); }
  /** Over the last axis. */
  softmax(x: RawTensor): RawTensor { return this.one('Softmax', [x]); }
  /** Through y = tanh(z): dy ⊙ (1 − y²) in one op. */
  tanhGrad(y: RawTensor, dy: RawTensor): RawTensor { return this.one('TanhGrad', [y, dy]); }
  zerosLike(x: RawTensor): RawTensor { return this.one('ZerosLike', [x]); }

  sum(x: RawTensor, axes: number[], keepDims = false): RawTensor {
    return this.one('Sum', [x, this.int32(axes)], [this.int32Type('Tidx'), this.flag('keep_dims', keepDims)]);
  }

  mean(x: RawTensor, axes: number[], keepDims = false): RawTensor {
    return this.one('Mean', [x, this.int32(axes)], [this.int32Type('Tidx'), this.flag('keep_dims', keepDims)]);
  }

  concat(xs: RawTensor[], axis: number): RawTensor {
    return this.one('ConcatV2', [...xs, this.scalarInt32(axis)], [this.intAttr('N', xs.length), this.int32Type('Tidx')]);
  }

  /** Into `parts` equal parts along `axis`. */
  split(x: RawTensor, axis: number, parts: number): RawTensor[] {
    return this.execute('Split', [this.intAttr('num_split', parts), this.floatType], [this.scalarInt32(axis), x], parts);
  }

  /** Stacks equal shapes along a new axis `axis`. */
  stack(xs: RawTensor[], axis: number): RawTensor {
    return this.one('Pack', xs, [this.intAttr('N', xs.length), this.intAttr('axis', axis)]);
  }

  /** The parts of `x` along `axis`, that axis removed. */
  unstack(x: RawTensor, axis: number): RawTensor[] {
    const parts = x.shape[axis < 0 ? x.shape.length + axis : axis];
    return this.run('Unpack', [x], [this.intAttr('num', parts), this.intAttr('axis', axis)], parts);
  }

  /** Rows of `params` [rows, …] at int32 `indices` (any shape): indices.shape ++ params.shape[1:]. */
  gather(params: RawTensor, indices: RawTensor): RawTensor {
    const attrs = [
      { name: 'Tparams', type: this.binding.TF_ATTR_TYPE, value: this.binding.TF_FLOAT }, this.int32Type('Tindices'), this.int32Type('Taxis'),
      this.intAttr('batch_dims', 0),
    ];
    return this.execute('GatherV2', attrs, [params, indices, this.scalarInt32(0)], 1)[0];
  }

  /** gather()'s backward: the rows of `data` [n, …] summed into `segments` rows by int32 `ids` [n]. */
  segmentSum(data: RawTensor, ids: RawTensor, segments: number): RawTensor {
    return this.one('UnsortedSegmentSum', [data, ids, this.scalarInt32(segments)], [this.int32Type('Tindices'), this.int32Type('Tnumsegments')]);
  }

  /** Softmax cross-entropy of logits [rows, classes] against label rows: [loss per row, d loss / d logits = softmax − labels]. */
  softmaxCrossEntropy(logits: RawTensor, labels: RawTensor): [RawTensor, RawTensor] {
    const [loss, backprop] = this.run('SoftmaxCrossEntropyWithLogits', [logits, labels], [], 2);
    return [loss, backprop];
  }

  /** A float32 scalar, owned by this. */
  scalar(value: number): RawTensor {
    return this.tensor(Float32Array.of(value), []);
  }

  private scalarInt32(value: number): RawTensor {
    return this.indexConstant([value], []);
  }

  private intAttr(name: string, value: number): TFEOpAttr {
    return { name, type: this.binding.TF_ATTR_INT, value };
  }

  reshape(x: RawTensor, shape: number[]): RawTensor {
    return this.one('Reshape', [x, this.int32(shape)], [this.int32Type('Tshape')]);
  }

  slice(x: RawTensor, begin: number[], size: number[]): RawTensor {
    return this.one('Slice', [x, this.int32(begin), this.int32(size)], [this.int32Type('Index')]);
  }

  /** `paddings`: [before, after] per axis. */
  pad(x: RawTensor, paddings: [number, number][]): RawTensor {
    return this.one('Pad', [x, this.tensor(Int32Array.from(paddings.flat()), [paddings.length, 2])], [this.int32Type('Tpaddings')]);
  }

  transpose(x: RawTensor, perm: number[]): RawTensor {
    return this.one('Transpose', [x, this.int32(perm)], [this.int32Type('Tperm')]);
  }

  /** A float32 tensor's values, read back from TensorFlow. */
  read(x: RawTensor): Float32Array {
    return this.binding.tensorDataSync(x.id) as Float32Array;
  }

  /** Hands a float32 handle made here over to tfjs, as a tensor of the current tf.tidy scope. */
  toTensor(x: RawTensor): tf.Tensor {
    if (!this.owned.delete(x.id)) throw new Error('toTensor() takes a handle made by this TensorFlowOps, once');
    return this.backend.createOutputTensor({ id: x.id, shape: [...x.shape], dtype: this.binding.TF_FLOAT });
  }

  /** Deletes every handle made here and not handed to tfjs. */
  close(): void {
    for (const id of this.owned) this.binding.deleteTensor(id);
    this.owned.clear();
  }
}

/** Runs `body` on a TensorFlowOps whose handles not handed to tfjs are deleted afterwards, whatever happens. */
export function withTensorFlowOps<T>(body: (ops: TensorFlowOps) => T): T {
  const ops = new TensorFlowOps();
  try {
    return body(ops);
  } finally {
    ops.close();
  }
}
