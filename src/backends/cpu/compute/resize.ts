// Bilinear and nearest-neighbour image resizing (NHWC) and their gradients, with TensorFlow's
// three coordinate modes: legacy (`x·scale`), align_corners (corner pixels map onto each other)
// and half_pixel_centers (pixel centres at +0.5). Coordinates are computed in float32 as TF does.
import type { PoolArray } from './pool.js';
import { copyRun, viewsOf } from './strided-copy.js';

const f32 = Math.fround;

/** TensorFlow's CalculateResizeScale: input/output, or (in-1)/(out-1) with align_corners. */
export function resizeScale(inSize: number, outSize: number, alignCorners: boolean): number {
  return alignCorners && outSize > 1 ? f32((inSize - 1) / (outSize - 1)) : f32(inSize / outSize);
}

/** For each output index: the lower and upper source index and the weight of the upper one. */
export function bilinearWeights(outSize: number, inSize: number, scale: number, halfPixel: boolean) {
  const lower = new Int32Array(outSize);
  const upper = new Int32Array(outSize);
  const lerp = new Float32Array(outSize);
  for (let i = 0; i < outSize; i++) {
    const src = halfPixel ? f32(f32(f32(i + 0.5) * scale) - 0.5) : f32(i * scale);
    const fl = Math.floor(src);
    lower[i] = Math.max(fl, 0);
    upper[i] = Math.min(Math.ceil(src), inSize - 1);
    lerp[i] = f32(src - fl);
  }
  return { lower, upper, lerp };
}

export interface ResizeGeometry {
  readonly batch: number;
  readonly inH: number;
  readonly inW: number;
  readonly depth: number;
  readonly outH: number;
  readonly outW: number;
  readonly alignCorners: boolean;
  readonly halfPixelCenters: boolean;
}

/**
 * ResizeBilinear: any numeric input, float32 output (TensorFlow's output dtype). Each source row in
 * use is interpolated along x once (`top + (right - left)·xLerp`, in float32) into a row cache, then
 * output rows blend two cached rows along y: the same float32 operations, in the same order, as
 * interpolating each output element from its four source cells.
 */
export function resizeBilinear(x: PoolArray, g: ResizeGeometry, out: Float32Array): void {
  const { batch, inH, inW, depth, outH, outW } = g;
  const ys = bilinearWeights(outH, inH, resizeScale(inH, outH, g.alignCorners), g.halfPixelCenters);
  const xs = bilinearWeights(outW, inW, resizeScale(inW, outW, g.alignCorners), g.halfPixelCenters);
  // float32 and float64 inputs are read directly; other dtypes as float64 numbers (bigints too).
  const src: Float32Array | Float64Array =
    x instanceof Float32Array || x instanceof Float64Array ? x : Float64Array.from({ length: batch * inH * inW * depth }, (_, i) => Number(x[i]));
  const rowLen = outW * depth;
  // Per output column: the left and right source offsets within a row, and the x weight.
  const left = new Int32Array(outW);
  const right = new Int32Array(outW);
  for (let xo = 0; xo < outW; xo++) {
    left[xo] = (xs.lower[xo] as number) * depth;
    right[xo] = (xs.upper[xo] as number) * depth;
  }
  // Two cached rows: the y indices only move forward within an image, so each source row is
  // interpolated once per image.
  const rows: Float32Array[] = [new Float32Array(rowLen), new Float32Array(rowLen)];
  const cached = [-1, -1];
  /** The interpolated source row `iy` of image `b`; evicts the slot not holding `keep`. */
  const rowOf = (b: number, iy: number, keep: Float32Array | null): Float32Array => {
    const key = b * inH + iy;
    if (cached[0] === key) return rows[0] as Float32Array;
    if (cached[1] === key) return rows[1] as Float32Array;
    const slot = rows[0] === keep ? 1 : 0;
    const r = rows[slot] as Float32Array;
    cached[slot] = key;
    interpolateRow(src, key * inW * depth, left, right, xs.lerp, depth, r);
    return r;
  };
  let o = 0;
  for (let b = 0; b < batch; b++) {
    for (let y = 0; y < outH; y++) {
      const top = rowOf(b, ys.lower[y] as number, null);
      const bottom = rowOf(b, ys.upper[y] as number, top);
      blendRows(top, bottom, ys.lerp[y] as number, out, o, rowLen);
      o += rowLen;
    }
  }
}

/** `row[xo·depth + d] = l + (r - l)·xLerp[xo]` (float32) for the source row at `base`. */
function interpolateRow(
  src: Float32Array | Float64Array,
  base: number,
  left: Int32Array,
  right: Int32Array,
  lerp: Float32Array,
  depth: number,
  row: Float32Array,
): void {
  const outW = left.length;
  let o = 0;
  for (let xo = 0; xo < outW; xo++) {
    const l = base + (left[xo] as number);
    const r = base + (right[xo] as number);
    const xl = lerp[xo] as number;
    if (l === r) {
      // One source column: (v - v)·xLerp is +0 (NaN for ±inf, NaN) whatever the weight in [0, 1),
      // so the formula is v + (v - v), rounded by the store: -0 becomes +0 as it does there.
      for (let d = 0; d < depth; d++, o++) {
        const v = src[l + d] as number;
        row[o] = v + (v - v);
      }
      continue;
    }
    for (let d = 0; d < depth; d++, o++) {
      const tl = src[l + d] as number;
      row[o] = f32(tl + f32(f32((src[r + d] as number) - tl) * xl));
    }
  }
}

