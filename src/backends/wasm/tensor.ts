import { type DType, TYPED_ARRAY, type TypedData, elementBytes } from '../../core/dtypes.js';
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
    const Ctor = TYPED_ARRAY[this.dtype as Exclude<DType, 'string'>];
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
