// nn compute loops: softmax and cross-entropies over rows, L2Loss, batch norm, and the activation
// gradients. Floats only (float16 decoded to float, computed, encoded; float32 rounded by the store).
// Intermediates are float64, so float32 results are the correctly rounded ones where TF's Eigen
// code may differ by an ulp.
import type { ComputeArray, ComputeDType } from './dtypes.js';
import { kindOf } from './dtypes.js';
import { floatToHalf, halfToFloat } from './float16.js';

/** Reads element i as a JS number (half decoded). */
export type Getter = (i: number) => number;
/** Writes element i from a JS number (half encoded; the typed array rounds or wraps). */
export type Setter = (i: number, v: number) => void;

export function getter(a: ComputeArray, dtype: ComputeDType): Getter {
  if (kindOf(dtype) === 'half') return (i) => halfToFloat(a[i] as number);
  if (kindOf(dtype) === 'big') return (i) => Number(a[i] as bigint);
  return (i) => a[i] as number;
}

export function setter(a: ComputeArray, dtype: ComputeDType): Setter {
  if (kindOf(dtype) === 'half') return (i, v) => { a[i] = floatToHalf(v); };
  const n = a as unknown as number[];
  return (i, v) => { n[i] = v; };
}

/**
 * A row's max and Σ exp(v - max), the shift every softmax-like loop uses, left in ROW (a result
 * object per row was most of a training step's garbage on the wasm backend). NaN spreads through
 * the row as in TF (`!(v <= max)` takes it as the max). `at(r, c)` reads row r's column c.
 */
const ROW = { max: 0, sum: 0 };
function rowMaxExpSum(at: (r: number, c: number) => number, r: number, cols: number): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < cols; c++) {
    const v = at(r, c);
    if (!(v <= max)) max = v;
  }
  let sum = 0;
  for (let c = 0; c < cols; c++) sum += Math.exp(at(r, c) - max);
  ROW.max = max;
  ROW.sum = sum;
}

/** Softmax (or log-softmax) of each row of `cols` values: `x - max`, exp, normalized. */
export function softmaxRows(x: Getter, out: Setter, rows: number, cols: number, log: boolean): void {
  const at = (r: number, c: number) => x(r * cols + c);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    rowMaxExpSum(at, r, cols);
    const { max, sum } = ROW;
    if (log) {
      const ls = Math.log(sum);
      for (let c = 0; c < cols; c++) out(base + c, x(base + c) - max - ls);
    } else {
      for (let c = 0; c < cols; c++) out(base + c, Math.exp(x(base + c) - max) / sum);
    }
  }
}

/**
 * Softmax cross-entropy of `rows` rows: loss[r] = Σ labels·(log Σ exp(shifted) − shifted),
 * backprop = softmax − labels. `lab(r, c)` reads the (broadcast) labels.
 */
export function softmaxXentRows(
  logits: (r: number, c: number) => number,
  lab: (r: number, c: number) => number,
  loss: Setter,
  backprop: Setter,
  rows: number,
  cols: number,
): void {
  for (let r = 0; r < rows; r++) {
    rowMaxExpSum(logits, r, cols);
    const { max, sum } = ROW;
    const ls = Math.log(sum);
    let l = 0;
    for (let c = 0; c < cols; c++) {
      const shifted = logits(r, c) - max;
      const y = lab(r, c);
      l += y * (ls - shifted);
      backprop(r * cols + c, Math.exp(shifted) / sum - y);
    }
    loss(r, l);
  }
}

/** Sparse softmax cross-entropy: labels are class indices (already range-checked). */
export function sparseXentRows(x: Getter, labels: (r: number) => number, loss: Setter, backprop: Setter, rows: number, cols: number): void {
  const at = (r: number, c: number) => x(r * cols + c);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    rowMaxExpSum(at, r, cols);
    const { max, sum } = ROW;
    const ls = Math.log(sum);
    const label = labels(r);
    for (let c = 0; c < cols; c++) backprop(base + c, Math.exp(x(base + c) - max) / sum - (c === label ? 1 : 0));
    loss(r, ls - (x(base + label) - max));
  }
}

