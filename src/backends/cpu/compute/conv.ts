// 2-D convolution over NHWC data and HWIO filters, as im2col + the blocked matmul: the rows of a
// chunk of output pixels are gathered into a [rows, fH·fW·inC] patch matrix, then one product with
// the filter seen as [fH·fW·inC, outC] gives the chunk's outputs. The backward passes reuse the same
// patch layout (col2im scatters the input gradient back; the filter gradient is patchesᵀ · dy).
// Depthwise convolution runs direct loops (its per-channel products are too small for matmul).
import type { ConvRunGeometry } from '../../../ops/conv-geometry.js';
import type { MatMulKernel } from './matmul.js';

export type ConvArray = Float32Array | Float64Array | Int32Array;

/** Everything the loops need: NHWC sizes, window, strides, dilations and the leading padding. */
export type ConvGeometry = Omit<ConvRunGeometry, 'groups'>;

/** Patch-matrix elements per chunk: bounds the scratch memory whatever the batch (≈8 MB float64). */
const CHUNK_ELEMS = 1 << 20;

function chunkRows(g: ConvGeometry): number {
  const k = g.fH * g.fW * g.inC;
  return Math.max(1, Math.floor(CHUNK_ELEMS / Math.max(1, k)));
}

const like = (a: ConvArray, n: number): ConvArray =>
  a instanceof Float32Array ? new Float32Array(n) : a instanceof Float64Array ? new Float64Array(n) : new Int32Array(n);

// One patch-matrix scratch per element kind, kept between calls (≤ CHUNK_ELEMS elements each, so
// a training step allocates no patch matrices after the first). Calls never nest.
const scratch: { f32?: Float32Array; f64?: Float64Array; i32?: Int32Array } = {};

/** A scratch array of `a`'s kind with at least `n` elements (contents undefined). */
function scratchLike(a: ConvArray, n: number): ConvArray {
  if (a instanceof Float32Array) {
    if (!scratch.f32 || scratch.f32.length < n) scratch.f32 = new Float32Array(n);
    return scratch.f32;
  }
  if (a instanceof Float64Array) {
    if (!scratch.f64 || scratch.f64.length < n) scratch.f64 = new Float64Array(n);
    return scratch.f64;
  }
  if (!scratch.i32 || scratch.i32.length < n) scratch.i32 = new Int32Array(n);
  return scratch.i32;
}

/** Whether the patch matrix is the input itself (1×1 filter, stride 1, no padding). */
const isPointwise = (g: ConvGeometry) =>
  g.fH === 1 && g.fW === 1 && g.strideH === 1 && g.strideW === 1 && g.padTop === 0 && g.padLeft === 0 && g.outH === g.inH && g.outW === g.inW;

/** Gathers output pixels r0..r0+rn (row-major over batch, outH, outW) into `cols`, zero outside. */
function im2col(x: ConvArray, g: ConvGeometry, r0: number, rn: number, cols: ConvArray): void {
  const { inH, inW, inC, fH, fW, outH, outW, strideH, strideW, dilH, dilW, padTop, padLeft } = g;
  const k = fH * fW * inC;
  const rowLen = fW * inC;
  for (let r = 0; r < rn; r++) {
    const row = r0 + r;
    const ox = row % outW;
    const t = (row - ox) / outW;
    const oy = t % outH;
    const b = (t - oy) / outH;
    let o = r * k;
    const y0 = oy * strideH - padTop;
    const x0 = ox * strideW - padLeft;
    for (let ky = 0; ky < fH; ky++) {
      const iy = y0 + ky * dilH;
      if (iy < 0 || iy >= inH) {
        cols.fill(0, o, o + rowLen);
        o += rowLen;
        continue;
      }
      const base = (b * inH + iy) * inW;
      for (let kx = 0; kx < fW; kx++) {
        const ix = x0 + kx * dilW;
        if (ix < 0 || ix >= inW) {
          cols.fill(0, o, o + inC);
        } else {
          const src = (base + ix) * inC;
          if (inC < 16) for (let c = 0; c < inC; c++) cols[o + c] = x[src + c] as number;
          else cols.set(x.subarray(src, src + inC), o);
        }
        o += inC;
      }
    }
  }
}

