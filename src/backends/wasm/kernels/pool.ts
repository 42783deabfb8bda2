// MaxPool and MaxPoolGrad on the wasm backend: float32, NHWC, spatial windows with SAME/VALID
// padding; wasm SIMD over four channels at a time (images split over threads) when the depth is
// a multiple of 4, else loops over views of the heap. Depth pooling, EXPLICIT padding and NCHW
// run on the CPU backend.
import type { Attrs } from '../../../ops/types.js';
import { invalid, runWindow, unimplemented } from '../../cpu/kernels/nn-common.js';
import type { PoolGeometry } from '../../cpu/compute/pool.js';
import { input } from '../backend.js';
import type { WasmTensor } from '../tensor.js';
import { type Nhwc, need4D } from './conv-geometry.js';
import { PARALLEL_MIN, type WasmKernelFactory } from './elementwise.js';
import type { WasmBackend } from '../backend.js';
import { kernelModule } from '../modules.js';
import type { Job, PoolModule } from '../pool.js';
import { poolModule } from './pool-module.js';

const maxPoolModule = (): PoolModule => kernelModule('maxpool', poolModule);

/**
 * Runs the wasm `fn` of `m` over the batch split into one range of images per thread: `ptrs`
 * advance by their per-image byte counts `per`; `extra(t)` gives trailing per-thread args.
 */
export function runImages(be: WasmBackend, m: PoolModule, fn: string, g: PoolGeometry, ptrs: number[], per: number[], extra: (t: number) => number[]): void {
  const threads = g.batch * g.inH * g.inW * g.depth >= PARALLEL_MIN ? Math.min(be.threads, g.batch) : 1;
  const chunk = Math.ceil(g.batch / threads);
  const jobs: Job[] = [];
  for (let b0 = 0, t = 0; b0 < g.batch; b0 += chunk, t++) {
    const nb = Math.min(chunk, g.batch - b0);
    const geo = [nb, g.inH, g.inW, g.depth, g.kH, g.kW, g.strideH, g.strideW, g.outH, g.outW, g.padTop, g.padLeft];
    jobs.push({ module: m, fn, args: [...ptrs.map((p, i) => p + b0 * (per[i] as number)), ...geo, ...extra(t)] });
  }
  be.parallel(jobs);
}

/** The spatial pooling window over an NHWC input (CPU messages for a bad one). */
export function geometry(attrs: Attrs, x: Nhwc): PoolGeometry {
  const [kn, kh, kw] = attrs.ksize as number[] as [number, number, number, number];
  const [sn, sh, sw] = attrs.strides as number[] as [number, number, number, number];
  if (kn !== 1 || sn !== 1) unimplemented('Pooling is not yet supported on the batch dimension.');
  const [batch, inH, inW, depth] = x;
  const wy = runWindow(inH, kh, 1, sh, attrs.padding as string);
  const wx = runWindow(inW, kw, 1, sw, attrs.padding as string);
  return { batch, inH, inW, depth, kH: kh, kW: kw, strideH: sh, strideW: sw, outH: wy.out, outW: wx.out, padTop: wy.padBefore, padLeft: wx.padBefore };
}

/** Calls `visit(ob, y0, y1, x0, x1, b)` for each output pixel (ob its first element) with its window's real cells. */
function eachWindow(g: PoolGeometry, visit: (ob: number, y0: number, y1: number, x0: number, x1: number, b: number) => void): void {
  let ob = 0;
  for (let b = 0; b < g.batch; b++) {
    for (let oy = 0; oy < g.outH; oy++) {
      const y0 = Math.max(oy * g.strideH - g.padTop, 0);
      const y1 = Math.min(oy * g.strideH - g.padTop + g.kH, g.inH);
      for (let ox = 0; ox < g.outW; ox++, ob += g.depth) {
        const x0 = Math.max(ox * g.strideW - g.padLeft, 0);
        const x1 = Math.min(ox * g.strideW - g.padLeft + g.kW, g.inW);
        visit(ob, y0, y1, x0, x1, b);
      }
    }
  }
}

/**
 * Each output gradient added at its window's maximum: the first in row-major window order, a
 * leading NaN keeping the first cell (TensorFlow's CPU MaxPoolGrad routing). `dx` is overwritten.
 */
