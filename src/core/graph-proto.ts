/**
 * A TensorFlow graph written as the saved_model.pb of a SavedModel, the one form of graph that
 * tfjs-node's binding can load and run (TF_LoadSessionFromSavedModel). Only what such a graph
 * needs is encoded: nodes with their inputs and attributes, float32 and int32 constants,
 * placeholders, and the "serve" tag. Field numbers are those of TensorFlow's protos
 * (saved_model.proto, meta_graph.proto, graph.proto, node_def.proto, attr_value.proto,
 * tensor.proto, tensor_shape.proto, versions.proto).
 */

/** TensorFlow's DataType numbers (the C API's TF_DataType uses the same). */
export const dataType = { float32: 1, int32: 3 } as const;

/** An attribute value: exactly one of its fields. */
export type AttrValue = { type: number } | { b: boolean } | { i: number } | { f: number } | { shape: number[] } | { tensor: ConstantTensor };

export interface ConstantTensor { dtype: number; shape: number[]; values: Float32Array | Int32Array }

export interface NodeDef {
  name: string;
  op: string;
  /** "node" for its first output, "node:k" for output k. */
  inputs: string[];
  attrs: Record<string, AttrValue>;
}

/** Protocol-buffer wire format, writing only: varints, 32-bit floats and length-delimited fields. */
class ProtoWriter {
  private readonly chunks: number[] = [];

  private varint(value: bigint): void {
    // Negative int64 values are written as their 64-bit two's complement, in 10 bytes.
    let rest = BigInt.asUintN(64, value);
    while (rest >= 0x80n) {
      this.chunks.push(Number((rest & 0x7fn) | 0x80n));
      rest >>= 7n;
    }
    this.chunks.push(Number(rest));
  }

  private tag(field: number, wireType: 0 | 1 | 2 | 5): void {
    this.varint(BigInt((field << 3) | wireType));
  }

  int(field: number, value: number): this {
    this.tag(field, 0);
    this.varint(BigInt(value));
    return this;
  }

  bool(field: number, value: boolean): this {
    return this.int(field, value ? 1 : 0);
  }

  float(field: number, value: number): this {
    this.tag(field, 5);
    const bytes = new Uint8Array(Float32Array.of(value).buffer);
    this.chunks.push(...bytes);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, 2);
    this.varint(BigInt(value.length));
    for (const byte of value) this.chunks.push(byte);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, write: (writer: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    write(inner);
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

function writeShape(writer: ProtoWriter, shape: number[]): void {
  for (const size of shape) writer.message(2, (dim) => dim.int(1, size));
}

function writeAttr(writer: ProtoWriter, value: AttrValue): void {
  if ('type' in value) writer.int(6, value.type);
  else if ('b' in value) writer.bool(5, value.b);
  else if ('i' in value) writer.int(3, value.i);
  else if ('f' in value) writer.float(4, value.f);
  else if ('shape' in value) writer.message(7, (shape) => writeShape(shape, value.shape));
  else {
    const { dtype, shape, values } = value.tensor;
    writer.message(8, (tensor) => tensor
      .int(1, dtype)
      .message(2, (tensorShape) => writeShape(tensorShape, shape))
      .bytes(4, new Uint8Array(values.buffer, values.byteOffset, values.byteLength)));
  }
}

function writeNode(writer: ProtoWriter, node: NodeDef): void {
  writer.string(1, node.name).string(2, node.op);
  for (const input of node.inputs) writer.string(3, input);
  for (const [key, value] of Object.entries(node.attrs)) {
    writer.message(5, (entry) => entry.string(1, key).message(2, (attr) => writeAttr(attr, value)));
  }
}

/**
 * saved_model.pb for one graph, tagged "serve", without variables or signatures (the binding runs
 * tensors by name). `producer` is the GraphDef version the nodes are written for.
 */
export function savedModelProto(nodes: NodeDef[], producer: number): Uint8Array {
  return new ProtoWriter()
    .int(1, 1) // saved_model_schema_version
    .message(2, (metaGraph) => metaGraph
      .message(1, (info) => info.string(4, 'serve'))
      .message(2, (graph) => {
        for (const node of nodes) graph.message(1, (nodeDef) => writeNode(nodeDef, node));
        graph.message(4, (versions) => versions.int(1, producer));
      }))
    .finish();
}
