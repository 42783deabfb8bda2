// Vector math shared by the elementwise op table and the activation kernels: scratch locals,
// exp as a polynomial on four lanes, and the wrapper running a four-lane formula on one float.
import type { FunctionBuilder } from '../builder/index.js';
import { ValType } from '../builder/index.js';
import { relaxedSimdSupported } from '../features.js';

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

/** 1.5·2^23: added to a float32 below 2^22 in magnitude, it leaves that value rounded to an integer in the low mantissa bits. */
const ROUND_MAGIC = 12582912;
/** The bits of ROUND_MAGIC: subtracted from the bits of x + ROUND_MAGIC, they leave the integer. */
const ROUND_MAGIC_BITS = 0x4b400000;

/** `madd(c)`: a·b + c with a, b on the stack, one relaxed multiply-add (`fma`) or a product and a sum. */
function multiplyAdd(f: FunctionBuilder, fma: boolean): (c: number) => void {
  return (c) => (fma ? f.f32x4(c).simd('f32x4_relaxed_madd') : f.simd('f32x4_mul').f32x4(c).simd('f32x4_add'));
}

/**
 * exp's range reduction of the (clamped) x on the stack: t.v2 = x·log2(e) + 1.5·2^23 (n in its
 * low bits), t.v3 = n, t.v = r = x - n·C1 - n·C2 (ln 2 split in two for an exact first product).
 */
function emitExpReduction(f: FunctionBuilder, t: Temps, fma: boolean): void {
  const madd = multiplyAdd(f, fma);
  f.tee(t.v).f32x4(Math.LOG2E);
  madd(ROUND_MAGIC);
  f.tee(t.v2).f32x4(ROUND_MAGIC).simd('f32x4_sub').set(t.v3);
  if (fma) {
    f.get(t.v3).f32x4(-0.693359375).get(t.v).simd('f32x4_relaxed_madd').set(t.v);
    f.get(t.v3).f32x4(2.12194440e-4).get(t.v).simd('f32x4_relaxed_madd').set(t.v);
  } else {
    f.get(t.v).get(t.v3).f32x4(0.693359375).simd('f32x4_mul', 'f32x4_sub');
    f.get(t.v3).f32x4(-2.12194440e-4).simd('f32x4_mul', 'f32x4_sub').set(t.v);
  }
}

/**
 * exp(x) on four lanes (Cephes' expf: x = n·ln2 + r with |r| ≤ ln2/2, a degree-6 polynomial for
 * e^r, then 2^n applied in two halves so that n from -150 to 128 scales without overflow in the
 * exponent bits): within 2 ulp over the float range; ±inf and NaN as exp's; results below
 * 2^-126 may flush toward 0. n is rounded by adding 1.5·2^23 (its integer then sits in the low
 * bits: no conversion instruction) and the clamp uses pmin/pmax (one instruction each; NaN
 * passes through both). `fma`: the products and sums as relaxed multiply-adds (the engine's
 * choice of fused or not changes a result by at most an ulp). 0.96 ns an element against 1.61
 * for the former form (f32x4.nearest, trunc_sat, NaN-aware min/max), 0.78 with multiply-adds
 * (128K elements, four vectors per iteration, 2026-12-02).
 */
export function emitExp(f: FunctionBuilder, t: Temps, fma = relaxedSimdSupported()): void {
  const madd = multiplyAdd(f, fma);
  f.f32x4(89).simd('f32x4_pmin').f32x4(-104).simd('f32x4_pmax');
  emitExpReduction(f, t, fma);
  f.f32x4(1.9875691500e-4);
  for (const c of [1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1]) {
    f.get(t.v);
    madd(c);
  }
  // y = p·r² + (r + 1)
  f.get(t.v).get(t.v).simd('f32x4_mul');
  if (fma) f.get(t.v).f32x4(1).simd('f32x4_add', 'f32x4_relaxed_madd');
  else f.simd('f32x4_mul').get(t.v).f32x4(1).simd('f32x4_add', 'f32x4_add');
  // · 2^(n>>1) · 2^(n - n>>1)
  f.get(t.v2).i32x4(ROUND_MAGIC_BITS).simd('i32x4_sub').set(t.v2);
  f.get(t.v2).i32(1).simd('i32x4_shr_s').set(t.v3);
  f.get(t.v3).i32x4(127).simd('i32x4_add').i32(23).simd('i32x4_shl', 'f32x4_mul');
  f.get(t.v2).get(t.v3).simd('i32x4_sub').i32x4(127).simd('i32x4_add').i32(23).simd('i32x4_shl', 'f32x4_mul');
}

/** c1…c5 of 1 + c1·r + … + c5·r^5 ≈ e^r on [-ln2/2, ln2/2], fitted to the relative error by scripts/fit-exp-poly.py. */
const EXP5 = [0.9999997019767761, 0.4999915063381195, 0.1666763573884964, 0.041897933930158615, 0.0082903066650033];

