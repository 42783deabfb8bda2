// The elementwise op table: each op is an expression template per arithmetic family (`x`, `y` are
// the operand values; `H.*` are the helpers of codegen.ts) plus the same expression as a closure
// for the fallback path. To add an op, add an entry: the generators and tests pick it up.
import { HELPERS as H } from './codegen.js';

export type Scalar = number | bigint;
export type BinFn = (x: Scalar, y: Scalar) => Scalar;
export type UnFn = (x: Scalar) => Scalar;

/** One expression: template source and the equivalent closure. */
export interface Expr<F> {
  readonly src: string;
  readonly fn: F;
}

/** A condition under which the op fails, with TensorFlow's message. */
export interface Guard {
  readonly src: string;
  readonly fn: (x: Scalar, y: Scalar) => boolean;
  readonly message: string;
}

/** Templates by family: `float` also serves float16 (computed in float), `int` every integer of up to 32 bits. */
export interface BinarySpec {
  readonly boolOut?: true;
  readonly float?: Expr<BinFn>;
  readonly int?: Expr<BinFn>;
  readonly big?: Expr<BinFn>;
  readonly bool?: Expr<BinFn>;
  readonly guard?: { readonly int?: Guard; readonly big?: Guard };
}

export interface UnarySpec {
  readonly boolOut?: true;
  readonly float?: Expr<UnFn>;
  readonly int?: Expr<UnFn>;
  readonly big?: Expr<UnFn>;
  readonly bool?: Expr<UnFn>;
}

const n2 = (src: string, f: (x: number, y: number) => number): Expr<BinFn> => ({ src, fn: f as unknown as BinFn });
const b2 = (src: string, f: (x: bigint, y: bigint) => bigint | number): Expr<BinFn> => ({ src, fn: f as unknown as BinFn });
const n1 = (src: string, f: (x: number) => number): Expr<UnFn> => ({ src, fn: f as unknown as UnFn });
const b1 = (src: string, f: (x: bigint) => bigint | number): Expr<UnFn> => ({ src, fn: f as unknown as UnFn });

/** The same template for every numeric family (operators that work on numbers and BigInts alike). */
function all(src: string, fn: BinFn, withBool = false): Partial<BinarySpec> {
  const e = { src, fn };
  return withBool ? { float: e, int: e, big: e, bool: e } : { float: e, int: e, big: e };
}

const cmp = (op: string, fn: (x: Scalar, y: Scalar) => boolean, withBool: boolean): BinarySpec => ({
  boolOut: true,
  ...all(`(x ${op} y ? 1 : 0)`, (x, y) => (fn(x, y) ? 1 : 0), withBool),
});

const DIV0 = 'Integer division by zero';
const INT_DIV0: BinarySpec['guard'] = {
  int: { src: 'y === 0', fn: (_x, y) => y === 0, message: DIV0 },
  big: { src: 'y === 0n', fn: (_x, y) => y === 0n, message: DIV0 },
};

/** Float division; integers truncate toward zero and fail on a zero divisor (TF's Div). */
const DIVIDE: BinarySpec = {
  float: n2('x / y', (x, y) => x / y),
  int: n2('Math.trunc(x / y)', (x, y) => Math.trunc(x / y)),
  big: b2('x / y', (x, y) => x / y),
  guard: INT_DIV0,
};

/** x - y·floor(x / y), with the sign of y (JS % is C's fmod). */
const floorMod = (x: number, y: number): number => {
  const r = x % y;
  return r !== 0 && r < 0 !== y < 0 ? r + y : r;
};
const floorModBig = (x: bigint, y: bigint): bigint => {
  const r = x % y;
  return r !== 0n && r < 0n !== y < 0n ? r + y : r;
};

