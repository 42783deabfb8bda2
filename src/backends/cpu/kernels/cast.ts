/**
 * The CPU Cast kernel: every pair of numeric and bool dtypes, as TensorFlow's CPU kernel casts one
 * element (C++ `static_cast` compiled for x86-64), checked against TensorFlow 2.21 in
 * test/ops/golden/cast-golden.ts:
 * - float → integer truncates toward zero. A NaN or out-of-range value follows the x86 conversion
 *   instructions: int32 gets INT32_MIN, int64 INT64_MIN; int8/int16/uint8/uint16 take the low bits
 *   of the int32 conversion (so NaN → 0, 300.7 → uint8 44); uint32 the low 32 bits of the int64
 *   conversion; uint64 the int64 conversion, or for values in [2^63, 2^64) their exact value (NaN,
 *   ±inf and values ≥ 2^64 give 2^63).
 * - integer → narrower integer keeps the low bits (wraps); integer → float rounds to nearest even,
 *   exactly (int64/uint64 included).
 * - anything → float16 goes through float32 first (float64 → float16 rounds twice, as Eigen's
 *   `half(double)` does); float16 → anything widens to float32 first (exact).
 * - → bool is `x != 0` (NaN is true, -0 false); bool → numbers is 0 / 1.
 * string casts are refused with TensorFlow's UnimplementedError text.
 * Whole-array loops (`castFast`) serve the pairs whose conversion a typed-array store performs
 * exactly as above; the rest convert element by element.
 */
import { type DType, type TypedData, dtypeTfName } from '../../../core/dtypes.js';
import { UnimplementedError } from '../../../core/errors.js';
import { fromHalfBits, toHalfBits } from '../../../core/float16.js';
import { halfTable } from '../compute/float16.js';
import { type KernelEntry, arr, out } from '../values.js';

const INT32_MIN = -2147483648;
const INT64_MIN = -(2n ** 63n);
const TWO_63 = 2 ** 63;

/** x86's cvttss2si/cvttsd2si (32-bit): truncation, INT32_MIN for NaN or out of range. */
function cvtt32(x: number): number {
  const t = Math.trunc(x);
  return Number.isNaN(t) || t > 2147483647 || t < INT32_MIN ? INT32_MIN : t;
}

/** The same, 64-bit: INT64_MIN for NaN or out of range. */
function cvtt64(x: number): bigint {
  const t = Math.trunc(x);
  return Number.isNaN(t) || t >= TWO_63 || t < -TWO_63 ? INT64_MIN : BigInt(t);
}

/** A float as uint64, as clang's branchless conversion (`small | (small >> 63 & large)`) gives it. */
function floatToUint64(x: number): bigint {
  const small = cvtt64(x);
  if (small >= 0n) return small;
  return BigInt.asUintN(64, small | cvtt64(x - TWO_63));
}

/** A float as uint32: the low 32 bits of the int64 conversion. */
function floatToUint32(x: number): number {
  const t = Math.trunc(x);
  // Uint32Array stores a finite integer modulo 2^32, exactly (ToUint32 works on the exact value).
  return Number.isNaN(t) || t >= TWO_63 || t < -TWO_63 ? 0 : t;
}

/** A bigint rounded to the nearest float32 (ties to even), exactly: no rounding to double first. */
export function bigintToFloat32(v: bigint): number {
  const n = Number(v);
  if (Number.isSafeInteger(n)) return Math.fround(n);
  const neg = v < 0n;
  const a = neg ? -v : v;
  const shift = BigInt(a.toString(2).length - 24);
  let m = a >> shift;
  const rem = a - (m << shift);
  const half = 1n << (shift - 1n);
  if (rem > half || (rem === half && (m & 1n) === 1n)) m += 1n;
  const r = Number(m << shift);
  return Math.fround(neg ? -r : r);
}

type Kind = 'float' | 'int' | 'big';

