// Transpose of 4-byte tensors (float32, int32) on the wasm backend, where the permutation merges
// to a batch of 2-D transposes ([B, R, C] → [B, C, R]: a matrix transpose, NCHW ↔ NHWC): 4×4
// tiles moved by four loads, eight shuffles and four stores, down strips of 8 columns so that
// the output rows being written stay in cache; rows split over the threads. Other permutations,
// dtypes and invalid perms (its errors) run the CPU kernel on heap views (hosted.ts).
import type { Kernel } from '../../backend.js';
import { input } from '../backend.js';
import { ModuleBuilder, ValType } from '../builder/index.js';
import { kernelModule } from '../modules.js';
import type { Job, PoolModule } from '../pool.js';
import type { WasmTensor } from '../tensor.js';
import { heapCopy } from './copy.js';
import { MEMORY_IMPORT } from './elementwise-module.js';
import { PARALLEL_MIN, type WasmKernelFactory } from './elementwise.js';
import { hostedKernel } from './hosted.js';

const I = ValType.i32;

/**
 * Columns per chunk: the tiles walk down all rows of an 8-column strip, writing 8 output rows
 * front to back. Output rows a power of two apart share cache sets, and wider strips thrash
 * them: 1024² one thread 409 µs at 8 columns, 658 at 16, 1737 at 32, 1831 at 64 (NCHW 8×32×32×64:
 * 83, 335, 822, 921 µs; 2026-12-02).
 */
const CHUNK = 8;

/**
 * `t2d(x, out, batch, rows, cols, r0, r1)`: for each of `batch` matrices of rows × cols 4-byte
 * values at x, out (cols × rows) gets its transpose, for source rows r0 ≤ r < r1 only (r0 a
 * multiple of 4): 4×4 tiles, then the rows and columns past a multiple of four one value at a time.
 */
function transposeModule(): ModuleBuilder {
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  const f = mb.func('t2d', new Array<ValType>(7).fill(I));
  const [x, out, batch, rows, cols, r0, r1] = [0, 1, 2, 3, 4, 5, 6];
  const [b, i, j, jb, je, rowB, colB, mat, xs, os, r4, c4] = Array.from({ length: 12 }, () => f.local(I));
  const v = Array.from({ length: 4 }, () => f.local(ValType.v128));
  const t = Array.from({ length: 4 }, () => f.local(ValType.v128));
  f.get(cols).i32(2).op('i32_shl').set(rowB); // a source row's bytes
  f.get(rows).i32(2).op('i32_shl').set(colB); // an output row's bytes
  f.get(rows).get(cols).op('i32_mul').i32(2).op('i32_shl').set(mat);
  // the last row of whole 4-row blocks in [r0, r1), the last column of whole 4-column blocks
  f.get(r1).get(r0).op('i32_sub').i32(-4).op('i32_and').get(r0).op('i32_add').set(r4);
  f.get(cols).i32(-4).op('i32_and').set(c4);
  f.forLoop(b, () => f.i32(0), () => f.get(batch), 1, () => {
    f.forLoop(jb, () => f.i32(0), () => f.get(c4), CHUNK, () => {
      f.get(jb).i32(CHUNK).op('i32_add').tee(je).get(c4).get(je).get(c4).op('i32_lt_u', 'select').set(je);
      f.forLoop(i, () => f.get(r0), () => f.get(r4), 4, () => {
        f.forLoop(j, () => f.get(jb), () => f.get(je), 4, () => {
          // x + i·rowB + j·4: four source rows at column j
          f.get(x).get(i).get(rowB).op('i32_mul', 'i32_add').get(j).i32(2).op('i32_shl', 'i32_add').set(xs);
          for (let k = 0; k < 4; k++) {
            f.get(xs).v128Load(0, 0).set(v[k] as number);
            if (k < 3) f.get(xs).get(rowB).op('i32_add').set(xs);
          }
          f.get(v[0] as number).get(v[1] as number).shuffle32([0, 4, 1, 5]).set(t[0] as number);
          f.get(v[0] as number).get(v[1] as number).shuffle32([2, 6, 3, 7]).set(t[1] as number);
          f.get(v[2] as number).get(v[3] as number).shuffle32([0, 4, 1, 5]).set(t[2] as number);
          f.get(v[2] as number).get(v[3] as number).shuffle32([2, 6, 3, 7]).set(t[3] as number);
          // out + j·colB + i·4: four output rows at column i
          f.get(out).get(j).get(colB).op('i32_mul', 'i32_add').get(i).i32(2).op('i32_shl', 'i32_add').set(os);
          const lanes: [number, number, [number, number, number, number]][] = [
            [0, 2, [0, 1, 4, 5]],
            [0, 2, [2, 3, 6, 7]],
            [1, 3, [0, 1, 4, 5]],
            [1, 3, [2, 3, 6, 7]],
          ];
          lanes.forEach(([p, q, l], k) => {
            f.get(os).get(t[p] as number).get(t[q] as number).shuffle32(l).v128Store(0, 0);
            if (k < 3) f.get(os).get(colB).op('i32_add').set(os);
          });
        });
      });
    });
    // columns past c4, for the whole 4-row blocks; then the rows past r4, every column
    const scalarCopy = (rowFrom: () => void, rowTo: () => void, colFrom: () => void) => {
      f.forLoop(i, rowFrom, rowTo, 1, () => {
        f.forLoop(j, colFrom, () => f.get(cols), 1, () => {
          f.get(out).get(j).get(colB).op('i32_mul', 'i32_add').get(i).i32(2).op('i32_shl', 'i32_add');
          f.get(x).get(i).get(rowB).op('i32_mul', 'i32_add').get(j).i32(2).op('i32_shl', 'i32_add').i32Load().i32Store();
        });
      });
    };
    scalarCopy(() => f.get(r0), () => f.get(r4), () => f.get(c4));
    scalarCopy(() => f.get(r4), () => f.get(r1), () => f.i32(0));
    f.get(x).get(mat).op('i32_add').set(x);
    f.get(out).get(mat).op('i32_add').set(out);
  });
  return mb;
}

