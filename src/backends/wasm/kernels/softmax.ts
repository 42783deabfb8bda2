import { InvalidArgumentError } from '../../../core/errors.js';
import { shapeDebugString } from '../../../core/shape.js';
import type { WasmBackend } from '../backend.js';
import { input } from '../backend.js';
import { ModuleBuilder, ValType } from '../builder/index.js';
import { kernelModule } from '../modules.js';
import type { Job, PoolModule } from '../pool.js';
import type { WasmTensor } from '../tensor.js';
import { MEMORY_IMPORT } from './elementwise-module.js';
import { PARALLEL_MIN, type WasmKernelFactory } from './elementwise.js';
import { emitExp, temps } from './ops.js';

const I = ValType.i32;

/**
 * `rows(x, out, rows, cols)`: softmax of each row: the row's max, exp(x - max) written and summed,
 * then scaled by 1/sum (as TensorFlow's kernel: a product with the inverse).
 */
function softmaxModule(): ModuleBuilder {
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  const f = mb.func('rows', [I, I, I, I]);
  const [x, out, rows, cols] = [0, 1, 2, 3];
  const t = temps(f);
  const r = f.local(I);
  const j = f.local(I);
  const n4 = f.local(I);
  const nAll = f.local(I);
  const acc = f.local(ValType.v128);
  const mv = f.local(ValType.v128);
  const s = f.local(ValType.f32);
  const lanes = (op: 'f32_max' | 'f32_add') => f.get(acc).extractLane(0).get(acc).extractLane(1).op(op).get(acc).extractLane(2).get(acc).extractLane(3).op(op).op(op);
  f.get(cols).i32(-4).op('i32_and').i32(2).op('i32_shl').set(n4);
  f.get(cols).i32(2).op('i32_shl').set(nAll);
  f.forLoop(r, () => f.i32(0), () => f.get(rows), 1, () => {
    f.f32x4(Number.NEGATIVE_INFINITY).set(acc);
    f.forLoop(j, () => f.i32(0), () => f.get(n4), 16, () => {
      f.get(acc).get(x).get(j).op('i32_add').v128Load(0, 0).simd('f32x4_max').set(acc);
    });
    lanes('f32_max');
    f.set(s);
    f.forLoop(j, () => f.get(n4), () => f.get(nAll), 4, () => {
      f.get(s).get(x).get(j).op('i32_add').f32Load().op('f32_max').set(s);
    });
    f.get(s).simd('f32x4_splat').set(mv);
    // exp(x - max) into out, summed
    f.f32x4(0).set(acc);
    f.forLoop(j, () => f.i32(0), () => f.get(n4), 16, () => {
      f.get(out).get(j).op('i32_add');
      f.get(x).get(j).op('i32_add').v128Load(0, 0).get(mv).simd('f32x4_sub');
      emitExp(f, t);
      f.tee(t.v).v128Store(0, 0);
      f.get(acc).get(t.v).simd('f32x4_add').set(acc);
    });
    lanes('f32_add');
    f.set(s);
    f.forLoop(j, () => f.get(n4), () => f.get(nAll), 4, () => {
      f.get(out).get(j).op('i32_add');
      f.get(x).get(j).op('i32_add').f32Load().simd('f32x4_splat').get(mv).simd('f32x4_sub');
      emitExp(f, t);
      f.extractLane(0).tee(t.f).f32Store();
      f.get(s).get(t.f).op('f32_add').set(s);
    });
    // · 1/sum
    f.f32(1).get(s).op('f32_div').tee(s).simd('f32x4_splat').set(mv);
    f.forLoop(j, () => f.i32(0), () => f.get(n4), 16, () => {
      f.get(out).get(j).op('i32_add').get(out).get(j).op('i32_add').v128Load(0, 0).get(mv).simd('f32x4_mul').v128Store(0, 0);
    });
    f.forLoop(j, () => f.get(n4), () => f.get(nAll), 4, () => {
      f.get(out).get(j).op('i32_add').get(out).get(j).op('i32_add').f32Load().get(s).op('f32_mul').f32Store();
    });
    f.get(x).get(nAll).op('i32_add').set(x);
    f.get(out).get(nAll).op('i32_add').set(out);
  });
  return mb;
}

const softmax = (): PoolModule => kernelModule('softmax rows', softmaxModule);

/** Softmax of float32 logits over the last axis, rows split over threads when large. */
export const softmaxKernel: WasmKernelFactory = (be: WasmBackend, sig) => {
  if (sig.inputs[0] !== 'float32') return undefined;
  return (inputs, ctx) => {
    const x = input(inputs, 0);
    if (x.shape.length < 1) throw new InvalidArgumentError(null, null, `logits must have >= 1 dimension, got ${shapeDebugString(x.shape)}`);
    const o = ctx.output(0, 'float32', x.shape) as WasmTensor;
    const cols = x.shape[x.shape.length - 1] as number;
    if (o.size === 0) return [o];
    const nRows = o.size / cols;
    const threads = o.size >= PARALLEL_MIN ? Math.min(be.threads, nRows) : 1;
    const per = Math.ceil(nRows / threads);
    const m = softmax();
    const jobs: Job[] = [];
    for (let r0 = 0; r0 < nRows; r0 += per) {
      jobs.push({ module: m, fn: 'rows', args: [x.ptr + r0 * cols * 4, o.ptr + r0 * cols * 4, Math.min(per, nRows - r0), cols] });
    }
    be.parallel(jobs);
    return [o];
  };
};