/** The source's elements as JS values, and what kind they are. */
function reader(dtype: DType, data: TypedData): { kind: Kind; at: (i: number) => number | bigint } {
  switch (dtype) {
    case 'float16':
      return { kind: 'float', at: (i) => fromHalfBits((data as Uint16Array)[i] as number) };
    case 'float32':
    case 'float64':
      return { kind: 'float', at: (i) => (data as Float64Array)[i] as number };
    case 'int64':
    case 'uint64':
      return { kind: 'big', at: (i) => (data as BigInt64Array)[i] as bigint };
    default:
      return { kind: 'int', at: (i) => (data as Int32Array)[i] as number };
  }
}

/** Converts one element of `kind` for storing into a `to` array (typed-array stores wrap the rest). */
function converter(kind: Kind, to: DType): (v: number | bigint) => number | bigint {
  const big = (f: (v: bigint) => number | bigint) => (v: number | bigint) => f(v as bigint);
  const num = (f: (v: number) => number | bigint) => (v: number | bigint) => f(v as number);
  switch (to) {
    case 'float64':
      return (v) => Number(v);
    case 'float32':
      return kind === 'big' ? big(bigintToFloat32) : num(Math.fround);
    case 'float16':
      return kind === 'big' ? big((v) => toHalfBits(bigintToFloat32(v))) : num((v) => toHalfBits(Math.fround(v)));
    case 'bool':
      return kind === 'big' ? big((v) => (v !== 0n ? 1 : 0)) : num((v) => (v !== 0 ? 1 : 0));
    case 'int8':
    case 'int16':
    case 'int32':
    case 'uint8':
    case 'uint16':
      // Int8Array … Uint16Array and Int32Array stores keep the low bits of an integer.
      if (kind === 'big') return big((v) => Number(BigInt.asIntN(32, v)));
      return kind === 'float' ? num(cvtt32) : num((v) => v);
    case 'uint32':
      if (kind === 'big') return big((v) => Number(BigInt.asUintN(32, v)));
      return kind === 'float' ? num(floatToUint32) : num((v) => v);
    case 'int64':
      if (kind === 'big') return big((v) => BigInt.asIntN(64, v));
      return kind === 'float' ? num(cvtt64) : num((v) => BigInt(v));
    case 'uint64':
      if (kind === 'big') return big((v) => BigInt.asUintN(64, v));
      return kind === 'float' ? num(floatToUint64) : num((v) => BigInt.asUintN(64, BigInt(v)));
    case 'string':
      throw new Error('internal: string casts are refused before conversion');
  }
}

/** Integer dtypes of at most 32 bits, and bool (0/1): exact JS numbers, wrapped by any integer store. */
const SMALL = new Set<DType>(['int8', 'int16', 'int32', 'uint8', 'uint16', 'uint32', 'bool']);
const SIGNED = new Set<DType>(['int8', 'int16', 'int32']);
/** Targets whose typed-array store wraps an integer to its width (or holds it exactly). */
const INT_STORE = new Set<DType>(['int8', 'int16', 'int32', 'uint8', 'uint16', 'uint32']);
/** The int32-conversion targets: x86's 32-bit conversion, then the low bits. */
const VIA_INT32 = new Set<DType>(['int8', 'int16', 'int32', 'uint8', 'uint16']);
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

type Numbers = { [i: number]: number; readonly length: number };

/** int32 words of an 8-byte array (little-endian: low word first). */
const words = (a: TypedData): Int32Array => {
  const t = a as BigInt64Array;
  return new Int32Array(t.buffer, t.byteOffset, t.length * 2);
};

/**
 * Casts the first `n` elements whole-array where the stores do TensorFlow's conversion (see the
 * header); false for the pairs left to the element-by-element path.
 */
