import { reduceMean, reduceSum } from '../../cpu/compute/index.js';
import { reductionAxes } from '../../cpu/kernels/reduce.js';
import type { WasmBackend } from '../backend.js';
import { input } from '../backend.js';
import { ModuleBuilder, ValType } from '../builder/index.js';
import { kernelModule } from '../modules.js';
import type { PoolModule } from '../pool.js';
import type { WasmTensor } from '../tensor.js';
import { MEMORY_IMPORT } from './elementwise-module.js';
import type { WasmKernelFactory } from './elementwise.js';
import { rowLocals, splitRows } from './rows.js';

const I = ValType.i32;

/**
 * `rows(x, out, rows, cols, mean)`: out[r] = Σ x[r, :] (÷ cols when mean) for a row-major
 * rows×cols x, accumulated in float64 exactly as the CPU reference does (four interleaved
 * accumulators, the tail into the first, combined pairwise), so both give the same float32.
 * Reductions are bound by memory, not by these adds.
 */
function rowsModule(): ModuleBuilder {
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  const f = mb.func('rows', [I, I, I, I, I]);
  const [x, out, rows, cols, mean] = [0, 1, 2, 3, 4];
  const { r, j, n4, nAll } = rowLocals(f, cols);
  const a = [f.local(ValType.f64), f.local(ValType.f64), f.local(ValType.f64), f.local(ValType.f64)] as const;
  const add = (acc: number, offset: number) => f.get(acc).get(x).get(j).op('i32_add').f32Load(offset).op('f64_promote_f32', 'f64_add').set(acc);
  f.forLoop(r, () => f.i32(0), () => f.get(rows), 1, () => {
    for (const acc of a) f.f64(0).set(acc);
    f.forLoop(j, () => f.i32(0), () => f.get(n4), 16, () => {
      a.forEach((acc, q) => {
        add(acc, q * 4);
      });
    });
    f.forLoop(j, () => f.get(n4), () => f.get(nAll), 4, () => add(a[0], 0));
    f.get(a[0]).get(a[1]).op('f64_add').set(a[0]);
    f.get(a[2]).get(a[3]).op('f64_add').set(a[2]);
    f.get(a[0]).get(a[2]).op('f64_add').set(a[0]);
    f.get(mean).if(() => {
      f.get(a[0]).get(cols).op('f64_convert_i32_s', 'f64_div').set(a[0]);
    });
    f.get(out).get(r).i32(2).op('i32_shl', 'i32_add').get(a[0]).op('f32_demote_f64').f32Store();
    f.get(x).get(nAll).op('i32_add').set(x);
  });
  return mb;
}

const rows = (): PoolModule => kernelModule('reduce rows', rowsModule);

/** Reduces rows×cols at x into out (rows split over threads when large). */
export function reduceRows(be: WasmBackend, x: number, out: number, nRows: number, cols: number, mean: boolean): void {
  splitRows(be, rows(), 'rows', nRows, cols, (r0, n) => [x + r0 * cols * 4, out + r0 * 4, n, cols, mean ? 1 : 0]);
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
      // TensorFlow's checks (range, duplicates), as the CPU kernel makes them.
      const sorted = reductionAxes(axesIn, rank);
      const axes = new Set(sorted);
      const keep = ctx.env.attrs.keep_dims === true;
      const outShape = x.shape.flatMap((d, i) => (axes.has(i) ? (keep ? [1] : []) : [d]));
      const o = ctx.output(0, 'float32', outShape) as WasmTensor;
      const cols = rank > 0 ? (x.shape[rank - 1] as number) : 1;
      if (rank > 0 && axes.size === 1 && axes.has(rank - 1) && cols > 0) {
        if (o.size > 0) reduceRows(be, x.ptr, o.ptr, o.size, cols, op === 'Mean');
      } else {
        general(x.data() as Float32Array, x.shape, sorted, o.data() as Float32Array);
      }
      return [o];
    };
  };
}
