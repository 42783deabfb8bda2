// TensorFlow 1's check_ops (`tf.debugging.assert_*`, `tf.assert_*`) in graph mode: an `Assert`
// op with TensorFlow's data layout, or, when the values are known at build time, the
// InvalidArgumentError at once (`_assert_static`); and `verify_tensor_all_finite`.
import type { DType } from '../core/dtypes.js';
import { isInteger } from '../core/dtypes.js';
import { InvalidArgumentError, ValueError } from '../core/errors.js';
import { formatNDArray } from '../core/format.js';
import { normalizeArgs } from '../ops/args.js';
import { noOp } from '../ops/defs/array/identity.js';
import { rank as rankOf } from '../ops/defs/array/range.js';
import { shape as shapeOf } from '../ops/defs/array/shape.js';
import { Assert_ } from '../ops/defs/control/assert.js';
import { CheckNumerics } from '../ops/defs/control/check-numerics.js';
import { add, multiply, subtract } from '../ops/defs/math/binary.js';
import { less } from '../ops/defs/math/compare.js';
import { equal, greater, greaterEqual, lessEqual, notEqual } from '../ops/defs/math/compare-more.js';
import { reduceAll } from '../ops/defs/math/reduce.js';
import { abs } from '../ops/defs/math/unary.js';
import { group, withDependencies } from './api.js';
import { annotateBuildError } from './build-site.js';
import { constantValue } from './const-eval.js';
import { convertToTensor, graphOfInputs, graphOp1 } from './graph-context.js';
import { getDefaultGraph } from './graph.js';
import type { Operation } from './operation.js';
import type { TensorInput } from '../ops/types.js';
import { Tensor } from './tensor.js';

// biome-ignore lint/suspicious/noExplicitAny: the comparison builders take TensorInput
type Builder2 = (x: any, y: any) => unknown;

/** The optional parameters of the binary asserts (and assertNegative & co. without `y`). */
export interface AssertOptions {
  data?: readonly unknown[] | null;
  summarize?: number | null;
  message?: string | null;
  name?: string | null;
}

/** TensorFlow's `_message_prefix`. */
const prefix = (m: unknown): string => (m ? `${String(m)}.  ` : '');

// The op types TensorFlow's `tensor_util.constant_value` evaluates; Shape, Size and Rank only
// need their input's static shape. tensorgraph's constant folder knows more ops, but an assert
// checks statically only what TensorFlow would.
const STATIC_OPS = new Set(['Const', 'Cast', 'Concat', 'ConcatV2', 'Pack', 'Unpack', 'Fill', 'Equal', 'NotEqual', 'StopGradient', 'Identity', 'Range']);
const SHAPE_OPS = new Set(['Shape', 'Size', 'Rank']);

/** TensorFlow's `constant_value`: the value when known at build time by its rules, else null. */
function tfConstantValue(t: Tensor): ReturnType<typeof constantValue> {
  const known = (x: Tensor, depth: number): boolean =>
    SHAPE_OPS.has(x.op.type) || (STATIC_OPS.has(x.op.type) && depth < 32 && x.op.inputs.every((i) => known(i, depth + 1)));
  return known(t, 0) ? constantValue(t) : null;
}

/** Python's `str()` of a data item at build time (`_maybe_constant_value_string`). */
function staticString(item: unknown): string {
  if (!(item instanceof Tensor)) return String(item);
  const v = tfConstantValue(item);
  return v ? formatNDArray(v) : item.toString();
}

/** Runs `fn` in `name`'s scope of the inputs' graph, removing its ops if it throws. */
function scoped<R>(inputs: readonly unknown[], name: unknown, defaultName: string, fn: () => R): R {
  try {
    const g = graphOfInputs(inputs.filter((t) => t instanceof Tensor));
    return g.asDefault(() => g._atomically(() => g.nameScope((name as string | null | undefined) || defaultName, fn)));
  } catch (e) {
    throw annotateBuildError(e);
  }
}

/** A value as a tensor named `name` (a JS value takes `hint`'s dtype where it fits). */
function toTensor(v: unknown, name: string, hint?: DType): Tensor {
  if (v instanceof Tensor) return v;
  if (hint) {
    try {
      return convertToTensor(v, hint, name);
    } catch (e) {
      if (!(e instanceof TypeError)) throw e;
    }
  }
  return convertToTensor(v, undefined, name);
}

