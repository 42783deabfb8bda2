// Reductions TensorFlow composes in Python: tf.math.reduceVariance, tf.math.reduceStd, tf.norm.
import { isInteger } from '../../../core/dtypes.js';
import { ValueError } from '../../../core/errors.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import type { Tensor, TensorInput } from '../../types.js';
import { squeeze } from '../array/squeeze.js';
import { Pow } from './binary-math.js';
import { Mul, Sub } from './binary.js';
import { reduceMax, reduceMean } from './reduce.js';
import { Square } from './square.js';
import { reduceSum } from './sum.js';
import { Abs, Sqrt } from './unary.js';

type Axis = number | readonly number[] | null;

/** The reductions' parameters by name. */
export interface MomentReduceOptions {
  axis?: Axis;
  keepdims?: boolean;
  name?: string;
}

function variance(x: unknown, axis: Axis, keepdims: boolean, name: string | undefined): Tensor {
  const ctx = currentContext();
  return ctx.withNameScope(name, 'reduce_variance', [x], () => {
    const t = ctx.convertToTensor(x);
    const means = reduceMean(t, axis as number[] | null, true);
    if (isInteger(means.dtype)) throw new TypeError(`Input must be either real or complex. Received integer type <dtype: '${means.dtype}'>.`);
    const sq = applyOp1(Square, [applyOp1(Sub, [t, means], {}, 'sub')], {}, 'Square');
    return reduceMean(sq, axis as number[] | null, keepdims);
  });
}

/** `tf.math.reduceVariance(inputTensor, axis, keepdims, name)`: the (biased) variance, in scope `reduce_variance`. */
export function reduceVariance(inputTensor: TensorInput, axis?: Axis | MomentReduceOptions, keepdims?: boolean | MomentReduceOptions, name?: string | MomentReduceOptions): Tensor;
export function reduceVariance(...args: unknown[]): Tensor {
  const a = normalizeArgs('reduceVariance', ['inputTensor', 'axis', 'keepdims', 'name'], args);
  return variance(a.inputTensor, (a.axis ?? null) as Axis, Boolean(a.keepdims ?? false), nameArg(a));
}

/** `tf.math.reduceStd(inputTensor, axis, keepdims, name)`: sqrt of reduceVariance, in scope `reduce_std`. */
export function reduceStd(inputTensor: TensorInput, axis?: Axis | MomentReduceOptions, keepdims?: boolean | MomentReduceOptions, name?: string | MomentReduceOptions): Tensor;
export function reduceStd(...args: unknown[]): Tensor {
  const a = normalizeArgs('reduceStd', ['inputTensor', 'axis', 'keepdims', 'name'], args);
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'reduce_std', [a.inputTensor], () =>
    applyOp1(Sqrt, [variance(a.inputTensor, (a.axis ?? null) as Axis, Boolean(a.keepdims ?? false), undefined)], {}, 'Sqrt'),
  );
}

/** `tf.norm`'s parameters by name. */
export interface NormOptions {
  ord?: 'euclidean' | 'fro' | number;
  axis?: number | readonly [number, number] | null;
  keepdims?: boolean | null;
  name?: string;
  /** TF1's deprecated spelling of `keepdims`. */
  keepDims?: boolean | null;
}

const pyRepr = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : v === Number.POSITIVE_INFINITY ? 'inf' : Array.isArray(v) ? `(${v.join(', ')})` : String(v));

/**
 * TF1's `tf.norm(tensor, ord='euclidean', axis, keepdims, name, keepDims)` (also tf.linalg.norm):
 * vector norms (euclidean, 1, ∞, any p > 0) over `axis` (all by default) and matrix norms
 * ('fro'/'euclidean', 1, ∞) over an `axis` pair; TensorFlow's composite in scope `norm`.
 * The matrix 2-norm (which needs an SVD) throws.
 */
export function norm(
  tensor: TensorInput,
  ord?: 'euclidean' | 'fro' | number | NormOptions,
  axis?: number | readonly [number, number] | null | NormOptions,
  keepdims?: boolean | null | NormOptions,
  name?: string | NormOptions,
  keepDims?: boolean | null | NormOptions,
): Tensor;
export function norm(...args: unknown[]): Tensor {
  const a = normalizeArgs('norm', ['tensor', 'ord', 'axis', 'keepdims', 'name', 'keepDims'], args);
  const has = (v: unknown) => v !== undefined && v !== null;
  if (has(a.keepdims) && has(a.keepDims)) throw new ValueError("Cannot specify both 'keepdims' and 'keep_dims'.");
  const keep = Boolean(a.keepdims ?? a.keepDims ?? false);
  const ord = (a.ord ?? 'euclidean') as string | number;
  let axis = (a.axis ?? null) as number | number[] | null;
  const isMatrix = Array.isArray(axis) && axis.length === 2;
  const axisError = () => new ValueError(`'axis' must be None, an integer, or a tuple of 2 unique integers, got ${pyRepr(axis)}`);
  if (isMatrix) {
    const [x, y] = axis as number[];
    if (!Number.isInteger(x) || !Number.isInteger(y) || x === y) throw axisError();
    if (!['euclidean', 'fro', 1, 2, Number.POSITIVE_INFINITY].includes(ord)) {
      throw new ValueError(`'ord' must be a supported matrix norm in ['euclidean', 'fro', 1, 2, inf], got ${pyRepr(ord)}`);
    }
  } else {
    if (!(axis === null || Number.isInteger(axis))) throw axisError();
    if ((typeof ord !== 'number' || ord <= 0) && !['euclidean', 1, 2, Number.POSITIVE_INFINITY].includes(ord)) {
      throw new ValueError(`'ord' must be a supported vector norm, got ${pyRepr(ord)}`);
    }
    if (axis !== null) axis = [axis as number];
  }
  const axes = axis as number[] | null;
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'norm', [a.tensor], () => {
    const t = ctx.convertToTensor(a.tensor);
    let result: Tensor;
    if (ord === 'fro' || ord === 'euclidean' || ord === 2) {
      if (isMatrix && ord === 2) throw new Error('tf.norm: the matrix 2-norm (ord=2 over two axes) needs an SVD, which tensorgraph does not have yet');
      result = applyOp1(Sqrt, [reduceSum(applyOp1(Mul, [t, t], {}, 'mul'), axes, true)], {}, 'Sqrt');
    } else {
      result = applyOp1(Abs, [t], {}, 'Abs');
      if (ord === 1) {
        result = reduceSum(result, axes === null ? null : (axes[0] as number), true);
        if (isMatrix) result = reduceMax(result, axes?.[1] as number, true);
      } else if (ord === Number.POSITIVE_INFINITY) {
        if (isMatrix) result = reduceSum(result, axes?.[1] as number, true);
        result = reduceMax(result, axes === null ? null : (axes[0] as number), true);
      } else {
        const p = ord as number;
        result = applyOp1(Pow, [reduceSum(applyOp1(Pow, [result, p], {}, 'Pow'), axes, true), 1.0 / p], {}, 'Pow');
      }
    }
    return keep ? result : squeeze(result, axes);
  });
}
