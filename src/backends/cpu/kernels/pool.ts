// CPU kernels of MaxPool, AvgPool and their gradients. NHWC is computed directly; NCHW (which
// TensorFlow's CPU kernels mostly refuse) is transposed in and out. float16 runs in float32.
import type { DType } from '../../../core/dtypes.js';
import type { Attrs } from '../../../ops/types.js';
import type { Kernel } from '../../backend.js';
import { type ConvArray, transposeLayout } from '../compute/conv.js';
import { type ComputeArray, allocateFor, floatToHalf, halfToFloat } from '../compute/index.js';
import { type PoolArray, type PoolGeometry, avgPool, avgPoolGrad, maxPoolArgmax, poolOutputSize } from '../compute/pool.js';
import type { CpuTensor } from '../tensor.js';
import { type KernelEntry, arr, intList, out } from '../values.js';
import { attrNHWC, fromNHWC, invalid, need4D, newWork, nhwcOf, runWindow, storeNHWC, toNHWC, unimplemented } from './nn-common.js';

type PoolKind = 'MaxPool' | 'MaxPoolGrad' | 'MaxPoolGradGrad' | 'AvgPool';

/**
 * The pooling window over an NHWC input, checked as TensorFlow's PoolParameters does. MaxPool
 * over the depth dimension (a window of whole channel groups, no spatial window) is the same loop
 * over the input seen as [N·H·W, 1, C, 1] with a 1×k window: `depthPooled` says so.
 */
function geometry(attrs: Attrs, x: readonly [number, number, number, number], kind: PoolKind): PoolGeometry & { depthPooled?: boolean } {
  const fmt = attrs.data_format as string;
  if (fmt !== 'NHWC' && fmt !== 'NCHW') unimplemented(`Pooling does not support the ${fmt} data format`);
  const [kn, kh, kw, kc] = attrNHWC(attrs.ksize as number[], fmt);
  const [sn, sh, sw, sc] = attrNHWC(attrs.strides as number[], fmt);
  if (kn !== 1 || sn !== 1) unimplemented('Pooling is not yet supported on the batch dimension.');
  if (kc !== 1 || sc !== 1) {
    if (kind === 'AvgPool') unimplemented('Non-spatial pooling is not yet supported. Volunteers? :)');
    if (kind === 'MaxPoolGrad') unimplemented('MaxPoolingGrad is not yet supported on the depth dimension.');
    if (kind === 'MaxPoolGradGrad') unimplemented('MaxPoolingGradGrad is not yet supported on the depth dimension.');
    if (kh !== 1 || kw !== 1) unimplemented('MaxPooling supports exactly one of pooling across depth or pooling across width/height.');
    if (sc !== kc) unimplemented('Depthwise max pooling requires the depth window to equal the depth stride');
    const [batch, inH, inW, depth] = x;
    if (depth % kc !== 0) unimplemented('Depthwise max pooling requires the depth window to evenly divide the input depth');
    return { batch: batch * inH * inW, inH: 1, inW: depth, depth: 1, kH: 1, kW: kc, strideH: 1, strideW: kc, outH: 1, outW: depth / kc, padTop: 0, padLeft: 0, depthPooled: true };
  }
  const padding = attrs.padding as string;
  const ep = (attrs.explicit_paddings as number[] | undefined) ?? [];
  const [, pH, pW] = padding === 'EXPLICIT' ? attrNHWC([0, 1, 2, 3], fmt).map((a) => [ep[2 * a] ?? 0, ep[2 * a + 1] ?? 0]) : [[0, 0], [0, 0], [0, 0]];
  if (padding === 'EXPLICIT') {
    const checks: [string, number, number][] = [
      ['Top', pH?.[0] ?? 0, kh],
      ['Bottom', pH?.[1] ?? 0, kh],
      ['Left', pW?.[0] ?? 0, kw],
      ['Right', pW?.[1] ?? 0, kw],
    ];
    for (const [side, p, k] of checks) if (p >= k) invalid(`${side} padding ${p} needs to be smaller than the window size ${k}`);
  }
  const [batch, inH, inW, depth] = x;
  const wy = runWindow(inH, kh, 1, sh, padding, pH?.[0], pH?.[1]);
  const wx = runWindow(inW, kw, 1, sw, padding, pW?.[0], pW?.[1]);
  return { batch, inH, inW, depth, kH: kh, kW: kw, strideH: sh, strideW: sw, outH: wy.out, outW: wx.out, padTop: wy.padBefore, padLeft: wx.padBefore };
}