const module = (): PoolModule => kernelModule('transpose', transposeModule);

/**
 * The permutation `perm` of `shape` with size-1 dims dropped and runs of axes that stay adjacent
 * merged: the merged input dims and the output's order of them.
 */
export function mergedPermutation(shape: readonly number[], perm: readonly number[]): { dims: number[]; order: number[] } {
  const p = perm.filter((k) => shape[k] !== 1);
  const groups: number[][] = [];
  for (const k of p) {
    const last = groups[groups.length - 1];
    if (last && last[last.length - 1] === k - 1) last.push(k);
    else groups.push([k]);
  }
  const byInput = [...groups].sort((a, c) => (a[0] as number) - (c[0] as number));
  const dims = byInput.map((g) => g.reduce((n, k) => n * (shape[k] as number), 1));
  return { dims, order: groups.map((g) => byInput.indexOf(g)) };
}

/** The perm of a Transpose's second input, when it is a valid permutation of rank `rank`. */
function validPerm(p: WasmTensor, rank: number): number[] | null {
  if (p.shape.length !== 1 || p.size !== rank) return null;
  const perm = Array.from(p.data() as ArrayLike<number | bigint>, Number);
  const seen = new Set(perm);
  return seen.size === rank && perm.every((k) => Number.isInteger(k) && k >= 0 && k < rank) ? perm : null;
}

export const transposeKernel: WasmKernelFactory = (be, sig, attrs) => {
  const hosted = hostedKernel('Transpose')(be, sig, attrs);
  if (!hosted || (sig.inputs[0] !== 'float32' && sig.inputs[0] !== 'int32')) return hosted;
  const kernel: Kernel = (inputs, ctx) => {
    const x = input(inputs, 0);
    const perm = validPerm(input(inputs, 1), x.shape.length);
    if (perm === null) return hosted(inputs, ctx);
    const { dims, order } = mergedPermutation(x.shape, perm);
    const identity = order.every((k, i) => k === i);
    const swap = order.length >= 2 && order.length <= 3 && order[order.length - 1] === order.length - 2 && order[order.length - 2] === order.length - 1 && (order.length === 2 || order[0] === 0);
    if (!identity && !swap) return hosted(inputs, ctx);
    const o = ctx.output(0, x.dtype, perm.map((k) => x.shape[k] as number)) as WasmTensor;
    if (o.size === 0) return [o];
    if (identity) {
      heapCopy(be, o.ptr, x.ptr, x.size * 4);
      return [o];
    }
    const [batch, rows, cols] = (order.length === 2 ? [1, ...dims] : dims) as [number, number, number];
    const threads = x.size >= PARALLEL_MIN ? Math.min(be.threads, Math.ceil(rows / 4)) : 1;
    const per = Math.ceil(rows / threads / 4) * 4;
    const jobs: Job[] = [];
    for (let r0 = 0; r0 < rows; r0 += per) jobs.push({ module: module(), fn: 't2d', args: [x.ptr, o.ptr, batch, rows, cols, r0, Math.min(rows, r0 + per)] });
    be.parallel(jobs);
    return [o];
  };
  return kernel;
};