/** Adds the patch matrix rows r0..r0+rn back into the input-shaped `dx` (the adjoint of im2col). */
function col2im(cols: ConvArray, g: ConvGeometry, r0: number, rn: number, dx: ConvArray): void {
  const { inH, inW, inC, fH, fW, outH, outW, strideH, strideW, dilH, dilW, padTop, padLeft } = g;
  const k = fH * fW * inC;
  for (let r = 0; r < rn; r++) {
    const row = r0 + r;
    const ox = row % outW;
    const t = (row - ox) / outW;
    const oy = t % outH;
    const b = (t - oy) / outH;
    let o = r * k;
    const y0 = oy * strideH - padTop;
    const x0 = ox * strideW - padLeft;
    for (let ky = 0; ky < fH; ky++) {
      const iy = y0 + ky * dilH;
      if (iy < 0 || iy >= inH) {
        o += fW * inC;
        continue;
      }
      const base = (b * inH + iy) * inW;
      for (let kx = 0; kx < fW; kx++) {
        const ix = x0 + kx * dilW;
        if (ix >= 0 && ix < inW) {
          const dst = (base + ix) * inC;
          for (let c = 0; c < inC; c++) dx[dst + c] += cols[o + c] as number;
        }
        o += inC;
      }
    }
  }
}

/** `out[b, oy, ox, co] = Σ x[b, iy, ix, ci] · f[ky, kx, ci, co]` (Conv2D, NHWC / HWIO). */
export function conv2d(mm: MatMulKernel, x: ConvArray, f: ConvArray, out: ConvArray, g: ConvGeometry): void {
  const rows = g.batch * g.outH * g.outW;
  const k = g.fH * g.fW * g.inC;
  if (rows === 0) return;
  if (k === 0) {
    out.fill(0, 0, rows * g.outC);
    return;
  }
  if (isPointwise(g)) {
    mm(x, f, out, rows, g.outC, k);
    return;
  }
  const chunk = Math.min(rows, chunkRows(g));
  const cols = scratchLike(x, chunk * k);
  for (let r0 = 0; r0 < rows; r0 += chunk) {
    const rn = Math.min(chunk, rows - r0);
    im2col(x, g, r0, rn, cols);
    mm(cols, f, out.subarray(r0 * g.outC, (r0 + rn) * g.outC), rn, g.outC, k);
  }
}

/** The input gradient (Conv2DBackpropInput): `dx = col2im(dy · fᵀ)`. `dx` is overwritten. */
export function conv2dBackpropInput(mm: MatMulKernel, f: ConvArray, dy: ConvArray, dx: ConvArray, g: ConvGeometry): void {
  const rows = g.batch * g.outH * g.outW;
  const k = g.fH * g.fW * g.inC;
  const inSize = g.batch * g.inH * g.inW * g.inC;
  if (rows === 0 || k === 0 || g.outC === 0) {
    dx.fill(0, 0, inSize);
    return;
  }
  if (isPointwise(g)) {
    mm(dy, f, dx, rows, k, g.outC, false, true);
    return;
  }
  dx.fill(0, 0, inSize);
  const chunk = Math.min(rows, chunkRows(g));
  const cols = scratchLike(dx, chunk * k);
  for (let r0 = 0; r0 < rows; r0 += chunk) {
    const rn = Math.min(chunk, rows - r0);
    mm(dy.subarray(r0 * g.outC, (r0 + rn) * g.outC), f, cols, rn, k, g.outC, false, true);
    col2im(cols, g, r0, rn, dx);
  }
}

/** The filter gradient (Conv2DBackpropFilter): `df = patches(x)ᵀ · dy`. `df` is overwritten. */
export function conv2dBackpropFilter(mm: MatMulKernel, x: ConvArray, dy: ConvArray, df: ConvArray, g: ConvGeometry): void {
  const rows = g.batch * g.outH * g.outW;
  const k = g.fH * g.fW * g.inC;
  const n = k * g.outC;
  if (rows === 0 || n === 0) {
    df.fill(0, 0, n);
    return;
  }
  if (isPointwise(g)) {
    mm(x, dy, df, k, g.outC, rows, true, false);
    return;
  }
  const chunk = Math.min(rows, chunkRows(g));
  const cols = scratchLike(x, chunk * k);
  // With several chunks each partial product goes to a float64 sum, so a float32 result is
  // rounded once per chunk at most.
  const several = chunk < rows;
  const part = several ? like(df, n) : df;
  const acc = several ? new Float64Array(n) : null;
  for (let r0 = 0; r0 < rows; r0 += chunk) {
    const rn = Math.min(chunk, rows - r0);
    im2col(x, g, r0, rn, cols);
    mm(cols, dy.subarray(r0 * g.outC, (r0 + rn) * g.outC), part, k, g.outC, rn, true, false);
    if (acc) for (let i = 0; i < n; i++) acc[i] += part[i] as number;
  }
  if (acc) for (let i = 0; i < n; i++) df[i] = acc[i] as number;
}

