// Select (TF1 `tf.where(c, x, y)`) and SelectV2 (`tf.where_v2`, broadcasting), with their
// gradients (TF's _SelectGrad / _SelectGradV2).
import { TensorShape } from '../../../core/shape.js';
import { broadcastStatic } from '../../../core/broadcast.js';
import { ValueError } from '../../../core/errors.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { unbroadcast } from '../../grad-helpers.js';
import type { InferContext, OpDef } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import { mergeShapes } from '../../shape-fns.js';
import type { Tensor, TensorInput } from '../../types.js';
import { ZerosLike } from '../array/like.js';
import { Where } from '../array/where.js';
import { ALL } from '../dtype-sets.js';

const merged = (ctx: InferContext, a: TensorShape, b: TensorShape): TensorShape => {
  const m = mergeShapes(a, b);
  if (typeof m === 'string') ctx.fail(m);
  return m;
};

const selectArgs = {
  inputs: [
    { name: 'condition', dtype: 'bool' },
    { name: 't', typeAttr: 'T' },
    { name: 'e', typeAttr: 'T' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [{ name: 'T', type: 'type', allowed: ALL }],
} as const;

/**
 * `Select`: `t` and `e` have one shape; `condition` is a scalar, that same shape, or a vector
 * choosing whole rows (its length is the first dimension). TensorFlow's shape function.
 */
export const Select: OpDef = registerOp({
  type: 'Select',
  ...selectArgs,
  grad: (op, [dz]) => {
    if (!dz) return [null, null, null];
    const c = op.inputs[0] as Tensor;
    const zeros = applyOp1(ZerosLike, [op.inputs[1] as Tensor], {});
    return [null, applyOp1(Select, [c, dz, zeros], {}), applyOp1(Select, [c, zeros, dz], {})];
  },
  shape: (ctx) => {
    const data = merged(ctx, ctx.inputShape(1), ctx.inputShape(2));
    const cond = ctx.inputShape(0);
    if (cond.dims === null || data.dims === null) return [data];
    if (cond.dims.length === 0) return [data];
    if (cond.dims.length !== 1 || data.dims.length === 0) return [merged(ctx, data, cond)];
    merged(ctx, cond, new TensorShape([data.dims[0] ?? null]));
    return [data];
  },
});

/** Broadcasts two static shapes or fails with TensorFlow's message. */
function broadcastOrFail(ctx: InferContext, a: TensorShape, b: TensorShape): TensorShape {
  if (a.dims === null || b.dims === null) return new TensorShape(null);
  const out = broadcastStatic(a.dims, b.dims);
  if (out !== null) return new TensorShape(out);
  const n = Math.max(a.dims.length, b.dims.length);
  for (let i = n; i >= 1; i--) {
    const x = a.dims[a.dims.length - i] ?? 1;
    const y = b.dims[b.dims.length - i] ?? 1;
    if (x !== null && y !== null && x !== y && x !== 1 && y !== 1) ctx.fail(`Dimensions must be equal, but are ${x} and ${y}`);
  }
  return new TensorShape(null);
}

/** `SelectV2`: condition, t and e broadcast together (numpy rules). */
export const SelectV2: OpDef = registerOp({
  type: 'SelectV2',
  ...selectArgs,
  grad: (op, [dz]) => {
    if (!dz) return [null, null, null];
    const c = op.inputs[0] as Tensor;
    const out = op.outputs[0] as Tensor;
    const zeros = applyOp1(ZerosLike, [dz], {});
    const gx = applyOp1(SelectV2, [c, dz, zeros], {});
    const gy = applyOp1(SelectV2, [c, zeros, dz], {});
    return [null, unbroadcast(op.inputs[1] as Tensor, out, gx, null)[0], unbroadcast(op.inputs[2] as Tensor, out, gy, null)[0]];
  },
  shape: (ctx) => [broadcastOrFail(ctx, ctx.inputShape(0), broadcastOrFail(ctx, ctx.inputShape(1), ctx.inputShape(2)))],
});

/** `tf.where_v2`'s parameters by name. */
export interface WhereV2Options {
  x?: TensorInput | null;
  y?: TensorInput | null;
  name?: string;
}

/**
 * `tf.whereV2(condition, x, y, name)`: elements of `x` where `condition` holds, else of `y`,
 * all three broadcast (op SelectV2); with neither `x` nor `y`, the coordinates of true elements
 * (op Where).
 */
export function whereV2(condition: TensorInput, x?: TensorInput | null | WhereV2Options, y?: TensorInput | null | WhereV2Options, name?: string | WhereV2Options): Tensor;
export function whereV2(...args: unknown[]): Tensor {
  const a = normalizeArgs('whereV2', ['condition', 'x', 'y', 'name'], args);
  const hasX = (a.x ?? null) !== null;
  const hasY = (a.y ?? null) !== null;
  if (!hasX && !hasY) return applyOp1(Where, [a.condition], {}, nameArg(a));
  if (!hasX || !hasY) throw new ValueError('x and y must both be non-None or both be None.');
  return applyOp1(SelectV2, [a.condition, a.x, a.y], {}, nameArg(a));
}
