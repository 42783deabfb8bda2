// Vector math shared by the elementwise op table and the activation kernels: scratch locals,
// exp as a polynomial on four lanes, and the wrapper running a four-lane formula on one float.
import type { FunctionBuilder } from '../builder/index.js';
import { ValType } from '../builder/index.js';

/** Scratch locals an op's code may use (one of each per function: links run one after another). */
export interface Temps {
  readonly v: number;
  readonly f: number;
  /** More v128 scratch (exp needs three). */
  readonly v2: number;
  readonly v3: number;
  /** Two more for the activations (tanh, expm1, softplus keep x while exp runs). */
  readonly v4: number;
  readonly v5: number;
}

/** An elementwise float32 op as wasm code: four lanes at once, and one lane (tails). */
export interface OpCode {
  /** Operands on the stack (x, or x y) as v128 → the result. */
  readonly simd: (f: FunctionBuilder, t: Temps) => void;
  /** The same on f32 values. */
  readonly scalar: (f: FunctionBuilder, t: Temps) => void;
  /**
   * A long formula (a polynomial's constants and several temporaries live at once): a loop with
   * four vectors in flight spills registers, and still runs faster than with one or two (measured
   * 2026-12-01), so scripts/check-spills.ts accepts spills in its loops.
   */
  readonly heavy?: boolean;
}

/**
 * exp(x) on four lanes (Cephes' expf: x = n·ln2 + r with |r| ≤ ln2/2, a degree-6 polynomial for
 * e^r, then 2^n applied in two halves so that n from -150 to 128 scales without overflow in the
 * exponent bits): within 2 ulp over the float range; ±inf and NaN as exp's; results below
 * 2^-126 may flush toward 0.
 */
export function emitExp(f: FunctionBuilder, t: Temps): void {
  f.f32x4(89).simd('f32x4_min').f32x4(-104).simd('f32x4_max').set(t.v);
  f.get(t.v).f32x4(Math.LOG2E).simd('f32x4_mul', 'f32x4_nearest').set(t.v2);
  // r = x - n·C1 - n·C2 (ln 2 split in two for an exact first product)
  f.get(t.v).get(t.v2).f32x4(0.693359375).simd('f32x4_mul', 'f32x4_sub');
  f.get(t.v2).f32x4(-2.12194440e-4).simd('f32x4_mul', 'f32x4_sub').set(t.v);
  f.f32x4(1.9875691500e-4);
  for (const c of [1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1]) {
    f.get(t.v).simd('f32x4_mul').f32x4(c).simd('f32x4_add');
  }
  // y = p·r² + r + 1
  f.get(t.v).simd('f32x4_mul').get(t.v).simd('f32x4_mul').get(t.v).simd('f32x4_add').f32x4(1).simd('f32x4_add');
  // · 2^(n>>1) · 2^(n - n>>1)
  f.get(t.v2).simd('i32x4_trunc_sat_f32x4_s').set(t.v2);
  f.get(t.v2).i32(1).simd('i32x4_shr_s').set(t.v3);
  f.get(t.v3).i32x4(127).simd('i32x4_add').i32(23).simd('i32x4_shl', 'f32x4_mul');
  f.get(t.v2).get(t.v3).simd('i32x4_sub').i32x4(127).simd('i32x4_add').i32(23).simd('i32x4_shl', 'f32x4_mul');
}

/** An op written for four lanes, run on one f32 (splat, compute, lane 0): tails of long formulas. */
export const viaLanes = (simd: OpCode['simd']): OpCode => ({
  heavy: true,
  simd,
  scalar: (f, t) => {
    f.simd('f32x4_splat');
    simd(f, t);
    f.extractLane(0);
  },
});

/** Temps for a function. */
export function temps(f: FunctionBuilder): Temps {
  return {
    v: f.local(ValType.v128),
    f: f.local(ValType.f32),
    v2: f.local(ValType.v128),
    v3: f.local(ValType.v128),
    v4: f.local(ValType.v128),
    v5: f.local(ValType.v128),
  };
}
