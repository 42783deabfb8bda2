import type { DType, DataFor, TypedData } from '../../core/dtypes.js';
import { NDArray } from '../../core/ndarray.js';

/** Where a CPU buffer came from: kernels write only into `owned` ones. */
export type BufferKind = 'owned' | 'external';

/** One typed-array storage with its reference count (views share it). */
export class CpuBuffer {
  refs = 0;
  constructor(
    readonly data: TypedData,
    /** `external`: a host array uploaded as is (a constant or a feed): never written, never pooled. */
    readonly kind: BufferKind,
  ) {}
}

/**
 * A CPU backend tensor: an NDArray over a reference-counted buffer. Kernels read it as an NDArray;
 * the executor counts its references through the backend.
 */
export class CpuTensor<D extends DType = DType> extends NDArray<D> {
  readonly buffer: CpuBuffer;
  constructor(dtype: D, shape: readonly number[], buffer: CpuBuffer) {
    super(dtype, shape, buffer.data as DataFor<D>);
    this.buffer = buffer;
  }
}