const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/** NHWC values of any dtype (float16 decoded to float32, NCHW transposed). */
function anyNHWC(t: CpuTensor, fmt: string): PoolArray {
  const n = size(t.shape);
  const d = t.data as ComputeArray;
  let v: PoolArray = d;
  if (t.dtype === 'float16') {
    const f = new Float32Array(n);
    for (let i = 0; i < n; i++) f[i] = halfToFloat(d[i] as number);
    v = f;
  }
  if (fmt !== 'NCHW') return v;
  const [a, b, c, e] = t.shape as [number, number, number, number];
  // transposeLayout keeps the element kind for the three conv kinds; other kinds go elementwise.
  if (v instanceof Float32Array || v instanceof Float64Array || v instanceof Int32Array) return transposeLayout(v, a, b, c, e, true);
  const o = allocateFor(t.dtype as never, n) as unknown as PoolArray;
  const hw = c * e;
  for (let bi = 0; bi < a; bi++) for (let ch = 0; ch < b; ch++) for (let p = 0; p < hw; p++) o[(bi * hw + p) * b + ch] = v[(bi * b + ch) * hw + p];
  return o;
}

/** Writes NHWC values (any kind) into `o`, a tensor in `fmt`. */
function storeAny(v: PoolArray, o: CpuTensor, fmt: string): void {
  const n = size(o.shape);
  const d = o.data as unknown as PoolArray;
  const [a, b, c, e] = o.shape as [number, number, number, number];
  const [, h, w, ch] = fmt === 'NCHW' ? [a, c, e, b] : [a, b, c, e];
  const enc = o.dtype === 'float16' ? floatToHalf : null;
  for (let i = 0; i < n; i++) {
    let j = i;
    if (fmt === 'NCHW') {
      const cc = i % ch;
      const p = ((i - cc) / ch) % (h * w);
      const bi = Math.floor(i / (ch * h * w));
      j = (bi * ch + cc) * h * w + p;
    }
    d[j] = enc ? enc(v[i] as number) : v[i];
  }
}

function maxPoolKernel(mode: 'forward' | 'grad' | 'gradgrad'): KernelEntry {
  return {
    select: (sig) => {
      const dtype = sig.inputs[0] as DType;
      const zero = dtype === 'int64' || dtype === 'uint64' ? 0n : 0;
      const lowest = dtype === 'float64' ? -Number.MAX_VALUE : dtype === 'float16' ? -65504 : -3.4028234663852886e38;
      const k: Kernel = (inputs, ctx) => {
        const attrs = ctx.env.attrs;
        const fmt = attrs.data_format as string;
        const x = arr(inputs, 0);
        need4D(x, mode === 'forward' ? 'input' : 'orig_input');
        const g = geometry(attrs, toNHWC(x.shape, fmt), mode === 'forward' ? 'MaxPool' : mode === 'grad' ? 'MaxPoolGrad' : 'MaxPoolGradGrad');
        const xv = anyNHWC(x, fmt);
        const m = poolOutputSize(g);
        const argmax = new Int32Array(m);
        maxPoolArgmax(xv, g, argmax, mode === 'forward');
        if (mode === 'forward') {
          const [n0, h0, w0, c0] = toNHWC(x.shape, fmt);
          const o = out(ctx, 0, dtype, g.depthPooled ? fromNHWC(n0, h0, w0, c0 / (g.kW || 1), fmt) : fromNHWC(g.batch, g.outH, g.outW, g.depth, fmt));
          const vals = (dtype === 'float16' ? new Float32Array(m) : allocateFor(dtype as never, m)) as unknown as PoolArray;
          for (let i = 0; i < m; i++) {
            const j = argmax[i] as number;
            // TF's max starts from the dtype's lowest value and takes only larger ones: an
            // all-NaN window, and a window of -inf and NaN, give the lowest value (TF 2.21).
            vals[i] = j >= 0 && !(xv[j] < lowest) ? xv[j] : lowest;
          }
          storeAny(vals, o, fmt);
          return [o];
        }
        const y = arr(inputs, 1);
        const dy = arr(inputs, 2);
        need4D(y, 'orig_output');
        need4D(dy, 'grad');
        const yShape = fromNHWC(g.batch, g.outH, g.outW, g.depth, fmt);
        if (y.shape.join() !== yShape.join()) invalid(`Expected orig_output shape to be [${yShape.join(',')}], but got [${y.shape.join(',')}]`);
        const dv = anyNHWC(dy, fmt);
        if (mode === 'grad') {
          if (dy.shape.join() !== yShape.join()) invalid(`Expected grad shape to be [${yShape.join(',')}], but got [${dy.shape.join(',')}]`);
          const n = size(x.shape);
          const acc = (dtype === 'float16' ? new Float32Array(n) : allocateFor(dtype as never, n)) as unknown as PoolArray;
          acc.fill(zero);
          for (let i = 0; i < m; i++) {
            const j = argmax[i] as number;
            if (j >= 0) acc[j] += dv[i];
          }
          const o = out(ctx, 0, dtype, x.shape);
          storeAny(acc, o, fmt);
          return [o];
        }
        if (dy.shape.join() !== x.shape.join()) invalid(`Expected grad shape to be [${x.shape.join(',')}], but got [${dy.shape.join(',')}]`);
        const vals = (dtype === 'float16' ? new Float32Array(m) : allocateFor(dtype as never, m)) as unknown as PoolArray;
        for (let i = 0; i < m; i++) {
          const j = argmax[i] as number;
          vals[i] = j >= 0 ? dv[j] : zero;
        }
        const o = out(ctx, 0, dtype, yShape);
        storeAny(vals, o, fmt);
        return [o];
      };
      return k;
    },
  };
}

