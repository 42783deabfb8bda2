import { ValueError } from '../../../core/errors.js';
import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import type { GradFn, OpDef } from '../../opdef.js';
import { broadcastToInput, keptDimsShape } from './reduce-grad.js';
import { isFloating } from '../../../core/dtypes.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { Range, Rank } from '../array/range.js';
import { INDEX, NUMBER_TYPES } from '../dtype-sets.js';

/** TF's _SumGrad: dy reshaped to the kept-dims shape and broadcast to x. */
const sumGrad: GradFn = (op, [dy]) => {
  const x = op.inputs[0] as Tensor;
  if (!dy || !isFloating(x.dtype)) return [null, null];
  const keep = () => applyOp1(Sum, [x, op.inputs[1]], { keep_dims: true });
  return [broadcastToInput(x, dy, keptDimsShape(op, keep)), null];
};

export const Sum = registerOp({
  type: 'Sum',
  grad: sumGrad,
  inputs: [
    { name: 'input', typeAttr: 'T' },
    { name: 'reduction_indices', typeAttr: 'Tidx' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [
    { name: 'keep_dims', type: 'bool', default: false },
    { name: 'T', type: 'type', allowed: NUMBER_TYPES },
    { name: 'Tidx', type: 'type', allowed: INDEX, default: 'int32' },
  ],
  shape: (ctx) => {
    const input = ctx.inputShape(0);
    const keep = ctx.attr<boolean>('keep_dims');
    const axesRank = ctx.inputShape(1).rank;
    if (axesRank !== null && axesRank > 1) ctx.fail(`Shape must be at most rank 1 but is rank ${axesRank}`);
    const axes = ctx.inputValue(1);
    // TensorFlow's ReductionShape: without the axes' values (or the input's rank) only keep_dims
    // tells the output rank.
    if (!axes || input.dims === null) {
      return [keep && input.dims !== null ? new TensorShape(new Array(input.dims.length).fill(null)) : new TensorShape(null)];
    }
    const rank = input.dims.length;
    const set = new Set<number>();
    for (const v of Array.from(axes.data as ArrayLike<number | bigint>, Number)) {
      if (v < -rank || v >= rank) {
        ctx.fail(`Invalid reduction dimension ${v} for input with ${rank} dimensions.`);
      }
      set.add(v < 0 ? v + rank : v);
    }
    const dims = input.dims.flatMap((d, i) => (set.has(i) ? (keep ? [1] : []) : [d]));
    return [new TensorShape(dims)];
  },
});

/** `tf.reduceSum`'s parameters by name, for an options object at any position after `inputTensor`. */
export interface ReduceSumOptions {
  /** The axes to reduce (a number, a list, or an int tensor); all axes when null. */
  axis?: TensorInput | null;
  keepdims?: boolean | null;
  name?: string;
  /** The deprecated TF1 spelling of `axis`. */
  reductionIndices?: TensorInput | null;
  /** The deprecated TF1 spelling of `keepdims`. */
  keepDims?: boolean | null;
}

export type ReduceBuilder = (
  inputTensor: TensorInput,
  axis?: TensorInput | null | ReduceSumOptions,
  keepdims?: boolean | null | ReduceSumOptions,
  name?: string | ReduceSumOptions,
  reductionIndices?: TensorInput | null | ReduceSumOptions,
  keepDims?: boolean | null | ReduceSumOptions,
) => Tensor;

/**
 * A TF1 `tf.reduce_*(input_tensor, axis, keepdims, name, reduction_indices, keep_dims)` call's
 * arguments: the named args, `keepdims` and `axis` (null: all axes) after TensorFlow's
 * deprecated_argument_lookup (a TF1 spelling and its new name, not both).
 */
export function reductionArgs(fnName: string, args: unknown[]): { a: Record<string, unknown>; keep: boolean; axis: unknown } {
  const a = normalizeArgs(fnName, ['inputTensor', 'axis', 'keepdims', 'name', 'reductionIndices', 'keepDims'], args);
  for (const [old, now, pyOld, pyNow] of [
    ['reductionIndices', 'axis', 'reduction_indices', 'axis'],
    ['keepDims', 'keepdims', 'keep_dims', 'keepdims'],
  ] as const) {
    if (a[old] !== undefined && a[old] !== null && a[now] !== undefined && a[now] !== null) {
      throw new ValueError(`Cannot specify both '${pyOld}' and '${pyNow}'.`);
    }
  }
  return { a, keep: Boolean(a.keepdims ?? a.keepDims ?? false), axis: a.axis ?? a.reductionIndices ?? null };
}

/** A TF1 `tf.reduce_*` builder for the reduction op `def` (Sum here, Mean/Max/… in reduce.ts). */
export function reductionBuilder(fnName: string, def: OpDef): ReduceBuilder {
  return (...args: unknown[]) => {
    const { a, keep, axis: axisArg } = reductionArgs(fnName, args);
    const ctx = currentContext();
    return ctx.atomic([a.inputTensor], () => {
      const x = ctx.convertToTensor(a.inputTensor);
      // An axis given as a JS value becomes `<Op>/reduction_indices`; all axes (TF's _ReductionDims)
      // are a Const of 0..rank-1, or Range(0, Rank(x)) when the rank is unknown.
      let axis: unknown = axisArg;
      if (axisArg === null) {
        const r = x.shape.rank;
        axis =
          r !== null
            ? ctx.convertToTensor(Int32Array.from({ length: r }, (_, i) => i))
            : applyOp1(Range, [0, applyOp1(Rank, [x], {}), 1], {});
      }
      return applyOp1(def, [x, axis], { keep_dims: keep }, nameArg(a));
    });
  };
}

/**
 * `tf.reduceSum(inputTensor, axis, keepdims, name, reductionIndices, keepDims)`: sums over `axis` (all axes when null).
 * TF1's `reduction_indices` / `keep_dims` spellings are accepted as options.
 */
export const reduceSum: ReduceBuilder = reductionBuilder('reduceSum', Sum);
