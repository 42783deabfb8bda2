import type { DType } from '../../../core/dtypes.js';
import { NDArray } from '../../../core/ndarray.js';

/**
 * The index dtype Python would give JS values passed where an op's index attr has no default
 * (StridedSlice's `Index`, GatherNd's `Tindices`, …): int32, or int64 when a bigint (or an int64
 * array) is among them, as Python ints become int32 unless they need 64 bits. Undefined when a
 * tensor or variable is among them: its dtype decides.
 */
export function jsIndexType(values: readonly unknown[]): DType | undefined {
  let big = false;
  const visit = (v: unknown): boolean => {
    if (v === undefined || v === null) return true;
    if (typeof v === 'bigint') {
      big = true;
      return true;
    }
    if (typeof v === 'number' || typeof v === 'boolean') return true;
    if (Array.isArray(v)) return v.every(visit);
    if (v instanceof BigInt64Array) {
      big = true;
      return true;
    }
    if (v instanceof Int32Array) return true;
    if (v instanceof NDArray) {
      if (v.dtype === 'int64') big = true;
      return v.dtype === 'int32' || v.dtype === 'int64';
    }
    return false;
  };
  if (!values.every(visit)) return undefined;
  return big ? 'int64' : 'int32';
}
