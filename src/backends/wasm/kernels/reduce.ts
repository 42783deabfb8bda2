import { reduceMean, reduceSum } from '../../cpu/compute/index.js';
import { SUM_BLOCK, SUM_LANES } from '../../cpu/compute/reduce-ops.js';
import { reductionAxes } from '../../cpu/kernels/reduce.js';
import type { WasmBackend } from '../backend.js';
import { input } from '../backend.js';
import { ModuleBuilder, ValType } from '../builder/index.js';
import { kernelModule } from '../modules.js';
import type { Job, PoolModule } from '../pool.js';
import type { WasmTensor } from '../tensor.js';
import { heapCopy } from './copy.js';
import { MEMORY_IMPORT } from './elementwise-module.js';
import { PARALLEL_MIN, type WasmKernelFactory } from './elementwise.js';
import { splitRows } from './rows.js';
import { heapScratch } from './scratch.js';

const I = ValType.i32;

/** `rows`' modes: float32 sums, float32 means, float64 sums (a long row's block sums). */
const [ROW_SUMS, ROW_MEANS, ROW_SUMS_F64] = [0, 1, 2];

/**
 * `rows(x, out, rows, cols, mode)`: out[r] = Σ x[r, :] (÷ cols for means) for a row-major
 * rows×cols x, accumulated in float64 exactly as the CPU reference does (SUM_LANES = 16
 * interleaved accumulators, the tail into the first, combined in adjacent pairs), so both give
 * the same float32. The accumulators are eight f64x2 vectors, lane for lane the CPU's a0…a15:
 * eight independent add chains, each fed two values by one 64-bit load.
 */
function rowsModule(): ModuleBuilder {
  if (SUM_LANES !== 16) throw new Error('internal: reduce rows is written for 16 accumulators');
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  const f = mb.func('rows', [I, I, I, I, I]);
  const [x, out, rows, cols, mode] = [0, 1, 2, 3, 4];
  const [r, j, n16, nAll, end] = [f.local(I), f.local(I), f.local(I), f.local(I), f.local(I)];
  const A = Array.from({ length: 8 }, () => f.local(ValType.v128));
  const t = f.local(ValType.f64);
  f.get(cols).i32(-16).op('i32_and').i32(2).op('i32_shl').set(n16);
  f.get(cols).i32(2).op('i32_shl').set(nAll);
  /** A[k] ← (A[a] lanes summed in pairs with A[b]'s): (a0 + a1, b0 + b1), the CPU's next level. */
  const pairs = (k: number, a: number, b: number) => {
    f.get(A[a] as number).get(A[b] as number).shuffle32([0, 1, 4, 5]);
    f.get(A[a] as number).get(A[b] as number).shuffle32([2, 3, 6, 7]);
    f.simd('f64x2_add').set(A[k] as number);
  };
  f.forLoop(r, () => f.i32(0), () => f.get(rows), 1, () => {
    for (const a of A) f.f32x4(0).set(a);
    // j runs over the addresses of the full groups (one address, eight load offsets)
    f.get(x).get(n16).op('i32_add').set(end);
    f.forLoop(j, () => f.get(x), () => f.get(end), 64, () => {
      A.forEach((a, k) => {
        f.get(a).get(j).load64Zero(8 * k).simd('f64x2_promote_low_f32x4', 'f64x2_add').set(a);
      });
    });
    // the tail into a0
    f.get(n16).get(nAll).op('i32_lt_u').if(() => {
      f.get(A[0] as number).f64ExtractLane(0).set(t);
      f.forLoop(j, () => f.get(n16), () => f.get(nAll), 4, () => {
        f.get(t).get(x).get(j).op('i32_add').f32Load().op('f64_promote_f32', 'f64_add').set(t);
      });
      f.get(A[0] as number).get(t).f64ReplaceLane(0).set(A[0] as number);
    });
    for (let k = 0; k < 4; k++) pairs(k, 2 * k, 2 * k + 1);
    for (let k = 0; k < 2; k++) pairs(k, 2 * k, 2 * k + 1);
    pairs(0, 0, 1);
    f.get(A[0] as number).f64ExtractLane(0).get(A[0] as number).f64ExtractLane(1).op('f64_add').set(t);
    f.get(mode).i32(ROW_SUMS_F64).op('i32_eq').if(
      () => {
        f.get(out).get(r).i32(3).op('i32_shl', 'i32_add').get(t).f64Store();
      },
      () => {
        f.get(mode).i32(ROW_MEANS).op('i32_eq').if(() => {
          f.get(t).get(cols).op('f64_convert_i32_s', 'f64_div').set(t);
        });
        f.get(out).get(r).i32(2).op('i32_shl', 'i32_add').get(t).op('f32_demote_f64').f32Store();
      },
    );
    f.get(x).get(nAll).op('i32_add').set(x);
  });
  return mb;
}

