import { broadcastIndexer, broadcastShapes } from '../../../core/broadcast.js';
import { type DType, type TypedData, allocate } from '../../../core/dtypes.js';
import { InvalidArgumentError } from '../../../core/errors.js';
import { NDArray } from '../../../core/ndarray.js';
import { shapeDebugString, sizeOf } from '../../../core/shape.js';
import type { Kernel } from '../../backend.js';
import { arr, intList, sameShape } from '../values.js';

type NumFn = (a: number, b: number) => number;


type BigFn = (a: bigint, b: bigint) => bigint;

/** Wraps a JS result into the dtype's range, as C++ arithmetic does (int32 wraps, uint8 wraps). */
function wrap(dtype: DType): (x: number) => number {
  if (dtype === 'int32') return (x) => x | 0;
  if (dtype === 'uint8') return (x) => x & 255;
  return (x) => x;
}

function binaryKernel(f: NumFn, g: BigFn, intF?: NumFn): Kernel {
  return (inputs) => {
    const x = arr(inputs, 0);
    const y = arr(inputs, 1);
    const shape = sameShape(x.shape, y.shape) ? x.shape : broadcastShapes(x.shape, y.shape);
    if (shape === null) {
      throw new InvalidArgumentError(
        null,
        null,
        `Incompatible shapes: ${shapeDebugString(x.shape)} vs. ${shapeDebugString(y.shape)}`,
      );
    }
    const n = sizeOf(shape);
    const out = allocate(x.dtype, n, shape) as TypedData;
    const same = x.size === n && y.size === n;
    const xi = same ? null : broadcastIndexer(x.shape, shape);
    const yi = same ? null : broadcastIndexer(y.shape, shape);
    if (x.dtype === 'int64') {
      const a = x.data as BigInt64Array;
      const b = y.data as BigInt64Array;
      const o = out as BigInt64Array;
      for (let i = 0; i < n; i++) o[i] = BigInt.asIntN(64, g(a[xi ? (xi[i] as number) : i] as bigint, b[yi ? (yi[i] as number) : i] as bigint));
    } else {
      const a = x.data as Float64Array;
      const b = y.data as Float64Array;
      const o = out as Float64Array;
      const isInt = x.dtype === 'int32' || x.dtype === 'uint8';
      const h = isInt && intF ? intF : f;
      const w = wrap(x.dtype);
      for (let i = 0; i < n; i++) o[i] = w(h(a[xi ? (xi[i] as number) : i] as number, b[yi ? (yi[i] as number) : i] as number));
    }
    return [new NDArray(x.dtype, shape, out as never)];
  };
}

/** An elementwise unary kernel; `intF` (when given) computes int32 exactly (Math.imul for products). */
function unaryKernel(f: (v: number) => number, g: (v: bigint) => bigint, intF?: (v: number) => number): Kernel {
  return (inputs) => {
    const x = arr(inputs, 0);
    const out = x.clone();
    const d = out.data as Float64Array | BigInt64Array;
    if (d instanceof BigInt64Array) for (let i = 0; i < d.length; i++) d[i] = BigInt.asIntN(64, g(d[i] as bigint));
    else {
      const w = wrap(x.dtype);
      const h = x.dtype === 'int32' && intF ? intF : f;
      for (let i = 0; i < d.length; i++) d[i] = w(h(d[i] as number));
    }
    return [out];
  };
}

function intDivide(a: number, b: number): number {
  if (b === 0) throw new InvalidArgumentError(null, null, 'Integer division by zero');
  return Math.trunc(a / b);
}

function bigDivide(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new InvalidArgumentError(null, null, 'Integer division by zero');
  return a / b;
}

