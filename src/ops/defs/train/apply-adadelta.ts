// TensorFlow's ApplyAdadelta (training_ops.cc) on ref variables; kernel in
// backends/cpu/kernels/diag-adadelta.ts.
import type { TensorShape } from '../../../core/shape.js';
import { registerOp } from '../../registry.js';
import { mergeShapes } from '../../shape-fns.js';
import { NUMBER_TYPES } from '../dtype-sets.js';

/**
 * accum = rho·accum + (1-rho)·grad²; update = sqrt(accum_update + ε)/sqrt(accum + ε)·grad;
 * accum_update = rho·accum_update + (1-rho)·update²; var -= lr·update.
 */
export const ApplyAdadelta = registerOp({
  type: 'ApplyAdadelta',
  grad: null,
  inputs: [
    { name: 'var', typeAttr: 'T', isRef: true },
    { name: 'accum', typeAttr: 'T', isRef: true },
    { name: 'accum_update', typeAttr: 'T', isRef: true },
    { name: 'lr', typeAttr: 'T' },
    { name: 'rho', typeAttr: 'T' },
    { name: 'epsilon', typeAttr: 'T' },
    { name: 'grad', typeAttr: 'T' },
  ],
  outputs: [{ name: 'out', typeAttr: 'T', isRef: true }],
  attrs: [
    { name: 'T', type: 'type', allowed: NUMBER_TYPES },
    { name: 'use_locking', type: 'bool', default: false },
  ],
  stateful: true,
  shape: (ctx) => {
    const merge = (a: TensorShape, b: TensorShape): TensorShape => {
      const m = mergeShapes(a, b);
      return typeof m === 'string' ? ctx.fail(m) : m;
    };
    let s = merge(merge(ctx.inputShape(0), ctx.inputShape(1)), ctx.inputShape(2));
    for (const i of [3, 4, 5]) {
      const r = ctx.inputShape(i).rank;
      if (r !== null && r !== 0) ctx.fail(`Shape must be rank 0 but is rank ${r}`);
    }
    s = merge(s, ctx.inputShape(6));
    return [s];
  },
});
