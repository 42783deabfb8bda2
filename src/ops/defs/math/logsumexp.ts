// tf.reduceLogsumexp: log(Σ exp(x)) computed stably as TensorFlow's composite does, in a
// `ReduceLogSumExp` scope: max (0 where not finite) subtracted before exp, added back after log.
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import type { Tensor } from '../../types.js';
import { Reshape } from '../array/reshape.js';
import { Shape } from '../array/shape.js';
import { AddV2, Sub } from './binary.js';
import { reduceMax } from './reduce.js';
import { SelectV2 } from './select.js';
import { type ReduceBuilder, reduceSum, reductionArgs } from './sum.js';
import { Exp, IsFinite, Log } from './unary.js';

/**
 * `tf.reduceLogsumexp(inputTensor, axis, keepdims, name, reductionIndices, keepDims)`. TensorFlow
 * wraps the subtracted max in StopGradient; without it the gradient is the same (the max's terms
 * cancel), so this graph has one op fewer than TensorFlow's.
 */
export const reduceLogsumexp: ReduceBuilder = (...args: unknown[]) => {
  const { a, keep, axis: axisArg } = reductionArgs('reduceLogsumexp', args);
  const axis = axisArg as never;
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
