import type { FunctionBuilder } from '../builder/index.js';
import { ValType } from '../builder/index.js';

/** Scratch locals an op's code may use (one of each per function: links run one after another). */
export interface Temps {
  readonly v: number;
  readonly f: number;
  /** More v128 scratch (exp needs three). */
  readonly v2: number;
  readonly v3: number;
}

/** An elementwise float32 op as wasm code: four lanes at once, and one lane (tails). */
export interface OpCode {
  /** Operands on the stack (x, or x y) as v128 → the result. */
  readonly simd: (f: FunctionBuilder, t: Temps) => void;
  /** The same on f32 values. */
  readonly scalar: (f: FunctionBuilder, t: Temps) => void;
}

const simple = (simd: Parameters<FunctionBuilder['simd']>[0], scalar: Parameters<FunctionBuilder['op']>[0]): OpCode => ({
  simd: (f) => f.simd(simd),
  scalar: (f) => f.op(scalar),
});

/**
 * Binary float32 ops. Maximum/Minimum propagate NaN (as TensorFlow's); `max(-0, +0)` may give
 * either zero (IEEE allows both, the CPU reference keeps the first).
 */
export const BINARY: Record<string, OpCode> = {
  AddV2: simple('f32x4_add', 'f32_add'),
  Add: simple('f32x4_add', 'f32_add'),
  Sub: simple('f32x4_sub', 'f32_sub'),
  Mul: simple('f32x4_mul', 'f32_mul'),
  RealDiv: simple('f32x4_div', 'f32_div'),
  Div: simple('f32x4_div', 'f32_div'),
  Maximum: simple('f32x4_max', 'f32_max'),
  Minimum: simple('f32x4_min', 'f32_min'),
  SquaredDifference: {
    simd: (f, t) => f.simd('f32x4_sub').tee(t.v).get(t.v).simd('f32x4_mul'),
    scalar: (f, t) => f.op('f32_sub').tee(t.f).get(t.f).op('f32_mul'),
  },
};

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
const viaLanes = (simd: OpCode['simd']): OpCode => ({
  simd,
  scalar: (f, t) => {
    f.simd('f32x4_splat');
    simd(f, t);
    f.extractLane(0);
  },
});

/** Unary float32 ops. Relu is `x < 0 ? 0 : x` (NaN and -0 pass through, as std::max(x, 0)). */
export const UNARY: Record<string, OpCode> = {
  Neg: simple('f32x4_neg', 'f32_neg'),
  Abs: simple('f32x4_abs', 'f32_abs'),
  Sqrt: simple('f32x4_sqrt', 'f32_sqrt'),
  Square: {
    simd: (f, t) => f.tee(t.v).get(t.v).simd('f32x4_mul'),
    scalar: (f, t) => f.tee(t.f).get(t.f).op('f32_mul'),
  },
  Exp: viaLanes(emitExp),
  /** 1 / (1 + exp(-x)). */
  Sigmoid: viaLanes((f, t) => {
    f.simd('f32x4_neg');
    emitExp(f, t);
    f.f32x4(1).simd('f32x4_add').set(t.v3).f32x4(1).get(t.v3).simd('f32x4_div');
  }),
  Relu: {
    // pmax(x, 0) = x < 0 ? 0 : x
    simd: (f) => f.f32x4(0).simd('f32x4_pmax'),
    scalar: (f, t) => f.set(t.f).f32(0).get(t.f).get(t.f).f32(0).op('f32_lt', 'select'),
  },
};

export const isBinary = (op: string): boolean => Object.hasOwn(BINARY, op);
export const isUnary = (op: string): boolean => Object.hasOwn(UNARY, op);

/** Temps for a function. */
export function temps(f: FunctionBuilder): Temps {
  return { v: f.local(ValType.v128), f: f.local(ValType.f32), v2: f.local(ValType.v128), v3: f.local(ValType.v128) };
}