const rows = (): PoolModule => kernelModule('reduce rows', rowsModule);

/**
 * `columns(x, out, outer, R, inner, j0, j1, w, mean)`: x viewed as [outer, R, inner] (row-major),
 * out[i, j] = Σ_r x[i, r, j] (÷ R when mean) for the columns j0 ≤ j < j1, each column summed in
 * float64 in row order, as the CPU reference does (so both give the same float32): two columns
 * per f64x2 add. `w` holds `inner` float64 accumulators.
 */
function columnsModule(): ModuleBuilder {
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  const f = mb.func('columns', [I, I, I, I, I, I, I, I, I]);
  const [x, out, outer, R, inner, j0, j1, w, mean] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [i, r, j, j2, row, rowBytes] = [f.local(I), f.local(I), f.local(I), f.local(I), f.local(I), f.local(I)];
  const sum = f.local(ValType.f64);
  /** &w[j] */
  const acc = () => f.get(w).get(j).i32(3).op('i32_shl', 'i32_add');
  // the last column of the pairs: j0 + 2·⌊(j1 − j0)/2⌋
  f.get(j1).get(j0).op('i32_sub').i32(-2).op('i32_and').get(j0).op('i32_add').set(j2);
  f.get(inner).i32(2).op('i32_shl').set(rowBytes);
  f.forLoop(i, () => f.i32(0), () => f.get(outer), 1, () => {
    f.forLoop(j, () => f.get(j0), () => f.get(j1), 1, () => {
      acc();
      f.f64(0).f64Store();
    });
    // x + (i·R·inner + j)·4 for row 0 of this block
    f.get(x).get(i).get(R).op('i32_mul').get(inner).op('i32_mul').i32(2).op('i32_shl', 'i32_add').set(row);
    f.forLoop(r, () => f.i32(0), () => f.get(R), 1, () => {
      f.forLoop(j, () => f.get(j0), () => f.get(j2), 2, () => {
        acc();
        acc();
        f.v128Load(0, 0);
        f.get(row).get(j).i32(2).op('i32_shl', 'i32_add').load64Zero();
        f.simd('f64x2_promote_low_f32x4', 'f64x2_add');
        f.v128Store(0, 0);
      });
      f.forLoop(j, () => f.get(j2), () => f.get(j1), 1, () => {
        acc();
        acc();
        f.f64Load();
        f.get(row).get(j).i32(2).op('i32_shl', 'i32_add').f32Load().op('f64_promote_f32', 'f64_add');
        f.f64Store();
      });
      f.get(row).get(rowBytes).op('i32_add').set(row);
    });
    f.forLoop(j, () => f.get(j0), () => f.get(j1), 1, () => {
      f.get(out).get(i).get(inner).op('i32_mul').get(j).op('i32_add').i32(2).op('i32_shl', 'i32_add');
      acc();
      f.f64Load().set(sum);
      f.get(mean).if(() => {
        f.get(sum).get(R).op('f64_convert_i32_s', 'f64_div').set(sum);
      });
      f.get(sum).op('f32_demote_f64').f32Store();
    });
  });
  return mb;
}

const columns = (): PoolModule => kernelModule('reduce columns', columnsModule);

/**
 * Reduces x viewed as [outer, R, inner] over R into out [outer, inner] (columns split over the
 * threads when large), bit for bit the CPU reference's sums.
 */
export function reduceColumns(be: WasmBackend, x: number, out: number, outer: number, R: number, inner: number, mean: boolean): void {
  const w = heapScratch(be, 'reduce columns', inner * 8);
  const threads = outer * R * inner >= PARALLEL_MIN ? Math.min(be.threads, Math.ceil(inner / 4)) : 1;
  const jobs: Job[] = [];
  for (let t = 0; t < threads; t++) {
    const c0 = Math.floor((inner * t) / threads / 4) * 4;
    const c1 = t === threads - 1 ? inner : Math.floor((inner * (t + 1)) / threads / 4) * 4;
    if (c1 > c0) jobs.push({ module: columns(), fn: 'columns', args: [x, out, outer, R, inner, c0, c1, w, mean ? 1 : 0] });
  }
  be.parallel(jobs);
}

/**
 * The [outer, R, inner] view of a reduction over `axes` (sorted), when they are one run of
 * consecutive axes; null otherwise.
 */