/** TensorFlow's `_binary_assert` (graph branch). */
function binaryAssert(sym: string, opname: string, opFn: Builder2, x0: unknown, y0: unknown, opts: AssertOptions): Operation {
  return scoped([x0, y0], opts.name, opname, () => {
    const x = toTensor(x0, 'x', y0 instanceof Tensor ? y0.dtype : undefined);
    const y = toTensor(y0, 'y', x.dtype);
    let data: unknown[] = opts.data ? [...opts.data] : [`Condition x ${sym} y did not hold element-wise:`, `x (${x.name}) = `, x, `y (${y.name}) = `, y];
    if (opts.message !== null && opts.message !== undefined) data = [opts.message, ...data];
    const test = opFn(x, y) as Tensor;
    const condition = reduceAll(test) as Tensor;
    if (tfConstantValue(x) && tfConstantValue(y)) {
      const v = constantValue(test);
      if (v && !Array.from(v.data as ArrayLike<unknown>).every(Boolean)) {
        throw new InvalidArgumentError(null, null, data.map(staticString).join('\n'));
      }
    }
    return Assert_(condition, data as TensorInput[], { summarize: opts.summarize ?? null }) as unknown as Operation;
  });
}

type BinaryAssert = (x: unknown, y: unknown, data?: readonly unknown[] | null | AssertOptions, summarize?: number | null | AssertOptions, message?: string | null | AssertOptions, name?: string | null | AssertOptions) => Operation;

function binary(fnName: string, sym: string, opname: string, opFn: Builder2): BinaryAssert {
  return (...args: unknown[]) => {
    const a = normalizeArgs(fnName, ['x', 'y', 'data', 'summarize', 'message', 'name'], args);
    return binaryAssert(sym, opname, opFn, a.x, a.y, a as AssertOptions);
  };
}

/** `tf.debugging.assertEqual(x, y, data, summarize, message, name)`. Same tensor twice: a NoOp. */
export const assertEqual: BinaryAssert = (...args: unknown[]) => {
  const a = normalizeArgs('assertEqual', ['x', 'y', 'data', 'summarize', 'message', 'name'], args);
  // TensorFlow opens the scope once for its short cut, so the Assert's scope is `assert_equal_1`.
  const same = scoped([a.x, a.y], a.name, 'assert_equal', () => (a.x instanceof Tensor && a.x === a.y ? (noOp() as unknown as Operation) : null));
  return same ?? binaryAssert('==', 'assert_equal', equal, a.x, a.y, a as AssertOptions);
};
export const assertNoneEqual: BinaryAssert = binary('assertNoneEqual', '!=', 'assert_none_equal', notEqual);
export const assertLess: BinaryAssert = binary('assertLess', '<', 'assert_less', less);
export const assertLessEqual: BinaryAssert = binary('assertLessEqual', '<=', 'assert_less_equal', lessEqual);
export const assertGreater: BinaryAssert = binary('assertGreater', '>', 'assert_greater', greater);
export const assertGreaterEqual: BinaryAssert = binary('assertGreaterEqual', '>=', 'assert_greater_equal', greaterEqual);

type UnaryAssert = (x: unknown, data?: readonly unknown[] | null | AssertOptions, summarize?: number | null | AssertOptions, message?: string | null | AssertOptions, name?: string | null | AssertOptions) => Operation;

/** assert_negative & co.: `x <sym> 0` as assert_less / assert_less_equal against a zero of x's dtype. */
function signAssert(fnName: string, opname: string, sym: string, inner: BinaryAssert, zeroFirst: boolean): UnaryAssert {
  return (...args: unknown[]) => {
    const a = normalizeArgs(fnName, ['x', 'data', 'summarize', 'message', 'name'], args);
    const message = prefix(a.message);
    return scoped([a.x], a.name, opname, () => {
      const x = toTensor(a.x, 'x');
      const data = (a.data as unknown[] | null | undefined) ?? [message, `Condition x ${sym} 0 did not hold element-wise:`, `x (${x.name}) = `, x];
      const zero = convertToTensor(0, x.dtype);
      const summarize = (a.summarize as number | null | undefined) ?? null;
      return zeroFirst ? inner(zero, x, { data, summarize }) : inner(x, zero, { data, summarize });
    });
  };
}

export const assertNegative: UnaryAssert = signAssert('assertNegative', 'assert_negative', '<', assertLess, false);
export const assertPositive: UnaryAssert = signAssert('assertPositive', 'assert_positive', '>', assertLess, true);
export const assertNonNegative: UnaryAssert = signAssert('assertNonNegative', 'assert_non_negative', '>=', assertLessEqual, true);
export const assertNonPositive: UnaryAssert = signAssert('assertNonPositive', 'assert_non_positive', '<=', assertLessEqual, false);