/**
 * Depthwise convolution (DepthwiseConv2dNative): filter [fH, fW, inC, mult], output channel
 * `c·mult + m` = Σ x[.., c] · f[ky, kx, c, m]. `g.outC` is inC·mult.
 */
export function depthwiseConv2d(x: ConvArray, f: ConvArray, out: ConvArray, g: ConvGeometry): void {
  const { batch, inH, inW, inC, fH, fW, outC, outH, outW, strideH, strideW, dilH, dilW, padTop, padLeft } = g;
  const mult = inC === 0 ? 0 : outC / inC;
  const acc = new Float64Array(outC);
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        acc.fill(0);
        for (let ky = 0; ky < fH; ky++) {
          const iy = oy * strideH - padTop + ky * dilH;
          if (iy < 0 || iy >= inH) continue;
          for (let kx = 0; kx < fW; kx++) {
            const ix = ox * strideW - padLeft + kx * dilW;
            if (ix < 0 || ix >= inW) continue;
            const xb = ((b * inH + iy) * inW + ix) * inC;
            const fb = (ky * fW + kx) * outC;
            for (let c = 0; c < inC; c++) {
              const v = x[xb + c] as number;
              for (let m = 0; m < mult; m++) acc[c * mult + m] += v * (f[fb + c * mult + m] as number);
            }
          }
        }
        const ob = ((b * outH + oy) * outW + ox) * outC;
        for (let i = 0; i < outC; i++) out[ob + i] = acc[i] as number;
      }
    }
  }
}

/** Depthwise input gradient: `dx` (NHWC, overwritten) from `dy` and the filter. */
export function depthwiseConv2dBackpropInput(f: ConvArray, dy: ConvArray, dx: ConvArray, g: ConvGeometry): void {
  const { batch, inH, inW, inC, fH, fW, outC, outH, outW, strideH, strideW, dilH, dilW, padTop, padLeft } = g;
  const mult = inC === 0 ? 0 : outC / inC;
  const acc = new Float64Array(batch * inH * inW * inC);
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        const ob = ((b * outH + oy) * outW + ox) * outC;
        for (let ky = 0; ky < fH; ky++) {
          const iy = oy * strideH - padTop + ky * dilH;
          if (iy < 0 || iy >= inH) continue;
          for (let kx = 0; kx < fW; kx++) {
            const ix = ox * strideW - padLeft + kx * dilW;
            if (ix < 0 || ix >= inW) continue;
            const xb = ((b * inH + iy) * inW + ix) * inC;
            const fb = (ky * fW + kx) * outC;
            for (let c = 0; c < inC; c++) {
              let s = 0;
              for (let m = 0; m < mult; m++) s += (dy[ob + c * mult + m] as number) * (f[fb + c * mult + m] as number);
              acc[xb + c] += s;
            }
          }
        }
      }
    }
  }
  for (let i = 0; i < acc.length; i++) dx[i] = acc[i] as number;
}