export function runView(shape: readonly number[], axes: readonly number[]): { outer: number; R: number; inner: number } | null {
  if (axes.length === 0) return null;
  const a = axes[0] as number;
  const b = axes[axes.length - 1] as number;
  if (b - a + 1 !== axes.length) return null;
  const prod = (from: number, to: number) => shape.slice(from, to).reduce((p, d) => p * d, 1);
  return { outer: prod(0, a), R: prod(a, b + 1), inner: prod(b + 1, shape.length) };
}

/**
 * Reduces rows×cols at x into out (rows split over threads when large). A row longer than
 * SUM_BLOCK is summed as the CPU reference sums it: block by block (the blocks split over the
 * threads), the float64 block sums then added in order.
 */
export function reduceRows(be: WasmBackend, x: number, out: number, nRows: number, cols: number, mean: boolean): void {
  if (cols <= SUM_BLOCK) {
    splitRows(be, rows(), 'rows', nRows, cols, (r0, n) => [x + r0 * cols * 4, out + r0 * 4, n, cols, mean ? ROW_MEANS : ROW_SUMS]);
    return;
  }
  const full = Math.floor(cols / SUM_BLOCK);
  const last = cols - full * SUM_BLOCK;
  const blocks = full + (last > 0 ? 1 : 0);
  const sums = heapScratch(be, 'reduce row blocks', blocks * 8);
  for (let i = 0; i < nRows; i++) {
    const row = x + i * cols * 4;
    splitRows(be, rows(), 'rows', full, SUM_BLOCK, (r0, n) => [row + r0 * SUM_BLOCK * 4, sums + r0 * 8, n, SUM_BLOCK, ROW_SUMS_F64]);
    if (last > 0) be.parallel([{ module: rows(), fn: 'rows', args: [row + full * SUM_BLOCK * 4, sums + full * 8, 1, last, ROW_SUMS_F64] }]);
    const partial = new Float64Array(be.heap.buffer(), sums, blocks);
    let total = partial[0] as number;
    for (let b = 1; b < blocks; b++) total += partial[b] as number;
    new Float32Array(be.heap.buffer(), out + i * 4, 1)[0] = mean ? total / cols : total;
  }
}

/**
 * Sum and Mean of float32: over one run of axes ending with the last (a row per output: the last
 * axis, or all of them) or before the last (columns: a bias gradient) in wasm; other axis sets through the CPU backend's compute
 * loops on views of the heap.
 */
export function reduceKernel(op: 'Sum' | 'Mean'): WasmKernelFactory {
  return (be, sig) => {
    if (sig.inputs[0] !== 'float32') return undefined;
    const general = op === 'Sum' ? reduceSum('float32') : reduceMean('float32');
    return (inputs, ctx) => {
      const x = input(inputs, 0);
      const axesIn = Array.from(input(inputs, 1).data() as ArrayLike<number | bigint>, Number);
      const rank = x.shape.length;
      // TensorFlow's checks (range, duplicates), as the CPU kernel makes them.
      const sorted = reductionAxes(axesIn, rank);
      const axes = new Set(sorted);
      const keep = ctx.env.attrs.keep_dims === true;
      const outShape = x.shape.flatMap((d, i) => (axes.has(i) ? (keep ? [1] : []) : [d]));
      const o = ctx.output(0, 'float32', outShape) as WasmTensor;
      const cols = rank > 0 ? (x.shape[rank - 1] as number) : 1;
      const run = runView(x.shape, sorted);
      if (sorted.length === 0 || o.size === x.size) {
        // nothing reduced (a broadcast gradient's Sum over no axes, or over size-1 axes): a copy
        // (a Mean of one value is that value)
        heapCopy(be, o.ptr, x.ptr, x.byteLength);
      } else if (rank > 0 && axes.size === 1 && axes.has(rank - 1) && cols > 0) {
        if (o.size > 0) reduceRows(be, x.ptr, o.ptr, o.size, cols, op === 'Mean');
      } else if (run && run.inner === 1 && run.R > 0 && o.size > 0) {
        // a run of axes ending with the last (all of them, say): rows of R values, summed in the
        // CPU reference's order for a line (SUM_LANES interleaved accumulators)
        reduceRows(be, x.ptr, o.ptr, run.outer, run.R, op === 'Mean');
      } else if (run && run.inner > 1 && run.R > 0 && o.size > 0) {
        reduceColumns(be, x.ptr, o.ptr, run.outer, run.R, run.inner, op === 'Mean');
      } else {
        general(x.data() as Float32Array, x.shape, sorted, o.data() as Float32Array);
      }
      return [o];
    };
  };
}