const avgPoolKernel: KernelEntry = {
  select: (sig) => {
    const dtype = sig.inputs[0] as DType;
    return (inputs, ctx) => {
      const attrs = ctx.env.attrs;
      const fmt = attrs.data_format as string;
      const x = arr(inputs, 0);
      need4D(x, 'input');
      const g = geometry(attrs, toNHWC(x.shape, fmt), 'AvgPool');
      const o = out(ctx, 0, dtype, fromNHWC(g.batch, g.outH, g.outW, g.depth, fmt));
      const work = newWork(dtype, size(o.shape)) as Float32Array | Float64Array;
      avgPool(nhwcOf(x, fmt) as Float32Array | Float64Array, g, work);
      storeNHWC(work, o, fmt);
      return [o];
    };
  },
};

const avgPoolGradKernel: KernelEntry = {
  select: (sig) => {
    const dtype = sig.inputs[1] as DType;
    return (inputs, ctx) => {
      const attrs = ctx.env.attrs;
      const fmt = attrs.data_format as string;
      const shapeT = arr(inputs, 0);
      const dy = arr(inputs, 1);
      const shape = intList(shapeT);
      if (shapeT.rank !== 1 || shape.length !== 4) invalid('orig_input_shape must be 1-dimensional and 4 elements');
      need4D(dy, 'grad');
      const g = geometry(attrs, toNHWC(shape, fmt), 'AvgPool');
      const dyN = toNHWC(dy.shape, fmt);
      if (g.outH !== dyN[1] || g.outW !== dyN[2] || g.batch !== dyN[0] || g.depth !== dyN[3]) {
        invalid(`Expected grad shape to be [${fromNHWC(g.batch, g.outH, g.outW, g.depth, fmt).join(',')}], but got [${dy.shape.join(',')}]`);
      }
      const o = out(ctx, 0, dtype, shape);
      const work = newWork(dtype, size(shape)) as Float32Array | Float64Array;
      avgPoolGrad(nhwcOf(dy, fmt) as Float32Array | Float64Array, g, work);
      storeNHWC(work as ConvArray, o, fmt);
      return [o];
    };
  },
};

export const poolKernels: Record<string, KernelEntry> = {
  MaxPool: maxPoolKernel('forward'),
  MaxPoolGrad: maxPoolKernel('grad'),
  MaxPoolGradGrad: maxPoolKernel('gradgrad'),
  AvgPool: avgPoolKernel,
  AvgPoolGrad: avgPoolGradKernel,
};
