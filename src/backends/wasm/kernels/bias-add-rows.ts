// BiasAdd of NHWC float32 as one wasm loop over [rows, C] (rows split over threads): the generic
// broadcast path calls wasm once per row, which costs more than the adds when C is small (a
// conv layer's 32 channels: 50 000 calls per batch of 64 28×28 images). Other layouts go to
// the generic kernel (bias-add.ts), which also gives the errors.
import { ModuleBuilder, ValType } from '../builder/index.js';
import { input } from '../backend.js';
import { kernelModule } from '../modules.js';
import type { Job } from '../pool.js';
import type { WasmTensor } from '../tensor.js';
import { biasAddKernel } from './bias-add.js';
import { MEMORY_IMPORT } from './elementwise-module.js';
import { PARALLEL_MIN, type WasmKernelFactory } from './elementwise.js';

const I = ValType.i32;

/** `rows(x, b, out, rows, c)`: out[r, j] = x[r, j] + b[j], four channels at a time then one. */
function biasRowsModule(): ModuleBuilder {
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  const f = mb.func('rows', [I, I, I, I, I]);
  const [x, b, out, rows, c] = [0, 1, 2, 3, 4];
  const [r, j, nVec, nAll] = [f.local(I), f.local(I), f.local(I), f.local(I)];
  f.get(c).i32(-4).op('i32_and').i32(2).op('i32_shl').set(nVec);
  f.get(c).i32(2).op('i32_shl').set(nAll);
  f.forLoop(r, () => f.i32(0), () => f.get(rows), 1, () => {
    f.forLoop(j, () => f.i32(0), () => f.get(nVec), 16, () => {
      f.get(out).get(j).op('i32_add');
      f.get(x).get(j).op('i32_add').v128Load(0, 0).get(b).get(j).op('i32_add').v128Load(0, 0).simd('f32x4_add');
      f.v128Store(0, 0);
    });
    f.forLoop(j, () => f.get(nVec), () => f.get(nAll), 4, () => {
      f.get(out).get(j).op('i32_add');
      f.get(x).get(j).op('i32_add').f32Load().get(b).get(j).op('i32_add').f32Load().op('f32_add');
      f.f32Store();
    });
    f.get(x).get(nAll).op('i32_add').set(x);
    f.get(out).get(nAll).op('i32_add').set(out);
  });
  return mb;
}

export const biasAddRowsKernel: WasmKernelFactory = (be, sig, attrs) => {
  const generic = biasAddKernel(be, sig, attrs);
  if (!generic || attrs.data_format === 'NCHW') return generic;
  return (inputs, ctx) => {
    const x = input(inputs, 0);
    const b = input(inputs, 1);
    const rank = x.shape.length;
    const c = x.shape[rank - 1] as number;
    if (rank < 2 || b.shape.length !== 1 || b.shape[0] !== c || x.size === 0) return generic(inputs, ctx);
    const o = ctx.output(0, 'float32', x.shape) as WasmTensor;
    const nRows = x.size / c;
    const threads = x.size >= PARALLEL_MIN ? Math.min(be.threads, nRows) : 1;
    const per = Math.ceil(nRows / threads);
    const m = kernelModule('bias add rows', biasRowsModule);
    const jobs: Job[] = [];
    for (let r0 = 0; r0 < nRows; r0 += per) {
      jobs.push({ module: m, fn: 'rows', args: [x.ptr + r0 * c * 4, b.ptr, o.ptr + r0 * c * 4, Math.min(per, nRows - r0), c] });
    }
    be.parallel(jobs);
    return [o];
  };
};
