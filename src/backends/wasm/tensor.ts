import { type DType, type TypedData, elementBytes } from '../../core/dtypes.js';
import { sizeOf } from '../../core/shape.js';
import type { BackendTensor } from '../backend.js';
import type { WasmHeap } from './heap.js';

/** One block of the heap with its reference count (views of it share the count). */
export class WasmBuffer {
  refs = 0;
  constructor(
    /** Its address in the heap (0 for an empty tensor). */
    readonly ptr: number,
    /** The block's size class in bytes (0: nothing to free). */
    readonly blockBytes: number,
    /** Strings live on the host: wasm memory holds numbers only. */
    readonly host: Uint8Array[] | null,
  ) {}
}

type ViewCtor = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => Exclude<TypedData, Uint8Array[]>;

const VIEWS: Record<Exclude<DType, 'string'>, ViewCtor> = {
  float16: Uint16Array,
  float32: Float32Array,
  float64: Float64Array,
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  int64: BigInt64Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
  uint64: BigUint64Array,
  bool: Uint8Array,
};

/** A tensor of the wasm backend: a dtype and shape over a heap block. */
export class WasmTensor implements BackendTensor {
  readonly size: number;
  constructor(
    readonly dtype: DType,
    readonly shape: readonly number[],
    readonly buffer: WasmBuffer,
    readonly heap: WasmHeap,
  ) {
    this.size = sizeOf(shape);
  }

  get ptr(): number {
    return this.buffer.ptr;
  }

  /** Its elements as a typed array over the heap's current buffer (re-take it after a grow). */
  data(): TypedData {
    if (this.buffer.host) return this.buffer.host;
    const Ctor = VIEWS[this.dtype as Exclude<DType, 'string'>];
    return new Ctor(this.heap.buffer(), this.buffer.ptr, this.size);
  }

  /** Its float32 elements (a view of the heap). */
  f32(): Float32Array {
    return new Float32Array(this.heap.buffer(), this.buffer.ptr, this.size);
  }

  get byteLength(): number {
    return this.size * elementBytes(this.dtype);
  }
}
