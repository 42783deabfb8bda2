// A fused elementwise chain: one generated loop applies a sequence of unary and binary ops to an
// accumulator, reading each binary op's other operand from an extra input (full-size or a scalar),
// without materializing intermediates. Each intermediate is rounded/wrapped to the dtype exactly as
// the unfused kernels' stores would, so a chain gives the same bits as running its ops one by one.
import { cached, compile } from './codegen.js';
import { type ComputeArray, type ComputeDType, kindOf } from './dtypes.js';
import { floatToHalf, halfToFloat } from './float16.js';
import { BINARY_OPS, type BinaryOpName, type BinarySpec, type Expr, type Guard, type Scalar, UNARY_OPS, type UnaryOpName, type UnarySpec } from './ops.js';

/**
 * One step: a unary op on the accumulator, or `[op, input]` = op(acc, inputs[input]), or
 * `[op, input, 'reversed']` = op(inputs[input], acc). Ops with bool output are not allowed.
 */
export type ChainStep = UnaryOpName | readonly [BinaryOpName, number] | readonly [BinaryOpName, number, 'reversed'];

/**
 * out[i] = chain(inputs[0][i], ...) for i < n. inputs[j] holds n elements, or 1 when
 * `scalar[j]` (scalar operands broadcast). Returns null or the first failure's message.
 */
export type ChainKernel = (inputs: readonly ComputeArray[], scalar: readonly boolean[], out: ComputeArray, n: number) => string | null;

type Family = 'float' | 'int' | 'big' | 'bool';

/** Source that rounds/wraps an intermediate `e` to the dtype, as its typed-array store would. */
const ROUND: Record<ComputeDType, (e: string) => string> = {
  float16: (e) => `T[H.f2h(${e})]`,
  float32: (e) => `Math.fround(${e})`,
  float64: (e) => e,
  int8: (e) => `((${e}) << 24 >> 24)`,
  int16: (e) => `((${e}) << 16 >> 16)`,
  int32: (e) => `((${e}) | 0)`,
  uint8: (e) => `((${e}) & 255)`,
  uint16: (e) => `((${e}) & 65535)`,
  uint32: (e) => `((${e}) >>> 0)`,
  int64: (e) => `BigInt.asIntN(64, ${e})`,
  uint64: (e) => `BigInt.asUintN(64, ${e})`,
  bool: (e) => e,
};

const roundFn = (dtype: ComputeDType): ((v: Scalar) => Scalar) => {
  switch (dtype) {
    case 'float16':
      return (v) => halfToFloat(floatToHalf(v as number));
    case 'float32':
      return (v) => Math.fround(v as number);
    case 'int8':
      return (v) => ((v as number) << 24) >> 24;
    case 'int16':
      return (v) => ((v as number) << 16) >> 16;
    case 'int32':
      return (v) => (v as number) | 0;
    case 'uint8':
      return (v) => (v as number) & 255;
    case 'uint16':
      return (v) => (v as number) & 65535;
    case 'uint32':
      return (v) => (v as number) >>> 0;
    case 'int64':
      return (v) => BigInt.asIntN(64, v as bigint);
    case 'uint64':
      return (v) => BigInt.asUintN(64, v as bigint);
    default:
      return (v) => v;
  }
};

interface Resolved {
  readonly expr: Expr<(x: Scalar, y: Scalar) => Scalar>;
  readonly guard: Guard | undefined;
  readonly input: number; // -1 for unary
  readonly reversed: boolean;
}

function resolve(steps: readonly ChainStep[], dtype: ComputeDType): Resolved[] {
  const kind = kindOf(dtype);
  const fam: Family = kind === 'half' ? 'float' : kind;
  return steps.map((s) => {
    if (typeof s === 'string') {
      const spec = UNARY_OPS[s] as UnarySpec;
      const e = spec[fam];
      if (e === undefined || spec.boolOut) throw new TypeError(`compute: ${s} cannot be fused for dtype ${dtype}`);
      return { expr: e as unknown as Resolved['expr'], guard: undefined, input: -1, reversed: false };
    }
    const [op, input, rev] = s;
    const spec = BINARY_OPS[op] as BinarySpec;
    const e = spec[fam];
    if (e === undefined || spec.boolOut) throw new TypeError(`compute: ${op} cannot be fused for dtype ${dtype}`);
    const guard = kind === 'int' ? spec.guard?.int : kind === 'big' ? spec.guard?.big : undefined;
    return { expr: e, guard, input, reversed: rev === 'reversed' };
  });
}

