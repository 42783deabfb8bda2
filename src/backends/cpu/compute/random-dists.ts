// TensorFlow's random distributions over Philox (`random_distributions.h`) and how its CPU
// kernels consume the generator (`FillPhiloxRandomTask`): which uint32 become which output,
// group sizes, and the per-group skip of variable-sample distributions. Same generator state in,
// same values out as TensorFlow.
import { floatToHalf } from './float16.js';
import { type Philox, SingleSample } from './philox.js';

export type RandomFloatDType = 'float16' | 'float32' | 'float64';
type FloatArray = Float32Array | Float64Array | Uint16Array;

const TWO_PI = 2 * Math.PI;
const fround = Math.fround;
const EPS_F = Math.fround(1.0e-7);

/** Uint32ToFloat: 23 random mantissa bits, in [0, 1). */
export function uint32ToFloat(x: number): number {
  return (x & 0x7fffff) / 8388608;
}

/** Uint64ToDouble: 52 random mantissa bits (20 from x0, 32 from x1), in [0, 1). */
export function uint64ToDouble(x0: number, x1: number): number {
  return ((x0 & 0xfffff) * 4294967296 + (x1 >>> 0)) / 4503599627370496;
}

/** Uint16ToHalf: 10 random mantissa bits of the low 16, in [0, 1) (exact in half). */
function uint16ToHalf(x: number): number {
  return (x & 0x3ff) / 1024;
}

/** BoxMullerFloat: two float32 normals from two uint32, computed as TF does in float. */
function boxMullerFloat(x0: number, x1: number, out: Float64Array): void {
  let u1 = uint32ToFloat(x0);
  if (u1 < EPS_F) u1 = EPS_F;
  const v1 = fround(TWO_PI * uint32ToFloat(x1));
  const u2 = fround(Math.sqrt(fround(-2 * fround(Math.log(u1)))));
  out[0] = fround(fround(Math.sin(v1)) * u2);
  out[1] = fround(fround(Math.cos(v1)) * u2);
}

/** BoxMullerDouble: two float64 normals from four uint32. */
function boxMullerDouble(x0: number, x1: number, x2: number, x3: number, out: Float64Array): void {
  let u1 = uint64ToDouble(x0, x1);
  if (u1 < 1.0e-7) u1 = 1.0e-7;
  const v1 = TWO_PI * uint64ToDouble(x2, x3);
  const u2 = Math.sqrt(-2.0 * Math.log(u1));
  out[0] = Math.sin(v1) * u2;
  out[1] = Math.cos(v1) * u2;
}

/** Outputs per group (TF's `kResultElementCount`): one Philox call's worth. */
export function groupSize(dtype: RandomFloatDType | 'int32' | 'int64'): number {
  return dtype === 'float64' || dtype === 'int64' ? 2 : 4;
}

function store(out: FloatArray, half: boolean, i: number, v: number): void {
  out[i] = half ? floatToHalf(v) : v;
}

/**
 * RandomUniform: `n` values in [0, 1) into `out` (float16 as half bits), from `gen` positioned at
 * the op's reservation. One Philox call per group of `groupSize` outputs.
 */
export function fillUniform(dtype: RandomFloatDType, gen: Philox, out: FloatArray, n: number): void {
  const s = new Uint32Array(4);
  const half = dtype === 'float16';
  if (dtype === 'float64') {
    for (let i = 0; i < n; i += 2) {
      gen.next(s);
      out[i] = uint64ToDouble(s[0] as number, s[1] as number);
      if (i + 1 < n) out[i + 1] = uint64ToDouble(s[2] as number, s[3] as number);
    }
    return;
  }
  const conv = half ? uint16ToHalf : uint32ToFloat;
  for (let i = 0; i < n; i += 4) {
    gen.next(s);
    for (let j = 0; j < 4 && i + j < n; j++) store(out, half, i + j, conv(s[j] as number));
  }
}

/** RandomStandardNormal: Box-Muller pairs, one Philox call per group. */
export function fillNormal(dtype: RandomFloatDType, gen: Philox, out: FloatArray, n: number): void {
  const s = new Uint32Array(4);
  const f = new Float64Array(2);
  const half = dtype === 'float16';
  if (dtype === 'float64') {
    for (let i = 0; i < n; i += 2) {
      gen.next(s);
      boxMullerDouble(s[0] as number, s[1] as number, s[2] as number, s[3] as number, f);
      out[i] = f[0] as number;
      if (i + 1 < n) out[i + 1] = f[1] as number;
    }
    return;
  }
  for (let i = 0; i < n; i += 4) {
    gen.next(s);
    for (let p = 0; p < 4; p += 2) {
      boxMullerFloat(s[p] as number, s[p + 1] as number, f);
      if (i + p < n) store(out, half, i + p, f[0] as number);
      if (i + p + 1 < n) store(out, half, i + p + 1, f[1] as number);
    }
  }
}

/**
 * TruncatedNormal: normals with |x| < 2, by rejection. Each group of outputs restarts from the
 * reservation skipped by group × 256 × group / 4 calls, drawing uint32 one by one, so its values
 * do not depend on how the work is split (TF's variable-samples path).
 */
export function fillTruncatedNormal(dtype: RandomFloatDType, base: Philox, out: FloatArray, n: number): void {
  const f = new Float64Array(2);
  const half = dtype === 'float16';
  const k = dtype === 'float64' ? 2 : 4;
  const skipPerGroup = (k * 256) / 4;
  const groups = Math.ceil(n / k);
  for (let g = 0; g < groups; g++) {
    const gen = base.clone();
    gen.skip(g * skipPerGroup);
    const single = new SingleSample(gen);
    let index = 0;
    const limit = Math.min(k, n - g * k);
    const offset = g * k;
    while (index < k) {
      if (dtype === 'float64') {
        const x0 = single.next();
        const x1 = single.next();
        const x2 = single.next();
        const x3 = single.next();
        boxMullerDouble(x0, x1, x2, x3, f);
      } else {
        const x0 = single.next();
        const x1 = single.next();
        boxMullerFloat(x0, x1, f);
      }
      for (let i = 0; i < 2 && index < k; i++) {
        const v = f[i] as number;
        if (Math.abs(v) < 2) {
          if (index < limit) store(out, half, offset + index, v);
          index++;
        }
      }
    }
  }
}

/** RandomUniformInt int32: lo + (uint32 % (hi - lo)), one output per uint32. */
export function fillUniformInt32(gen: Philox, lo: number, hi: number, out: Int32Array, n: number): void {
  const s = new Uint32Array(4);
  const range = (hi - lo) >>> 0;
  for (let i = 0; i < n; i += 4) {
    gen.next(s);
    for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (lo + ((s[j] as number) % range)) | 0;
  }
}

/** RandomUniformInt int64: lo + (uint64 % (hi - lo)), one output per pair of uint32 (low word first). */
export function fillUniformInt64(gen: Philox, lo: bigint, hi: bigint, out: BigInt64Array, n: number): void {
  const s = new Uint32Array(4);
  const range = BigInt.asUintN(64, hi - lo);
  for (let i = 0; i < n; i += 2) {
    gen.next(s);
    for (let j = 0; j < 2 && i + j < n; j++) {
      const bits = BigInt(s[2 * j] as number) | (BigInt(s[2 * j + 1] as number) << 32n);
      out[i + j] = BigInt.asIntN(64, lo + (bits % range));
    }
  }
}

/** SimplePhilox::RandDouble: a double in [0, 1) from two uint32 of `single`. */
export function randDouble(single: SingleSample): number {
  const x0 = single.next();
  const x1 = single.next();
  return uint64ToDouble(x0, x1);
}
