import type { FunctionBuilder } from '../builder/index.js';
import { ACTIVATION_GRADS, ACTIVATIONS } from './activations.js';
import { type OpCode, type Temps, emitExp, emitLog, temps, viaLanes } from './vmath.js';

export { type OpCode, type Temps, emitExp, temps };

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
  // TanhGrad, EluGrad, …: (running value, other operand) = the op's two inputs
  ...ACTIVATION_GRADS,
};

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
  Log: viaLanes(emitLog),
  /** 1 / sqrt(x), each step rounded (within 1 ulp of the exact value; -0 → -inf, as 1 / -0). */
  Rsqrt: {
    simd: (f, t) => f.simd('f32x4_sqrt').set(t.v).f32x4(1).get(t.v).simd('f32x4_div'),
    scalar: (f, t) => f.op('f32_sqrt').set(t.f).f32(1).get(t.f).op('f32_div'),
  },
  Reciprocal: {
    simd: (f, t) => f.set(t.v).f32x4(1).get(t.v).simd('f32x4_div'),
    scalar: (f, t) => f.set(t.f).f32(1).get(t.f).op('f32_div'),
  },
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
  // Tanh, Elu, Selu, Relu6, Softplus, Softsign
  ...ACTIVATIONS,
};

export const isBinary = (op: string): boolean => Object.hasOwn(BINARY, op);
export const isUnary = (op: string): boolean => Object.hasOwn(UNARY, op);
