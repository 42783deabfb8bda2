import { TensorShape } from '../../../core/shape.js';
import { simpleBuilder } from '../../builder.js';
import { unbroadcast } from '../../grad-helpers.js';
import { registerOp } from '../../registry.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
import { ALL, INDEX } from '../dtype-sets.js';

export const BroadcastTo = registerOp({
  type: 'BroadcastTo',
  // As TensorFlow's: dy summed over the axes the input was broadcast along, in the input's shape.
  grad: (op, [dy]) => [dy ? unbroadcast(op.inputs[0] as Tensor, op.outputs[0] as Tensor, dy, null)[0] : null, null],
  inputs: [
    { name: 'input', typeAttr: 'T' },
    { name: 'shape', typeAttr: 'Tidx' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [
    { name: 'T', type: 'type', allowed: ALL },
    { name: 'Tidx', type: 'type', allowed: INDEX, default: 'int32' },
  ],
  shape: (ctx) => {
    const s = ctx.inputShape(1);
    if (s.rank !== null && s.rank !== 1) ctx.fail(`Shape must be rank 1 but is rank ${s.rank}`);
    const target = ctx.inputAsShape(1);
    const input = ctx.inputShape(0);
    if (target.dims === null || input.dims === null) return [target];
    if (input.dims.length > target.dims.length) ctx.fail(`Shape must be at most rank ${target.dims.length} but is rank ${input.dims.length}`);
    // Right-aligned, each input dim is 1 or the target's; a dim unknown on one side takes the other's.
    const off = target.dims.length - input.dims.length;
    const dims = target.dims.map((t, i) => {
      const d = i >= off ? (input.dims?.[i - off] ?? null) : 1;
      if (t !== null) {
        if (d !== null && d !== 1 && d !== t) ctx.fail(`Dimensions must be equal, but are ${d} and ${t}`);
        return t;
      }
      return d !== null && d !== 1 ? d : null;
    });
    return [new TensorShape(dims)];
  },
});

/** `tf.broadcastTo(input, shape, name)`: `input` broadcast (numpy rules) to `shape`. */
export const broadcastTo: (input: TensorInput, shape: TensorInput, name?: NameOrOptions) => Tensor = simpleBuilder('broadcastTo', BroadcastTo, ['input', 'shape']);
