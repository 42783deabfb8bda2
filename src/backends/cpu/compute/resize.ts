// Bilinear and nearest-neighbour image resizing (NHWC) and their gradients, with TensorFlow's
// three coordinate modes: legacy (`x·scale`), align_corners (corner pixels map onto each other)
// and half_pixel_centers (pixel centres at +0.5). Coordinates are computed in float32 as TF does.
import type { PoolArray } from './pool.js';

const f32 = Math.fround;

/** TensorFlow's CalculateResizeScale: input/output, or (in-1)/(out-1) with align_corners. */
export function resizeScale(inSize: number, outSize: number, alignCorners: boolean): number {
  return alignCorners && outSize > 1 ? f32((inSize - 1) / (outSize - 1)) : f32(inSize / outSize);
}

/** For each output index: the lower and upper source index and the weight of the upper one. */
function bilinearWeights(outSize: number, inSize: number, scale: number, halfPixel: boolean) {
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

/** ResizeBilinear: any numeric input, float32 output (TensorFlow's output dtype). */
export function resizeBilinear(x: PoolArray, g: ResizeGeometry, out: Float32Array): void {
  const { batch, inH, inW, depth, outH, outW } = g;
  const ys = bilinearWeights(outH, inH, resizeScale(inH, outH, g.alignCorners), g.halfPixelCenters);
  const xs = bilinearWeights(outW, inW, resizeScale(inW, outW, g.alignCorners), g.halfPixelCenters);
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
          const tl = Number(x[(top + l) * depth + d]);
          const tr = Number(x[(top + r) * depth + d]);
          const bl = Number(x[(bottom + l) * depth + d]);
          const br = Number(x[(bottom + r) * depth + d]);
          const t = f32(tl + f32(f32(tr - tl) * xl));
          const bo = f32(bl + f32(f32(br - bl) * xl));
          out[o] = t + f32(f32(bo - t) * yl);
        }
      }
    }
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
  let o = 0;
  for (let b = 0; b < batch; b++) {
    for (let y = 0; y < outH; y++) {
      const row = (b * inH + (ys[y] as number)) * inW;
      for (let xo = 0; xo < outW; xo++) {
        const src = (row + (xs[xo] as number)) * depth;
        for (let d = 0; d < depth; d++, o++) out[o] = x[src + d];
      }
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
