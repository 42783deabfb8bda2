// tf.reduceLogsumexp: log(Σ exp(x)) computed stably as TensorFlow's composite does, in a
// `ReduceLogSumExp` scope: max (0 where not finite) subtracted before exp, added back after log.
import { ValueError } from '../../../core/errors.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import type { Tensor } from '../../types.js';
import { Reshape } from '../array/reshape.js';
import { Shape } from '../array/shape.js';
import { AddV2, Sub } from './binary.js';
import { type ReduceBuilder, reduceMax } from './reduce.js';
import { SelectV2 } from './select.js';
import { reduceSum } from './sum.js';
import { Exp, IsFinite, Log } from './unary.js';

/**
 * `tf.reduceLogsumexp(inputTensor, axis, keepdims, name, reductionIndices, keepDims)`. TensorFlow
 * wraps the subtracted max in StopGradient; without it the gradient is the same (the max's terms
 * cancel), so this graph has one op fewer than TensorFlow's.
 */
export const reduceLogsumexp: ReduceBuilder = (...args: unknown[]) => {
  const a = normalizeArgs('reduceLogsumexp', ['inputTensor', 'axis', 'keepdims', 'name', 'reductionIndices', 'keepDims'], args);
  for (const [old, now, pyOld, pyNow] of [
    ['reductionIndices', 'axis', 'reduction_indices', 'axis'],
    ['keepDims', 'keepdims', 'keep_dims', 'keepdims'],
  ] as const) {
    if (a[old] !== undefined && a[old] !== null && a[now] !== undefined && a[now] !== null) {
      throw new ValueError(`Cannot specify both '${pyOld}' and '${pyNow}'.`);
    }
  }
  const keep = Boolean(a.keepdims ?? a.keepDims ?? false);
  const axis = (a.axis ?? a.reductionIndices ?? null) as never;
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'ReduceLogSumExp', [a.inputTensor], (scope) => {
    const x = ctx.convertToTensor(a.inputTensor);
    const rawMax = reduceMax(x, axis, true);
    const zero = ctx.convertToTensor(0, x.dtype, undefined, 'e');
    const myMax = applyOp1(SelectV2, [applyOp1(IsFinite, [rawMax], {}), rawMax, zero], {});
    const result = applyOp1(Log, [reduceSum(applyOp1(Exp, [applyOp1(Sub, [x, myMax], {})], {}), axis, keep)], {});
    const m: Tensor = keep ? myMax : applyOp1(Reshape, [myMax, applyOp1(Shape, [result], {})], {});
    return applyOp1(AddV2, [result, m], {}, scope);
  });
};