/** Σ x² / 2. */
export function l2Loss(x: Getter, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const v = x(i);
    s += v * v;
  }
  return s / 2;
}

/**
 * The layout of a batch-norm input as [outer, channels, inner] blocks: NHWC is
 * [N·H·W, C, 1], NCHW is [N, C, H·W] (and the 5-D formats likewise).
 */
export interface ChannelLayout {
  readonly outer: number;
  readonly channels: number;
  readonly inner: number;
}

export function channelLayout(shape: readonly number[], channelsLast: boolean): ChannelLayout {
  const size = shape.reduce((a, b) => a * b, 1);
  if (channelsLast) {
    const c = shape[shape.length - 1] as number;
    return { outer: c === 0 ? 0 : size / c, channels: c, inner: 1 };
  }
  const n = shape[0] as number;
  const c = shape[1] as number;
  return { outer: n, channels: c, inner: n * c === 0 ? 0 : size / (n * c) };
}

/** Calls f(index, channel) for every element, in memory order. */
function forEachChannel(l: ChannelLayout, f: (i: number, c: number) => void): void {
  let i = 0;
  for (let o = 0; o < l.outer; o++) {
    for (let c = 0; c < l.channels; c++) {
      for (let k = 0; k < l.inner; k++) f(i++, c);
    }
  }
}

/** Per-channel mean and biased variance (two passes, float64). */
export function channelMoments(x: Getter, l: ChannelLayout): { mean: Float64Array; variance: Float64Array; count: number } {
  const mean = new Float64Array(l.channels);
  const variance = new Float64Array(l.channels);
  const count = l.outer * l.inner;
  forEachChannel(l, (i, c) => { mean[c] += x(i); });
  for (let c = 0; c < l.channels; c++) mean[c] = (mean[c] as number) / count;
  forEachChannel(l, (i, c) => {
    const d = x(i) - (mean[c] as number);
    variance[c] += d * d;
  });
  for (let c = 0; c < l.channels; c++) variance[c] = (variance[c] as number) / count;
  return { mean, variance, count };
}

/** y = (x − mean)·rsqrt(variance + ε)·scale + offset, per channel. */
export function batchNormApply(x: Getter, y: Setter, l: ChannelLayout, mean: Getter, variance: Getter, scale: Getter, offset: Getter, epsilon: number): void {
  const mul = new Float64Array(l.channels);
  const add = new Float64Array(l.channels);
  for (let c = 0; c < l.channels; c++) {
    const m = scale(c) / Math.sqrt(variance(c) + epsilon);
    mul[c] = m;
    add[c] = offset(c) - mean(c) * m;
  }
  forEachChannel(l, (i, c) => y(i, x(i) * (mul[c] as number) + (add[c] as number)));
}

/**
 * The float32, channels-last forms of channelMoments, batchNormApply and batchNormGrad: the same
 * float64 arithmetic in the same order (so the same float32 results), as plain loops over the
 * data instead of a getter and a callback per element (FusedBatchNormV3 over 8×32×32×64 in
 * training: see the commit that added them).
 */
export function channelMomentsChannelsLast(x: Float32Array, C: number): { mean: Float64Array; variance: Float64Array; count: number } {
  const mean = new Float64Array(C);
  const variance = new Float64Array(C);
  const count = C === 0 ? 0 : x.length / C;
  for (let i = 0; i < x.length; i += C) for (let c = 0; c < C; c++) mean[c] = (mean[c] as number) + (x[i + c] as number);
  for (let c = 0; c < C; c++) mean[c] = (mean[c] as number) / count;
  for (let i = 0; i < x.length; i += C) {
    for (let c = 0; c < C; c++) {
      const d = (x[i + c] as number) - (mean[c] as number);
      variance[c] = (variance[c] as number) + d * d;
    }
  }
  for (let c = 0; c < C; c++) variance[c] = (variance[c] as number) / count;
  return { mean, variance, count };
}

