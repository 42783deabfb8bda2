// Plain reference computations and test data for the compute-layer tests: integers computed
// exactly with BigInt and wrapped to the dtype's width, floats in float64 then rounded to storage.
import { type ComputeArray, type ComputeDType, allocateFor, floatToHalf, halfToFloat, kindOf } from '../../src/backends/cpu/compute/index.js';

export type V = number | bigint;

export const INT_BITS: Partial<Record<ComputeDType, [bits: number, signed: boolean]>> = {
  int8: [8, true],
  int16: [16, true],
  int32: [32, true],
  int64: [64, true],
  uint8: [8, false],
  uint16: [16, false],
  uint32: [32, false],
  uint64: [64, false],
};

export const isFloatDType = (d: ComputeDType): boolean => d === 'float16' || d === 'float32' || d === 'float64';
export const isBig = (d: ComputeDType): boolean => d === 'int64' || d === 'uint64';

/** Wraps an exact integer to the dtype, returned as the storage's JS type. */
export function wrapInt(d: ComputeDType, v: bigint): V {
  const [bits, signed] = INT_BITS[d] as [number, boolean];
  const w = signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v);
  return isBig(d) ? w : Number(w);
}

/** A float64 result rounded to the dtype's storage (float16 as bits). */
export function roundFloat(d: ComputeDType, v: number): number {
  if (d === 'float32') return Math.fround(v);
  if (d === 'float16') return floatToHalf(v);
  return v;
}

/** The value of stored element `x` (half bits decoded). */
export const decode = (d: ComputeDType, x: V): V => (d === 'float16' ? halfToFloat(x as number) : x);

/** Storage of `values` (numbers; BigInt for 64-bit ints; floats encoded to half for float16). */
export function arrayOf(d: ComputeDType, values: readonly number[]): ComputeArray {
  const a = allocateFor(d, values.length) as unknown as V[];
  values.forEach((v, i) => {
    a[i] = isBig(d) ? BigInt(Math.trunc(v)) : d === 'float16' ? floatToHalf(v) : v;
  });
  return a as unknown as ComputeArray;
}

let seed = 12345;
export function rand(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
}

/** `n` test values for a dtype: edge values first (extremes, zero, NaN/Inf for floats), then random ones. */
export function sample(d: ComputeDType, n: number): number[] {
  const k = kindOf(d);
  let edges: number[];
  let gen: () => number;
  if (k === 'bool') {
    edges = [0, 1];
    gen = () => (rand() < 0.5 ? 0 : 1);
  } else if (isFloatDType(d)) {
    edges = [0, -0, 1.5, -2.5, 0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 3];
    gen = () => Math.round((rand() * 20 - 10) * 8) / 8;
  } else {
    const [bits, signed] = INT_BITS[d] as [number, boolean];
    const lim = Math.min(bits, 53);
    const lo = signed ? -(2 ** (lim - 1)) : 0;
    const hi = signed ? 2 ** (lim - 1) - 1 : 2 ** lim - 1;
    edges = [0, 1, hi, lo, signed ? -1 : 2, hi - 1, 7];
    gen = () => (rand() < 0.5 ? Math.floor(rand() * 41) - (signed ? 20 : 0) : Math.floor(lo + rand() * (hi - lo)));
  }
  return Array.from({ length: n }, (_, i) => (i < edges.length ? (edges[i] as number) : gen()));
}

/** Values read back for comparison: numbers (half decoded) or BigInts. */
export function valuesOf(d: ComputeDType, a: ComputeArray, n = a.length): V[] {
  return Array.from({ length: n }, (_, i) => decode(d, (a as ArrayLike<V>)[i] as V));
}

/** Element index of `a` (shape aShape) for output index `i` under numpy broadcasting to outShape. */
export function broadcastIndex(i: number, aShape: readonly number[], outShape: readonly number[]): number {
  const off = outShape.length - aShape.length;
  let rem = i;
  let idx = 0;
  let stride = 1;
  for (let d = outShape.length - 1; d >= 0; d--) {
    const od = outShape[d] as number;
    const c = rem % od;
    rem = Math.floor(rem / od);
    if (d >= off) {
      const ad = aShape[d - off] as number;
      if (ad !== 1) idx += c * stride;
      stride *= ad;
    }
  }
  return idx;
}

export function broadcastShape(a: readonly number[], b: readonly number[]): number[] {
  const r = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < r; i++) {
    const x = a[a.length - r + i] ?? 1;
    const y = b[b.length - r + i] ?? 1;
    out.push(x === 1 ? y : x);
  }
  return out;
}

export const size = (s: readonly number[]): number => s.reduce((p, q) => p * q, 1);
