import { toNDArray } from '../../../core/convert.js';
import { type DType, type DTypeLike, toDType } from '../../../core/dtypes.js';
import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { ALL, INDEX } from '../dtype-sets.js';

export const Shape = registerOp({
  type: 'Shape',
  inputs: [{ name: 'input', typeAttr: 'T' }],
  outputs: [{ name: 'output', typeAttr: 'out_type' }],
  attrs: [
    { name: 'T', type: 'type', allowed: ALL },
    { name: 'out_type', type: 'type', allowed: INDEX, default: 'int32' },
  ],
  shape: (ctx) => [new TensorShape([ctx.inputShape(0).rank])],
  valueFromShapes: ([s], attrs) => (s?.isFullyDefined() ? [toNDArray(s.dims as number[], attrs.out_type as DType)] : null),
  grad: null,
});

/** The dtypes `tf.shape` can return. */
type ShapeOutType = Extract<DTypeLike, 'int32' | 'int64'>;

/** `tf.shape`'s parameters by name, for an options object at any position after `input`. */
export interface ShapeOptions {
  name?: string;
  outType?: ShapeOutType;
}

/** `tf.shape(input, name, outType)`: the dynamic shape as a 1-D int32 (or int64) tensor. */
export function shape(input: TensorInput, name?: string | ShapeOptions, outType?: ShapeOutType | ShapeOptions): Tensor;
export function shape(...args: unknown[]): Tensor {
  const a = normalizeArgs('shape', ['input', 'name', 'outType'], args);
  return applyOp1(Shape, [a.input], { out_type: toDType(a.outType ?? 'int32') }, nameArg(a));
}
