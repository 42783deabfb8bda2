// ReluGrad (wasm SIMD) and BiasAddGrad (NHWC: the wasm column sums, bit for bit the CPU
// reference's; NCHW: its Sum loops on views of the heap) for float32 on the wasm backend.
import { InvalidArgumentError } from '../../../core/errors.js';
import { sameShape, shapeDebugString } from '../../../core/shape.js';
import { reduce } from '../../cpu/compute/index.js';
import { input } from '../backend.js';
import { ModuleBuilder, ValType } from '../builder/index.js';
import { kernelModule } from '../modules.js';
import type { PoolModule } from '../pool.js';
import type { WasmTensor } from '../tensor.js';
import { MEMORY_IMPORT } from './elementwise-module.js';
import { type WasmKernelFactory, ewModule, runSplit } from './elementwise.js';
import { hostedKernel } from './hosted.js';
import { ACTIVATION_GRADS } from './activations.js';
import { reduceColumns, runView } from './reduce.js';
import { leakyReluGradKernel, leakyReluKernel } from './leaky-relu.js';

const I = ValType.i32;

/** `relu_grad(g, x, out, n)`: out = g · (x > 0 ? 1 : 0) (a product, as Eigen's: inf·0 is NaN). */
function reluGradModule(): ModuleBuilder {
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  const f = mb.func('relu_grad', [I, I, I, I]);
  const [g, x, out, n] = [0, 1, 2, 3];
  const i = f.local(I);
  const nVec = f.local(I);
  const nAll = f.local(I);
  f.get(n).i32(-4).op('i32_and').i32(2).op('i32_shl').set(nVec);
  f.get(n).i32(2).op('i32_shl').set(nAll);
  const at = (p: number) => f.get(p).get(i).op('i32_add');
  f.forLoop(i, () => f.i32(0), () => f.get(nVec), 16, () => {
    at(out);
    at(g).v128Load(0, 0);
    at(x).v128Load(0, 0).f32x4(0).simd('f32x4_gt').f32x4(1).simd('v128_and', 'f32x4_mul');
    f.v128Store(0, 0);
  });
  f.forLoop(i, () => f.get(nVec), () => f.get(nAll), 4, () => {
    at(out);
    at(g).f32Load();
    f.f32(1).f32(0);
    at(x).f32Load().f32(0).op('f32_gt', 'select', 'f32_mul');
    f.f32Store();
  });
  return mb;
}

const reluGrad = (): PoolModule => kernelModule('relu grad', reluGradModule);

export const reluGradKernel: WasmKernelFactory = (be, sig) => {
  if (sig.inputs[0] !== 'float32' || sig.inputs[1] !== 'float32') return undefined;
  return (inputs, ctx) => {
    const g = input(inputs, 0);
    const x = input(inputs, 1);
    if (!sameShape(g.shape, x.shape)) {
      throw new InvalidArgumentError(
        null,
        null,
        `Inputs to operation ReluGrad of type ReluGrad must have the same size and shape.  Input 0: ${shapeDebugString(g.shape)} != input 1: ${shapeDebugString(x.shape)}`,
      );
    }
    const o = ctx.output(0, 'float32', g.shape) as WasmTensor;
    if (o.size > 0) runSplit(be, reluGrad(), 'relu_grad', [g.ptr, x.ptr], [false, false], o.ptr, o.size);
    return [o];
  };
};

export const biasAddGradKernel: WasmKernelFactory = (be, sig) => {
  if (sig.inputs[0] !== 'float32') return undefined;
  const sum = reduce('Sum', 'float32');
  return (inputs, ctx) => {
    const g = input(inputs, 0);
    const rank = g.shape.length;
    if (rank < 2) throw new InvalidArgumentError(null, null, `Input tensor must be at least 2D: ${shapeDebugString(g.shape)}`);
    const axis = ctx.env.attrs.data_format === 'NCHW' ? 1 : rank - 1;
    const o = ctx.output(0, 'float32', [g.shape[axis] as number]) as WasmTensor;
    const axes = g.shape.map((_d, i) => i).filter((i) => i !== axis);
    const run = runView(g.shape, axes);
    if (run && run.inner > 1 && run.R > 0 && o.size > 0) reduceColumns(be, g.ptr, o.ptr, run.outer, run.R, run.inner, false);
    else sum(g.f32(), g.shape, axes, o.f32());
    return [o];
  };
};

/**
 * TanhGrad, EluGrad, … (ACTIVATION_GRADS): the op table's `<op>_vv` loop over two inputs of one
 * shape. Other shapes go to the CPU kernel on heap views (its error, or its broadcast for
 * TanhGrad/SigmoidGrad), so the semantics are the CPU backend's.
 */
function activationGradKernel(op: string): WasmKernelFactory {
  return (be, sig, attrs) => {
    if (sig.inputs[0] !== 'float32' || sig.inputs[1] !== 'float32') return undefined;
    const host = hostedKernel(op)(be, sig, attrs);
    return (inputs, ctx) => {
      const a = input(inputs, 0);
      const b = input(inputs, 1);
      if (!sameShape(a.shape, b.shape) && host) return host(inputs, ctx);
      const o = ctx.output(0, 'float32', a.shape) as WasmTensor;
      if (o.size > 0) runSplit(be, ewModule(), `${op}_vv`, [a.ptr, b.ptr], [false, false], o.ptr, o.size);
      return [o];
    };
  };
}

export const ACTIVATION_GRAD_KERNELS: Record<string, WasmKernelFactory> = {
  ...Object.fromEntries(Object.keys(ACTIVATION_GRADS).map((op) => [op, activationGradKernel(op)])),
  // alpha is an attr, which the op table's code has no place for: a module per alpha
  LeakyRelu: leakyReluKernel,
  LeakyReluGrad: leakyReluGradKernel,
};
