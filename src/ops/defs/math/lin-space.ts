// LinSpace and TF1's tf.linspace / tf.linSpace (TensorFlow 1's gen_math_ops.lin_space).
import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { jsIndexType } from '../array/index-type.js';
import { INDEX } from '../dtype-sets.js';

export const LinSpace = registerOp({
  type: 'LinSpace',
  grad: null,
  inputs: [
    { name: 'start', typeAttr: 'T' },
    { name: 'stop', typeAttr: 'T' },
    { name: 'num', typeAttr: 'Tidx' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [
    { name: 'T', type: 'type', allowed: ['float16', 'float32', 'float64'] },
    { name: 'Tidx', type: 'type', allowed: INDEX, default: 'int32' },
  ],
  shape: (ctx) => {
    for (let i = 0; i < 3; i++) {
      const r = ctx.inputShape(i).rank;
      if (r !== null && r !== 0) ctx.fail(`Shape must be rank 0 but is rank ${r}`);
    }
    const v = ctx.inputValue(2);
    if (!v) return [new TensorShape([null])];
    const n = Number(v.data[0]);
    if (n <= 0) ctx.fail(`Requires num > 0: ${n}`);
    return [new TensorShape([n])];
  },
});

/**
 * TF1's `tf.linspace(start, stop, num, name)` (also `tf.linSpace`, `tf.lin_space`): `num` evenly
 * spaced values from `start` to `stop` (the last exactly `stop`), one LinSpace op. TensorFlow 2's
 * compat.v1.linspace builds the N-d `linspace_nd` composite instead; the values are the same.
 */
export function linspace(start: TensorInput, stop: TensorInput, num: TensorInput, name?: string | { name?: string }): Tensor;
export function linspace(...args: unknown[]): Tensor {
  const a = normalizeArgs('linspace', ['start', 'stop', 'num', 'name'], args);
  const index = jsIndexType([a.num]);
  return applyOp1(LinSpace, [a.start, a.stop, a.num], index ? { Tidx: index } : {}, nameArg(a));
}