function castFast(from: DType, to: DType, src: TypedData, dst: TypedData, n: number): boolean {
  const s = src as unknown as Numbers;
  const d = dst as unknown as Numbers;
  if (to === 'bool') {
    if (from === 'int64' || from === 'uint64') {
      const w = words(src);
      for (let i = 0; i < n; i++) d[i] = ((w[2 * i] as number) | (w[2 * i + 1] as number)) !== 0 ? 1 : 0;
      return true;
    }
    if (from === 'float16') return false;
    // NaN !== 0 is true, -0 !== 0 false: TensorFlow's x != 0.
    for (let i = 0; i < n; i++) d[i] = s[i] !== 0 ? 1 : 0;
    return true;
  }
  if (SMALL.has(from) && (to === 'float32' || to === 'float64' || INT_STORE.has(to))) {
    // Integers (≤ 32 bits) are exact numbers: the float store rounds once to nearest even, the
    // integer store keeps the low bits.
    (dst as Float32Array).set((src as Int32Array).subarray(0, n));
    return true;
  }
  if ((from === 'float32' && to === 'float64') || (from === 'float64' && to === 'float32')) {
    (dst as Float32Array).set((src as Float64Array).subarray(0, n));
    return true;
  }
  if (from === 'float16' && (to === 'float32' || to === 'float64')) {
    const t = halfTable();
    for (let i = 0; i < n; i++) d[i] = t[s[i] as number] as number;
    return true;
  }
  if ((from === 'float32' || from === 'float64') && VIA_INT32.has(to)) {
    // In range, the store truncates toward zero (then wraps to the width); else INT32_MIN's bits.
    for (let i = 0; i < n; i++) {
      const v = s[i] as number;
      d[i] = v > -2147483649 && v < 2147483648 ? v : INT32_MIN;
    }
    return true;
  }
  if ((from === 'float32' || from === 'float64') && to === 'uint32') {
    // The low 32 bits of the int64 conversion (0 for NaN or out of int64's range).
    for (let i = 0; i < n; i++) {
      const v = s[i] as number;
      d[i] = v >= -TWO_63 && v < TWO_63 ? v : 0;
    }
    return true;
  }
  if (!LITTLE_ENDIAN) return false;
  if (SMALL.has(from) && (to === 'int64' || to === 'uint64')) {
    // Sign- (or zero-) extended into int32 word pairs: the same bits for int64 and uint64.
    const w = words(dst);
    const signed = SIGNED.has(from);
    for (let i = 0; i < n; i++) {
      const v = s[i] as number;
      w[2 * i] = v;
      w[2 * i + 1] = signed && v < 0 ? -1 : 0;
    }
    return true;
  }
  if ((from === 'int64' || from === 'uint64') && INT_STORE.has(to)) {
    // The low word, wrapped further by the store.
    const w = words(src);
    for (let i = 0; i < n; i++) d[i] = w[2 * i] as number;
    return true;
  }
  if ((from === 'int64' && to === 'uint64') || (from === 'uint64' && to === 'int64')) {
    words(dst).set(words(src).subarray(0, 2 * n));
    return true;
  }
  return false;
}

export const castKernels: Record<string, KernelEntry> = {
  Cast: (inputs, ctx) => {
    const env = ctx.env;
    const x = arr(inputs, 0);
    const to = env.attrs.DstT as DType;
    if (x.dtype === to) return [x];
    if (to === 'string' || x.dtype === 'string') {
      throw new UnimplementedError(null, null, `Cast ${dtypeTfName(x.dtype)} to ${dtypeTfName(to)} is not supported`);
    }
    if (env.attrs.Truncate === true && (to === 'float16' || (to === 'float32' && x.dtype === 'float64'))) {
      // TensorFlow then truncates the mantissa instead of rounding; not built (tf.cast never sets it).
      throw new UnimplementedError(
        null,
        null,
        `Cast ${dtypeTfName(x.dtype)} to ${dtypeTfName(to)} with Truncate=true is not supported by tensorgraph`,
      );
    }
    const o = out(ctx, 0, to, x.shape);
    if (castFast(x.dtype, to, x.data as TypedData, o.data as TypedData, x.size)) return [o];
    const src = reader(x.dtype, x.data as TypedData);
    const f = converter(src.kind, to);
    const dst = o.data as unknown as (number | bigint)[];
    for (let i = 0; i < x.size; i++) dst[i] = f(src.at(i));
    return [o];
  },
};
