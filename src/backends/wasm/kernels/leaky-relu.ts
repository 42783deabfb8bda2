// LeakyRelu and LeakyReluGrad for float32 on the wasm backend: wasm SIMD with `alpha` compiled in
// (one module per alpha value), as TensorFlow computes them: x > 0 ? x : alpha·x (NaN gives
// alpha·NaN = NaN) and x > 0 ? g : alpha·g, the product in float32.
import { sameShape } from '../../../core/shape.js';
import { input } from '../backend.js';
import { ModuleBuilder, ValType } from '../builder/index.js';
import { kernelModule } from '../modules.js';
import type { PoolModule } from '../pool.js';
import type { WasmTensor } from '../tensor.js';
import { MEMORY_IMPORT } from './elementwise-module.js';
import { type WasmKernelFactory, runSplit } from './elementwise.js';
import { hostedKernel } from './hosted.js';

const I = ValType.i32;

/**
 * `leaky(x, out, n)` and `leaky_grad(g, x, out, n)`: out = x > 0 ? v : alpha·v with v = x, or v = g.
 * Addresses in bytes.
 */
function leakyModule(alpha: number): ModuleBuilder {
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  for (const grad of [false, true]) {
    const f = mb.func(grad ? 'leaky_grad' : 'leaky', grad ? [I, I, I, I] : [I, I, I]);
    const [v, x, out, n] = grad ? [0, 1, 2, 3] : [0, 0, 1, 2];
    const i = f.local(I);
    const nVec = f.local(I);
    const nAll = f.local(I);
    const value = f.local(ValType.v128);
    const scalar = f.local(ValType.f32);
    f.get(n).i32(-4).op('i32_and').i32(2).op('i32_shl').set(nVec);
    f.get(n).i32(2).op('i32_shl').set(nAll);
    const at = (p: number) => f.get(p).get(i).op('i32_add');
    f.forLoop(i, () => f.i32(0), () => f.get(nVec), 16, () => {
      at(out);
      at(v).v128Load(0, 0).tee(value);
      f.get(value).f32x4(alpha).simd('f32x4_mul');
      at(x).v128Load(0, 0).f32x4(0).simd('f32x4_gt', 'v128_bitselect');
      f.v128Store(0, 0);
    });
    f.forLoop(i, () => f.get(nVec), () => f.get(nAll), 4, () => {
      at(out);
      at(v).f32Load().tee(scalar);
      f.get(scalar).f32(alpha).op('f32_mul');
      at(x).f32Load().f32(0).op('f32_gt', 'select');
      f.f32Store();
    });
  }
  return mb;
}

/** The module for one alpha (as the float32 the attr is in TensorFlow). */
const leaky = (alpha: number): PoolModule => {
  const a = Math.fround(alpha);
  return kernelModule(`leaky relu ${a}`, () => leakyModule(a));
};

/** Other dtypes run the CPU kernel on heap views. */
export const leakyReluKernel: WasmKernelFactory = (be, sig, attrs) => {
  if (sig.inputs[0] !== 'float32' || typeof attrs.alpha !== 'number') return hostedKernel('LeakyRelu')(be, sig, attrs);
  const m = leaky(attrs.alpha);
  return (inputs, ctx) => {
    const x = input(inputs, 0);
    const o = ctx.output(0, 'float32', x.shape) as WasmTensor;
    if (o.size > 0) runSplit(be, m, 'leaky', [x.ptr], [false], o.ptr, o.size);
    return [o];
  };
};

/** LeakyReluGrad(gradients, features); inputs of other shapes or dtypes go to the CPU kernel (its error). */
export const leakyReluGradKernel: WasmKernelFactory = (be, sig, attrs) => {
  if (sig.inputs[0] !== 'float32' || sig.inputs[1] !== 'float32' || typeof attrs.alpha !== 'number') return hostedKernel('LeakyReluGrad')(be, sig, attrs);
  const m = leaky(attrs.alpha);
  const host = hostedKernel('LeakyReluGrad')(be, sig, attrs);
  return (inputs, ctx) => {
    const g = input(inputs, 0);
    const x = input(inputs, 1);
    if (!sameShape(g.shape, x.shape) && host) return host(inputs, ctx);
    const o = ctx.output(0, 'float32', g.shape) as WasmTensor;
    if (o.size > 0) runSplit(be, m, 'leaky_grad', [g.ptr, x.ptr], [false, false], o.ptr, o.size);
    return [o];
  };
};