/** `out[o + k] = top + (bottom - top)·yLerp` (float32) over one output row. */
function blendRows(top: Float32Array, bottom: Float32Array, yl: number, out: Float32Array, o: number, n: number): void {
  if (top === bottom) {
    // One source row (legacy mode's even rows when upscaling 2×, the clamped last rows): as above.
    for (let k = 0; k < n; k++) {
      const t = top[k] as number;
      out[o + k] = t + (t - t);
    }
    return;
  }
  for (let k = 0; k < n; k++) {
    const t = top[k] as number;
    out[o + k] = t + f32(f32((bottom[k] as number) - t) * yl);
  }
}

/** ResizeBilinearGrad: `dx` [batch, inH, inW, depth] (overwritten) from `dy` [batch, outH, outW, depth]. */
export function resizeBilinearGrad(dy: Float32Array, g: ResizeGeometry, dx: Float32Array | Float64Array): void {
  const { batch, inH, inW, depth, outH, outW } = g;
  const ys = bilinearWeights(outH, inH, resizeScale(inH, outH, g.alignCorners), g.halfPixelCenters);
  const xs = bilinearWeights(outW, inW, resizeScale(inW, outW, g.alignCorners), g.halfPixelCenters);
  const acc = new Float64Array(batch * inH * inW * depth);
  let o = 0;
  for (let b = 0; b < batch; b++) {
    for (let y = 0; y < outH; y++) {
      const top = (b * inH + (ys.lower[y] as number)) * inW;
      const bottom = (b * inH + (ys.upper[y] as number)) * inW;
      const yl = ys.lerp[y] as number;
      for (let xo = 0; xo < outW; xo++) {
        const l = xs.lower[xo] as number;
        const r = xs.upper[xo] as number;
        const xl = xs.lerp[xo] as number;
        for (let d = 0; d < depth; d++, o++) {
          const v = dy[o] as number;
          acc[(top + l) * depth + d] += v * (1 - yl) * (1 - xl);
          acc[(top + r) * depth + d] += v * (1 - yl) * xl;
          acc[(bottom + l) * depth + d] += v * yl * (1 - xl);
          acc[(bottom + r) * depth + d] += v * yl * xl;
        }
      }
    }
  }
  for (let i = 0; i < acc.length; i++) dx[i] = acc[i] as number;
}

/** The source index of each output index for nearest-neighbour resizing (TF's CPU functor). */
export function nearestIndices(outSize: number, inSize: number, alignCorners: boolean, halfPixel: boolean): Int32Array {
  const scale = resizeScale(inSize, outSize, alignCorners);
  const idx = new Int32Array(outSize);
  for (let i = 0; i < outSize; i++) {
    const src = halfPixel ? f32(f32(i + 0.5) * scale) : f32(i * scale);
    // C's roundf: half away from zero (src ≥ 0 here).
    let k = Math.min(alignCorners ? Math.floor(src + 0.5) : Math.floor(src), inSize - 1);
    if (halfPixel) k = Math.max(0, k);
    idx[i] = k;
  }
  return idx;
}

/** ResizeNearestNeighbor: a copy of the chosen source cell, any dtype. */
export function resizeNearest(x: PoolArray, g: ResizeGeometry, out: PoolArray): void {
  const { batch, inH, inW, depth, outH, outW } = g;
  const ys = nearestIndices(outH, inH, g.alignCorners, g.halfPixelCenters);
  const xs = nearestIndices(outW, inW, g.alignCorners, g.halfPixelCenters);
  // Cells of `depth` elements, copied as words of the storage (8-byte types: int32 pairs).
  const { s: src, d: dst, sOff, dOff, unit } = viewsOf(x, out);
  const cell = depth * unit;
  let o = dOff;
  for (let b = 0; b < batch; b++) {
    for (let y = 0; y < outH; y++) {
      const row = (b * inH + (ys[y] as number)) * inW;
      for (let xo = 0; xo < outW; xo++, o += cell) copyRun(dst, o, src, sOff + (row + (xs[xo] as number)) * cell, cell);
    }
  }
}

/**
 * ResizeNearestNeighborGrad: `dy` [batch, outH, outW, depth] (the resized size) summed into `dx`
 * [batch, inH, inW, depth] (the original size), which must be zero-filled by the caller.
 */
export function resizeNearestGrad(dy: PoolArray, g: ResizeGeometry, dx: PoolArray): void {
  const { batch, inH, inW, depth, outH, outW } = g;
  // TensorFlow maps each gradient cell with the original/resized scale, as the forward op.
  const ys = nearestIndices(outH, inH, g.alignCorners, g.halfPixelCenters);
  const xs = nearestIndices(outW, inW, g.alignCorners, g.halfPixelCenters);
  let o = 0;
  for (let b = 0; b < batch; b++) {
    for (let y = 0; y < outH; y++) {
      const row = (b * inH + (ys[y] as number)) * inW;
      for (let xo = 0; xo < outW; xo++) {
        const dst = (row + (xs[xo] as number)) * depth;
        for (let d = 0; d < depth; d++, o++) dx[dst + d] += dy[o];
      }
    }
  }
}
