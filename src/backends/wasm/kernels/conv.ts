// Conv2D and its two backprops on the wasm backend, float32 NHWC: im2col / col2im (wasm SIMD)
// into a heap scratch block and the packed wasm GEMM (split over the worker threads), the CPU reference's
// patch layout ([rows = output pixels, k = fH·fW·inC], HWIO filters seen as [k, outC]).
// NCHW runs on the CPU backend; grouped convolutions (known only at run time) run the CPU
// backend's compute loops on views of the heap.
import type { KernelContext } from '../../backend.js';
import type { WasmBackend } from '../backend.js';
import { input } from '../backend.js';
import { type ConvGeometry, conv2dGrouped } from '../../cpu/compute/conv.js';
import { matmul } from '../../cpu/compute/index.js';
import type { WasmTensor } from '../tensor.js';
import { backpropFilterArgs, backpropInputArgs, convGeometry, need4D, nhwcF32 } from './conv-geometry.js';
import { PARALLEL_MIN, type WasmKernelFactory, ewModule, runSplit } from './elementwise.js';
import { kernelModule } from '../modules.js';
import type { Job } from '../pool.js';
import { PATCH_GEOMETRY, convModule } from './conv-module.js';
import { type GemmEpilogue, matmulInto, stridedGemm } from './matmul.js';
import { heapScratch } from './scratch.js';
import { winogradConv, winogradFits, winogradInputGrad, winogradInputGradGeometry } from './winograd.js';

/** Patch-matrix floats per chunk (16 MB): bounds the scratch whatever the batch. */
const CHUNK_ELEMS = 1 << 22;

const isPointwise = (g: ConvGeometry) =>
  g.fH === 1 && g.fW === 1 && g.strideH === 1 && g.strideW === 1 && g.padTop === 0 && g.padLeft === 0 && g.outH === g.inH && g.outW === g.inW;

const chunkRows = (g: ConvGeometry, rows: number) => Math.min(rows, Math.max(1, Math.floor(CHUNK_ELEMS / Math.max(1, g.fH * g.fW * g.inC))));

/**
 * Runs the wasm `im2col` (x → cols, rows split over threads when large) or `col2im` (cols → dx,
 * one thread: rows of one image overlap in dx) for patch rows r0..r0+rn; pointers are bytes.
 */
function patches(be: WasmBackend, fn: 'im2col' | 'col2im', from: number, to: number, g: ConvGeometry, r0: number, rn: number): void {
  const m = kernelModule('conv patches', convModule);
  const k = g.fH * g.fW * g.inC;
  const threads = fn === 'im2col' && rn * k >= PARALLEL_MIN ? Math.min(be.threads, rn) : 1;
  const per = Math.ceil(rn / threads);
  const jobs: Job[] = [];
  for (let s = 0; s < rn; s += per) {
    const row = r0 + s;
    const ox = row % g.outW;
    const t = (row - ox) / g.outW;
    const oy = t % g.outH;
    const b = (t - oy) / g.outH;
    const geo = [g.inH, g.inW, g.inC, g.fH, g.fW, g.outH, g.outW, g.strideH, g.strideW, g.dilH, g.dilW, g.padTop, g.padLeft];
    // the patch rows move with the split; x (or dx) is addressed from its start
    const [a, c] = fn === 'im2col' ? [from, to + s * k * 4] : [from + s * k * 4, to];
    jobs.push({ module: m, fn, args: [a, c, Math.min(per, rn - s), ox, oy, b, ...geo] });
  }
  be.parallel(jobs);
}

/** The CPU reference's loops on heap views: grouped convolutions (rare; not worth a GEMM path). */
function grouped(pass: 'forward' | 'input' | 'filter', a: WasmTensor, b: WasmTensor, o: WasmTensor, g: ConvGeometry & { groups: number }): void {
  conv2dGrouped(pass, matmul('float32'), a.f32(), b.f32(), o.f32(), g, g.groups);
}

/** out[rows, outC] = patches(x) · f (then + bias and the activation, as the GEMM stores each tile). */
function forward(be: WasmBackend, x: WasmTensor, f: WasmTensor, o: WasmTensor, g: ConvGeometry, epilogue?: GemmEpilogue): void {
  const rows = g.batch * g.outH * g.outW;
  const k = g.fH * g.fW * g.inC;
  if (rows === 0 || g.outC === 0) return;
  if (k === 0 || isPointwise(g)) {
    matmulInto(be, x.ptr, f.ptr, o.ptr, rows, g.outC, k, false, false, epilogue);
    return;
  }
  if (winogradFits(g)) {
    winogradConv(be, x.ptr, f.ptr, o.ptr, g, epilogue);
    return;
  }
  // The GEMM packs its A panels straight from x (no patch matrix): the geometry block it reads.
  const geo = heapScratch(be, 'conv geometry', PATCH_GEOMETRY.length * 4);
  const fields: Record<(typeof PATCH_GEOMETRY)[number], number> = {
    x: x.ptr,
    inH: g.inH,
    inW: g.inW,
    inC: g.inC,
    fW: g.fW,
    outH: g.outH,
    outW: g.outW,
    sH: g.strideH,
    sW: g.strideW,
    dH: g.dilH,
    dW: g.dilW,
    padTop: g.padTop,
    padLeft: g.padLeft,
  };
  new Int32Array(be.heap.buffer(), geo, PATCH_GEOMETRY.length).set(PATCH_GEOMETRY.map((name) => fields[name]));
  stridedGemm(be, [geo, 0, 0], [f.ptr, g.outC * 4, 4], o.ptr, rows, g.outC, k, epilogue, true);
}

