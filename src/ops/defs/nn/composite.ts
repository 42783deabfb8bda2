// nn builders TensorFlow composes from other ops: sigmoid cross-entropy and batch normalization.
import { ValueError } from '../../../core/errors.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import type { Tensor, TensorInput } from '../../types.js';
import { zerosLike } from '../array/like.js';
import { squeeze } from '../array/squeeze.js';
import { StopGradient } from '../array/stop-gradient.js';
import { SquaredDifference } from '../math/binary-math.js';
import { reduceMean } from '../math/reduce.js';
import { AddV2, Mul, Sub } from '../math/binary.js';
import { Cast } from '../math/cast.js';
import { GreaterEqual } from '../math/compare-more.js';
import { Neg } from '../math/neg.js';
import { Select } from '../math/select.js';
import { Exp, Log1p, Rsqrt } from '../math/unary.js';

export interface SigmoidXentOptions {
  labels?: TensorInput;
  logits?: TensorInput;
  name?: string;
}

/**
 * `tf.nn.sigmoidCrossEntropyWithLogits({ labels, logits, name })`: TensorFlow's stable formula
 * `max(x, 0) − x·z + log(1 + exp(−|x|))`, built from Select/Exp/Log1p in scope `logistic_loss`.
 */
export function sigmoidCrossEntropyWithLogits(options: SigmoidXentOptions): Tensor;
export function sigmoidCrossEntropyWithLogits(...args: unknown[]): Tensor {
  const a = normalizeArgs('sigmoidCrossEntropyWithLogits', ['_sentinel', '*', 'labels', 'logits', 'name'], args);
  if (a._sentinel !== undefined && a._sentinel !== null) {
    throw new ValueError(
      `Only call \`sigmoid_cross_entropy_with_logits\` with named arguments (labels=..., logits=..., ...). Received unnamed argument: ${String(a._sentinel)}`,
    );
  }
  if (a.labels === undefined || a.labels === null || a.logits === undefined || a.logits === null) {
    throw new ValueError(
      `Both \`labels\` and \`logits\` must be provided for sigmoid_cross_entropy_with_logitsReceived: labels=${String(a.labels ?? 'None')} and logits=${String(a.logits ?? 'None')}`,
    );
  }
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'logistic_loss', [a.logits, a.labels], (scope) => {
    const logits = ctx.convertToTensor(a.logits, undefined, undefined, 'logits');
    const labels = ctx.convertToTensor(a.labels, undefined, logits.dtype, 'labels');
    if (!labels.shape.isCompatibleWith(logits.shape)) {
      throw new ValueError(`\`logits\` and \`labels\` must have the same shape, received (${logits.shape.toString()} vs ${labels.shape.toString()}).`);
    }
    const zeros = zerosLike(logits);
    const cond = applyOp1(GreaterEqual, [logits, zeros], {}, 'GreaterEqual');
    const reluLogits = applyOp1(Select, [cond, logits, zeros], {}, 'Select');
    const negAbs = applyOp1(Select, [cond, applyOp1(Neg, [logits], {}, 'Neg'), logits], {}, 'Select_1');
    const lin = applyOp1(Sub, [reluLogits, applyOp1(Mul, [logits, labels], {}, 'mul')], {}, 'sub');
    return applyOp1(AddV2, [lin, applyOp1(Log1p, [applyOp1(Exp, [negAbs], {}, 'Exp')], {}, 'Log1p')], {}, scope);
  });
}

/**
 * `tf.nn.batchNormalization(x, mean, variance, offset, scale, varianceEpsilon, name)`:
 * TensorFlow's composite `x·inv + (offset − mean·inv)` with `inv = rsqrt(variance + ε)·scale`, in
 * scope `batchnorm`. `offset`/`scale` may be null.
 */
