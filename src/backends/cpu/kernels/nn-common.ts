// Helpers shared by the convolution, pooling and resize kernels: a tensor's values as a float32 /
// float64 / int32 working array (float16 decoded, NCHW transposed to NHWC), and the way back.
import type { DType } from '../../../core/dtypes.js';
import { InvalidArgumentError, UnimplementedError } from '../../../core/errors.js';
import { windowedOutput } from '../../../ops/defs/nn/conv-util.js';
import { type ComputeArray, floatToHalf, halfToFloat } from '../compute/index.js';
import { type ConvArray, transposeLayout } from '../compute/conv.js';
import type { CpuTensor } from '../tensor.js';

/** The dtype the compute loops run in: float16 runs as float32 (Eigen computes half in float). */
export const workDType = (dtype: DType): 'float32' | 'float64' | 'int32' => (dtype === 'float64' ? 'float64' : dtype === 'int32' ? 'int32' : 'float32');

export function newWork(dtype: DType, n: number): ConvArray {
  const w = workDType(dtype);
  return w === 'float64' ? new Float64Array(n) : w === 'int32' ? new Int32Array(n) : new Float32Array(n);
}

/**
 * The first `n` values of `t` as a working array: the tensor's own storage when its dtype is
 * already a working one, else a decoded copy.
 */
export function workOf(t: CpuTensor, n: number): ConvArray {
  const d = t.data as ComputeArray;
  if (t.dtype === 'float16') {
    const o = new Float32Array(n);
    for (let i = 0; i < n; i++) o[i] = halfToFloat(d[i] as number);
    return o;
  }
  if (d instanceof Float32Array || d instanceof Float64Array || d instanceof Int32Array) return d;
  throw new Error(`internal: no working array for ${t.dtype}`);
}

/** Writes the first `n` working values into `out` (encoding float16); a no-op when they are the same array. */
export function storeWork(w: ConvArray, out: CpuTensor, n: number): void {
  const d = out.data as ComputeArray;
  if ((d as unknown) === w) return;
  if (out.dtype === 'float16') {
    for (let i = 0; i < n; i++) d[i] = floatToHalf(w[i] as number);
    return;
  }
  (d as ConvArray).set(w.subarray(0, n));
}

/** NHWC working values of a 4-D tensor in `dataFormat`. */
export function nhwcOf(t: CpuTensor, dataFormat: string): ConvArray {
  const [n, a, b, c] = t.shape as [number, number, number, number];
  const size = n * a * b * c;
  const w = workOf(t, size);
  return dataFormat === 'NCHW' ? transposeLayout(w, n, a, b, c, true) : w;
}

/** Stores NHWC working values into `out`, a 4-D tensor in `dataFormat`. */
export function storeNHWC(w: ConvArray, out: CpuTensor, dataFormat: string): void {
  const [n, a, b, c] = out.shape as [number, number, number, number];
  const size = n * a * b * c;
  storeWork(dataFormat === 'NCHW' ? transposeLayout(w, n, a, b, c, false) : w, out, size);
}

/** [N, H, W, C] of a shape in `dataFormat`. */
export function toNHWC(shape: readonly number[], dataFormat: string): [number, number, number, number] {
  const [a, b, c, d] = shape as [number, number, number, number];
  return dataFormat === 'NCHW' ? [a, c, d, b] : [a, b, c, d];
}

/** A shape in `dataFormat` from N, H, W, C. */
export function fromNHWC(n: number, h: number, w: number, c: number, dataFormat: string): number[] {
  return dataFormat === 'NCHW' ? [n, c, h, w] : [n, h, w, c];
}

/** The (N, H, W, C) entries of a 4-element attr in `dataFormat`. */
export function attrNHWC(v: readonly number[], dataFormat: string): [number, number, number, number] {
  return toNHWC(v, dataFormat);
}

/** TensorFlow's 4-D rank check of a kernel input: `input must be 4-dimensional[1,5,5]`. */
export function need4D(t: CpuTensor, what: string): void {
  if (t.rank !== 4) throw new InvalidArgumentError(null, null, `${what} must be 4-dimensional[${t.shape.join(',')}]`);
}

/** Output size and leading padding along one axis at run time (TF's messages as InvalidArgument). */
export function runWindow(inSize: number, filter: number, dilation: number, stride: number, padding: string, before = 0, after = 0): { out: number; padBefore: number } {
  const r = windowedOutput(inSize, filter, dilation, stride, padding, before, after);
  if (typeof r === 'string') throw new InvalidArgumentError(null, null, r);
  return r;
}

export function unimplemented(message: string): never {
  throw new UnimplementedError(null, null, message);
}

export function invalid(message: string): never {
  throw new InvalidArgumentError(null, null, message);
}
