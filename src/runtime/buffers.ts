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

/**
 * Copies `src` (of `from`) into `dst` (of `to`, same dtype and size): straight between the two
 * storages where both backends expose them, else through a host copy (which allocates).
 */
export function copyAcross(from: Backend, src: BackendTensor, to: Backend, dst: BackendTensor): void {
  if (from.hostData && to.hostData) {
    const s = from.hostData(src);
    const d = to.hostData(dst);
    if (Array.isArray(d)) for (let i = 0; i < d.length; i++) d[i] = (s as Uint8Array[])[i] as Uint8Array;
    else (d as Float32Array).set(s as Float32Array);
    return;
  }
  to.copyInto(to.upload(from.download(src)), dst);
}
