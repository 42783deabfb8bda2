import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import type { InferContext } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { ALL } from '../dtype-sets.js';
import { OnesLike } from './like.js';
import { jsIndexType } from './index-type.js';
import { Shape } from './shape.js';
import { masksOf, stridedSliceSpec } from './strided-slice-spec.js';

const maskAttrs = [
  { name: 'begin_mask', type: 'int', default: 0 },
  { name: 'end_mask', type: 'int', default: 0 },
  { name: 'ellipsis_mask', type: 'int', default: 0 },
  { name: 'new_axis_mask', type: 'int', default: 0 },
  { name: 'shrink_axis_mask', type: 'int', default: 0 },
] as const;

const intsOf = (ctx: InferContext, i: number): number[] | null => {
  const v = ctx.inputValue(i);
  return v ? Array.from(v.data as ArrayLike<number | bigint>, Number) : null;
};

/** The sliced shape from `dims` and the begin/end/strides inputs at `first..first+2`. */
function slicedShape(ctx: InferContext, dims: TensorShape, first: number): TensorShape {
  for (let k = first; k < first + 3; k++) {
    const r = ctx.inputShape(k).rank;
    if (r !== null && r !== 1) ctx.fail(`Shape must be rank 1 but is rank ${r}`);
  }
  const [b, e, s] = [intsOf(ctx, first), intsOf(ctx, first + 1), intsOf(ctx, first + 2)];
  // Without the strides (or the input's rank) the shape is unknown; unknown begin or end values
  // leave only the sliced dims unknown.
  if (dims.dims === null || !s) return new TensorShape(null);
  const spec = stridedSliceSpec(dims.dims, b, e, s, masksOf((n) => ctx.attr<number>(n)));
  if (typeof spec === 'string') ctx.fail(spec);
  return new TensorShape(spec.finalShape);
}

export const StridedSliceGrad = registerOp({
  type: 'StridedSliceGrad',
  // As TensorFlow's _StridedSliceGradGrad: the same slice of the upstream gradient.
  grad: (op, [dy]) => [
    null,
    null,
    null,
    null,
    dy ? applyOp1(StridedSlice, [dy, op.inputs[1], op.inputs[2], op.inputs[3]], maskValues(op.attrs)) : null,
  ],
  inputs: [
    { name: 'shape', typeAttr: 'Index' },
    { name: 'begin', typeAttr: 'Index' },
    { name: 'end', typeAttr: 'Index' },
    { name: 'strides', typeAttr: 'Index' },
    { name: 'dy', typeAttr: 'T' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [{ name: 'T', type: 'type', allowed: ALL }, { name: 'Index', type: 'type', allowed: ['int32', 'int64'] }, ...maskAttrs],
  shape: (ctx) => [ctx.inputAsShape(0)],
});

function maskValues(attrs: Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(maskAttrs.map((m) => [m.name, attrs[m.name] as number]));
}

export const StridedSlice = registerOp({
  type: 'StridedSlice',
  // As TensorFlow's _StridedSliceGrad: StridedSliceGrad scatters dy into zeros of x's shape.
  grad: (op, [dy]) => {
    if (!dy) return [null, null, null, null];
    const [x, begin, end, strides] = op.inputs as [Tensor, Tensor, Tensor, Tensor];
    const shape = applyOp1(Shape, [x], { out_type: begin.dtype });
    return [applyOp1(StridedSliceGrad, [shape, begin, end, strides, dy], maskValues(op.attrs)), null, null, null];
  },
  inputs: [
    { name: 'input', typeAttr: 'T' },
    { name: 'begin', typeAttr: 'Index' },
    { name: 'end', typeAttr: 'Index' },
    { name: 'strides', typeAttr: 'Index' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [{ name: 'T', type: 'type', allowed: ALL }, { name: 'Index', type: 'type', allowed: ['int16', 'int32', 'int64'] }, ...maskAttrs],
  shape: (ctx) => [slicedShape(ctx, ctx.inputShape(0), 1)],
});

/** `tf.stridedSlice`'s parameters by name. */
export interface StridedSliceOptions {
  strides?: TensorInput | null;
  beginMask?: number;
  endMask?: number;
  ellipsisMask?: number;
  newAxisMask?: number;
  shrinkAxisMask?: number;
  /** TensorFlow's `var` (slice assignment on a variable) is not supported; must be null. */
  var?: null;
  name?: string;
}

/**
 * `tf.stridedSlice(input, begin, end, strides, beginMask, endMask, ellipsisMask, newAxisMask,
 * shrinkAxisMask, var, name)`: the raw StridedSlice op. `tf.getItem` builds it from Python-style
 * index specs.
 */
export function stridedSlice(
  input: TensorInput,
  begin: TensorInput,
  end: TensorInput,
  strides?: TensorInput | null | StridedSliceOptions,
  beginMask?: number | StridedSliceOptions,
  endMask?: number | StridedSliceOptions,
  ellipsisMask?: number | StridedSliceOptions,
  newAxisMask?: number | StridedSliceOptions,
  shrinkAxisMask?: number | StridedSliceOptions,
  var_?: null | StridedSliceOptions,
  name?: string | StridedSliceOptions,
): Tensor;
export function stridedSlice(...args: unknown[]): Tensor {
  const a = normalizeArgs(
    'stridedSlice',
    ['input', 'begin', 'end', 'strides', 'beginMask', 'endMask', 'ellipsisMask', 'newAxisMask', 'shrinkAxisMask', 'var', 'name'],
    args,
  );
  if (a.var !== undefined && a.var !== null) throw new TypeError('stridedSlice: `var` (sliced assignment) is not supported');
  const attrs = {
    begin_mask: (a.beginMask as number | undefined) ?? 0,
    end_mask: (a.endMask as number | undefined) ?? 0,
    ellipsis_mask: (a.ellipsisMask as number | undefined) ?? 0,
    new_axis_mask: (a.newAxisMask as number | undefined) ?? 0,
    shrink_axis_mask: (a.shrinkAxisMask as number | undefined) ?? 0,
  };
  const ctx = currentContext();
  return ctx.atomic([a.input, a.begin, a.end, a.strides], () => {
    let strides = a.strides;
    // As TensorFlow: strides default to ones_like(begin).
    if (strides === undefined || strides === null) {
      strides = ctx.withNameScope(undefined, 'ones_like', [a.begin], (scope) =>
        applyOp1(OnesLike, [ctx.convertToTensor(a.begin, undefined, 'int32', 'tensor')], {}, scope),
      );
    }
    // JS integers become int32 (Index has no default), as Python's ints do.
    const index = jsIndexType([a.begin, a.end, strides]);
    return applyOp1(StridedSlice, [a.input, a.begin, a.end, strides], index ? { ...attrs, Index: index } : attrs, nameArg(a));
  });
}
