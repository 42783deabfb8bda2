// The activations and their gradient ops as float32 vector code (four lanes; tails run the same
// code on a splat): entries of the elementwise op table (ops.ts), so they run as single kernels,
// join fused chains, and Tanh/Elu serve as GEMM/conv epilogues. Semantics as the CPU kernels
// (backends/cpu/kernels/nn.ts, compute/ops.ts), which compute in float64 and round once; the
// errors against those are measured in test/backends/wasm/activations.test.ts.
import type { FunctionBuilder } from '../builder/index.js';
import { type OpCode, type Temps, emitExp, viaLanes } from './vmath.js';

const SELU_SCALE = 1.0507009873554805;
const SELU_SCALE_ALPHA = 1.7580993408473766;
const SELU_SA_HI = Math.fround(SELU_SCALE_ALPHA);
const SELU_SA_LO = SELU_SCALE_ALPHA - SELU_SA_HI;

/**
 * expm1(x) (x on the stack → result), leaving x in t.v4: for |x| < 0.7 its Taylor series to
 * x^9 (the tail is below 2^-27 relative there), else exp(x) - 1, whose subtraction is exact.
 */
function emitExpm1(f: FunctionBuilder, t: Temps): void {
  f.tee(t.v4);
  emitExp(f, t);
  f.f32x4(1).simd('f32x4_sub').set(t.v5);
  // x + x²·(1/2! + x·(1/3! + … + x/9!))
  const fact = [2, 6, 24, 120, 720, 5040, 40320, 362880];
  f.f32x4(1 / 362880);
  for (let k = fact.length - 2; k >= 0; k--) f.get(t.v4).simd('f32x4_mul').f32x4(1 / (fact[k] as number)).simd('f32x4_add');
  f.get(t.v4).get(t.v4).simd('f32x4_mul', 'f32x4_mul').get(t.v4).simd('f32x4_add');
  f.get(t.v5);
  f.get(t.v4).simd('f32x4_abs').f32x4(0.7).simd('f32x4_lt', 'v128_bitselect');
}

/** Pushes the lanes where t.v4 < 0 as a mask (NaN lanes: false). */
const negative = (f: FunctionBuilder, t: Temps) => f.get(t.v4).f32x4(0).simd('f32x4_lt');

/**
 * tanh: |x| < 0.625 → x + x·z·P(z), z = x² (Cephes' tanhf polynomial); else
 * sign(x)·(1 - 2/(exp(2|x|) + 1)), exp's argument clamped (so ±inf give ±1). NaN stays NaN, -0 -0.
 */
function emitTanh(f: FunctionBuilder, t: Temps): void {
  f.tee(t.v4).simd('f32x4_abs').f32x4(2).simd('f32x4_mul');
  emitExp(f, t);
  f.f32x4(1).simd('f32x4_add').set(t.v5);
  f.f32x4(1).f32x4(2).get(t.v5).simd('f32x4_div', 'f32x4_sub').set(t.v5);
  f.get(t.v4).get(t.v4).simd('f32x4_mul').set(t.v);
  f.f32x4(-5.70498872745e-3);
  for (const c of [2.06390887954e-2, -5.37397155531e-2, 1.33314422036e-1, -3.33332819422e-1]) f.get(t.v).simd('f32x4_mul').f32x4(c).simd('f32x4_add');
  f.get(t.v).simd('f32x4_mul').get(t.v4).simd('f32x4_mul').get(t.v4).simd('f32x4_add');
  f.get(t.v5);
  f.get(t.v4).simd('f32x4_abs').f32x4(0.625).simd('f32x4_lt', 'v128_bitselect');
  // x's sign on both branches (the polynomial's -0 + +0 would lose tanh(-0) = -0)
  f.simd('f32x4_abs').get(t.v4).i32x4(-0x80000000).simd('v128_and', 'v128_or');
}

/**
 * log1p(u) for u in [0, 1] (t.v5 → stack): 2·atanh(s), s = u/(2 + u) ≤ 1/3, by its odd series to
 * s^19 (the tail is below 2^-26 relative).
 */
function emitLog1pUnit(f: FunctionBuilder, t: Temps): void {
  f.get(t.v5).get(t.v5).f32x4(2).simd('f32x4_add', 'f32x4_div').tee(t.v5);
  f.get(t.v5).simd('f32x4_mul').set(t.v);
  f.f32x4(1 / 19);
  for (let k = 17; k >= 1; k -= 2) f.get(t.v).simd('f32x4_mul').f32x4(1 / k).simd('f32x4_add');
  f.get(t.v5).simd('f32x4_mul').f32x4(2).simd('f32x4_mul');
}

/** Relu6: `x < 0 ? 0 : x`, then `6 < y ? 6 : y` (NaN and -0 kept, as the CPU kernel). */
const RELU6: OpCode = {
  simd: (f) => f.f32x4(0).simd('f32x4_pmax').f32x4(6).simd('f32x4_pmin'),
  scalar: (f, t) => {
    f.set(t.f).f32(0).get(t.f).get(t.f).f32(0).op('f32_lt', 'select');
    f.set(t.f).f32(6).get(t.f).f32(6).get(t.f).op('f32_lt', 'select');
  },
};

