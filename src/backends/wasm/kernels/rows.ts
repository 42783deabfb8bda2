// What the row-wise float32 kernels (softmax.ts, reduce.ts) share: the locals of a loop over
// rows of `cols` values, and the split of the rows over the pool's threads.
import type { WasmBackend } from '../backend.js';
import { type FunctionBuilder, ValType } from '../builder/index.js';
import type { Job, PoolModule } from '../pool.js';
import { PARALLEL_MIN } from './job-split.js';

/**
 * New i32 locals for a loop over rows: `r` (the row), `j` (a byte offset in it), `n4` (the bytes
 * of the row's whole 4-lane blocks) and `nAll` (the row's bytes), the last two set from the
 * parameter `cols` here.
 */
export function rowLocals(f: FunctionBuilder, cols: number): { r: number; j: number; n4: number; nAll: number } {
  const r = f.local(ValType.i32);
  const j = f.local(ValType.i32);
  const n4 = f.local(ValType.i32);
  const nAll = f.local(ValType.i32);
  f.get(cols).i32(-4).op('i32_and').i32(2).op('i32_shl').set(n4);
  f.get(cols).i32(2).op('i32_shl').set(nAll);
  return { r, j, n4, nAll };
}

/**
 * Runs `fn` of `module` over blocks of nRows rows of `cols` values, split over the threads when
 * large; `args(r0, n)` gives the call's arguments for the n rows from row r0.
 */
export function splitRows(be: WasmBackend, module: PoolModule, fn: string, nRows: number, cols: number, args: (r0: number, n: number) => number[]): void {
  const threads = nRows * cols >= PARALLEL_MIN ? Math.min(be.threads, nRows) : 1;
  const per = Math.ceil(nRows / threads);
  const jobs: Job[] = [];
  for (let r0 = 0; r0 < nRows; r0 += per) jobs.push({ module, fn, args: args(r0, Math.min(per, nRows - r0)) });
  be.parallel(jobs);
}
