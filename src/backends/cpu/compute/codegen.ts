// Compiles generated kernel source with `new Function` once per key, or reports that it cannot
// (a Content-Security-Policy without 'unsafe-eval'), so callers fall back to closure kernels.
import { floatToHalf, halfTable } from './float16.js';

let probed: boolean | null = null;
let enabled = true;

function probe(): boolean {
  if (probed === null) {
    try {
      probed = new Function('return 1')() === 1;
    } catch {
      probed = false;
    }
  }
  return probed;
}

/** Whether generated kernels are used: the platform allows `new Function` and it is not turned off. */
export function codegenActive(): boolean {
  return enabled && probe();
}

/**
 * Turns code generation off (`false`: every kernel comes from the closure fallback, as under a
 * CSP) or back on. Kernels already handed out keep working; the caches are keyed by mode.
 */
export function setCodegenEnabled(on: boolean): void {
  enabled = on;
}

/** Helpers that generated source may call as `H.name(...)`. */
export const HELPERS = {
  f2h: floatToHalf,
  /** Round half to even, as TensorFlow's Round (std::nearbyint). */
  rint(x: number): number {
    const r = Math.round(x);
    return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
  },
  /** C's pow: pow(1, y) and pow(-1, ±inf) are 1 where JS gives NaN. */
  pow(x: number, y: number): number {
    if (x === 1 || y === 0) return 1;
    if (x === -1 && (y === Number.POSITIVE_INFINITY || y === Number.NEGATIVE_INFINITY)) return 1;
    return x ** y;
  },
  /**
   * The error function to double precision: erf(x) = 2/√π·e^(-x²)·Σ 2ⁿx^(2n+1)/(1·3···(2n+1)) (all
   * terms positive, no cancellation) for |x| < 3; 1 - erfc(x) by its continued fraction beyond.
   */
  erf(x: number): number {
    const a = Math.abs(x);
    if (Number.isNaN(a)) return x;
    if (a >= 6) return x > 0 ? 1 : -1;
    let r: number;
    if (a < 3) {
      const x2 = a * a;
      let term = a;
      let sum = a;
      for (let n = 0; n < 200 && term > sum * 1e-17; n++) {
        term *= (2 * x2) / (2 * n + 3);
        sum += term;
      }
      r = ((2 / Math.sqrt(Math.PI)) * Math.exp(-x2) * sum);
    } else {
      // erfc(a) = e^(-a²)/√π · 1/(a + (1/2)/(a + 1/(a + (3/2)/(a + …)))), evaluated bottom-up.
      let f = a;
      for (let k = 60; k >= 1; k--) f = a + k / 2 / f;
      r = 1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / f;
    }
    return x < 0 ? -r : r;
  },
  /** FloorMod: x - y·floor(x / y), computed as C's fmod plus y when the signs differ. */
  fmod(x: number, y: number): number {
    const r = x % y;
    return r !== 0 && r < 0 !== y < 0 ? r + y : r;
  },
  fmodBig(x: bigint, y: bigint): bigint {
    const r = x % y;
    return r !== 0n && r < 0n !== y < 0n ? r + y : r;
  },
  /** Integer power by squaring, wrapping modulo 2^32 (exact for every width up to 32 bits). */
  ipow(x: number, y: number): number {
    let r = 1;
    let b = x | 0;
    let e = y;
    while (e > 0) {
      if (e & 1) r = Math.imul(r, b);
      b = Math.imul(b, b);
      e = Math.floor(e / 2);
    }
    return r;
  },
  /** BigInt power by squaring, wrapping modulo 2^64. */
  bpow(x: bigint, y: bigint): bigint {
    let r = 1n;
    let b = BigInt.asIntN(64, x);
    let e = y;
    while (e > 0n) {
      if (e & 1n) r = BigInt.asIntN(64, r * b);
      b = BigInt.asIntN(64, b * b);
      e >>= 1n;
    }
    return r;
  },
};

export type Helpers = typeof HELPERS;

/**
 * `body` is the source of a function body that sees `H` (HELPERS) and `T` (the float16 table,
 * float32 values by half bits) and returns the kernel. Returns null when code generation is off.
 */
export function compile<F>(body: string, half = false): F | null {
  if (!codegenActive()) return null;
  return new Function('H', 'T', body)(HELPERS, half ? halfTable() : null) as F;
}

/** Memoizes `make` per key and per code generation mode. */
export function cached<F>(cache: Map<string, F>, key: string, make: () => F): F {
  const k = `${codegenActive() ? 'gen' : 'closure'}|${key}`;
  let f = cache.get(k);
  if (f === undefined) {
    f = make();
    cache.set(k, f);
  }
  return f;
}
