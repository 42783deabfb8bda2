import { type DTypeLike, toDType } from '../../../core/dtypes.js';
import { type ShapeLike, TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { registerOp } from '../../registry.js';
import { mergeShapes } from '../../shape-fns.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
import { ALL } from '../dtype-sets.js';

export const Placeholder = registerOp({
  type: 'Placeholder',
  inputs: [],
  outputs: [{ name: 'output', typeAttr: 'dtype' }],
  attrs: [
    { name: 'dtype', type: 'type', allowed: ALL },
    { name: 'shape', type: 'shape', default: new TensorShape(null) },
  ],
  shape: (ctx) => [ctx.attr<TensorShape>('shape')],
  feedSource: true,
  grad: null,
});

/** `tf.placeholder`'s parameters by name, for an options object at any position after `dtype`. */
export interface PlaceholderOptions {
  shape?: ShapeLike;
  name?: string;
}

/** `tf.placeholder(dtype, shape, name)`: a value that must be fed when needed. */
export function placeholder(dtype: DTypeLike, shape?: ShapeLike | PlaceholderOptions, name?: string | PlaceholderOptions): Tensor;
export function placeholder(...args: unknown[]): Tensor {
  const a = normalizeArgs('placeholder', ['dtype', 'shape', 'name'], args);
  return applyOp1(Placeholder, [], { dtype: toDType(a.dtype), shape: TensorShape.from(a.shape as ShapeLike) }, nameArg(a));
}

export const PlaceholderWithDefault = registerOp({
  type: 'PlaceholderWithDefault',
  feedSource: true,
  forwardsInput: true,
  grad: (_op, [dy]) => [dy ?? null],
  inputs: [{ name: 'input', typeAttr: 'dtype' }],
  outputs: [{ name: 'output', typeAttr: 'dtype' }],
  attrs: [
    { name: 'dtype', type: 'type', allowed: ALL },
    { name: 'shape', type: 'shape' },
  ],
  shape: (ctx) => {
    const s = ctx.attr<TensorShape>('shape');
    const input = ctx.inputShape(0);
    const m = mergeShapes(input, s);
    if (typeof m === 'string') return ctx.fail(m);
    return [s];
  },
});

/** `tf.placeholderWithDefault(input, shape, name)`: `input` unless fed; feeds must match `shape`. */
export function placeholderWithDefault(input: TensorInput, shape: ShapeLike, name?: NameOrOptions): Tensor {
  const a = normalizeArgs('placeholderWithDefault', ['input', 'shape', 'name'], [input, shape, name]);
  return applyOp1(PlaceholderWithDefault, [a.input], { shape: TensorShape.from(a.shape as ShapeLike) }, nameArg(a));
}