/** TensorFlow's `_assert_rank_condition`. */
function rankCondition(x: Tensor, rank: Tensor, ok: (actual: number, given: number) => boolean, dynamic: Builder2, data: unknown[], summarize: unknown, fail: (actual: number, given: number) => Error): Operation {
  if (rank.dtype !== 'int32') throw new TypeError(`${rank.name} must be of type tf.int32; got tf.${rank.dtype}`);
  const rs = tfConstantValue(rank);
  if (rs) {
    if (rs.shape.length !== 0) throw new ValueError('Rank must be a scalar.');
    const given = Number(rs.data[0]);
    const actual = x.shape.rank;
    if (actual !== null) {
      if (!ok(actual, given)) throw fail(actual, given);
      return noOp('static_checks_determined_all_ok') as unknown as Operation;
    }
  }
  let condition = dynamic(rankOf(x), rank) as Tensor;
  if (!rs) {
    const check = assertRank(rank, 0, { data: ['Rank must be a scalar. Received rank: ', rank] });
    condition = withDependencies([check], condition);
  }
  return Assert_(condition, data as TensorInput[], { summarize: (summarize as number | null | undefined) ?? null }) as unknown as Operation;
}

type RankAssert = (x: unknown, rank: unknown, data?: readonly unknown[] | null | AssertOptions, summarize?: number | null | AssertOptions, message?: string | null | AssertOptions, name?: string | null | AssertOptions) => Operation;

function rankAssert(fnName: string, opname: string, what: string, ok: (a: number, g: number) => boolean, dynamic: Builder2): RankAssert {
  return (...args: unknown[]) => {
    const a = normalizeArgs(fnName, ['x', 'rank', 'data', 'summarize', 'message', 'name'], args);
    return scoped([a.x, a.rank, ...((a.data as unknown[] | null | undefined) ?? [])], a.name, opname, () => {
      const x = toTensor(a.x, 'x');
      const rank = toTensor(a.rank, 'rank', 'int32');
      const message = prefix(a.message);
      const data = (a.data as unknown[] | null | undefined) ?? [message, `Tensor ${x.name} must have ${what}`, rank, 'Received shape: ', shapeOf(x)];
      return rankCondition(x, rank, ok, dynamic, [...data], a.summarize, (actual, given) =>
        new ValueError(`${message}Tensor ${x.name} must have ${what} ${given}.  Received rank ${actual}, shape ${x.shape.toString()}`),
      );
    });
  };
}

export const assertRank: RankAssert = rankAssert('assertRank', 'assert_rank', 'rank', (a, g) => a === g, equal);
export const assertRankAtLeast: RankAssert = rankAssert('assertRankAtLeast', 'assert_rank_at_least', 'rank at least', (a, g) => a >= g, greaterEqual);

/** `tf.debugging.assertType(tensor, tfType, message, name)`: a TypeError at build time, else a NoOp. */
export function assertType(tensor: unknown, tfType: DType, message?: string | null | { message?: string | null; name?: string | null }, name?: string | null | { name?: string | null }): Operation {
  const a = normalizeArgs('assertType', ['tensor', 'tfType', 'message', 'name'], [tensor, tfType, message, name]);
  return scoped([a.tensor], a.name, 'assert_type', () => {
    const t = toTensor(a.tensor, 'tensor');
    if (t.dtype !== a.tfType) throw new TypeError(`${prefix(a.message)}${t.name} must be of type tf.${String(a.tfType)}; got tf.${t.dtype}`);
    return noOp('statically_determined_correct_type') as unknown as Operation;
  });
}

/** `tf.debugging.assertInteger(x, message, name)`. */
export function assertInteger(x: unknown, message?: string | null | { message?: string | null; name?: string | null }, name?: string | null | { name?: string | null }): Operation {
  const a = normalizeArgs('assertInteger', ['x', 'message', 'name'], [x, message, name]);
  return scoped([a.x], a.name, 'assert_integer', () => {
    const t = toTensor(a.x, 'x');
    if (!isInteger(t.dtype)) throw new TypeError(`${prefix(a.message)}Expected "x" to be integer type.  Found: ${t.name} of dtype <dtype: '${t.dtype}'>`);
    return noOp('statically_determined_was_integer') as unknown as Operation;
  });
}

