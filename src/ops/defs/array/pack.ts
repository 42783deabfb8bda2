import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp, applyOp1, nameArg } from '../../builder.js';
import { registerOp } from '../../registry.js';
import { mergeInputShapes } from '../../shape-fns.js';
import type { Tensor, TensorInput } from '../../types.js';
import { ALL } from '../dtype-sets.js';
import { Unpack } from './unpack.js';

export const Pack = registerOp({
  type: 'Pack',
  // As TensorFlow's _PackGrad: dy unstacked along the same axis.
  grad: (op, [dy]) => (dy ? [...applyOp(Unpack, [dy], { num: op.attrs.N, axis: op.attrs.axis })] : op.inputs.map(() => null)),
  inputs: [{ name: 'values', typeAttr: 'T', numberAttr: 'N' }],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [
    { name: 'N', type: 'int' },
    { name: 'T', type: 'type', allowed: ALL },
    { name: 'axis', type: 'int', default: 0 },
  ],
  shape: (ctx) => {
    const merged = mergeInputShapes(ctx);
    if (merged.dims === null) return [new TensorShape(null)];
    const rank = merged.dims.length + 1;
    let axis = ctx.attr<number>('axis');
    if (axis < -rank || axis >= rank) ctx.fail(`Invalid axis: ${axis}; must be in [${-rank},${rank})`);
    if (axis < 0) axis += rank;
    const dims = [...merged.dims];
    dims.splice(axis, 0, ctx.numInputs);
    return [new TensorShape(dims)];
  },
});

/** `tf.stack`'s parameters by name, for an options object at any position after `values`. */
export interface StackOptions {
  axis?: number;
  name?: string;
}

/** `tf.stack(values, axis, name)`: joins same-shape tensors along a new axis (op Pack). */
export function stack(values: readonly TensorInput[], axis?: number | StackOptions, name?: string | StackOptions): Tensor;
export function stack(...args: unknown[]): Tensor {
  const a = normalizeArgs('stack', ['values', 'axis', 'name'], args);
  if (!Array.isArray(a.values) || a.values.length === 0) throw new TypeError('stack() expects a non-empty list of tensors');
  return applyOp1(Pack, [a.values], { axis: (a.axis as number | undefined) ?? 0 }, nameArg(a) ?? 'stack');
}