/**
 * exp(x) on four lanes for x ≤ 0 (softmax's x - max): emitExp's range reduction, then a degree-5
 * polynomial (EXP5, five multiply-adds, not emitExp's degree 7 and two more products) and 2^n
 * applied in one product, as no result overflows. x is clamped below at -88, where n = -127: 2^n's
 * bits are then 0, so results below about 2^-126.5 are 0 (TensorFlow's CPU kernels flush such
 * values too). NaN stays NaN; -inf gives 0. Within 2.5 ulp where the result is normal (2.0 with
 * multiply-adds, 2.3 without, measured over [-87.3, 0]; emitExp: 1). 13 instructions with
 * multiply-adds against emitExp's 23: softmax of 128×1000 on one thread 154 → 116 µs
 * (2026-12-02, alternating in one program).
 */
export function emitExpNonPositive(f: FunctionBuilder, t: Temps, fma = relaxedSimdSupported()): void {
  const madd = multiplyAdd(f, fma);
  f.f32x4(-88).simd('f32x4_pmax');
  emitExpReduction(f, t, fma);
  // e^r by a degree-5 polynomial in Horner form
  f.f32x4(EXP5[4] as number);
  for (const c of [EXP5[3], EXP5[2], EXP5[1], EXP5[0], 1] as number[]) {
    f.get(t.v);
    madd(c);
  }
  // · 2^n: the bits of (n + 127) << 23, n + 127 ≥ 0 after the clamp
  f.get(t.v2).i32x4(127 - ROUND_MAGIC_BITS).simd('i32x4_add').i32(23).simd('i32x4_shl', 'f32x4_mul');
}

/**
 * log(x) on four lanes: x = m·2^e with m in [√½, √2) (subnormal x scaled by 2^23 first), then
 * log(m) = 2·atanh(s), s = (m - 1)/(m + 1) (|s| < 0.1716), by its odd series to s^11 (the tail is
 * below 2^-28 relative), and e·ln2 added in two parts (C1 exact in a product with e, C2 the rest).
 * Within 2 ulp (tested over the float range). x = ±0 gives -inf, x < 0 NaN, +inf and NaN themselves.
 * Uses t.v … t.v5.
 */
export function emitLog(f: FunctionBuilder, t: Temps, fma = relaxedSimdSupported()): void {
  const madd = multiplyAdd(f, fma);
  // x below 2^-126 (subnormal, zero or negative: the last two replaced at the end) times 2^23
  f.tee(t.v4).f32x4(2 ** 23).simd('f32x4_mul').get(t.v4);
  f.get(t.v4).f32x4(2 ** -126).simd('f32x4_lt').tee(t.v5).simd('v128_bitselect').set(t.v);
  // e = biased exponent - 127 (- 23 where scaled); m = the mantissa with exponent 0
  f.get(t.v).i32(23).simd('i32x4_shr_u').get(t.v5).i32x4(23).simd('v128_and', 'i32x4_sub').i32x4(127).simd('i32x4_sub').set(t.v2);
  f.get(t.v).i32x4(0x007fffff).simd('v128_and').i32x4(0x3f800000).simd('v128_or').set(t.v);
  // m > √2: m/2, e + 1 (the mask is -1 there)
  f.get(t.v).f32x4(Math.SQRT2).simd('f32x4_gt').set(t.v3);
  f.get(t.v).f32x4(0.5).simd('f32x4_mul').get(t.v).get(t.v3).simd('v128_bitselect').set(t.v);
  f.get(t.v2).get(t.v3).simd('i32x4_sub', 'f32x4_convert_i32x4_s').set(t.v2);
  // s = (m - 1)/(m + 1) (m - 1 exact), z = s²; 2s·(1 + z·(1/3 + z·(1/5 + … + z/11)))
  f.get(t.v).f32x4(1).simd('f32x4_sub').get(t.v).f32x4(1).simd('f32x4_add', 'f32x4_div').tee(t.v);
  f.get(t.v).simd('f32x4_mul').set(t.v3);
  f.f32x4(1 / 11);
  for (const c of [1 / 9, 1 / 7, 1 / 5, 1 / 3]) {
    f.get(t.v3);
    madd(c);
  }
  f.get(t.v3).simd('f32x4_mul');
  f.get(t.v).get(t.v).simd('f32x4_add').tee(t.v5);
  if (fma) f.get(t.v5).simd('f32x4_relaxed_madd');
  else f.simd('f32x4_mul').get(t.v5).simd('f32x4_add');
  // + e·C2, + e·C1
  f.set(t.v);
  if (fma) {
    f.get(t.v2).f32x4(-2.12194440e-4).get(t.v).simd('f32x4_relaxed_madd').set(t.v);
    f.get(t.v2).f32x4(0.693359375).get(t.v).simd('f32x4_relaxed_madd');
  } else {
    f.get(t.v2).f32x4(-2.12194440e-4).simd('f32x4_mul').get(t.v).simd('f32x4_add');
    f.get(t.v2).f32x4(0.693359375).simd('f32x4_mul', 'f32x4_add');
  }
  // x not in (0, inf): ±0 → -inf, +inf and NaN themselves, x < 0 → NaN
  f.f32x4(Number.NEGATIVE_INFINITY);
  f.get(t.v4).f32x4(Number.NaN).get(t.v4).f32x4(0).simd('f32x4_ge', 'v128_bitselect');
  f.get(t.v4).f32x4(0).simd('f32x4_eq', 'v128_bitselect');
  f.get(t.v4).f32x4(0).simd('f32x4_gt').get(t.v4).f32x4(Number.POSITIVE_INFINITY).simd('f32x4_lt', 'v128_and', 'v128_bitselect');
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