/** `tf.debugging.assertScalar(tensor, name, message)` (TensorFlow's order): returns `tensor`. */
export function assertScalar(tensor: unknown, name?: string | null | { name?: string | null; message?: string | null }, message?: string | null | { message?: string | null }): Tensor {
  const a = normalizeArgs('assertScalar', ['tensor', 'name', 'message'], [tensor, name, message]);
  return scoped([a.tensor], a.name, 'assert_scalar', () => {
    const t = toTensor(a.tensor, 'Const');
    if (t.shape.rank !== 0) throw new ValueError(`${prefix(a.message)}Expected scalar shape for ${t.name}, saw shape: ${t.shape.toString()}.`);
    return t;
  });
}

/** `tf.debugging.assertNear(x, y, rtol, atol, data, summarize, message, name)`: |x - y| < atol + rtol |y| everywhere. */
export function assertNear(x: unknown, y: unknown, ...rest: unknown[]): Operation {
  const a = normalizeArgs('assertNear', ['x', 'y', 'rtol', 'atol', 'data', 'summarize', 'message', 'name'], [x, y, ...rest]);
  const message = prefix(a.message);
  return scoped([a.x, a.y], a.name, 'assert_near', () => {
    const xt = toTensor(a.x, 'x');
    const yt = toTensor(a.y, 'y', xt.dtype);
    if (yt.dtype !== xt.dtype) throw new TypeError(`Tensor conversion requested dtype ${xt.dtype} for Tensor with dtype ${yt.dtype}: ${yt.toString()}`);
    const eps = xt.dtype === 'float64' ? 2.220446049250313e-16 : xt.dtype === 'float16' ? 0.000977 : 1.1920929e-7;
    const rtol = toTensor(a.rtol ?? 10 * eps, 'rtol', xt.dtype);
    const atol = toTensor(a.atol ?? 10 * eps, 'atol', xt.dtype);
    const data = (a.data as unknown[] | null | undefined) ?? [
      message,
      `x and y not equal to tolerance rtol = ${rtol.toString()}, atol = ${atol.toString()}`,
      `x (${xt.name}) = `,
      xt,
      `y (${yt.name}) = `,
      yt,
    ];
    const tol = add(atol, multiply(rtol, abs(yt)));
    const diff = abs(subtract(xt, yt));
    const condition = reduceAll(less(diff, tol));
    return Assert_(condition, data as TensorInput[], { summarize: (a.summarize as number | null | undefined) ?? null }) as unknown as Operation;
  });
}

/** `tf.debugging.assertAllFinite(x, message, name)`: `x` behind a CheckNumerics (`VerifyFinite/control_dependency`). */
export function assertAllFinite(x: unknown, message: string | { message?: string; name?: string }, name?: string | null | { name?: string | null }): Tensor {
  const a = normalizeArgs('assertAllFinite', ['x', 'message', 'name'], [x, message, name]);
  return scoped([a.x], a.name, 'VerifyFinite', () => {
    const t = toTensor(a.x, 'x');
    const check = graphOp1(CheckNumerics, [t], { message: String(a.message) }, 'CheckNumerics');
    return withDependencies([check], t);
  });
}

/** `tf.verifyTensorAllFinite(t, msg, name, x, message)` (TF1; `x` and `message` are the new names). */
export function verifyTensorAllFinite(...args: unknown[]): Tensor {
  const a = normalizeArgs('verifyTensorAllFinite', ['t', 'msg', 'name', 'x', 'message'], args);
  const x = a.x ?? a.t;
  const message = a.message ?? a.msg;
  return assertAllFinite(x, message as string, (a.name as string | null | undefined) ?? null);
}

/**
 * `tf.addCheckNumericsOps()` (TF1): a CheckNumerics on every float16/32/64 output of the default
 * graph's ops (message `<op name>:<output index>`), chained by control dependencies, grouped into
 * one NoOp to run.
 */
export function addCheckNumericsOps(): Operation {
  try {
    const g = getDefaultGraph();
    let check: Tensor[] = [];
    for (const op of g.getOperations()) {
      for (const out of op.outputs) {
        if (out.dtype !== 'float16' && out.dtype !== 'float32' && out.dtype !== 'float64') continue;
        const deps = check;
        check = [g.controlDependencies(deps, () => graphOp1(CheckNumerics, [out], { message: `${op.name}:${out.valueIndex}` }, 'CheckNumerics'))];
      }
    }
    return group(...check);
  } catch (e) {
    throw annotateBuildError(e);
  }
}
