import { toDType } from '../../../core/dtypes.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { registerOp } from '../../registry.js';
import { unchangedShape } from '../../shape-fns.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
import { ALL } from '../dtype-sets.js';

export const Cast = registerOp({
  type: 'Cast',
  inputs: [{ name: 'x', typeAttr: 'SrcT' }],
  outputs: [{ name: 'y', typeAttr: 'DstT' }],
  attrs: [
    { name: 'SrcT', type: 'type', allowed: ALL },
    { name: 'DstT', type: 'type', allowed: ALL },
    { name: 'Truncate', type: 'bool', default: false },
  ],
  shape: unchangedShape,
});

/** `tf.cast(x, dtype, name)`: converts elementwise (floats to ints truncate toward zero). */
export function cast(x: TensorInput, dtype: string, name?: NameOrOptions): Tensor {
  const a = normalizeArgs('cast', ['x', 'dtype', 'name'], [x, dtype, name]);
  return applyOp1(Cast, [a.x], { DstT: toDType(a.dtype) }, nameArg(a) ?? 'Cast');
}
