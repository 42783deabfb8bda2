import { TensorShape } from '../../../core/shape.js';
import { registerOp } from '../../registry.js';
import { INDEX } from '../dtype-sets.js';

/**
 * For the gradient of a broadcasting binary op: the axes along which each input was broadcast
 * (to sum its gradient over). `s0`, `s1` are the inputs' shapes.
 */
export const BroadcastGradientArgs = registerOp({
  type: 'BroadcastGradientArgs',
  inputs: [
    { name: 's0', typeAttr: 'T' },
    { name: 's1', typeAttr: 'T' },
  ],
  outputs: [
    { name: 'r0', typeAttr: 'T' },
    { name: 'r1', typeAttr: 'T' },
  ],
  attrs: [{ name: 'T', type: 'type', allowed: INDEX, default: 'int32' }],
  shape: (ctx) => {
    for (const i of [0, 1]) {
      const r = ctx.inputShape(i).rank;
      if (r !== null && r !== 1) ctx.fail(`Shape must be rank 1 but is rank ${r}`);
    }
    return [new TensorShape([null]), new TensorShape([null])];
  },
  grad: null,
});
