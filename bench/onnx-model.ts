// A minimal protobuf writer for ONNX ModelProto: just enough to build an Add chain model in code,
// so the ONNX Runtime peer needs no model file. Field numbers are those of onnx/onnx.proto3.

const utf8 = new TextEncoder();

/** Protobuf wire writer: varints, length-delimited fields and packed floats. */
class Writer {
  private readonly parts: number[] = [];

  varint(v: number): void {
    let x = v;
    while (x > 0x7f) {
      this.parts.push((x & 0x7f) | 0x80);
      x = Math.floor(x / 128);
    }
    this.parts.push(x);
  }

  private tag(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }

  /** A `float` field (wire type 5, fixed32 little-endian). */
  float(field: number, v: number): this {
    this.tag(field, 5);
    for (const x of new Uint8Array(Float32Array.of(v).buffer)) this.parts.push(x);
    return this;
  }

  /** A packed `repeated int64` field of non-negative values. */
  ints(field: number, values: readonly number[]): this {
    const w = new Writer();
    for (const v of values) w.varint(v);
    return this.bytes(field, w.finish());
  }

  /** A non-negative int32/int64 field (wire type 0). */
  int(field: number, v: number): this {
    this.tag(field, 0);
    this.varint(v);
    return this;
  }

  bytes(field: number, b: Uint8Array): this {
    this.tag(field, 2);
    this.varint(b.length);
    for (const x of b) this.parts.push(x);
    return this;
  }

  string(field: number, s: string): this {
    return this.bytes(field, utf8.encode(s));
  }

  message(field: number, m: Writer): this {
    return this.bytes(field, m.finish());
  }

  /** A packed `repeated float` field. */
  floats(field: number, values: readonly number[]): this {
    return this.bytes(field, new Uint8Array(Float32Array.from(values).buffer));
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

const FLOAT = 1; // TensorProto.DataType.FLOAT

/** ValueInfoProto of a float32 tensor with the given static shape ([] = scalar). */
function valueInfo(name: string, shape: readonly number[]): Writer {
  const dims = new Writer();
  for (const d of shape) dims.message(1, new Writer().int(1, d)); // TensorShapeProto.dim { dim_value }
  const tensorType = new Writer().int(1, FLOAT).message(2, dims); // TypeProto.Tensor { elem_type, shape }
  const type = new Writer().message(1, tensorType); // TypeProto { tensor_type }
  return new Writer().string(1, name).message(2, type); // ValueInfoProto { name, type }
}

/**
 * The bytes of an ONNX model: input `x` (float32 scalar), a constant initializer `one` = 1, and a
 * chain of `n` Add nodes `x + one + one + …`, output `y`. Opset 13, IR version 8.
 */
export function addChainModel(n: number): Uint8Array {
  const graph = new Writer();
  for (let i = 0; i < n; i++) {
    const input = i === 0 ? 'x' : `t${i - 1}`;
    const output = i === n - 1 ? 'y' : `t${i}`;
    // NodeProto { input, input, output, name, op_type }
    graph.message(1, new Writer().string(1, input).string(1, 'one').string(2, output).string(3, `add_${i}`).string(4, 'Add'));
  }
  graph.string(2, `add_chain_${n}`);
  // TensorProto { data_type, float_data, name } (no dims: a scalar)
  graph.message(5, new Writer().int(2, FLOAT).floats(4, [1]).string(8, 'one'));
  graph.message(11, valueInfo('x', []));
  graph.message(12, valueInfo('y', []));
  return new Writer()
    .int(1, 8) // ir_version
    .string(2, 'tensorgraph-bench') // producer_name
    .message(7, graph) // graph
    .message(8, new Writer().string(1, '').int(2, 13)) // opset_import { domain: '', version: 13 }
    .finish();
}

/** A node of `onnxModel`: op type, inputs, outputs, and int / ints / float attributes. */
export interface OnnxNode {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attrs?: Readonly<Record<string, number | readonly number[]>>;
  /** Attributes that are floats (alpha, beta), not ints. */
  readonly floatAttrs?: Readonly<Record<string, number>>;
}

/** AttributeProto { name, f | i | ints, type } (FLOAT = 1, INT = 2, INTS = 7). */
function attribute(name: string, v: number | readonly number[], isFloat: boolean): Writer {
  const a = new Writer().string(1, name);
  if (typeof v !== 'number') return a.ints(8, v).int(20, 7);
  if (isFloat) {
    return a.float(2, v).int(20, 1);
  }
  return a.int(3, v).int(20, 2);
}

/**
 * The bytes of a float32 ONNX model (opset 13, IR 8): graph inputs and outputs with static
 * shapes, initializers as raw little-endian float32 data, and the nodes in order.
 */
export function onnxModel(spec: {
  readonly inputs: Readonly<Record<string, readonly number[]>>;
  readonly outputs: Readonly<Record<string, readonly number[]>>;
  readonly initializers?: Readonly<Record<string, { readonly shape: readonly number[]; readonly data: Float32Array }>>;
  readonly nodes: readonly OnnxNode[];
}): Uint8Array {
  const graph = new Writer();
  spec.nodes.forEach((n, i) => {
    const node = new Writer();
    for (const x of n.inputs) node.string(1, x);
    for (const y of n.outputs) node.string(2, y);
    node.string(3, `${n.op.toLowerCase()}_${i}`).string(4, n.op);
    for (const [k, v] of Object.entries(n.attrs ?? {})) node.message(5, attribute(k, v, false));
    for (const [k, v] of Object.entries(n.floatAttrs ?? {})) node.message(5, attribute(k, v, true));
    graph.message(1, node);
  });
  graph.string(2, 'bench');
  for (const [name, t] of Object.entries(spec.initializers ?? {})) {
    // TensorProto { dims, data_type, name, raw_data }
    const tp = new Writer();
    if (t.shape.length) tp.ints(1, t.shape);
    graph.message(5, tp.int(2, FLOAT).string(8, name).bytes(9, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength)));
  }
  for (const [name, shape] of Object.entries(spec.inputs)) graph.message(11, valueInfo(name, shape));
  for (const [name, shape] of Object.entries(spec.outputs)) graph.message(12, valueInfo(name, shape));
  return new Writer().int(1, 8).string(2, 'tensorgraph-bench').message(7, graph).message(8, new Writer().string(1, '').int(2, 13)).finish();
}
