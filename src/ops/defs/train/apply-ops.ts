// TensorFlow's dense training ops (training_ops.cc) on ref variables: each updates its ref
// inputs in place and outputs the variable's ref. Kernels: backends/cpu/kernels/training.ts.
import type { TensorShape } from '../../../core/shape.js';
import type { ArgDef, AttrDef, InferContext } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import { mergeShapes } from '../../shape-fns.js';
import { NUMBER_TYPES } from '../dtype-sets.js';

const ref = (name: string): ArgDef => ({ name, typeAttr: 'T', isRef: true });
const val = (name: string): ArgDef => ({ name, typeAttr: 'T' });
const T: AttrDef = { name: 'T', type: 'type', allowed: NUMBER_TYPES };
const USE_LOCKING: AttrDef = { name: 'use_locking', type: 'bool', default: false };

/**
 * TensorFlow's shape function for Apply*: the slots and the gradient merge with the variable's
 * shape; hyperparameters are scalars.
 */
function applyShape(refs: number, scalars: readonly number[], grad: number) {
  return (ctx: InferContext): TensorShape[] => {
    let s = ctx.inputShape(0);
    for (let i = 1; i < refs; i++) s = merge(ctx, s, ctx.inputShape(i));
    for (const i of scalars) {
      const r = ctx.inputShape(i).rank;
      if (r !== null && r !== 0) ctx.fail(`Shape must be rank 0 but is rank ${r}`);
    }
    return [merge(ctx, s, ctx.inputShape(grad))];
  };
}

function merge(ctx: InferContext, a: TensorShape, b: TensorShape): TensorShape {
  const m = mergeShapes(a, b);
  return typeof m === 'string' ? ctx.fail(m) : m;
}

/** var -= alpha * delta. */
export const ApplyGradientDescent = registerOp({
  type: 'ApplyGradientDescent',
  grad: null,
  inputs: [ref('var'), val('alpha'), val('delta')],
  outputs: [ref('out')],
  attrs: [T, USE_LOCKING],
  stateful: true,
  shape: applyShape(1, [1], 2),
});

/** accum = accum * momentum + grad; var -= lr * accum (Nesterov: var -= lr * (grad + momentum * accum)). */
export const ApplyMomentum = registerOp({
  type: 'ApplyMomentum',
  grad: null,
  inputs: [ref('var'), ref('accum'), val('lr'), val('grad'), val('momentum')],
  outputs: [ref('out')],
  attrs: [T, USE_LOCKING, { name: 'use_nesterov', type: 'bool', default: false }],
  stateful: true,
  shape: applyShape(2, [2, 4], 3),
});

/** Adam: m, v moving averages; var -= lr_t * m / (sqrt(v) + epsilon). */
export const ApplyAdam = registerOp({
  type: 'ApplyAdam',
  grad: null,
  inputs: [ref('var'), ref('m'), ref('v'), val('beta1_power'), val('beta2_power'), val('lr'), val('beta1'), val('beta2'), val('epsilon'), val('grad')],
  outputs: [ref('out')],
  attrs: [T, USE_LOCKING, { name: 'use_nesterov', type: 'bool', default: false }],
  stateful: true,
  shape: applyShape(3, [3, 4, 5, 6, 7, 8], 9),
});

/** RMSProp: ms moving average of grad²; mom = momentum * mom + lr * grad / sqrt(ms + epsilon); var -= mom. */
export const ApplyRMSProp = registerOp({
  type: 'ApplyRMSProp',
  grad: null,
  inputs: [ref('var'), ref('ms'), ref('mom'), val('lr'), val('rho'), val('momentum'), val('epsilon'), val('grad')],
  outputs: [ref('out')],
  attrs: [T, USE_LOCKING],
  stateful: true,
  shape: applyShape(3, [3, 4, 5, 6], 7),
});

/** Centered RMSProp: also mg, the moving average of grad; the denominator is ms - mg² + epsilon. */
export const ApplyCenteredRMSProp = registerOp({
  type: 'ApplyCenteredRMSProp',
  grad: null,
  inputs: [ref('var'), ref('mg'), ref('ms'), ref('mom'), val('lr'), val('rho'), val('momentum'), val('epsilon'), val('grad')],
  outputs: [ref('out')],
  attrs: [T, USE_LOCKING],
  stateful: true,
  shape: applyShape(4, [4, 5, 6, 7], 8),
});

/** Adagrad: accum += grad² (when update_slots); var -= lr * grad / sqrt(accum). */
export const ApplyAdagrad = registerOp({
  type: 'ApplyAdagrad',
  grad: null,
  inputs: [ref('var'), ref('accum'), val('lr'), val('grad')],
  outputs: [ref('out')],
  attrs: [T, USE_LOCKING, { name: 'update_slots', type: 'bool', default: true }],
  stateful: true,
  shape: applyShape(2, [2], 3),
});
