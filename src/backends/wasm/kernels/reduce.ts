import { reduceMean, reduceSum } from '../../cpu/compute/index.js';
import { InvalidArgumentError } from '../../../core/errors.js';
import type { WasmBackend } from '../backend.js';
import { input } from '../backend.js';
import { ModuleBuilder, ValType } from '../builder/index.js';
import { kernelModule } from '../modules.js';
import type { Job, PoolModule } from '../pool.js';
import type { WasmTensor } from '../tensor.js';
import { MEMORY_IMPORT } from './elementwise-module.js';
import { PARALLEL_MIN, type WasmKernelFactory } from './elementwise.js';

const I = ValType.i32;

/**
 * `rows(x, out, rows, cols, mean)`: out[r] = Σ x[r, :] (÷ cols when mean) for a row-major
 * rows×cols x: two vector accumulators, their lanes added, then the tail.
 */
function rowsModule(): ModuleBuilder {
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  const f = mb.func('rows', [I, I, I, I, I]);
  const [x, out, rows, cols, mean] = [0, 1, 2, 3, 4];
  const r = f.local(I);
  const j = f.local(I);
  const n8 = f.local(I);
  const n4 = f.local(I);
  const nAll = f.local(I);
  const a0 = f.local(ValType.v128);
  const a1 = f.local(ValType.v128);
  const s = f.local(ValType.f32);
  f.get(cols).i32(-8).op('i32_and').i32(2).op('i32_shl').set(n8);
  f.get(cols).i32(-4).op('i32_and').i32(2).op('i32_shl').set(n4);
  f.get(cols).i32(2).op('i32_shl').set(nAll);
  f.forLoop(r, () => f.i32(0), () => f.get(rows), 1, () => {
    f.f32x4(0).tee(a0).set(a1);
    f.forLoop(j, () => f.i32(0), () => f.get(n8), 32, () => {
      f.get(a0).get(x).get(j).op('i32_add').v128Load(0, 0).simd('f32x4_add').set(a0);
      f.get(a1).get(x).get(j).op('i32_add').v128Load(16, 0).simd('f32x4_add').set(a1);
    });
    f.forLoop(j, () => f.get(n8), () => f.get(n4), 16, () => {
      f.get(a0).get(x).get(j).op('i32_add').v128Load(0, 0).simd('f32x4_add').set(a0);
    });
    f.get(a0).get(a1).simd('f32x4_add').set(a0);
    f.get(a0).extractLane(0).get(a0).extractLane(1).op('f32_add');
    f.get(a0).extractLane(2).get(a0).extractLane(3).op('f32_add');
    f.op('f32_add').set(s);
    f.forLoop(j, () => f.get(n4), () => f.get(nAll), 4, () => {
      f.get(s).get(x).get(j).op('i32_add').f32Load().op('f32_add').set(s);
    });
    f.get(mean).if(() => {
      f.get(s).get(cols).op('f32_convert_i32_s', 'f32_div').set(s);
    });
    f.get(out).get(r).i32(2).op('i32_shl', 'i32_add').get(s).f32Store();
    f.get(x).get(nAll).op('i32_add').set(x);
  });
  return mb;
}

const rows = (): PoolModule => kernelModule('reduce rows', rowsModule);

/** Reduces rows×cols at x into out (rows split over threads when large). */
export function reduceRows(be: WasmBackend, x: number, out: number, nRows: number, cols: number, mean: boolean): void {
  const threads = nRows * cols >= PARALLEL_MIN ? Math.min(be.threads, nRows) : 1;
  const per = Math.ceil(nRows / threads);
  const m = rows();
  const jobs: Job[] = [];
  for (let r0 = 0; r0 < nRows; r0 += per) {
    const n = Math.min(per, nRows - r0);
    jobs.push({ module: m, fn: 'rows', args: [x + r0 * cols * 4, out + r0 * 4, n, cols, mean ? 1 : 0] });
  }
  be.parallel(jobs);
}

/**
 * Sum and Mean of float32: over the last axis (the common case: a row per output) in wasm;
 * other axis sets through the CPU backend's compute loops on views of the heap.
 */
export function reduceKernel(op: 'Sum' | 'Mean'): WasmKernelFactory {
  return (be, sig) => {
    if (sig.inputs[0] !== 'float32') return undefined;
    const general = op === 'Sum' ? reduceSum('float32') : reduceMean('float32');
    return (inputs, ctx) => {
      const x = input(inputs, 0);
      const axesIn = Array.from(input(inputs, 1).data() as ArrayLike<number | bigint>, Number);
      const rank = x.shape.length;
      const axes = new Set<number>();
      for (const ax of axesIn) {
        if (ax < -rank || ax >= rank) {
          throw new InvalidArgumentError(null, null, `Invalid reduction dimension (${ax} for input with ${rank} dimension(s)`);
        }
        axes.add(ax < 0 ? ax + rank : ax);
      }
      const keep = ctx.env.attrs.keep_dims === true;
      const outShape = x.shape.flatMap((d, i) => (axes.has(i) ? (keep ? [1] : []) : [d]));
      const o = ctx.output(0, 'float32', outShape) as WasmTensor;
      const cols = rank > 0 ? (x.shape[rank - 1] as number) : 1;
      if (rank > 0 && axes.size === 1 && axes.has(rank - 1) && cols > 0) {
        if (o.size > 0) reduceRows(be, x.ptr, o.ptr, o.size, cols, op === 'Mean');
      } else {
        general(x.data() as Float32Array, x.shape, [...axes].sort((p, q) => p - q), o.data() as Float32Array);
      }
      return [o];
    };
  };
}
