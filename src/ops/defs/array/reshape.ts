import { TensorShape } from '../../../core/shape.js';
import { applyOp1, simpleBuilder } from '../../builder.js';
import { registerOp } from '../../registry.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
import { ALL, INDEX } from '../dtype-sets.js';
import { Shape } from './shape.js';

export const Reshape = registerOp({
  type: 'Reshape',
  forwardsInput: true,
  grad: (op, [dy]) => [dy ? applyOp1(Reshape, [dy, applyOp1(Shape, [op.inputs[0] as Tensor], {})], {}) : null, null],
  inputs: [
    { name: 'tensor', typeAttr: 'T' },
    { name: 'shape', typeAttr: 'Tshape' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [
    { name: 'T', type: 'type', allowed: ALL },
    { name: 'Tshape', type: 'type', allowed: INDEX, default: 'int32' },
  ],
  shape: (ctx) => {
    const input = ctx.inputShape(0);
    // -1 reads as an unknown dim, as in TensorFlow's Reshape shape function.
    const target = ctx.inputAsShape(1);
    if (target.dims === null) return [target];
    const unknown = target.dims.flatMap((d, i) => (d === null ? [i] : []));
    const n = input.numElements();
    if (n === null || unknown.length > 1) return [target];
    const known = target.dims.reduce<number>((x, d) => x * (d ?? 1), 1);
    if (unknown.length === 0) {
      if (known !== n) ctx.fail(`Cannot reshape a tensor with ${n} elements to shape ${target.toDebugString()} (${known} elements)`);
      return [target];
    }
    if (known === 0) return [target];
    if (n % known !== 0) ctx.fail(`Dimension size must be evenly divisible by ${known} but is ${n}`);
    return [new TensorShape(target.dims.map((d) => d ?? n / known))];
  },
});

/** `tf.reshape(tensor, shape, name)`: same values in a new shape; one dim may be -1 (inferred). */
export const reshape: (tensor: TensorInput, shape: TensorInput, name?: NameOrOptions) => Tensor = simpleBuilder('reshape', Reshape, [
  'tensor',
  'shape',
]);