function maxPoolGrad(x: Float32Array, dy: Float32Array, g: PoolGeometry, dx: Float32Array): void {
  const { inH, inW, depth } = g;
  dx.fill(0);
  const best = new Int32Array(depth);
  const bestV = new Float32Array(depth);
  eachWindow(g, (ob, y0, y1, x0, x1, b) => {
    if (y0 >= y1 || x0 >= x1) return;
    const first = ((b * inH + y0) * inW + x0) * depth;
    for (let d = 0; d < depth; d++) {
      best[d] = first + d;
      bestV[d] = x[first + d] as number;
    }
    for (let iy = y0; iy < y1; iy++) {
      for (let ix = x0; ix < x1; ix++) {
        const base = ((b * inH + iy) * inW + ix) * depth;
        for (let d = 0; d < depth; d++) {
          const v = x[base + d] as number;
          if (v > (bestV[d] as number)) {
            bestV[d] = v;
            best[d] = base + d;
          }
        }
      }
    }
    for (let d = 0; d < depth; d++) dx[best[d] as number] += dy[ob + d] as number;
  });
}

/** Spatial NHWC float32 pooling with SAME/VALID padding (the float input is input `dtypeInput`): the cases these loops serve. */
export const served = (sig: { inputs: readonly string[] }, attrs: Record<string, unknown>, dtypeInput = 0) => {
  const k = attrs.ksize as number[] | undefined;
  const s = attrs.strides as number[] | undefined;
  return (
    sig.inputs[dtypeInput] === 'float32' &&
    (attrs.data_format ?? 'NHWC') === 'NHWC' &&
    (attrs.padding === 'SAME' || attrs.padding === 'VALID') &&
    k?.length === 4 &&
    s?.length === 4 &&
    k[3] === 1 &&
    s[3] === 1
  );
};

/**
 * A forward pooling kernel for the cases `served` covers: the input checked, the output allocated,
 * `pool(x, o, g)` run when the output is not empty.
 */
export function poolForward(pool: (be: WasmBackend, x: WasmTensor, o: WasmTensor, g: PoolGeometry) => void): WasmKernelFactory {
  return (be, sig, attrs) => {
    if (!served(sig, attrs)) return undefined;
    return (inputs, ctx) => {
      const x = input(inputs, 0);
      const g = geometry(ctx.env.attrs, need4D(x, 'input'));
      const o = ctx.output(0, 'float32', [g.batch, g.outH, g.outW, g.depth]) as WasmTensor;
      if (o.size > 0) pool(be, x, o, g);
      return [o];
    };
  };
}

/** The bytes of one image of the input and of the output (runImages' strides). */
export const imageBytes = (g: PoolGeometry): number[] => [g.inH * g.inW * g.depth * 4, g.outH * g.outW * g.depth * 4];

export const maxPoolKernel = poolForward((be, x, o, g) => runImages(be, maxPoolModule(), 'maxpool', g, [x.ptr, o.ptr], imageBytes(g), () => []));

export const maxPoolGradKernel: WasmKernelFactory = (be, sig, attrs) => {
  if (!served(sig, attrs)) return undefined;
  return (inputs, ctx) => {
    const x = input(inputs, 0);
    const y = input(inputs, 1);
    const dy = input(inputs, 2);
    const g = geometry(ctx.env.attrs, need4D(x, 'orig_input'));
    need4D(y, 'orig_output');
    need4D(dy, 'grad');
    const yShape = [g.batch, g.outH, g.outW, g.depth];
    if (y.shape.join() !== yShape.join()) invalid(`Expected orig_output shape to be [${yShape.join(',')}], but got [${y.shape.join(',')}]`);
    if (dy.shape.join() !== yShape.join()) invalid(`Expected grad shape to be [${yShape.join(',')}], but got [${dy.shape.join(',')}]`);
    const o = ctx.output(0, 'float32', x.shape) as WasmTensor;
    if (o.size === 0) return [o];
    if (g.depth % 4 === 0 && dy.size > 0) {
      o.f32().fill(0);
      const lanes = be.threadScratch('maxpool lanes', 16, be.threads);
      const per = g.inH * g.inW * g.depth * 4;
      runImages(be, maxPoolModule(), 'maxpool_grad', g, [x.ptr, dy.ptr, o.ptr], [per, g.outH * g.outW * g.depth * 4, per], (t) => [lanes[t] as number]);
    } else maxPoolGrad(x.f32(), dy.f32(), g, o.f32());
    return [o];
  };
};
