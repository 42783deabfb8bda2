import { TensorShape } from '../../../core/shape.js';
import { simpleBuilder } from '../../builder.js';
import { registerOp } from '../../registry.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
import { ALL, INDEX } from '../dtype-sets.js';

export const Reshape = registerOp({
  type: 'Reshape',
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
    const target = ctx.inputAsShape(1);
    if (target.dims === null) return [target];
    const value = ctx.inputValue(1);
    const raw = value ? Array.from(value.data as ArrayLike<number | bigint>, Number) : null;
    const unknown = raw ? raw.flatMap((d, i) => (d === -1 ? [i] : [])) : [];
    if (unknown.length > 1) ctx.fail(`Cannot infer multiple unknown dimensions in shape [${raw?.join(',')}]`);
    const n = input.numElements();
    if (raw && n !== null) {
      const known = raw.filter((d) => d !== -1).reduce((x, y) => x * y, 1);
      if (unknown.length === 1) {
        if (known === 0 || n % known !== 0) {
          ctx.fail(`Cannot reshape a tensor with ${n} elements to shape [${raw.join(',')}] (${known} elements)`);
        }
        return [new TensorShape(raw.map((d) => (d === -1 ? n / known : d)))];
      }
      if (known !== n) ctx.fail(`Cannot reshape a tensor with ${n} elements to shape [${raw.join(',')}] (${known} elements)`);
    }
    return [target];
  },
});

/** `tf.reshape(tensor, shape, name)`: same values in a new shape; one dim may be -1 (inferred). */
export const reshape: (tensor: TensorInput, shape: TensorInput, name?: NameOrOptions) => Tensor = simpleBuilder('reshape', Reshape, [
  'tensor',
  'shape',
]);