export const BINARY_OPS = {
  AddV2: all('x + y', (x, y) => (x as number) + (y as number)),
  Sub: all('x - y', (x, y) => (x as number) - (y as number)),
  Mul: {
    float: n2('x * y', (x, y) => x * y),
    int: n2('Math.imul(x, y)', Math.imul),
    big: b2('x * y', (x, y) => x * y),
  },
  RealDiv: DIVIDE,
  Div: DIVIDE,
  /** x / y rounded toward zero, floats too (TF registers TruncateDiv for floats with trunc). */
  TruncateDiv: { ...DIVIDE, float: n2('Math.trunc(x / y)', (x, y) => Math.trunc(x / y)) },
  /** floor(x / y) (exact for integers of up to 32 bits: |x| < 2^53); integers fail on a zero divisor. */
  FloorDiv: {
    float: n2('Math.floor(x / y)', (x, y) => Math.floor(x / y)),
    int: n2('Math.floor(x / y)', (x, y) => Math.floor(x / y)),
    big: b2('(x / y - (x % y !== 0n && (x < 0n) !== (y < 0n) ? 1n : 0n))', (x, y) => x / y - (x % y !== 0n && x < 0n !== y < 0n ? 1n : 0n)),
    guard: INT_DIV0,
  },
  /** The remainder of FloorDiv, with the sign of y; integers fail on a zero divisor. */
  FloorMod: {
    float: n2('H.fmod(x, y)', floorMod),
    int: n2('H.fmod(x, y)', floorMod),
    big: b2('H.fmodBig(x, y)', floorModBig),
    guard: INT_DIV0,
  },
  /** NaN propagates; otherwise std::max(x, y). */
  Maximum: {
    float: n2('(x < y || y !== y ? y : x)', (x, y) => (x < y || Number.isNaN(y) ? y : x)),
    int: n2('Math.max(x, y)', Math.max),
    // biome-ignore lint/complexity/useMathMinMax: BigInts have no Math.max
    big: b2('(x < y ? y : x)', (x, y) => (x < y ? y : x)),
  },
  Minimum: {
    float: n2('(y < x || y !== y ? y : x)', (x, y) => (y < x || Number.isNaN(y) ? y : x)),
    int: n2('Math.min(x, y)', Math.min),
    // biome-ignore lint/complexity/useMathMinMax: BigInts have no Math.min
    big: b2('(y < x ? y : x)', (x, y) => (y < x ? y : x)),
  },
  SquaredDifference: {
    float: n2('(x - y) * (x - y)', (x, y) => (x - y) * (x - y)),
    int: n2('Math.imul(x - y, x - y)', (x, y) => Math.imul(x - y, x - y)),
    big: b2('(x - y) * (x - y)', (x, y) => (x - y) * (x - y)),
  },
  /** C's pow for floats; integers by squaring (wrapping), negative exponents fail. */
  Pow: {
    float: n2('H.pow(x, y)', H.pow),
    int: n2('H.ipow(x, y)', H.ipow),
    big: b2('H.bpow(x, y)', H.bpow),
    guard: {
      int: { src: 'y < 0', fn: (_x, y) => (y as number) < 0, message: 'Integers to negative integer powers are not allowed' },
      big: { src: 'y < 0n', fn: (_x, y) => (y as bigint) < 0n, message: 'Integers to negative integer powers are not allowed' },
    },
  },
  Equal: cmp('===', (x, y) => x === y, true),
  NotEqual: cmp('!==', (x, y) => x !== y, true),
  Less: cmp('<', (x, y) => x < y, false),
  LessEqual: cmp('<=', (x, y) => x <= y, false),
  Greater: cmp('>', (x, y) => x > y, false),
  GreaterEqual: cmp('>=', (x, y) => x >= y, false),
  // TensorFlow's gradient ops of unary functions, given the function's output `x` (y) and the
  // incoming gradient `y` (dy): sigmoid, tanh, sqrt, rsqrt, reciprocal.
  SigmoidGrad: { float: n2('y * x * (1 - x)', (x, y) => y * x * (1 - x)) },
  TanhGrad: { float: n2('y * (1 - x * x)', (x, y) => y * (1 - x * x)) },
  SqrtGrad: { float: n2('y * 0.5 / x', (x, y) => (y * 0.5) / x) },
  RsqrtGrad: { float: n2('x * x * x * y * -0.5', (x, y) => x * x * x * y * -0.5) },
  ReciprocalGrad: { float: n2('-y * x * x', (x, y) => -y * x * x) },
  LogicalAnd: { boolOut: true, bool: n2('(x & y)', (x, y) => x & y) },
  LogicalOr: { boolOut: true, bool: n2('(x | y)', (x, y) => x | y) },
} satisfies Record<string, BinarySpec>;

