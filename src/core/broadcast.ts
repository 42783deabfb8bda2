import type { Dim } from './shape.js';
import { stridesOf } from './shape.js';

/**
 * Numpy broadcasting of two static shapes. Returns null when they cannot broadcast.
 * Unknown dims stay unknown unless the other side fixes them (a known dim > 1 wins over unknown).
 */
export function broadcastStatic(a: readonly Dim[], b: readonly Dim[]): Dim[] | null {
  const n = Math.max(a.length, b.length);
  const out: Dim[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const x = i < n - a.length ? 1 : (a[i - (n - a.length)] as Dim);
    const y = i < n - b.length ? 1 : (b[i - (n - b.length)] as Dim);
    if (x === 1) out[i] = y;
    else if (y === 1) out[i] = x;
    else if (x === null) out[i] = y === null ? null : y;
    else if (y === null) out[i] = x;
    else if (x === y) out[i] = x;
    else return null;
  }
  return out;
}

/** Broadcast shape of concrete shapes, or null when incompatible. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] | null {
  return broadcastStatic(a, b) as number[] | null;
}

/**
 * For each flat index of `out`, the flat index into an input of shape `inShape` broadcast to it.
 * Returned as a function of an output multi-index walk; callers use `broadcastIndexer`.
 */
export function broadcastIndexer(inShape: readonly number[], outShape: readonly number[]): Int32Array {
  const size = outShape.reduce((x, y) => x * y, 1);
  const idx = new Int32Array(size);
  const offset = outShape.length - inShape.length;
  const inStrides = stridesOf(inShape);
  // Effective stride per output axis: 0 where the input is broadcast along it.
  const eff = outShape.map((_, i) => {
    const j = i - offset;
    if (j < 0) return 0;
    return inShape[j] === 1 ? 0 : (inStrides[j] as number);
  });
  const counter = new Array<number>(outShape.length).fill(0);
  let cur = 0;
  for (let k = 0; k < size; k++) {
    idx[k] = cur;
    for (let ax = outShape.length - 1; ax >= 0; ax--) {
      counter[ax] = (counter[ax] as number) + 1;
      cur += eff[ax] as number;
      if ((counter[ax] as number) < (outShape[ax] as number)) break;
      cur -= (eff[ax] as number) * (outShape[ax] as number);
      counter[ax] = 0;
    }
  }
  return idx;
}
