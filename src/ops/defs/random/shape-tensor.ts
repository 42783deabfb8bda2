import { ValueError } from '../../../core/errors.js';
import { TensorShape } from '../../../core/shape.js';
import { currentContext } from '../../context.js';
import type { Tensor } from '../../types.js';

/** TensorFlow's `shape_util.shape_tensor`: a shape argument as an int tensor named `shape`. */
export function shapeTensor(shape: unknown): Tensor {
  const ctx = currentContext();
  let s = shape;
  if (s instanceof TensorShape) {
    if (!s.isFullyDefined()) throw new ValueError(`Cannot convert a partially known TensorShape (${(s.dims ?? []).map((d) => (d === null ? 'None' : d)).join(', ')}${s.rank === 1 ? ',' : ''}) to a Tensor.`);
    s = s.asList();
  }
  if (Array.isArray(s) && s.length === 0) return ctx.convertToTensor(s, 'int32', undefined, 'shape');
  return ctx.convertToTensor(s, undefined, 'int32', 'shape');
}