/** Depthwise filter gradient: `df` [fH, fW, inC, mult] (overwritten) from `x` and `dy`. */
export function depthwiseConv2dBackpropFilter(x: ConvArray, dy: ConvArray, df: ConvArray, g: ConvGeometry): void {
  const { batch, inH, inW, inC, fH, fW, outC, outH, outW, strideH, strideW, dilH, dilW, padTop, padLeft } = g;
  const mult = inC === 0 ? 0 : outC / inC;
  const acc = new Float64Array(fH * fW * outC);
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        const ob = ((b * outH + oy) * outW + ox) * outC;
        for (let ky = 0; ky < fH; ky++) {
          const iy = oy * strideH - padTop + ky * dilH;
          if (iy < 0 || iy >= inH) continue;
          for (let kx = 0; kx < fW; kx++) {
            const ix = ox * strideW - padLeft + kx * dilW;
            if (ix < 0 || ix >= inW) continue;
            const xb = ((b * inH + iy) * inW + ix) * inC;
            const fb = (ky * fW + kx) * outC;
            for (let c = 0; c < inC; c++) {
              const v = x[xb + c] as number;
              for (let m = 0; m < mult; m++) acc[fb + c * mult + m] += v * (dy[ob + c * mult + m] as number);
            }
          }
        }
      }
    }
  }
  for (let i = 0; i < acc.length; i++) df[i] = acc[i] as number;
}

/** NCHW → NHWC (`toNHWC`) or back, into a new array of the same kind. */
export function transposeLayout(a: ConvArray, n: number, c: number, h: number, w: number, toNHWC: boolean): ConvArray {
  const o = like(a, n * c * h * w);
  const hw = h * w;
  for (let b = 0; b < n; b++) {
    for (let ch = 0; ch < c; ch++) {
      for (let p = 0; p < hw; p++) {
        const nchw = (b * c + ch) * hw + p;
        const nhwc = (b * hw + p) * c + ch;
        if (toNHWC) o[nhwc] = a[nchw] as number;
        else o[nchw] = a[nhwc] as number;
      }
    }
  }
  return o;
}

/** Columns [c0, c0+cn) of a row-major [rows, c] matrix, as a new [rows, cn] one. */
export function sliceColumns(a: ConvArray, rows: number, c: number, c0: number, cn: number): ConvArray {
  const o = like(a, rows * cn);
  for (let r = 0; r < rows; r++) for (let j = 0; j < cn; j++) o[r * cn + j] = a[r * c + c0 + j] as number;
  return o;
}

/** Writes a [rows, cn] matrix into columns [c0, c0+cn) of the [rows, c] matrix `dst`. */
export function putColumns(dst: ConvArray, rows: number, c: number, c0: number, src: ConvArray, cn: number): void {
  for (let r = 0; r < rows; r++) for (let j = 0; j < cn; j++) dst[r * c + c0 + j] = src[r * cn + j] as number;
}

/**
 * A grouped convolution (input depth = groups × the filter's in-depth): group i convolves input
 * channels [i·cg, (i+1)·cg) with output channels [i·og, (i+1)·og). `g` describes the whole op
 * (inC the input's depth, outC the output's); each group runs the ungrouped loops on copies.
 */
export function conv2dGrouped(
  pass: 'forward' | 'input' | 'filter',
  mm: MatMulKernel,
  a: ConvArray,
  b: ConvArray,
  out: ConvArray,
  g: ConvGeometry,
  groups: number,
): void {
  const cg = g.inC / groups;
  const og = g.outC / groups;
  const gg: ConvGeometry = { ...g, inC: cg, outC: og };
  const inRows = g.batch * g.inH * g.inW;
  const outRows = g.batch * g.outH * g.outW;
  const fRows = g.fH * g.fW * cg;
  for (let i = 0; i < groups; i++) {
    if (pass === 'forward') {
      // a = x, b = filter [fH, fW, cg, outC]
      const o = like(out, outRows * og);
      conv2d(mm, sliceColumns(a, inRows, g.inC, i * cg, cg), sliceColumns(b, fRows, g.outC, i * og, og), o, gg);
      putColumns(out, outRows, g.outC, i * og, o, og);
    } else if (pass === 'input') {
      // a = filter, b = dy
      const o = like(out, inRows * cg);
      conv2dBackpropInput(mm, sliceColumns(a, fRows, g.outC, i * og, og), sliceColumns(b, outRows, g.outC, i * og, og), o, gg);
      putColumns(out, inRows, g.inC, i * cg, o, cg);
    } else {
      // a = x, b = dy
      const o = like(out, fRows * og);
      conv2dBackpropFilter(mm, sliceColumns(a, inRows, g.inC, i * cg, cg), sliceColumns(b, outRows, g.outC, i * og, og), o, gg);
      putColumns(out, fRows, g.outC, i * og, o, og);
    }
  }
}