function source(steps: readonly Resolved[], dtype: ComputeDType, nInputs: number, fixed?: readonly boolean[]): string {
  const half = dtype === 'float16';
  const rd = (j: number, idx: string) => (half ? `T[in${j}[${idx}]]` : `in${j}[${idx}]`);
  // With the scalar pattern fixed, a scalar operand is read once, before the loop.
  const decl = Array.from({ length: nInputs }, (_, j) =>
    fixed ? `const in${j} = inputs[${j}];${fixed[j] ? ` const c${j} = ${rd(j, '0')};` : ''}` : `const in${j} = inputs[${j}]; const s${j} = scalar[${j}] ? 0 : 1;`,
  ).join('\n  ');
  const at = (j: number) => (fixed ? (fixed[j] ? `c${j}` : rd(j, 'i')) : rd(j, `i * s${j}`));
  const body = steps
    .map((s) => {
      if (s.input < 0) return `{ const x = acc; acc = ${ROUND[dtype](s.expr.src)}; }`;
      const v = at(s.input);
      const [x, y] = s.reversed ? [v, 'acc'] : ['acc', v];
      const g = s.guard ? `if (${s.guard.src}) return ${JSON.stringify(s.guard.message)};` : '';
      return `{ const x = ${x}; const y = ${y}; ${g} acc = ${ROUND[dtype](s.expr.src)}; }`;
    })
    .join('\n    ');
  return `return function chain(inputs, scalar, o, n) {
  ${decl}
  for (let i = 0; i < n; i++) {
    let acc = ${at(0)};
    ${body}
    o[i] = ${half ? 'H.f2h(acc)' : 'acc'};
  }
  return null;
};`;
}

function closure(steps: readonly Resolved[], dtype: ComputeDType): ChainKernel {
  const half = dtype === 'float16';
  const round = roundFn(dtype);
  return (inputs, scalar, o, n) => {
    const ins = inputs as readonly ArrayLike<Scalar>[];
    const O = o as unknown as Scalar[];
    const read = (j: number, i: number): Scalar => {
      const raw = (ins[j] as ArrayLike<Scalar>)[scalar[j] ? 0 : i] as Scalar;
      return half ? halfToFloat(raw as number) : raw;
    };
    for (let i = 0; i < n; i++) {
      let acc = read(0, i);
      for (const s of steps) {
        if (s.input < 0) {
          acc = round((s.expr.fn as unknown as (x: Scalar) => Scalar)(acc));
          continue;
        }
        const v = read(s.input, i);
        const [x, y] = s.reversed ? [v, acc] : [acc, v];
        if (s.guard?.fn(x, y)) return s.guard.message;
        acc = round(s.expr.fn(x, y));
      }
      O[i] = half ? floatToHalf(acc as number) : acc;
    }
    return null;
  };
}

const cache = new Map<string, ChainKernel>();

/**
 * The fused kernel for `steps` on `dtype` (throws TypeError for an op the dtype lacks or a
 * bool-output op). With `scalar` given, the kernel is specialized to that pattern of scalar
 * operands (read once, outside the loop) and must be called with it.
 */
export function fusedChain(dtype: ComputeDType, steps: readonly ChainStep[], scalar?: readonly boolean[]): ChainKernel {
  return cached(cache, `${dtype}|${JSON.stringify(steps)}|${scalar ? scalar.map(Number).join('') : '*'}`, () => {
    const resolved = resolve(steps, dtype);
    const nInputs = Math.max(1, ...resolved.map((s) => s.input + 1));
    return compile<ChainKernel>(source(resolved, dtype, nInputs, scalar), dtype === 'float16') ?? closure(resolved, dtype);
  });
}
