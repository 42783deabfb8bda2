import { TensorShape } from '../../../core/shape.js';
import { applyOp1 } from '../../builder.js';
import { registerOp } from '../../registry.js';
import { mergeShapes } from '../../shape-fns.js';
import type { Tensor } from '../../types.js';
import { ALL } from '../dtype-sets.js';
import { ZerosLike } from './like.js';

/** TensorFlow 1's `Select` (`tf.where(condition, x, y)` in TF1): no broadcasting beyond a scalar or a row-selecting vector condition. */
export const Select = registerOp({
  type: 'Select',
  // As TensorFlow's _SelectGrad: dy where the condition picked x (resp. y), zeros elsewhere.
  grad: (op, [dy]) => {
    if (!dy) return [null, null, null];
    const c = op.inputs[0] as Tensor;
    const zeros = applyOp1(ZerosLike, [op.inputs[1] as Tensor], {});
    return [null, applyOp1(Select, [c, dy, zeros], {}), applyOp1(Select, [c, zeros, dy], {})];
  },
  inputs: [
    { name: 'condition', dtype: 'bool' },
    { name: 't', typeAttr: 'T' },
    { name: 'e', typeAttr: 'T' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [{ name: 'T', type: 'type', allowed: ALL }],
  shape: (ctx) => {
    const data = mergeShapes(ctx.inputShape(1), ctx.inputShape(2));
    if (typeof data === 'string') return ctx.fail(data);
    const cond = ctx.inputShape(0);
    if (cond.dims === null || data.dims === null || cond.dims.length === 0) return [data];
    if (cond.dims.length === 1 && data.dims.length >= 1) {
      const m = mergeShapes(cond, new TensorShape([data.dims[0] ?? null]));
      if (typeof m === 'string') return ctx.fail(m);
      return [data.dims.length === 1 ? m : new TensorShape([m.dims?.[0] ?? null, ...data.dims.slice(1)])];
    }
    const m = mergeShapes(data, cond);
    if (typeof m === 'string') return ctx.fail(m);
    return [m];
  },
});
