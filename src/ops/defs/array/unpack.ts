import { ValueError } from '../../../core/errors.js';
import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp, applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import type { OpView } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { ALL } from '../dtype-sets.js';
import { ZerosLike } from './like.js';
import { Pack } from './pack.js';

/** The upstream gradients of a multi-output op, zeros where an output has none (TensorFlow fills them in). */
export function denseGrads(op: OpView, dys: readonly (Tensor | null)[]): Tensor[] | null {
  if (dys.every((d) => !d)) return null;
  return op.outputs.map((o, i) => dys[i] ?? applyOp1(ZerosLike, [o], {}));
}

export const Unpack = registerOp({
  type: 'Unpack',
  grad: (op, dys) => {
    const g = denseGrads(op, dys);
    return [g ? applyOp1(Pack, [g], { axis: op.attrs.axis }) : null];
  },
  inputs: [{ name: 'value', typeAttr: 'T' }],
  outputs: [{ name: 'output', typeAttr: 'T', numberAttr: 'num' }],
  attrs: [
    { name: 'num', type: 'int' },
    { name: 'T', type: 'type', allowed: ALL },
    { name: 'axis', type: 'int', default: 0 },
  ],
  shape: (ctx) => {
    const s = ctx.inputShape(0);
    const num = ctx.attr<number>('num');
    if (s.dims === null) return new Array(num).fill(new TensorShape(null));
    const rank = s.dims.length;
    let axis = ctx.attr<number>('axis');
    if (axis < -rank || axis >= rank) ctx.fail(`Invalid axis: ${axis}; must be in [${-rank},${rank})`);
    if (axis < 0) axis += rank;
    const d = s.dims[axis] ?? null;
    if (d !== null && d !== num) ctx.fail(`Dimension must be ${num} but is ${d}`);
    const out = new TensorShape(s.dims.filter((_, i) => i !== axis));
    return new Array(num).fill(out);
  },
});

/** `tf.unstack`'s parameters by name. */
export interface UnstackOptions {
  num?: number | null;
  axis?: number;
  name?: string;
}

/** `tf.unstack(value, num, axis, name)`: the slices of `value` along `axis` (op Unpack). */
export function unstack(value: TensorInput, num?: number | null | UnstackOptions, axis?: number | UnstackOptions, name?: string | UnstackOptions): Tensor[];
export function unstack(...args: unknown[]): Tensor[] {
  const a = normalizeArgs('unstack', ['value', 'num', 'axis', 'name'], args);
  const axis = (a.axis as number | undefined) ?? 0;
  let value = a.value;
  let num = (a.num as number | null | undefined) ?? null;
  if (num === null) {
    // As TensorFlow: the value is converted first, and its static shape gives `num`.
    const ctx = currentContext();
    return ctx.atomic([value], () => {
      value = ctx.convertToTensor(value);
      const shape = (value as Tensor).shape;
      if (shape.dims !== null) {
        const r = shape.dims.length;
        if (axis < -r || axis >= r) throw new ValueError(`Argument \`axis\` = ${axis} not in range [${-r}, ${r})`);
        num = shape.dims[axis < 0 ? axis + r : axis] ?? null;
      }
      if (num === null) throw new ValueError(`Cannot infer argument \`num\` from shape ${shape.toString()}`);
      return [...applyOp(Unpack, [value], { num, axis }, nameArg(a) ?? 'unstack')];
    });
  }
  return [...applyOp(Unpack, [value], { num, axis }, nameArg(a) ?? 'unstack')];
}
