// FusedBatchNormV3 and FusedBatchNormGradV3 on float32 with channels last (NHWC, NDHWC): the
// per-channel loops of batch-norm-module.ts, channel ranges split over the threads; the
// per-channel values between the passes (means, 1/sqrt(var + ε), the affine factors) in float64
// on the host, as the CPU kernel computes them, so both backends give the same float32 results.
// Other layouts and float16 run the CPU kernel on heap views (hosted.ts).
import { fusedBatchNormChecks, fusedBatchNormGradChecks, batchStatistics } from '../../cpu/kernels/nn.js';
import type { WasmBackend } from '../backend.js';
import { input } from '../backend.js';
import { kernelModule } from '../modules.js';
import type { Job, PoolModule } from '../pool.js';
import type { WasmTensor } from '../tensor.js';
import { batchNormModule } from './batch-norm-module.js';
import { PARALLEL_MIN, type WasmKernelFactory } from './elementwise.js';
import { hostedKernel } from './hosted.js';
import { heapScratch } from './scratch.js';

const bnModule = (): PoolModule => kernelModule('batch norm', batchNormModule);

/** Runs `fn` over the channels in ranges of whole pairs, one per thread when the tensor is large. */
function overChannels(be: WasmBackend, fn: string, elements: number, C: number, args: (c0: number, c1: number) => number[]): void {
  const threads = elements >= PARALLEL_MIN ? Math.min(be.threads, Math.ceil(C / 2)) : 1;
  const jobs: Job[] = [];
  for (let t = 0; t < threads; t++) {
    const c0 = 2 * Math.floor((C * t) / threads / 2);
    const c1 = t === threads - 1 ? C : 2 * Math.floor((C * (t + 1)) / threads / 2);
    if (c1 > c0) jobs.push({ module: bnModule(), fn, args: args(c0, c1) });
  }
  be.parallel(jobs);
}

/** `count` float64 arrays of C values in one heap block (zeroed): their addresses and views. */
function channelArrays(be: WasmBackend, purpose: string, C: number, count: number): { ptr: number[]; view: Float64Array[] } {
  const bytes = Math.max(8, C * 8);
  const base = heapScratch(be, purpose, bytes * count);
  const ptr = Array.from({ length: count }, (_, i) => base + i * bytes);
  const view = ptr.map((p) => new Float64Array(be.heap.buffer(), p, C));
  for (const v of view) v.fill(0);
  return { ptr, view };
}

const channelsLast = (attrs: Record<string, unknown>) => ['NHWC', 'NDHWC'].includes(String(attrs.data_format ?? 'NHWC'));

export const fusedBatchNormKernel: WasmKernelFactory = (be, sig, attrs) => {
  if (sig.inputs[0] !== 'float32' || !channelsLast(attrs)) return hostedKernel('FusedBatchNormV3')(be, sig, attrs);
  return (inputs, ctx) => {
    const [x, scale, offset, mean, variance] = [0, 1, 2, 3, 4].map((i) => input(inputs, i)) as WasmTensor[] as [WasmTensor, WasmTensor, WasmTensor, WasmTensor, WasmTensor];
    const { training, epsilon, factor, C } = fusedBatchNormChecks(x, scale, offset, mean, variance, ctx.env.attrs);
    const y = ctx.output(0, 'float32', x.shape) as WasmTensor;
    const outs = [1, 2, 3, 4].map((i) => ctx.output(i, 'float32', [C]) as WasmTensor);
    const rs3 = ctx.output(5, 'float32', [0]) as WasmTensor;
    const rows = C === 0 ? 0 : x.size / C;
    // mean, variance (float64), then the affine factors
    const { ptr, view } = channelArrays(be, 'batch norm channels', C, 4);
    const [mu, va, mul, add] = view as [Float64Array, Float64Array, Float64Array, Float64Array];
    const sc = scale.f32();
    const of = offset.f32();
    if (training) {
      overChannels(be, 'sum', x.size, C, (c0, c1) => [x.ptr, rows, C, c0, c1, ptr[0] as number]);
      for (let c = 0; c < C; c++) mu[c] = (mu[c] as number) / rows;
      overChannels(be, 'sumsq', x.size, C, (c0, c1) => [x.ptr, rows, C, c0, c1, ptr[0] as number, ptr[1] as number]);
      for (let c = 0; c < C; c++) va[c] = (va[c] as number) / rows;
    } else {
      mu.set(mean.f32());
      va.set(variance.f32());
    }
    for (let c = 0; c < C; c++) {
      const m = (sc[c] as number) / Math.sqrt((va[c] as number) + epsilon);
      mul[c] = m;
      add[c] = (of[c] as number) - (mu[c] as number) * m;
    }
    overChannels(be, 'affine', x.size, C, (c0, c1) => [x.ptr, y.ptr, rows, C, c0, c1, ptr[2] as number, ptr[3] as number]);
    const [bm, bv, rs1, rs2] = outs.map((o) => o.f32()) as [Float32Array, Float32Array, Float32Array, Float32Array];
    if (training) batchStatistics({ mean: mu, variance: va, count: rows }, mean.f32(), variance.f32(), factor, bm, bv, rs1, rs2);
    else {
      for (const o of [bm, rs1]) o.set(mean.f32());
      for (const o of [bv, rs2]) o.set(variance.f32());
    }
    return [y, ...outs, rs3];
  };
};

