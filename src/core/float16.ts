/**
 * IEEE-754 binary16 ("half", TensorFlow's float16) conversions. float16 tensors are stored as a
 * Uint16Array of the half bit patterns (Node 20 has no Float16Array).
 */

/** The largest finite half, 65504. */
export const HALF_MAX = 65504;

/** Rounds a non-negative number with an exact fractional part to the nearest integer, ties to even. */
function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * The half bits nearest to `x` (round to nearest, ties to even, from the exact double: no
 * intermediate float32 rounding, as numpy's `np.float16(x)`). Values at or beyond 65520 become
 * inf; NaN becomes the quiet NaN 0x7e00 (with the sign bit when `x` is a negative NaN cannot be
 * told apart in JS, so always positive).
 */
export function toHalfBits(x: number): number {
  if (Number.isNaN(x)) return 0x7e00;
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a === Number.POSITIVE_INFINITY) return sign | 0x7c00;
  if (a < 2 ** -14) {
    // Subnormal (or zero): units of 2^-24; rounding up to 1024 gives the smallest normal, 0x0400.
    return sign | roundHalfEven(a * 2 ** 24);
  }
  let e = Math.floor(Math.log2(a));
  // log2 can be off by one near powers of two: correct so that 2^e <= a < 2^(e+1).
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  let m = roundHalfEven((a / 2 ** e - 1) * 1024);
  if (m === 1024) {
    m = 0;
    e++;
  }
  if (e + 15 >= 31) return sign | 0x7c00;
  return sign | ((e + 15) << 10) | m;
}

/** The number a half bit pattern stands for (exact: every half is a float32 and a double). */
export function fromHalfBits(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 31) return mant ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1024 + mant) * 2 ** (exp - 25);
}

/** `x` rounded to the nearest half, as a number. */
export const roundToHalf = (x: number): number => fromHalfBits(toHalfBits(x));

/** Whether `x` is exactly representable as a half (NaN and ±inf included). */
export const isHalfExact = (x: number): boolean => Number.isNaN(x) || Object.is(roundToHalf(x), x);

/** The shortest decimal that reads back to the same half (numpy's repr of a float16). */
export function shortestHalf(x: number): string {
  for (let p = 1; p <= 5; p++) {
    const s = x.toPrecision(p);
    if (roundToHalf(Number(s)) === x) return String(Number(s));
  }
  return String(x);
}
