import { type ArrayLikeValue, filled, pyRepr, toNDArray } from '../../../core/convert.js';
import { type DTypeLike, toDType } from '../../../core/dtypes.js';
import { ValueError } from '../../../core/errors.js';
import { NDArray } from '../../../core/ndarray.js';
import { TensorShape, concreteShape, shapeTupleString, sizeOf } from '../../../core/shape.js';
import { isOptionsObject, normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { registerOp } from '../../registry.js';
import type { Tensor } from '../../types.js';
import { ALL } from '../dtype-sets.js';

export const Const = registerOp({
  type: 'Const',
  grad: null,
  inputs: [],
  outputs: [{ name: 'output', typeAttr: 'dtype' }],
  attrs: [
    { name: 'value', type: 'tensor' },
    { name: 'dtype', type: 'type', allowed: ALL },
  ],
  shape: (ctx) => [new TensorShape(ctx.attr<NDArray>('value').shape)],
  constantValue: (attrs) => attrs.value as NDArray,
});

/** `tf.constant`'s parameters by name, for an options object at any position after `value`. */
export interface ConstantOptions {
  dtype?: DTypeLike | null;
  shape?: readonly number[] | null;
  name?: string;
  verifyShape?: boolean;
}

/**
 * `tf.constant(value, dtype, shape, name, verifyShape)`: a Const op holding `value`. With `shape`,
 * a single value is repeated to fill it and a value of the same size is reshaped.
 */
export function constant(
  value: ArrayLikeValue,
  dtype?: DTypeLike | null | ConstantOptions,
  shape?: readonly number[] | null | ConstantOptions,
  name?: string | ConstantOptions,
  verifyShape?: boolean | ConstantOptions,
): Tensor;
export function constant(...args: unknown[]): Tensor {
  if (args.length <= 1 && isOptionsObject(args[0])) {
    throw new TypeError(`Cannot convert a plain object to a tensor: ${pyRepr(args[0])}. Pass a number, boolean, string, bigint, nested array, typed array or NDArray.`);
  }
  const a = normalizeArgs('constant', ['value', 'dtype', 'shape', 'name', 'verifyShape'], args);
  const dtype = a.dtype === undefined || a.dtype === null ? undefined : toDType(a.dtype);
  let arr = toNDArray(a.value, dtype);
  if (arr === a.value) arr = arr.clone();
  if (a.shape !== undefined && a.shape !== null) {
    const shape = concreteShape(a.shape, 'constant');
    const want = sizeOf(shape);
    if (a.verifyShape && (arr.shape.length !== shape.length || !arr.shape.every((d, i) => d === shape[i]))) {
      throw new TypeError(`Expected Tensor's shape: ${shapeTupleString(shape)}, got ${shapeTupleString(arr.shape)}.`);
    }
    if (arr.rank === 0) arr = filled(arr.dtype, shape, arr.get(0));
    else if (arr.size > want) throw new ValueError(`Too many elements provided. Needed at most ${want}, but received ${arr.size}`);
    else if (arr.size === want) arr = new NDArray(arr.dtype, shape, arr.data as never);
    else if (arr.size === 0) throw new ValueError(`Cannot create a tensor of shape ${shapeTupleString(shape)} from an empty value`);
    else {
      // TF1: a shorter value is padded with its last element.
      const out = filled(arr.dtype, shape, arr.get(arr.size - 1));
      for (let i = 0; i < arr.size; i++) (out.data as unknown as unknown[])[i] = (arr.data as unknown as unknown[])[i];
      arr = out;
    }
  }
  return applyOp1(Const, [], { value: arr, dtype: arr.dtype }, nameArg(a) ?? 'Const');
}
