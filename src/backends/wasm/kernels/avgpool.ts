// AvgPool and AvgPoolGrad on the wasm backend: float32, NHWC, spatial windows with SAME/VALID
// padding, in wasm (SIMD over four channels, the rest one at a time; images split over threads).
// NCHW and other dtypes return no kernel: the CPU backend runs them.
import { invalid } from '../../cpu/kernels/nn-common.js';
import { input } from '../backend.js';
import { kernelModule } from '../modules.js';
import type { PoolModule } from '../pool.js';
import type { WasmTensor } from '../tensor.js';
import { type Nhwc, ints, need4D } from './conv-geometry.js';
import { avgPoolModule } from './avgpool-module.js';
import type { WasmKernelFactory } from './elementwise.js';
import { geometry, imageBytes, poolForward, runImages, served } from './pool.js';

const avgModule = (): PoolModule => kernelModule('avgpool', avgPoolModule);

export const avgPoolKernel = poolForward((be, x, o, g) => runImages(be, avgModule(), 'avgpool', g, [x.ptr, o.ptr], imageBytes(g), () => []));

export const avgPoolGradKernel: WasmKernelFactory = (be, sig, attrs) => {
  if (!served(sig, attrs, 1)) return undefined;
  return (inputs, ctx) => {
    const shapeT = input(inputs, 0);
    const dy = input(inputs, 1);
    const shape = ints(shapeT);
    if (shapeT.shape.length !== 1 || shape.length !== 4) invalid('orig_input_shape must be 1-dimensional and 4 elements');
    need4D(dy, 'grad');
    const g = geometry(ctx.env.attrs, shape as Nhwc);
    const want = [g.batch, g.outH, g.outW, g.depth];
    if (dy.shape.join() !== want.join()) invalid(`Expected grad shape to be [${want.join(',')}], but got [${dy.shape.join(',')}]`);
    const o = ctx.output(0, 'float32', shape) as WasmTensor;
    if (o.size === 0) return [o];
    o.f32().fill(0);
    if (dy.size === 0) return [o];
    runImages(be, avgModule(), 'avgpool_grad', g, [o.ptr, dy.ptr], imageBytes(g), () => []);
    return [o];
  };
};