export const mathKernels: Record<string, Kernel> = {
  AddV2: binaryKernel((a, b) => a + b, (a, b) => a + b),
  Sub: binaryKernel((a, b) => a - b, (a, b) => a - b),
  Mul: binaryKernel((a, b) => a * b, (a, b) => a * b, (a, b) => Math.imul(a, b)),
  RealDiv: binaryKernel((a, b) => a / b, bigDivide, intDivide),

  Neg: unaryKernel((v) => -v, (v) => -v),
  Square: unaryKernel((v) => v * v, (v) => v * v, (v) => Math.imul(v, v)),

  LogicalNot: (inputs) => {
    const x = arr(inputs, 0);
    const out = new NDArray('bool', x.shape);
    const a = x.data as Uint8Array;
    for (let i = 0; i < a.length; i++) (out.data as Uint8Array)[i] = a[i] ? 0 : 1;
    return [out];
  },

  MatMul: (inputs, env) => {
    const a = arr(inputs, 0);
    const b = arr(inputs, 1);
    const ta = env.attrs.transpose_a === true;
    const tb = env.attrs.transpose_b === true;
    if (a.rank !== 2 || b.rank !== 2) {
      throw new InvalidArgumentError(null, null, `In[0] and In[1] has different ndims: ${shapeDebugString(a.shape)} vs. ${shapeDebugString(b.shape)}`);
    }
    const [m, k] = ta ? [a.shape[1] as number, a.shape[0] as number] : [a.shape[0] as number, a.shape[1] as number];
    const [k2, n] = tb ? [b.shape[1] as number, b.shape[0] as number] : [b.shape[0] as number, b.shape[1] as number];
    if (k !== k2) {
      throw new InvalidArgumentError(
        null,
        null,
        `Matrix size-incompatible: In[0]: ${shapeDebugString(a.shape)}, In[1]: ${shapeDebugString(b.shape)}`,
      );
    }
    const out = new NDArray(a.dtype, [m, n]);
    const A = a.data as Float64Array | BigInt64Array;
    const B = b.data as Float64Array | BigInt64Array;
    const C = out.data as Float64Array | BigInt64Array;
    const as = ta ? [1, m] : [k, 1];
    const bs = tb ? [1, k] : [n, 1];
    if (C instanceof BigInt64Array) {
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++) {
          let s = 0n;
          for (let p = 0; p < k; p++) s += (A[i * (as[0] as number) + p * (as[1] as number)] as bigint) * (B[p * (bs[0] as number) + j * (bs[1] as number)] as bigint);
          C[i * n + j] = BigInt.asIntN(64, s);
        }
    } else if (a.dtype === 'int32') {
      // Wrapping int32 arithmetic, as C++'s: exact products (Math.imul) and sums modulo 2^32.
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let p = 0; p < k; p++) {
            s = (s + Math.imul(A[i * (as[0] as number) + p * (as[1] as number)] as number, B[p * (bs[0] as number) + j * (bs[1] as number)] as number)) | 0;
          }
          C[i * n + j] = s;
        }
    } else {
      // i-p-j order keeps the inner loop contiguous over B's rows and C's row when not transposed.
      const acc = new Float64Array(n);
      for (let i = 0; i < m; i++) {
        acc.fill(0);
        for (let p = 0; p < k; p++) {
          const av = A[i * (as[0] as number) + p * (as[1] as number)] as number;
          const rowOff = p * (bs[0] as number);
          const step = bs[1] as number;
          for (let j = 0; j < n; j++) acc[j] = (acc[j] as number) + av * (B[rowOff + j * step] as number);
        }
        for (let j = 0; j < n; j++) C[i * n + j] = acc[j] as number;
      }
    }
    return [out];
  },

  Sum: (inputs, env) => {
    const x = arr(inputs, 0);
    const axesIn = intList(arr(inputs, 1));
    const rank = x.rank;
    const axes = new Set<number>();
    for (const ax of axesIn) {
      if (ax < -rank || ax >= rank) {
        throw new InvalidArgumentError(null, null, `Invalid reduction dimension (${ax} for input with ${rank} dimension(s)`);
      }
      axes.add(ax < 0 ? ax + rank : ax);
    }
    const keep = env.attrs.keep_dims === true;
    const outShape = x.shape.flatMap((d, i) => (axes.has(i) ? (keep ? [1] : []) : [d]));
    const out = new NDArray(x.dtype, outShape);
    const reducedShape = x.shape.map((d, i) => (axes.has(i) ? 1 : d));
    const strides: number[] = [];
    let acc = 1;
    for (let i = rank - 1; i >= 0; i--) {
      strides[i] = axes.has(i) ? 0 : acc;
      acc *= axes.has(i) ? 1 : (reducedShape[i] as number);
    }
    const src = x.data as Float64Array | BigInt64Array;
    const dst = out.data as Float64Array | BigInt64Array;
    const counter = new Array<number>(rank).fill(0);
    let o = 0;
    const isBig = dst instanceof BigInt64Array;
    // Accumulate in float64 for float32 outputs, as TensorFlow's reductions are more precise than naive float32 sums.
    const tmp = isBig ? null : new Float64Array(dst.length);
    for (let i = 0; i < src.length; i++) {
      if (isBig) (dst as BigInt64Array)[o] = ((dst as BigInt64Array)[o] as bigint) + (src[i] as bigint);
      else (tmp as Float64Array)[o] = ((tmp as Float64Array)[o] as number) + (src[i] as number);
      for (let ax = rank - 1; ax >= 0; ax--) {
        counter[ax] = (counter[ax] as number) + 1;
        o += strides[ax] as number;
        if ((counter[ax] as number) < (x.shape[ax] as number)) break;
        o -= (strides[ax] as number) * (x.shape[ax] as number);
        counter[ax] = 0;
      }
    }
    if (isBig) for (let i = 0; i < dst.length; i++) (dst as BigInt64Array)[i] = BigInt.asIntN(64, dst[i] as bigint);
    else {
      const w = wrap(x.dtype);
      for (let i = 0; i < dst.length; i++) (dst as Float64Array)[i] = w((tmp as Float64Array)[i] as number);
    }
    return [out];
  },
};
