// A minimal protobuf writer for ONNX ModelProto: just enough to build an Add chain model in code,
// so the ONNX Runtime peer needs no model file. Field numbers are those of onnx/onnx.proto3.

const utf8 = new TextEncoder();

/** Protobuf wire writer: varints, length-delimited fields and packed floats. */
class Writer {
  private readonly parts: number[] = [];

  private varint(v: number): void {
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
