// nn composites TensorFlow builds in Python: tf.nn.l2Normalize, tf.math.logSigmoid, tf.nn.swish.
import { ValueError } from '../../../core/errors.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import type { Tensor, TensorInput } from '../../types.js';
import { Maximum } from '../math/binary-math.js';
import { Mul } from '../math/binary.js';
import { Neg } from '../math/neg.js';
import { Square } from '../math/square.js';
import { reduceSum } from '../math/sum.js';
import { Rsqrt, Sigmoid } from '../math/unary.js';
import { Softplus } from './activations.js';

/** `tf.nn.l2Normalize`'s parameters by name. */
export interface L2NormalizeOptions {
  axis?: number | readonly number[] | null;
  epsilon?: number;
  name?: string;
  /** TF1's deprecated spelling of `axis`. */
  dim?: number | readonly number[] | null;
}

/**
 * TF1's `tf.nn.l2Normalize(x, axis, epsilon=1e-12, name, dim)` (also tf.math / tf.linalg):
 * `x · rsqrt(max(sum(x², axis, keepdims), epsilon))` in scope `l2_normalize`, the Mul named as the scope.
 */
export function l2Normalize(
  x: TensorInput,
  axis?: number | readonly number[] | null | L2NormalizeOptions,
  epsilon?: number | L2NormalizeOptions,
  name?: string | L2NormalizeOptions,
  dim?: number | readonly number[] | null | L2NormalizeOptions,
): Tensor;
export function l2Normalize(...args: unknown[]): Tensor {
  const a = normalizeArgs('l2Normalize', ['x', 'axis', 'epsilon', 'name', 'dim'], args);
  const has = (v: unknown) => v !== undefined && v !== null;
  if (has(a.axis) && has(a.dim)) throw new ValueError("Cannot specify both 'axis' and 'dim'.");
  const axis = (has(a.axis) ? a.axis : has(a.dim) ? a.dim : null) as number[] | null;
  const epsilon = (a.epsilon ?? 1e-12) as number;
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'l2_normalize', [a.x], (scope) => {
    const x = ctx.convertToTensor(a.x, undefined, undefined, 'x');
    const squareSum = reduceSum(applyOp1(Square, [x], {}, 'Square'), axis, true);
    const inv = applyOp1(Rsqrt, [applyOp1(Maximum, [squareSum, epsilon], {}, 'Maximum')], {}, 'Rsqrt');
    return applyOp1(Mul, [x, inv], {}, scope);
  });
}

/** `tf.math.logSigmoid(x, name)` (TF1 also `tf.logSigmoid`): `−softplus(−x)` in scope `LogSigmoid`. */
export function logSigmoid(x: TensorInput, name?: string | { name?: string }): Tensor;
export function logSigmoid(...args: unknown[]): Tensor {
  const a = normalizeArgs('logSigmoid', ['x', 'name'], args);
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'LogSigmoid', [a.x], (scope) => {
    const x = ctx.convertToTensor(a.x, undefined, undefined, 'x');
    return applyOp1(Neg, [applyOp1(Softplus, [applyOp1(Neg, [x], {}, 'Neg')], {}, 'Softplus')], {}, scope);
  });
}

/**
 * `tf.nn.swish(features, beta=1)`: `features · sigmoid(beta · features)` (TF1 has no `name`).
 * TensorFlow wraps it in a custom gradient (an extra IdentityN op); here the gradient comes from
 * the Mul/Sigmoid ops themselves, with the same values.
 */
export function swish(features: TensorInput, beta?: number | TensorInput | { beta?: number | TensorInput }): Tensor;
export function swish(...args: unknown[]): Tensor {
  const a = normalizeArgs('swish', ['features', 'beta'], args);
  const ctx = currentContext();
  return ctx.atomic([a.features], () => {
    const x = ctx.convertToTensor(a.features, undefined, undefined, 'features');
    const beta = ctx.convertToTensor(a.beta ?? 1.0, x.dtype, undefined, 'beta');
    const s = applyOp1(Sigmoid, [applyOp1(Mul, [beta, x], {}, 'mul')], {}, 'Sigmoid');
    return applyOp1(Mul, [x, s], {}, 'mul');
  });
}
