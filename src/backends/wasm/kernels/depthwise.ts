// DepthwiseConv2dNative and its two backprops on the wasm backend, float32 NHWC: direct loops
// over the windows (depthwise-module.ts), wasm SIMD over the contiguous channel axis, rows of
// batch × height split over the worker threads. NCHW and other dtypes run on the CPU backend.
import type { ConvRunGeometry } from '../../../ops/conv-geometry.js';
import type { WasmBackend } from '../backend.js';
import { input } from '../backend.js';
import { relaxedSimdSupported } from '../features.js';
import { kernelModule } from '../modules.js';
import type { Job } from '../pool.js';
import type { WasmTensor } from '../tensor.js';
import { backpropFilterArgs, backpropInputArgs, convGeometry, need4D, nhwcF32 } from './conv-geometry.js';
import { depthwiseModule } from './depthwise-module.js';
import { PARALLEL_MIN, type WasmKernelFactory, ewModule, runSplit } from './elementwise.js';
import { heapScratch } from './scratch.js';

type Fn = 'depthwise' | 'depthwise_filter' | 'depthwise_input';

const module = () => {
  const fma = relaxedSimdSupported();
  return kernelModule(`depthwise fma=${fma}`, () => depthwiseModule(fma));
};

/** Threads for `rows` rows of `macs` multiply-adds in all: one below the parallel threshold. */
const threadsFor = (be: WasmBackend, rows: number, macs: number) => (macs >= PARALLEL_MIN ? Math.max(1, Math.min(be.threads, rows)) : 1);

const macsOf = (g: ConvRunGeometry) => g.batch * g.outH * g.outW * g.outC * g.fH * g.fW;

/**
 * Runs `fn` over `rows` rows split into one range per thread; `ptrs(t)` gives the three
 * pointers of thread t's job.
 */
function runRows(be: WasmBackend, fn: Fn, g: ConvRunGeometry, rows: number, threads: number, ptrs: (t: number) => number[]): void {
  const m = module();
  const mult = g.inC === 0 ? 0 : g.outC / g.inC;
  const geo = [g.inH, g.inW, g.inC, mult, g.fH, g.fW, g.outH, g.outW, g.strideH, g.strideW, g.dilH, g.dilW, g.padTop, g.padLeft];
  const chunk = Math.ceil(rows / threads);
  const jobs: Job[] = [];
  for (let r0 = 0, t = 0; r0 < rows; r0 += chunk, t++) jobs.push({ module: m, fn, args: [...ptrs(t), r0, Math.min(rows, r0 + chunk), ...geo] });
  be.parallel(jobs);
}

export const depthwiseConv2dKernel: WasmKernelFactory = (be, sig, attrs) => {
  if (!nhwcF32(sig, 0, attrs)) return undefined;
  return (inputs, ctx) => {
    const x = input(inputs, 0);
    const f = input(inputs, 1);
    const xs = need4D(x, 'input');
    need4D(f, 'filter');
    const g = convGeometry(ctx.env.attrs, xs, f.shape, true);
    const o = ctx.output(0, 'float32', [g.batch, g.outH, g.outW, g.outC]) as WasmTensor;
    if (o.size === 0) return [o];
    const rows = g.batch * g.outH;
    runRows(be, 'depthwise', g, rows, threadsFor(be, rows, macsOf(g)), () => [x.ptr, f.ptr, o.ptr]);
    return [o];
  };
};

export const depthwiseConv2dBackpropInputKernel: WasmKernelFactory = (be, sig, attrs) => {
  if (!nhwcF32(sig, 1, attrs)) return undefined;
  const label = 'DepthwiseConv2DBackpropInput';
  return (inputs, ctx) => {
    const f = input(inputs, 1);
    const dy = input(inputs, 2);
    const { xs, g } = backpropInputArgs(label, input(inputs, 0), f, dy, ctx.env.attrs, true);
    const o = ctx.output(0, 'float32', xs) as WasmTensor;
    if (o.size === 0) return [o];
    const rows = g.batch * g.inH;
    runRows(be, 'depthwise_input', g, rows, threadsFor(be, rows, macsOf(g)), () => [f.ptr, dy.ptr, o.ptr]);
    return [o];
  };
};

export const depthwiseConv2dBackpropFilterKernel: WasmKernelFactory = (be, sig, attrs) => {
  if (!nhwcF32(sig, 0, attrs)) return undefined;
  const label = 'DepthwiseConv2DBackpropFilter';
  return (inputs, ctx) => {
    const x = input(inputs, 0);
    const dy = input(inputs, 2);
    const { fs, g } = backpropFilterArgs(label, x, input(inputs, 1), dy, ctx.env.attrs, true);
    const o = ctx.output(0, 'float32', fs) as WasmTensor;
    const n = o.size;
    if (n === 0) return [o];
    o.f32().fill(0);
    const rows = g.batch * g.outH;
    if (rows === 0) return [o];
    // thread 0 sums into df, the others into their own zeroed parts, added to df after
    const threads = threadsFor(be, rows, macsOf(g));
    const parts = threads > 1 ? heapScratch(be, 'depthwise filter parts', (threads - 1) * n * 4) : 0;
    if (threads > 1) be.heap.f32.fill(0, parts / 4, parts / 4 + (threads - 1) * n);
    const part = (t: number) => (t === 0 ? o.ptr : parts + (t - 1) * n * 4);
    runRows(be, 'depthwise_filter', g, rows, threads, (t) => [x.ptr, dy.ptr, part(t)]);
    for (let t = 1; t < threads; t++) runSplit(be, ewModule(), 'AddV2_vv', [o.ptr, part(t)], [false, false], o.ptr, n);
    return [o];
  };
};