export const ACTIVATIONS: Record<string, OpCode> = {
  Tanh: viaLanes(emitTanh),
  /** x < 0 ? expm1(x) : x. */
  Elu: viaLanes((f, t) => {
    emitExpm1(f, t);
    f.get(t.v4);
    negative(f, t);
    f.simd('v128_bitselect');
  }),
  /** x < 0 ? scale·alpha·expm1(x) : scale·x. */
  Selu: viaLanes((f, t) => {
    emitExpm1(f, t);
    f.f32x4(SELU_SCALE_ALPHA).simd('f32x4_mul');
    f.get(t.v4).f32x4(SELU_SCALE).simd('f32x4_mul');
    negative(f, t);
    f.simd('v128_bitselect');
  }),
  Relu6: RELU6,
  /** max(x, 0) + log1p(exp(-|x|)) (the CPU kernel's two branches in one; NaN propagates). */
  Softplus: viaLanes((f, t) => {
    f.tee(t.v4).simd('f32x4_abs', 'f32x4_neg');
    emitExp(f, t);
    f.set(t.v5);
    f.get(t.v4).f32x4(0).simd('f32x4_max');
    emitLog1pUnit(f, t);
    f.simd('f32x4_add');
  }),
  /** x / (1 + |x|). */
  Softsign: viaLanes((f, t) => {
    f.tee(t.v4).simd('f32x4_abs').f32x4(1).simd('f32x4_add').set(t.v5);
    f.get(t.v4).get(t.v5).simd('f32x4_div');
  }),
};

/** A binary gradient op `(a, b)` on the stack: a in t.v4, b in t.v5, then `body`. */
const grad = (body: (f: FunctionBuilder, t: Temps) => void): OpCode =>
  viaLanesBinary((f, t) => {
    f.set(t.v5).set(t.v4);
    body(f, t);
  });

/** A binary four-lane formula, its scalar form through two splats and lane 0. */
function viaLanesBinary(simd: OpCode['simd']): OpCode {
  return {
    heavy: true,
    simd,
    scalar: (f, t) => {
      f.set(t.f).simd('f32x4_splat').get(t.f).simd('f32x4_splat');
      simd(f, t);
      f.extractLane(0);
    },
  };
}

const A = (f: FunctionBuilder, t: Temps) => f.get(t.v4);
const B = (f: FunctionBuilder, t: Temps) => f.get(t.v5);

/** The gradient ops, inputs as TensorFlow's: (y or x, dy) for Tanh/Sigmoid, (gradients, x or y) for the rest. */
export const ACTIVATION_GRADS: Record<string, OpCode> = {
  /** dy·(1 - y²), as dy·((1 - y)(1 + y)): no cancellation near |y| = 1. */
  TanhGrad: grad((f, t) => {
    f.f32x4(1);
    A(f, t).simd('f32x4_sub').f32x4(1);
    A(f, t).simd('f32x4_add', 'f32x4_mul');
    B(f, t).simd('f32x4_mul');
  }),
  /** dy·y·(1 - y). */
  SigmoidGrad: grad((f, t) => {
    B(f, t);
    A(f, t).simd('f32x4_mul').f32x4(1);
    A(f, t).simd('f32x4_sub', 'f32x4_mul');
  }),
  /** g·(0 < x < 6 ? 1 : 0) (a product: inf·0 is NaN, as the CPU kernel). */
  Relu6Grad: grad((f, t) => {
    A(f, t);
    B(f, t).f32x4(0).simd('f32x4_gt');
    B(f, t).f32x4(6).simd('f32x4_lt', 'v128_and').f32x4(1).simd('v128_and', 'f32x4_mul');
  }),
  /** y < 0 ? (y + 1)·g : g. */
  EluGrad: grad((f, t) => {
    B(f, t).f32x4(1).simd('f32x4_add');
    A(f, t).simd('f32x4_mul');
    A(f, t);
    B(f, t).f32x4(0).simd('f32x4_lt', 'v128_bitselect');
  }),
  /** y < 0 ? g·(y + scale·alpha) : g·scale. */
  SeluGrad: grad((f, t) => {
    A(f, t);
    // y + scale·alpha as (y + hi) + lo: exact near the cancellation at y = -scale·alpha
    B(f, t).f32x4(SELU_SA_HI).simd('f32x4_add').f32x4(SELU_SA_LO).simd('f32x4_add', 'f32x4_mul');
    A(f, t).f32x4(SELU_SCALE).simd('f32x4_mul');
    B(f, t).f32x4(0).simd('f32x4_lt', 'v128_bitselect');
  }),
  /** g / (exp(-x) + 1). */
  SoftplusGrad: grad((f, t) => {
    A(f, t);
    B(f, t).simd('f32x4_neg');
    emitExp(f, t);
    f.f32x4(1).simd('f32x4_add', 'f32x4_div');
  }),
  /** g / (|x| + 1) / (|x| + 1): two divisions, as the square overflows for |x| > 2^64. */
  SoftsignGrad: grad((f, t) => {
    A(f, t);
    B(f, t).simd('f32x4_abs').f32x4(1).simd('f32x4_add').tee(t.v5).simd('f32x4_div').get(t.v5).simd('f32x4_div');
  }),
};
