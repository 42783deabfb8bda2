import type { Dim } from './shape.js';

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