/** dx = col2im(dy · fᵀ), or Winograd for 3×3 stride-1 filters (winogradInputGrad). */
function backpropInput(be: WasmBackend, f: WasmTensor, dy: WasmTensor, dx: WasmTensor, g: ConvGeometry): void {
  const rows = g.batch * g.outH * g.outW;
  const k = g.fH * g.fW * g.inC;
  if (dx.size === 0) return;
  if (rows === 0 || k === 0 || g.outC === 0) {
    dx.f32().fill(0);
    return;
  }
  if (isPointwise(g)) {
    matmulInto(be, dy.ptr, f.ptr, dx.ptr, rows, k, g.outC, false, true);
    return;
  }
  // a 3×3 stride-1 input gradient is itself a 3×3 convolution of dy: Winograd where it fits
  const t = winogradInputGradGeometry(g);
  if (t) {
    winogradInputGrad(be, f.ptr, dy.ptr, dx.ptr, g, t);
    return;
  }
  dx.f32().fill(0);
  const chunk = chunkRows(g, rows);
  const cols = heapScratch(be, 'conv patches', chunk * k * 4);
  for (let r0 = 0; r0 < rows; r0 += chunk) {
    const rn = Math.min(chunk, rows - r0);
    matmulInto(be, dy.ptr + r0 * g.outC * 4, f.ptr, cols, rn, k, g.outC, false, true);
    patches(be, 'col2im', cols, dx.ptr, g, r0, rn);
  }
}

/** df = patches(x)ᵀ · dy, chunk products summed in float32. */
function backpropFilter(be: WasmBackend, x: WasmTensor, dy: WasmTensor, df: WasmTensor, g: ConvGeometry): void {
  const rows = g.batch * g.outH * g.outW;
  const k = g.fH * g.fW * g.inC;
  const n = k * g.outC;
  if (n === 0) return;
  if (rows === 0) {
    df.f32().fill(0);
    return;
  }
  if (isPointwise(g)) {
    matmulInto(be, x.ptr, dy.ptr, df.ptr, k, g.outC, rows, true, false);
    return;
  }
  const chunk = chunkRows(g, rows);
  const cols = heapScratch(be, 'conv patches', chunk * k * 4);
  const part = chunk < rows ? heapScratch(be, 'conv filter part', n * 4) : 0;
  for (let r0 = 0; r0 < rows; r0 += chunk) {
    const rn = Math.min(chunk, rows - r0);
    patches(be, 'im2col', x.ptr, cols, g, r0, rn);
    const first = r0 === 0;
    matmulInto(be, cols, dy.ptr + r0 * g.outC * 4, first ? df.ptr : part, k, g.outC, rn, true, false);
    if (!first) runSplit(be, ewModule(), 'AddV2_vv', [df.ptr, part], [false, false], df.ptr, n);
  }
}

/**
 * Conv2D of float32 NHWC into a new output, with TensorFlow's checks; `epilogue` (bias, activation)
 * as the GEMM stores each tile; a grouped convolution returns false for `epilogue` (not applied).
 */
export function runConv2D(be: WasmBackend, x: WasmTensor, f: WasmTensor, attrs: Record<string, unknown>, ctx: KernelContext, epilogue?: GemmEpilogue): [WasmTensor, boolean] {
  const xs = need4D(x, 'input');
  need4D(f, 'filter');
  const g = convGeometry(attrs as never, xs, f.shape);
  const o = ctx.output(0, 'float32', [g.batch, g.outH, g.outW, g.outC]) as WasmTensor;
  if (g.groups > 1) {
    grouped('forward', x, f, o, g);
    return [o, false];
  }
  forward(be, x, f, o, g, epilogue);
  return [o, true];
}

export const conv2dKernel: WasmKernelFactory = (be, sig, attrs) => {
  if (!nhwcF32(sig, 0, attrs)) return undefined;
  return (inputs, ctx) => [runConv2D(be, input(inputs, 0), input(inputs, 1), ctx.env.attrs, ctx)[0]];
};

export const conv2dBackpropInputKernel: WasmKernelFactory = (be, sig, attrs) => {
  if (!nhwcF32(sig, 1, attrs)) return undefined;
  const label = 'Conv2DBackpropInput';
  return (inputs, ctx) => {
    const f = input(inputs, 1);
    const dy = input(inputs, 2);
    const { xs, g } = backpropInputArgs(label, input(inputs, 0), f, dy, ctx.env.attrs);
    const o = ctx.output(0, 'float32', xs) as WasmTensor;
    if (g.groups > 1) grouped('input', f, dy, o, g);
    else backpropInput(be, f, dy, o, g);
    return [o];
  };
};

export const conv2dBackpropFilterKernel: WasmKernelFactory = (be, sig, attrs) => {
  if (!nhwcF32(sig, 0, attrs)) return undefined;
  const label = 'Conv2DBackpropFilter';
  return (inputs, ctx) => {
    const x = input(inputs, 0);
    const dy = input(inputs, 2);
    const { fs, g } = backpropFilterArgs(label, x, input(inputs, 1), dy, ctx.env.attrs);
    const o = ctx.output(0, 'float32', fs) as WasmTensor;
    if (g.groups > 1) grouped('filter', x, dy, o, g);
    else backpropFilter(be, x, dy, o, g);
    return [o];
  };
};
