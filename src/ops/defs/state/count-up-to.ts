import { TensorShape } from '../../../core/shape.js';
import { registerOp } from '../../registry.js';
import { INDEX } from '../dtype-sets.js';

/**
 * `CountUpTo(ref, limit)`: outputs the variable's value, then increments it; once the value has
 * reached `limit` it raises OutOfRangeError "Reached limit of <limit>" and leaves the variable alone.
 */
export const CountUpTo = registerOp({
  type: 'CountUpTo',
  grad: null,
  inputs: [{ name: 'ref', typeAttr: 'T', isRef: true }],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [
    { name: 'limit', type: 'int' },
    { name: 'T', type: 'type', allowed: INDEX },
  ],
  stateful: true,
  shape: (ctx) => {
    const s = ctx.inputShape(0);
    if (s.rank !== null && s.rank !== 0) ctx.fail(`Shape must be rank 0 but is rank ${s.rank}`);
    return [new TensorShape([])];
  },
});
