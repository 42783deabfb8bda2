// InTopKV2 (k as a tensor) and TF1's tf.nn.inTopK / tf.math.inTopK(predictions, targets, k, name).
import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { INDEX } from '../dtype-sets.js';
import { jsIndexType } from '../array/index-type.js';

export const InTopKV2 = registerOp({
  type: 'InTopKV2',
  grad: null,
  inputs: [
    { name: 'predictions', dtype: 'float32' },
    { name: 'targets', typeAttr: 'T' },
    { name: 'k', typeAttr: 'T' },
  ],
  outputs: [{ name: 'precision', dtype: 'bool' }],
  attrs: [{ name: 'T', type: 'type', allowed: INDEX, default: 'int32' }],
  // TensorFlow's shape function checks the ranks of predictions and targets (k only at run time).
  shape: (ctx) => {
    const p = ctx.inputShape(0);
    const t = ctx.inputShape(1);
    if (p.rank !== null && p.rank !== 2) ctx.fail(`Shape must be rank 2 but is rank ${p.rank}`);
    if (t.rank !== null && t.rank !== 1) ctx.fail(`Shape must be rank 1 but is rank ${t.rank}`);
    const a = p.dims?.[0] ?? null;
    const b = t.dims?.[0] ?? null;
    if (a !== null && b !== null && a !== b) ctx.fail(`Dimensions must be equal, but are ${a} and ${b}`);
    return [new TensorShape([a ?? b])];
  },
});

/**
 * `tf.nn.inTopK(predictions, targets, k, name)`: whether each target's prediction is among the
 * `k` largest of its row (ties count for it; a non-finite or out-of-range target is false).
 * TensorFlow's InTopKV2 inside scope `in_top_k`.
 */
export function inTopK(predictions: TensorInput, targets: TensorInput, k: TensorInput, name?: string | { name?: string }): Tensor;
export function inTopK(...args: unknown[]): Tensor {
  const a = normalizeArgs('inTopK', ['predictions', 'targets', 'k', 'name'], args);
  // JS targets and k are Python ints: int32 (int64 for bigints).
  const index = jsIndexType([a.targets, a.k]);
  return currentContext().withNameScope(nameArg(a), 'in_top_k', [a.predictions, a.targets, a.k], () =>
    applyOp1(InTopKV2, [a.predictions, a.targets, a.k], index ? { T: index } : {}),
  );
}
