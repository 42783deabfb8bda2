import { ValueError } from '../../../core/errors.js';
import { TensorShape } from '../../../core/shape.js';
import { Select } from '../math/select.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
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

/** `tf.where`'s parameters by name, for an options object at any position after `condition`. */
export interface WhereOptions {
  /** With `y`: select elements (op Select). */
  x?: TensorInput | null;
  y?: TensorInput | null;
  name?: string;
}

/**
 * `tf.where(condition, x, y, name)` (TF1): with one argument, the coordinates of true (non-zero)
 * elements, int64 [n, rank] (op Where); with `x` and `y`, their elements where `condition` holds
 * (op Select: `condition` is x's shape, or a vector choosing rows, or a scalar).
 */
export function where(condition: TensorInput, x?: TensorInput | null | WhereOptions, y?: TensorInput | null | WhereOptions, name?: string | WhereOptions): Tensor;
export function where(...args: unknown[]): Tensor {
  const a = normalizeArgs('where', ['condition', 'x', 'y', 'name'], args);
  const hasX = (a.x ?? null) !== null;
  const hasY = (a.y ?? null) !== null;
  if (hasX && hasY) return applyOp1(Select, [a.condition, a.x, a.y], {}, nameArg(a));
  if (hasX || hasY) throw new ValueError('x and y must both be non-None or both be None.');
  return applyOp1(Where, [a.condition], {}, nameArg(a));
}