export function batchNormApplyChannelsLast(x: Float32Array, y: Float32Array, C: number, mean: Getter, variance: Getter, scale: Getter, offset: Getter, epsilon: number): void {
  const mul = new Float64Array(C);
  const add = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    const m = scale(c) / Math.sqrt(variance(c) + epsilon);
    mul[c] = m;
    add[c] = offset(c) - mean(c) * m;
  }
  for (let i = 0; i < x.length; i += C) for (let c = 0; c < C; c++) y[i + c] = (x[i + c] as number) * (mul[c] as number) + (add[c] as number);
}

export function batchNormGradChannelsLast(
  dy: Float32Array,
  x: Float32Array,
  scale: Getter,
  mean: Getter,
  variance: Getter,
  dx: Float32Array,
  dscale: Setter,
  doffset: Setter,
  C: number,
  epsilon: number,
  training: boolean,
): void {
  const sumDy = new Float64Array(C);
  const sumDyXhat = new Float64Array(C);
  const rstd = new Float64Array(C);
  const mu = new Float64Array(C);
  const sc = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    rstd[c] = 1 / Math.sqrt(variance(c) + epsilon);
    mu[c] = mean(c);
    sc[c] = scale(c);
  }
  for (let i = 0; i < x.length; i += C) {
    for (let c = 0; c < C; c++) {
      const g = dy[i + c] as number;
      sumDy[c] = (sumDy[c] as number) + g;
      sumDyXhat[c] = (sumDyXhat[c] as number) + g * ((x[i + c] as number) - (mu[c] as number)) * (rstd[c] as number);
    }
  }
  const count = C === 0 ? 0 : x.length / C;
  for (let i = 0; i < x.length; i += C) {
    for (let c = 0; c < C; c++) {
      const r = rstd[c] as number;
      const g = dy[i + c] as number;
      if (!training) {
        dx[i + c] = g * (sc[c] as number) * r;
        continue;
      }
      const xhat = ((x[i + c] as number) - (mu[c] as number)) * r;
      dx[i + c] = (sc[c] as number) * r * (g - (sumDy[c] as number) / count - (xhat * (sumDyXhat[c] as number)) / count);
    }
  }
  for (let c = 0; c < C; c++) {
    dscale(c, sumDyXhat[c] as number);
    doffset(c, sumDy[c] as number);
  }
}

/**
 * FusedBatchNormGrad: with training statistics (`training`), the full batch-norm gradient;
 * otherwise the gradient of the affine map with fixed population statistics.
 */
export function batchNormGrad(
  dy: Getter,
  x: Getter,
  scale: Getter,
  mean: Getter,
  variance: Getter,
  dx: Setter,
  dscale: Setter,
  doffset: Setter,
  l: ChannelLayout,
  epsilon: number,
  training: boolean,
): void {
  const C = l.channels;
  const sumDy = new Float64Array(C);
  const sumDyXhat = new Float64Array(C);
  const rstd = new Float64Array(C);
  for (let c = 0; c < C; c++) rstd[c] = 1 / Math.sqrt(variance(c) + epsilon);
  forEachChannel(l, (i, c) => {
    const g = dy(i);
    sumDy[c] += g;
    sumDyXhat[c] += g * (x(i) - mean(c)) * (rstd[c] as number);
  });
  const count = l.outer * l.inner;
  forEachChannel(l, (i, c) => {
    const r = rstd[c] as number;
    const g = dy(i);
    if (!training) {
      dx(i, g * scale(c) * r);
      return;
    }
    const xhat = (x(i) - mean(c)) * r;
    dx(i, scale(c) * r * (g - (sumDy[c] as number) / count - (xhat * (sumDyXhat[c] as number)) / count));
  });
  for (let c = 0; c < C; c++) {
    dscale(c, sumDyXhat[c] as number);
    doffset(c, sumDy[c] as number);
  }
}
