/**
 * A route's ops, traced once as they run eagerly, replayed as one TensorFlow graph: one session
 * call per step instead of one round trip per op, each of which costs several microseconds of
 * eager dispatch on top of its kernel (docs/BENCHMARKS.md has the measured difference). The graph
 * is the recorded ops themselves — the same kernels with the same attributes on the same inputs,
 * so it computes what the eager ops computed; the route that uses it compares the two on the
 * traced batch and keeps the eager ops if they differ.
 *
 * tfjs-node's binding loads graphs only as SavedModels, from disk: the graph is written to a
 * temporary folder, loaded, and the folder removed. Sessions are kept per graph for the process
 * (the same network and batch size in a later run reuses its session), a bounded number of them.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TFEOpAttr, TFJSBinding } from '@tensorflow/tfjs-node/dist/tfjs_binding';
import { type AttrValue, type ConstantTensor, dataType, type NodeDef, savedModelProto } from './graph-proto';
import { tf } from './tf';
import type { OpRecorder, RawTensor, TensorFlowOps } from './tensorflow-ops';

// The GraphDef version the nodes declare. TensorFlow loads graphs of any version from 0 up to its own
// (the tensorflow-cpu wheel's library, which scripts/setup.ts links, is at a higher one).
const producer = 1087;
const maxSessions = 16;
const sessions = new Map<string, number>();

/** A graph loaded into a TensorFlow session: fed the traced inputs, it returns the traced outputs. */
export interface CompiledGraph {
  run(ops: TensorFlowOps, inputs: RawTensor[]): RawTensor[];
}

interface RecordedTensor { dtype: 'float32' | 'int32'; shape: readonly number[]; values?: Float32Array | Int32Array }
interface RecordedOp { op: string; attrs: TFEOpAttr[]; inputs: number[]; outputs: number[] }

/** What a TensorFlowOps ran while recording; compile() turns it into a graph. */
export class GraphRecording implements OpRecorder {
  private readonly tensors = new Map<number, RecordedTensor>();
  private readonly ops: RecordedOp[] = [];

  op(op: string, attrs: TFEOpAttr[], inputs: number[], outputs: number[]): void {
    this.ops.push({ op, attrs, inputs, outputs });
  }

  tensor(id: number, dtype: 'float32' | 'int32', shape: readonly number[], values?: Float32Array | Int32Array): void {
    this.tensors.set(id, { dtype, shape, values: values === undefined ? undefined : values.slice() });
  }

  /**
   * The graph from `inputs` (placeholders, fed in this order) to `outputs`: every recorded op, the
   * tensors made from values during the recording as constants. Throws when an op reads a tensor
   * that is neither (the graph would not know its value).
   */
  compile(inputs: RawTensor[], outputs: RawTensor[]): CompiledGraph {
    const binding = (tf.backend() as unknown as { binding: TFJSBinding }).binding;
    const names = new Map<number, string>();
    const nodes: NodeDef[] = [];
    const inputNames = inputs.map((input, i) => {
      const recorded = this.tensors.get(input.id);
      if (recorded === undefined) throw new Error(`graph input ${i} was not made while recording`);
      const name = `input${i}`;
      nodes.push({ name, op: 'Placeholder', inputs: [], attrs: { dtype: { type: dataType[recorded.dtype] }, shape: { shape: [...recorded.shape] } } });
      names.set(input.id, name);
      return `${name}:0`;
    });
    const nameOf = (id: number): string => {
      const known = names.get(id);
      if (known !== undefined) return known;
      const recorded = this.tensors.get(id);
      if (recorded?.values === undefined) throw new Error('an op of the graph reads a tensor that is neither an input nor a constant');
      const name = `constant${nodes.length}`;
      const value: ConstantTensor = { dtype: dataType[recorded.dtype], shape: [...recorded.shape], values: recorded.values };
      nodes.push({ name, op: 'Const', inputs: [], attrs: { dtype: { type: value.dtype }, value: { tensor: value } } });
      names.set(id, name);
      return name;
    };
    this.ops.forEach(({ op, attrs, inputs: opInputs, outputs: opOutputs }, index) => {
      const name = `op${index}`;
      nodes.push({ name, op, inputs: opInputs.map(nameOf), attrs: Object.fromEntries(attrs.map((attr) => [attr.name, attrValue(binding, attr)])) });
      opOutputs.forEach((id, output) => names.set(id, `${name}:${output}`));
    });
    const outputNames = outputs.map((output) => {
      const name = names.get(output.id);
      if (name === undefined || !name.startsWith('op')) throw new Error('a graph output must be made by one of its ops');
      return name;
    });
    const proto = savedModelProto(nodes, producer);
    const key = crypto.createHash('sha256').update(proto).digest('hex');
    loadSession(binding, key, proto);
    // Looked up on every run: a session dropped from the cache since is loaded again.
    return { run: (ops, fed) => ops.runGraph(loadSession(binding, key, proto), fed, inputNames, outputNames) };
  }
}

function attrValue(binding: TFJSBinding, { name, type, value }: TFEOpAttr): AttrValue {
  if (type === binding.TF_ATTR_TYPE) return { type: value as number };
  if (type === binding.TF_ATTR_BOOL) return { b: value as boolean };
  if (type === binding.TF_ATTR_INT) return { i: value as number };
  if (type === binding.TF_ATTR_FLOAT) return { f: value as number };
  throw new Error(`attribute ${name} of type ${type} cannot be written into a graph here`);
}

/** The session of this graph: loaded once per process, the oldest dropped past maxSessions. */
function loadSession(binding: TFJSBinding, key: string, proto: Uint8Array): number {
  const known = sessions.get(key);
  if (known !== undefined) return known;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-graph-'));
  let session: number;
  try {
    fs.writeFileSync(path.join(folder, 'saved_model.pb'), proto);
    session = binding.loadSavedModel(folder, 'serve');
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
  if (sessions.size >= maxSessions) {
    const [oldestKey, oldest] = sessions.entries().next().value as [string, number];
    binding.deleteSavedModel(oldest);
    sessions.delete(oldestKey);
  }
  sessions.set(key, session);
  return session;
}
