import { TensorShape } from '../../../core/shape.js';
import { applyOp1, simpleBuilder } from '../../builder.js';
import { registerOp } from '../../registry.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
import { INDEX } from '../dtype-sets.js';

export const ReverseV2 = registerOp({
  type: 'ReverseV2',
  grad: (op, [dy]) => [dy ? applyOp1(ReverseV2, [dy, op.inputs[1]], {}) : null, null],
  inputs: [
    { name: 'tensor', typeAttr: 'T' },
    { name: 'axis', typeAttr: 'Tidx' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [
    { name: 'Tidx', type: 'type', allowed: INDEX, default: 'int32' },
    {
      name: 'T',
      type: 'type',
      allowed: ['uint8', 'int8', 'uint16', 'int16', 'int32', 'uint32', 'int64', 'uint64', 'bool', 'float16', 'float32', 'float64', 'string'],
    },
  ],
  shape: (ctx) => {
    const s = ctx.inputShape(0);
    const as = ctx.inputShape(1);
    if (as.rank !== null && as.rank !== 1) ctx.fail(`Shape must be rank 1 but is rank ${as.rank}`);
    const v = ctx.inputValue(1);
    if (v && s.dims !== null) {
      const rank = s.dims.length;
      const seen = new Set<number>();
      for (const x of Array.from(v.data as ArrayLike<number | bigint>, Number)) {
        if (x < -rank || x >= rank) ctx.fail(`'axis'[${seen.size}] = ${x} is out of valid range [0, ${rank - 1}`);
        const k = x < 0 ? x + rank : x;
        if (seen.has(k)) ctx.fail(`axis ${k} specified more than once.`);
        seen.add(k);
      }
    }
    return [s.dims === null ? new TensorShape(null) : s];
  },
});

/** `tf.reverse(tensor, axis, name)`: reverses the given axes (op ReverseV2). */
export const reverse: (tensor: TensorInput, axis: TensorInput, name?: NameOrOptions) => Tensor = simpleBuilder('reverse', ReverseV2, ['tensor', 'axis']);
