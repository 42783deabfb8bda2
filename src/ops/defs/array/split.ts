import { ValueError } from '../../../core/errors.js';
import { type Dim, TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp, applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import type { InferContext } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { ALL } from '../dtype-sets.js';
import { ConcatV2 } from './concat.js';
import { denseGrads } from './unpack.js';

/** The split axis, normalised, or null when unknown; fails when out of range. */
function splitAxis(ctx: InferContext, axisInput: number, rank: number | null): number | null {
  const v = ctx.inputValue(axisInput);
  if (!v || rank === null) return null;
  const given = Number(v.data[0]);
  if (given < -rank || given >= rank) ctx.fail(`Dimension size, given by scalar input ${given} must be in range [${-rank}, ${rank})`);
  return given < 0 ? given + rank : given;
}

export const Split = registerOp({
  type: 'Split',
  // As TensorFlow's _SplitGrad: the output gradients concatenated back.
  grad: (op, dys) => {
    const g = denseGrads(op, dys);
    return [null, g ? applyOp1(ConcatV2, [g, op.inputs[0]], {}) : null];
  },
  inputs: [
    { name: 'split_dim', dtype: 'int32' },
    { name: 'value', typeAttr: 'T' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T', numberAttr: 'num_split' }],
  attrs: [
    { name: 'num_split', type: 'int' },
    { name: 'T', type: 'type', allowed: ALL },
  ],
  shape: (ctx) => {
    const n = ctx.attr<number>('num_split');
    const s = ctx.inputShape(1);
    const axis = splitAxis(ctx, 0, s.rank);
    if (s.dims === null) return new Array(n).fill(new TensorShape(null));
    if (axis === null) return new Array(n).fill(new TensorShape(new Array(s.dims.length).fill(null)));
    const d = s.dims[axis] ?? null;
    if (d !== null && d % n !== 0) ctx.fail(`Dimension size must be evenly divisible by ${n} but is ${d}`);
    const out = new TensorShape(s.dims.map((x, i) => (i === axis ? (d === null ? null : d / n) : x)));
    return new Array(n).fill(out);
  },
});

export const SplitV = registerOp({
  type: 'SplitV',
  grad: (op, dys) => {
    const g = denseGrads(op, dys);
    return [g ? applyOp1(ConcatV2, [g, op.inputs[2]], {}) : null, null, null];
  },
  inputs: [
    { name: 'value', typeAttr: 'T' },
    { name: 'size_splits', typeAttr: 'Tlen' },
    { name: 'split_dim', dtype: 'int32' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T', numberAttr: 'num_split' }],
  attrs: [
    { name: 'num_split', type: 'int' },
    { name: 'T', type: 'type', allowed: ALL },
    { name: 'Tlen', type: 'type', allowed: ['int8', 'int32', 'int64'], default: 'int64' },
  ],
  shape: (ctx) => {
    const n = ctx.attr<number>('num_split');
    const s = ctx.inputShape(0);
    const axis = splitAxis(ctx, 2, s.rank);
    if (s.dims === null) return new Array(n).fill(new TensorShape(null));
    const sv = ctx.inputValue(1);
    if (axis === null || !sv) return new Array(n).fill(new TensorShape(new Array(s.dims.length).fill(null)));
    const sizes: Dim[] = Array.from(sv.data as ArrayLike<number | bigint>, Number);
    if (sizes.length !== n) ctx.fail(`Dimension must be ${n} but is ${sizes.length}`);
    const d = s.dims[axis] ?? null;
    const neg = sizes.flatMap((z, i) => (z === -1 ? [i] : []));
    if (neg.length > 1) ctx.fail('size_splits can only have one -1');
    const known = sizes.reduce<number>((acc, z) => acc + (z === -1 ? 0 : (z as number)), 0);
    if (d !== null) {
      if ((neg.length === 0 && known !== d) || (neg.length === 1 && known > d)) {
        ctx.fail(`can't split axis of size ${d} into pieces of size [${sizes.join(',')}]`);
      }
      if (neg.length === 1) sizes[neg[0] as number] = d - known;
    } else if (neg.length === 1) sizes[neg[0] as number] = null;
    return sizes.map((z) => new TensorShape(s.dims?.map((x, i) => (i === axis ? z : x)) ?? null));
  },
});

/** `tf.split`'s parameters by name. */
export interface SplitOptions {
  axis?: TensorInput;
  num?: number | null;
  name?: string;
}

/**
 * `tf.split(value, numOrSizeSplits, axis, num, name)`: `n` equal pieces along `axis` (Split), or
 * pieces of the given sizes, one of which may be -1 (SplitV).
 */
export function split(
  value: TensorInput,
  numOrSizeSplits: number | TensorInput,
  axis?: TensorInput | SplitOptions,
  num?: number | null | SplitOptions,
  name?: string | SplitOptions,
): Tensor[];
export function split(...args: unknown[]): Tensor[] {
  const a = normalizeArgs('split', ['value', 'numOrSizeSplits', 'axis', 'num', 'name'], args);
  const axis = a.axis ?? 0;
  const name = nameArg(a) ?? 'split';
  const s = a.numOrSizeSplits;
  if (typeof s === 'number') return [...applyOp(Split, [axis, a.value], { num_split: s }, name)];
  const ctx = currentContext();
  return ctx.atomic([a.value, s], () => {
    const sizes = ctx.convertToTensor(s, undefined, 'int32');
    let num = (a.num as number | null | undefined) ?? null;
    if (num === null) {
      const d = sizes.shape.dims;
      num = d !== null && d.length === 1 ? (d[0] ?? null) : null;
      if (num === null) throw new ValueError(`Cannot infer argument \`num\` from shape ${sizes.shape.toString()}`);
    }
    return [...applyOp(SplitV, [a.value, sizes, axis], { num_split: num }, name)];
  });
}
