import { ResourceExhaustedError } from '../../../core/errors.js';
import type { WasmBackend } from '../backend.js';

const blocks = new WeakMap<WasmBackend, Map<string, { ptr: number; size: number }>>();

/**
 * A heap block of at least `bytes` for `purpose` on the calling thread (conv patch matrices,
 * pooling indices): kept between calls and replaced by a larger one when a call needs more, so
 * a training step allocates nothing after its first run. Contents are undefined.
 */
export function heapScratch(be: WasmBackend, purpose: string, bytes: number): number {
  let map = blocks.get(be);
  if (!map) {
    map = new Map();
    blocks.set(be, map);
  }
  const cur = map.get(purpose);
  if (cur && cur.size >= bytes) return cur.ptr;
  if (cur) be.heap.release(cur.ptr, cur.size);
  map.delete(purpose);
  const b = be.heap.alloc(Math.max(bytes, 64));
  if (!b) {
    throw new ResourceExhaustedError(
      null,
      null,
      `OOM when allocating scratch for ${purpose} (${bytes} bytes) on ${be.device} by allocator wasm: the wasm heap has ${be.heap.byteLength} bytes (${be.heap.inUse} in use)`,
    );
  }
  map.set(purpose, b);
  return b.ptr;
}
