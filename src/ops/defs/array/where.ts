import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { registerOp } from '../../registry.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
import { ALL } from '../dtype-sets.js';

export const Where = registerOp({
  type: 'Where',
  dataDependentShape: true,
  grad: null,
  inputs: [{ name: 'input', typeAttr: 'T' }],
  outputs: [{ name: 'index', dtype: 'int64' }],
  // float16 is left out until the CPU kernel tests halves by value (a -0 half is nonzero bits).
  attrs: [{ name: 'T', type: 'type', allowed: ALL.filter((d) => d !== 'string' && d !== 'float16'), default: 'bool' }],
  shape: (ctx) => [new TensorShape([null, ctx.inputShape(0).rank])],
});

/** `tf.where(condition)` with one argument: the coordinates of true (non-zero) elements, int64 [n, rank]. */
export function where(condition: TensorInput, ...rest: (TensorInput | null | NameOrOptions<{ x?: unknown; y?: unknown }> | undefined)[]): Tensor {
  const a = normalizeArgs('where', ['condition', 'x', 'y', 'name'], [condition, ...rest]);
  if ((a.x ?? null) !== null || (a.y ?? null) !== null) {
    throw new TypeError('tf.where(condition, x, y) (selection) is not supported yet; only tf.where(condition) is.');
  }
  return applyOp1(Where, [a.condition], {}, nameArg(a));
}