export type BinaryOpName = keyof typeof BINARY_OPS;

/** A float-only unary op from a Math-style template over `x`. */
const fl = (src: string, fn: (x: number) => number): UnarySpec => ({ float: n1(src, fn) });

export const UNARY_OPS = {
  Neg: { float: n1('-x', (x) => -x), int: n1('-x', (x) => -x), big: b1('-x', (x) => -x) },
  Square: { float: n1('x * x', (x) => x * x), int: n1('Math.imul(x, x)', (x) => Math.imul(x, x)), big: b1('x * x', (x) => x * x) },
  Abs: { float: n1('Math.abs(x)', Math.abs), int: n1('Math.abs(x)', Math.abs), big: b1('(x < 0n ? -x : x)', (x) => (x < 0n ? -x : x)) },
  /** sign(±0) = 0, sign(NaN) = NaN. */
  Sign: {
    float: n1('(x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : x)', (x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : x)),
    int: n1('(x > 0 ? 1 : x < 0 ? -1 : 0)', (x) => (x > 0 ? 1 : x < 0 ? -1 : 0)),
    big: b1('(x > 0n ? 1n : x < 0n ? -1n : 0n)', (x) => (x > 0n ? 1n : x < 0n ? -1n : 0n)),
  },
  Sqrt: fl('Math.sqrt(x)', Math.sqrt),
  Rsqrt: fl('1 / Math.sqrt(x)', (x) => 1 / Math.sqrt(x)),
  Exp: fl('Math.exp(x)', Math.exp),
  Log: fl('Math.log(x)', Math.log),
  Log1p: fl('Math.log1p(x)', Math.log1p),
  Expm1: fl('Math.expm1(x)', Math.expm1),
  Sin: fl('Math.sin(x)', Math.sin),
  Cos: fl('Math.cos(x)', Math.cos),
  Tanh: fl('Math.tanh(x)', Math.tanh),
  Sigmoid: fl('1 / (1 + Math.exp(-x))', (x) => 1 / (1 + Math.exp(-x))),
  Erf: fl('H.erf(x)', H.erf),
  /** max(x, 0) as std::max: NaN stays NaN. */
  Relu: {
    // biome-ignore lint/complexity/useMathMinMax: std::max(x, 0) keeps -0
    float: n1('(x < 0 ? 0 : x)', (x) => (x < 0 ? 0 : x)),
    int: n1('Math.max(x, 0)', (x) => Math.max(x, 0)),
    big: b1('(x < 0n ? 0n : x)', (x) => (x < 0n ? 0n : x)) },
  Floor: fl('Math.floor(x)', Math.floor),
  Ceil: fl('Math.ceil(x)', Math.ceil),
  /** Half to even (banker's rounding), as TensorFlow's Round. */
  Round: fl('H.rint(x)', H.rint),
  Reciprocal: fl('1 / x', (x) => 1 / x),
  LogicalNot: { bool: n1('(x ? 0 : 1)', (x) => (x ? 0 : 1)) },
  IsNan: { boolOut: true, float: n1('(x !== x ? 1 : 0)', (x) => (Number.isNaN(x) ? 1 : 0)) },
  IsFinite: { boolOut: true, float: n1('(x - x === 0 ? 1 : 0)', (x) => (x - x === 0 ? 1 : 0)) },
} satisfies Record<string, UnarySpec>;

export type UnaryOpName = keyof typeof UNARY_OPS;
