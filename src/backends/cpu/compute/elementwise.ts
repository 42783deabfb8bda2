// Elementwise kernels generated per (op, dtype, broadcast kind): each compiled loop sees one typed
// array type, so V8 keeps it monomorphic. Without `new Function` (CSP), closure kernels built from
// the same op table give the same results, slower.
import { type InnerKernel, type InnerKernels, broadcastRun } from './broadcast.js';
import { cached, compile } from './codegen.js';
import { type ComputeArray, type ComputeDType, type Kind, kindOf } from './dtypes.js';
import { floatToHalf, halfToFloat } from './float16.js';
import { BINARY_OPS, type BinFn, type BinaryOpName, type BinarySpec, type Expr, type Guard, type Scalar, UNARY_OPS, type UnFn, type UnaryOpName, type UnarySpec } from './ops.js';

export type { BinaryOpName, UnaryOpName } from './ops.js';

/**
 * `out = op(a, b)`, broadcasting aShape and bShape (numpy rules) to outShape; `out` holds
 * size(outShape) elements of the output dtype. Returns null, or TensorFlow's message for a failure
 * ('Integer division by zero'), after which `out` is partly written. Throws RangeError when the
 * shapes do not broadcast to outShape.
 */
export type BinaryKernel = (
  a: ComputeArray,
  aShape: readonly number[],
  b: ComputeArray,
  bShape: readonly number[],
  out: ComputeArray,
  outShape: readonly number[],
) => string | null;

/** `out[i] = op(x[i])` for i < n (default: out.length). */
export type UnaryKernel = (x: ComputeArray, out: ComputeArray, n?: number) => void;

type Family = 'float' | 'int' | 'big' | 'bool';
const family = (k: Kind): Family => (k === 'half' ? 'float' : k);

function exprFor<F>(spec: { readonly [f in Family]?: Expr<F> }, op: string, dtype: ComputeDType): Expr<F> {
  const e = spec[family(kindOf(dtype))];
  if (e === undefined) throw new TypeError(`compute: ${op} does not support dtype ${dtype}`);
  return e;
}

const binSpec = (op: BinaryOpName): BinarySpec => BINARY_OPS[op] as BinarySpec;
const unSpec = (op: UnaryOpName): UnarySpec => UNARY_OPS[op] as UnarySpec;

/** Whether `binary(op, dtype)` exists. */
export function supportsBinary(op: BinaryOpName, dtype: ComputeDType): boolean {
  return binSpec(op)[family(kindOf(dtype))] !== undefined;
}

/** Whether `unary(op, dtype)` exists. */
export function supportsUnary(op: UnaryOpName, dtype: ComputeDType): boolean {
  return unSpec(op)[family(kindOf(dtype))] !== undefined;
}

/** The dtype of `op`'s output for inputs of `dtype` (bool for comparisons, IsNan, …). */
export function binaryOutputDType(op: BinaryOpName, dtype: ComputeDType): ComputeDType {
  return binSpec(op).boolOut ? 'bool' : dtype;
}

export function unaryOutputDType(op: UnaryOpName, dtype: ComputeDType): ComputeDType {
  return unSpec(op).boolOut ? 'bool' : dtype;
}

type BroadcastKind = keyof InnerKernels;

function binarySource(e: string, guard: Guard | undefined, kind: BroadcastKind, half: boolean, boolOut: boolean): string {
  const rd = (arr: string, idx: string) => (half ? `T[${arr}[${idx}]]` : `${arr}[${idx}]`);
  const wr = half && !boolOut ? `H.f2h(${e})` : e;
  const pre = kind === 'sv' ? `const x = ${rd('a', 'ai')};` : kind === 'vs' ? `const y = ${rd('b', 'bi')};` : '';
  const x = kind === 'sv' ? '' : `const x = ${rd('a', 'ai + i')};`;
  const y = kind === 'vs' ? '' : `const y = ${rd('b', 'bi + i')};`;
  const g = guard ? `if (${guard.src}) return ${JSON.stringify(guard.message)};` : '';
  return `return function ${kind}(a, ai, b, bi, o, oi, n) {
  ${pre}
  for (let i = 0; i < n; i++) { ${x} ${y} ${g} o[oi + i] = ${wr}; }
  return null;
};`;
}

