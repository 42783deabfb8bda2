import { type Dim, TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp, applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import { registerOp } from '../../registry.js';
import { mergeShapes } from '../../shape-fns.js';
import type { Tensor, TensorInput } from '../../types.js';
import { ALL, INDEX } from '../dtype-sets.js';
import { Identity } from './identity.js';
import { Shape } from './shape.js';
import { Slice } from './slice.js';

export const ConcatOffset = registerOp({
  type: 'ConcatOffset',
  grad: null,
  inputs: [
    { name: 'concat_dim', dtype: 'int32' },
    { name: 'shape', typeAttr: 'shape_type', numberAttr: 'N' },
  ],
  outputs: [{ name: 'offset', typeAttr: 'shape_type', numberAttr: 'N' }],
  attrs: [
    { name: 'N', type: 'int' },
    { name: 'shape_type', type: 'type', allowed: INDEX, default: 'int32' },
  ],
  shape: (ctx) => Array.from({ length: ctx.numInputs - 1 }, (_, i) => ctx.inputShape(i + 1)),
});

export const ConcatV2 = registerOp({
  type: 'ConcatV2',
  // As TensorFlow's _ConcatGradV2: the slices of dy at the inputs' offsets (ConcatOffset).
  grad: (op, [dy]) => {
    const n = op.attrs.N as number;
    const xs = op.inputs.slice(0, n);
    if (!dy) return op.inputs.map(() => null);
    const shapes = xs.map((x) => applyOp1(Shape, [x], {}));
    const offsets = applyOp(ConcatOffset, [op.inputs[n], shapes], {});
    return [...xs.map((_, i) => applyOp1(Slice, [dy, offsets[i], shapes[i]], {})), null];
  },
  inputs: [
    { name: 'values', typeAttr: 'T', numberAttr: 'N' },
    { name: 'axis', typeAttr: 'Tidx' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [
    { name: 'N', type: 'int' },
    { name: 'T', type: 'type', allowed: ALL },
    { name: 'Tidx', type: 'type', allowed: INDEX, default: 'int32' },
  ],
  shape: (ctx) => {
    const n = ctx.numInputs - 1;
    const axisShape = ctx.inputShape(n);
    if (axisShape.rank !== null && axisShape.rank !== 0) ctx.fail(`Shape must be rank 0 but is rank ${axisShape.rank}`);
    const axisV = ctx.inputValue(n);
    let rank: number | null = null;
    for (let i = 0; i < n; i++) {
      const r = ctx.inputShape(i).rank;
      if (r === null) continue;
      if (rank === null) rank = r;
      else if (r !== rank) ctx.fail(`Shape must be rank ${rank} but is rank ${r}`);
    }
    if (!axisV) {
      // Unknown axis: the rank, and no dim, is known (TensorFlow's ConcatShapeHelper).
      return [new TensorShape(rank === null ? null : new Array(rank).fill(null))];
    }
    if (rank === null) return [new TensorShape(null)];
    const given = Number(axisV.data[0]);
    if (given < -rank || given >= rank) ctx.fail(`Shape must be at least rank ${given < 0 ? -given : given + 1} but is rank ${rank}`);
    const axis = given < 0 ? given + rank : given;
    // As TensorFlow's ConcatShapeHelper: the dims before the axis, and those after it, must agree;
    // the axis dims add up (unknown if any is).
    let prefix: TensorShape | null = null;
    let suffix: TensorShape | null = null;
    let sum: Dim = 0;
    for (let i = 0; i < n; i++) {
      const s = ctx.inputShape(i);
      if (s.dims === null) {
        sum = null;
        continue;
      }
      const d = s.dims[axis] ?? null;
      sum = sum === null || d === null ? null : sum + d;
      const pre = new TensorShape(s.dims.slice(0, axis));
      const suf = new TensorShape(s.dims.slice(axis + 1));
      if (prefix === null || suffix === null) {
        prefix = pre;
        suffix = suf;
        continue;
      }
      const mp = mergeShapes(prefix, pre);
      if (typeof mp === 'string') return ctx.fail(mp);
      const ms = mergeShapes(suffix, suf);
      if (typeof ms === 'string') return ctx.fail(ms);
      [prefix, suffix] = [mp, ms];
    }
    const dims: Dim[] = prefix && suffix ? [...(prefix.dims ?? []), sum, ...(suffix.dims ?? [])] : new Array<Dim>(rank).fill(null);
    return [new TensorShape(dims)];
  },
});

/** `tf.concat(values, axis, name)`: joins tensors along an existing axis (op ConcatV2). */
export function concat(values: readonly TensorInput[], axis: TensorInput | { name?: string }, name?: string | { name?: string }): Tensor;
export function concat(...args: unknown[]): Tensor {
  const a = normalizeArgs('concat', ['values', 'axis', 'name'], args);
  if (!Array.isArray(a.values)) throw new TypeError('concat() expects a list of tensors');
  if (a.axis === undefined || a.axis === null) throw new TypeError("concat() missing 1 required positional argument: 'axis'");
  const values = a.values as unknown[];
  if (values.length === 1) {
    // As TensorFlow: one tensor is returned through an Identity (the axis is only checked).
    const ctx = currentContext();
    return ctx.withNameScope(nameArg(a), 'concat', values, (scope) => {
      const ax = ctx.convertToTensor(a.axis, 'int32', undefined, 'concat_dim');
      if (ax.shape.rank !== null && ax.shape.rank !== 0) throw new TypeError(`Shape ${ax.shape.toString()} must have rank 0`);
      void scope;
      return applyOp1(Identity, [values[0]], {}, nameArg(a) ?? 'concat');
    });
  }
  return applyOp1(ConcatV2, [values, a.axis], {}, nameArg(a) ?? 'concat');
}