export const fusedBatchNormGradKernel: WasmKernelFactory = (be, sig, attrs) => {
  if (sig.inputs[0] !== 'float32' || !channelsLast(attrs)) return hostedKernel('FusedBatchNormGradV3')(be, sig, attrs);
  return (inputs, ctx) => {
    const [dy, x, scale, rs1, rs2] = [0, 1, 2, 3, 4].map((i) => input(inputs, i)) as WasmTensor[] as [WasmTensor, WasmTensor, WasmTensor, WasmTensor, WasmTensor];
    const { training, C } = fusedBatchNormGradChecks(dy, x, scale, rs1, rs2, ctx.env.attrs);
    const epsilon = ctx.env.attrs.epsilon as number;
    const dx = ctx.output(0, 'float32', x.shape) as WasmTensor;
    const dscale = ctx.output(1, 'float32', [C]) as WasmTensor;
    const doffset = ctx.output(2, 'float32', [C]) as WasmTensor;
    const rs4 = ctx.output(3, 'float32', [0]) as WasmTensor;
    const rs5 = ctx.output(4, 'float32', [0]) as WasmTensor;
    const rows = C === 0 ? 0 : x.size / C;
    // mean, 1/sqrt(var + ε), Σg, Σg·x̂, then a = scale·rstd and b = Σg/count (or the scale)
    const { ptr, view } = channelArrays(be, 'batch norm grad channels', C, 6);
    const [mu, rstd, sumDy, sumDyXhat, a, b] = view as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    const sc = scale.f32();
    mu.set(rs1.f32());
    const v = rs2.f32();
    for (let c = 0; c < C; c++) rstd[c] = 1 / Math.sqrt((v[c] as number) + epsilon);
    const p = (i: number) => ptr[i] as number;
    overChannels(be, 'gradsums', x.size, C, (c0, c1) => [dy.ptr, x.ptr, rows, C, c0, c1, p(0), p(1), p(2), p(3)]);
    if (training) {
      for (let c = 0; c < C; c++) {
        a[c] = (sc[c] as number) * (rstd[c] as number);
        b[c] = (sumDy[c] as number) / rows;
      }
      overChannels(be, 'gradx', x.size, C, (c0, c1) => [dy.ptr, x.ptr, dx.ptr, rows, C, c0, c1, p(0), p(1), p(4), p(5), p(3), rows]);
    } else {
      a.set(sc);
      overChannels(be, 'gradxfixed', x.size, C, (c0, c1) => [dy.ptr, dx.ptr, rows, C, c0, c1, p(4), p(1)]);
    }
    dscale.f32().set(sumDyXhat);
    doffset.f32().set(sumDy);
    return [dx, dscale, doffset, rs4, rs5];
  };
};
