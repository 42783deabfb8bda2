import { ValueError } from '../../../core/errors.js';
import { TensorShape } from '../../../core/shape.js';
import { Select } from '../math/select.js';
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
  // TensorFlow's Where: numbertypes and bool (its order), not strings; float16 builds and fails in
  // the CPU kernel, as TensorFlow's does.
  attrs: [{ name: 'T', type: 'type', allowed: [...NUMBER_TYPES, 'bool'], default: 'bool' }],
  shape: (ctx) => [new TensorShape([null, ctx.inputShape(0).rank])],
});

/** `tf.where`'s parameters by name, for an options object at any position after `condition`. */
export interface WhereOptions {
  x?: TensorInput | null;
  y?: TensorInput | null;
  name?: string;
}

/**
 * `tf.where(condition, x, y, name)` (TensorFlow 1's): with one argument, the coordinates of true
 * (non-zero) elements, int64 [n, rank] (op Where); with `x` and `y`, elements of `x` where
 * `condition` is true and of `y` elsewhere (op Select: `condition` has their shape, is a scalar, or
 * is a vector selecting rows).
 */
export function where(condition: TensorInput, x?: TensorInput | null | WhereOptions, y?: TensorInput | null | WhereOptions, name?: string | WhereOptions): Tensor;
export function where(...args: unknown[]): Tensor {
  const a = normalizeArgs('where', ['condition', 'x', 'y', 'name'], args);
  const hasX = (a.x ?? null) !== null;
  const hasY = (a.y ?? null) !== null;
  if (!hasX && !hasY) return applyOp1(Where, [a.condition], {}, nameArg(a));
  if (!hasX || !hasY) throw new ValueError('x and y must both be non-None or both be None.');
  return applyOp1(Select, [a.condition, a.x, a.y], {}, nameArg(a));
}
