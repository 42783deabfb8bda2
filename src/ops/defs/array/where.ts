import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { NUMBER_TYPES } from '../dtype-sets.js';

export const Where = registerOp({
  type: 'Where',
  dataDependentShape: true,
  grad: null,
  inputs: [{ name: 'input', typeAttr: 'T' }],
  outputs: [{ name: 'index', dtype: 'int64' }],
  // TensorFlow's Where: numbertypes and bool (its order), not strings.
  attrs: [{ name: 'T', type: 'type', allowed: [...NUMBER_TYPES, 'bool'], default: 'bool' }],
  shape: (ctx) => [new TensorShape([null, ctx.inputShape(0).rank])],
});

/** `tf.where`'s parameters by name, for an options object at any position after `condition`. */
export interface WhereOptions {
  /** Selection (`x`, `y`) is not supported yet: a non-null value throws. */
  x?: TensorInput | null;
  y?: TensorInput | null;
  name?: string;
}

/**
 * `tf.where(condition, x, y, name)` with one argument: the coordinates of true (non-zero) elements,
 * int64 [n, rank]. Selection with `x` and `y` is not supported yet.
 */
export function where(condition: TensorInput, x?: TensorInput | null | WhereOptions, y?: TensorInput | null | WhereOptions, name?: string | WhereOptions): Tensor;
export function where(...args: unknown[]): Tensor {
  const a = normalizeArgs('where', ['condition', 'x', 'y', 'name'], args);
  if ((a.x ?? null) !== null || (a.y ?? null) !== null) {
    throw new TypeError('tf.where(condition, x, y) (selection) is not supported yet; only tf.where(condition) is.');
  }
  return applyOp1(Where, [a.condition], {}, nameArg(a));
}
