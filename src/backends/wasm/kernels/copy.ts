// Copies within the wasm heap. A typed array's `set` or `copyWithin` over a shared memory takes
// V8's element-by-element path for shared buffers (128 KB in about 10 µs); wasm's `memory.copy`
// is a native memmove.
import type { WasmBackend } from '../backend.js';
import { ModuleBuilder, ValType } from '../builder/index.js';
import { kernelModule } from '../modules.js';
import type { PoolModule } from '../pool.js';
import { MEMORY_IMPORT } from './elementwise-module.js';

const I = ValType.i32;

function copyModule(): ModuleBuilder {
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  // copy(dst, src, bytes): memmove (the ranges may overlap)
  mb.func('copy', [I, I, I]).get(0).get(1).get(2).memoryCopy();
  return mb;
}

const copyMod = (): PoolModule => kernelModule('copy', copyModule);

/** Copies `bytes` bytes from heap address `src` to `dst` on this thread (a memmove). */
export function heapCopy(be: WasmBackend, dst: number, src: number, bytes: number): void {
  if (bytes > 0 && dst !== src) (be.exports(copyMod()).copy as (d: number, s: number, n: number) => void)(dst, src, bytes);
}

/** A memmove on this backend's heap (dst, src, bytes), the module's export looked up once. */
export function heapCopier(be: WasmBackend): (dst: number, src: number, bytes: number) => void {
  return be.exports(copyMod()).copy as (d: number, s: number, n: number) => void;
}
