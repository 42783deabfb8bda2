import { toNDArray } from '../../../core/convert.js';
import { type DType, toDType } from '../../../core/dtypes.js';
import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { registerOp } from '../../registry.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
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

/** `tf.shape(input, name, outType)`: the dynamic shape as a 1-D int32 (or int64) tensor. */
export function shape(input: TensorInput, ...rest: (string | NameOrOptions<{ outType?: 'int32' | 'int64' }> | undefined)[]): Tensor {
  const a = normalizeArgs('shape', ['input', 'name', 'outType'], [input, ...rest]);
  return applyOp1(Shape, [a.input], { out_type: toDType(a.outType ?? 'int32') }, nameArg(a));
}
