// 2-D max and average pooling over NHWC data, and their gradients. Padding cells never take part:
// a max window only looks at real cells (so padding never wins), and an average divides by the
// number of real cells in the window (TensorFlow's SAME average pooling).

/** A typed array of any numeric dtype (int64 as BigInt64Array: compared and added as bigints). */
// biome-ignore lint/suspicious/noExplicitAny: one loop serves number and bigint elements.
export type PoolArray = { [i: number]: any; readonly length: number; fill(v: any, start?: number, end?: number): unknown };

export interface PoolGeometry {
  readonly batch: number;
  readonly inH: number;
  readonly inW: number;
  readonly depth: number;
  readonly kH: number;
  readonly kW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly outH: number;
  readonly outW: number;
  readonly padTop: number;
  readonly padLeft: number;
}

export const poolOutputSize = (g: PoolGeometry): number => g.batch * g.outH * g.outW * g.depth;

/**
 * For each output element, the flat NHWC input index of its window's maximum: the first one in
 * row-major window order (TensorFlow's MaxPoolGrad routes the gradient there). NaN never wins
 * over a number; where `skipNaN` (MaxPool's value) a NaN never wins at all and an all-NaN window
 * gives -1, else (MaxPoolGrad's routing, as TF's CPU kernel) a leading NaN keeps the window's
 * first cell. -1 also for a window without real cells (only possible with empty inputs).
 */
export function maxPoolArgmax(x: PoolArray, g: PoolGeometry, argmax: Int32Array, skipNaN: boolean): void {
  const { batch, inH, inW, depth, kH, kW, strideH, strideW, outH, outW, padTop, padLeft } = g;
  let o = 0;
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const y0 = Math.max(oy * strideH - padTop, 0);
      const y1 = Math.min(oy * strideH - padTop + kH, inH);
      for (let ox = 0; ox < outW; ox++) {
        const x0 = Math.max(ox * strideW - padLeft, 0);
        const x1 = Math.min(ox * strideW - padLeft + kW, inW);
        for (let d = 0; d < depth; d++, o++) {
          let best = -1;
          // biome-ignore lint/suspicious/noExplicitAny: number or bigint.
          let bestV: any = 0;
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) {
              const i = ((b * inH + iy) * inW + ix) * depth + d;
              const v = x[i];
              if ((best < 0 && !(skipNaN && Number.isNaN(v))) || v > bestV) {
                best = i;
                bestV = v;
              }
            }
          }
          argmax[o] = best;
        }
      }
    }
  }
}

/** Average pooling into float working arrays. */
export function avgPool(x: Float32Array | Float64Array, g: PoolGeometry, out: Float32Array | Float64Array): void {
  const { batch, inH, inW, depth, kH, kW, strideH, strideW, outH, outW, padTop, padLeft } = g;
  const acc = new Float64Array(depth);
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const y0 = Math.max(oy * strideH - padTop, 0);
      const y1 = Math.min(oy * strideH - padTop + kH, inH);
      for (let ox = 0; ox < outW; ox++) {
        const x0 = Math.max(ox * strideW - padLeft, 0);
        const x1 = Math.min(ox * strideW - padLeft + kW, inW);
        acc.fill(0);
        for (let iy = y0; iy < y1; iy++) {
          for (let ix = x0; ix < x1; ix++) {
            const base = ((b * inH + iy) * inW + ix) * depth;
            for (let d = 0; d < depth; d++) acc[d] += x[base + d] as number;
          }
        }
        const count = Math.max(y1 - y0, 0) * Math.max(x1 - x0, 0);
        const ob = ((b * outH + oy) * outW + ox) * depth;
        for (let d = 0; d < depth; d++) out[ob + d] = (acc[d] as number) / count;
      }
    }
  }
}

/** AvgPoolGrad: each output gradient spread evenly over its window's real cells. `dx` is overwritten. */
export function avgPoolGrad(dy: Float32Array | Float64Array, g: PoolGeometry, dx: Float32Array | Float64Array): void {
  const { batch, inH, inW, depth, kH, kW, strideH, strideW, outH, outW, padTop, padLeft } = g;
  const acc = new Float64Array(batch * inH * inW * depth);
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const y0 = Math.max(oy * strideH - padTop, 0);
      const y1 = Math.min(oy * strideH - padTop + kH, inH);
      for (let ox = 0; ox < outW; ox++) {
        const x0 = Math.max(ox * strideW - padLeft, 0);
        const x1 = Math.min(ox * strideW - padLeft + kW, inW);
        const count = Math.max(y1 - y0, 0) * Math.max(x1 - x0, 0);
        const ob = ((b * outH + oy) * outW + ox) * depth;
        for (let iy = y0; iy < y1; iy++) {
          for (let ix = x0; ix < x1; ix++) {
            const base = ((b * inH + iy) * inW + ix) * depth;
            for (let d = 0; d < depth; d++) acc[base + d] += (dy[ob + d] as number) / count;
          }
        }
      }
    }
  }
  for (let i = 0; i < acc.length; i++) dx[i] = acc[i] as number;
}
