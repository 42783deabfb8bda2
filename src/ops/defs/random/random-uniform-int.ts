import { registerOp } from '../../registry.js';
import { INDEX } from '../dtype-sets.js';
import { SEED_ATTRS, randomShape } from './common.js';

/** RandomUniformInt: integers in [minval, maxval) (built by `tf.randomUniform` with an int dtype). */
export const RandomUniformInt = registerOp({
  type: 'RandomUniformInt',
  stateful: true,
  random: true,
  grad: null,
  inputs: [
    { name: 'shape', typeAttr: 'T' },
    { name: 'minval', typeAttr: 'Tout' },
    { name: 'maxval', typeAttr: 'Tout' },
  ],
  outputs: [{ name: 'output', typeAttr: 'Tout' }],
  attrs: [...SEED_ATTRS, { name: 'Tout', type: 'type', allowed: INDEX }, { name: 'T', type: 'type', allowed: INDEX }],
  shape: (ctx) => {
    for (const [i, what] of [
      [1, 'minval'],
      [2, 'maxval'],
    ] as const) {
      const s = ctx.inputShape(i);
      if (s.rank !== null && s.rank !== 0) ctx.fail(`${what} must be a scalar; got a tensor of shape ${s.toString()}`);
    }
    return randomShape(ctx);
  },
});