function binaryClosure(fn: BinFn, guard: Guard | undefined, kind: BroadcastKind, half: boolean, boolOut: boolean): InnerKernel {
  const sa = kind === 'sv' ? 0 : 1;
  const sb = kind === 'vs' ? 0 : 1;
  return (a, ai, b, bi, o, oi, n) => {
    const A = a as ArrayLike<Scalar>;
    const B = b as ArrayLike<Scalar>;
    const O = o as unknown as Scalar[];
    for (let i = 0; i < n; i++) {
      let x = A[ai + i * sa] as Scalar;
      let y = B[bi + i * sb] as Scalar;
      if (half) {
        x = halfToFloat(x as number);
        y = halfToFloat(y as number);
      }
      if (guard?.fn(x, y)) return guard.message;
      const r = fn(x, y);
      O[oi + i] = half && !boolOut ? floatToHalf(r as number) : r;
    }
    return null;
  };
}

const binaryCache = new Map<string, BinaryKernel>();

/** The kernel for `op` on inputs of `dtype` (throws TypeError if the op has no such dtype). */
export function binary(op: BinaryOpName, dtype: ComputeDType): BinaryKernel {
  return cached(binaryCache, `${op}|${dtype}`, () => {
    const spec = binSpec(op);
    const e = exprFor(spec, op, dtype);
    const k = kindOf(dtype);
    const guard = k === 'int' ? spec.guard?.int : k === 'big' ? spec.guard?.big : undefined;
    const half = k === 'half';
    const boolOut = spec.boolOut === true;
    const make = (kind: BroadcastKind): InnerKernel =>
      compile<InnerKernel>(binarySource(e.src, guard, kind, half, boolOut), half) ?? binaryClosure(e.fn, guard, kind, half, boolOut);
    const kernels: InnerKernels = { vv: make('vv'), vs: make('vs'), sv: make('sv') };
    return (a, aShape, b, bShape, out, outShape) => broadcastRun(kernels, a, aShape, b, bShape, out, outShape);
  });
}

function unarySource(e: string, half: boolean, boolOut: boolean): string {
  const x = half ? 'T[a[i]]' : 'a[i]';
  const wr = half && !boolOut ? `H.f2h(${e})` : e;
  return `return function unary(a, o, n = o.length) {
  for (let i = 0; i < n; i++) { const x = ${x}; o[i] = ${wr}; }
};`;
}

function unaryClosure(fn: UnFn, half: boolean, boolOut: boolean): UnaryKernel {
  return (a, o, n = o.length) => {
    const A = a as ArrayLike<Scalar>;
    const O = o as unknown as Scalar[];
    for (let i = 0; i < n; i++) {
      const x = half ? halfToFloat(A[i] as number) : (A[i] as Scalar);
      const r = fn(x);
      O[i] = half && !boolOut ? floatToHalf(r as number) : r;
    }
  };
}

const unaryCache = new Map<string, UnaryKernel>();

/** The kernel for unary `op` on `dtype` (throws TypeError if the op has no such dtype). */
export function unary(op: UnaryOpName, dtype: ComputeDType): UnaryKernel {
  return cached(unaryCache, `${op}|${dtype}`, () => {
    const spec = unSpec(op);
    const e = exprFor(spec, op, dtype);
    const half = kindOf(dtype) === 'half';
    const boolOut = spec.boolOut === true;
    return compile<UnaryKernel>(unarySource(e.src, half, boolOut), half) ?? unaryClosure(e.fn, half, boolOut);
  });
}

/** Names of all binary and unary ops, for tests and docs. */
export const BINARY_OP_NAMES = Object.keys(BINARY_OPS) as readonly BinaryOpName[];
export const UNARY_OP_NAMES = Object.keys(UNARY_OPS) as readonly UnaryOpName[];
