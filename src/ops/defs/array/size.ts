import { toNDArray } from '../../../core/convert.js';
import type { DType, DTypeLike } from '../../../core/dtypes.js';
import { toDType } from '../../../core/dtypes.js';
import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { ALL, INDEX } from '../dtype-sets.js';

export const Size = registerOp({
  type: 'Size',
  grad: null,
  inputs: [{ name: 'input', typeAttr: 'T' }],
  outputs: [{ name: 'output', typeAttr: 'out_type' }],
  attrs: [
    { name: 'T', type: 'type', allowed: ALL },
    { name: 'out_type', type: 'type', allowed: INDEX, default: 'int32' },
  ],
  shape: () => [TensorShape.scalar()],
  valueFromShapes: ([s], attrs) => {
    const n = s?.numElements() ?? null;
    return n === null ? null : [toNDArray(attrs.out_type === 'int64' ? BigInt(n) : n, attrs.out_type as DType)];
  },
});

/** `tf.size`'s parameters by name. */
export interface SizeOptions {
  name?: string;
  outType?: Extract<DTypeLike, 'int32' | 'int64'>;
}

/** `tf.size(input, name, outType)`: the number of elements, a scalar int32 (or int64). */
export function size(input: TensorInput, name?: string | SizeOptions, outType?: Extract<DTypeLike, 'int32' | 'int64'> | SizeOptions): Tensor;
export function size(...args: unknown[]): Tensor {
  const a = normalizeArgs('size', ['input', 'name', 'outType'], args);
  return applyOp1(Size, [a.input], { out_type: toDType(a.outType ?? 'int32') }, nameArg(a));
}