export function batchNormalization(
  x: TensorInput,
  mean: TensorInput,
  variance: TensorInput,
  offset: TensorInput | null,
  scale: TensorInput | null,
  varianceEpsilon: number,
  name?: string,
): Tensor;
export function batchNormalization(...args: unknown[]): Tensor {
  const a = normalizeArgs('batchNormalization', ['x', 'mean', 'variance', 'offset', 'scale', 'varianceEpsilon', 'name'], args);
  if (typeof a.varianceEpsilon !== 'number') throw new TypeError("batchNormalization() missing required argument 'varianceEpsilon' (a number)");
  const eps = a.varianceEpsilon;
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'batchnorm', [a.x, a.mean, a.variance, a.scale, a.offset], () => {
    const x = ctx.convertToTensor(a.x);
    // A JS variance plus epsilon is computed here, as Python adds two floats before TensorFlow sees them.
    const varPlusEps = typeof a.variance === 'number' ? a.variance + eps : applyOp1(AddV2, [a.variance, eps], {}, 'add');
    let inv = applyOp1(Rsqrt, [varPlusEps], {}, 'Rsqrt');
    if (a.scale !== undefined && a.scale !== null) inv = applyOp1(Mul, [inv, a.scale], {}, 'mul');
    const castX = (t: Tensor) => (t.dtype === x.dtype ? t : applyOp1(Cast, [t], { DstT: x.dtype }, 'Cast'));
    const xInv = applyOp1(Mul, [x, castX(inv)], {}, 'mul');
    const meanInv = applyOp1(Mul, [a.mean, inv], {}, 'mul');
    const shift = a.offset !== undefined && a.offset !== null ? applyOp1(Sub, [a.offset, meanInv], {}, 'sub') : applyOp1(Neg, [meanInv], {}, 'Neg');
    return applyOp1(AddV2, [xInv, castX(shift)], {}, 'add');
  });
}

export interface MomentsOptions {
  shift?: unknown;
  name?: string;
  /** TF1's deprecated spelling of `keepdims`. */
  keepDims?: boolean | null;
  keepdims?: boolean | null;
}

/**
 * TF1's `tf.nn.moments(x, axes, shift, name, keepDims, keepdims)`: `[mean, variance]` over `axes`
 * (the biased variance), TensorFlow's composite in scope `moments`: Mean (`mean`), StopGradient,
 * SquaredDifference, Mean (`variance`), then Squeeze unless keepdims. float16 is computed in float32.
 */
export function moments(
  x: TensorInput,
  axes: readonly number[] | MomentsOptions,
  shift?: unknown,
  name?: string | MomentsOptions,
  keepDims?: boolean | null | MomentsOptions,
  keepdims?: boolean | null | MomentsOptions,
): [Tensor, Tensor];
export function moments(...args: unknown[]): [Tensor, Tensor] {
  const a = normalizeArgs('moments', ['x', 'axes', 'shift', 'name', 'keepDims', 'keepdims'], args);
  const has = (v: unknown) => v !== undefined && v !== null;
  if (has(a.keepdims) && has(a.keepDims)) throw new ValueError("Cannot specify both 'keepdims' and 'keep_dims'.");
  const keep = Boolean(a.keepdims ?? a.keepDims ?? false);
  if (!Array.isArray(a.axes)) throw new TypeError('moments() axes must be a list of ints');
  const axes = a.axes as number[];
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'moments', [a.x], () => {
    const x = ctx.convertToTensor(a.x);
    const y = x.dtype === 'float16' ? applyOp1(Cast, [x], { DstT: 'float32' }, 'Cast') : x;
    let mean = reduceMean(y, axes, { keepdims: true, name: 'mean' });
    const sq = applyOp1(SquaredDifference, [y, applyOp1(StopGradient, [mean], {}, 'StopGradient')], {}, 'SquaredDifference');
    let variance = reduceMean(sq, axes, { keepdims: true, name: 'variance' });
    if (!keep) {
      mean = squeeze(mean, axes);
      variance = squeeze(variance, axes);
    }
    if (x.dtype === 'float16') {
      return [applyOp1(Cast, [mean], { DstT: 'float16' }, 'Cast_1'), applyOp1(Cast, [variance], { DstT: 'float16' }, 'Cast_2')];
    }
    return [mean, variance];
  });
}
