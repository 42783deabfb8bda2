import type { Backend, BackendTensor } from '../backends/backend.js';
import type { DType } from '../core/dtypes.js';
import { sameShape, sizeOf } from '../core/shape.js';

/**
 * The buffer a session keeps at `store[id]` (a plan's arena, a loop's buffers), seen with `shape`,
 * when only the store holds it and its dtype and size match; else a new one that replaces it in
 * the store. The store holds one reference on each buffer it keeps.
 */
export function reusedBuffer(backend: Backend, store: (BackendTensor | null)[], id: number, dtype: DType, shape: readonly number[]): BackendTensor {
  const cur = store[id];
  if (cur && cur.dtype === dtype && backend.refCount(cur) === 1 && sizeOf(cur.shape) === sizeOf(shape)) {
    return sameShape(cur.shape, shape) ? cur : backend.view(cur, shape);
  }
  const t = backend.allocate(dtype, shape);
  backend.retain(t);
  if (cur) backend.release(cur);
  store[id] = t;
  return t;
}
