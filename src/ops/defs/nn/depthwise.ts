// DepthwiseConv2dNative and its backprops (gradients as TensorFlow's nn_grad.py), with
// tf.nn.depthwiseConv2dNative and the composite tf.nn.depthwiseConv2d (rate → dilations).
import { ValueError } from '../../../core/errors.js';
import { TensorShape } from '../../../core/shape.js';
import type { Dim } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import type { AttrDef, InferContext, OpDef } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import type { Attrs, Tensor, TensorInput } from '../../types.js';
import { Shape } from '../array/shape.js';
import { checkConvAttrs } from './conv2d.js';
import { FLOAT_TYPES, convertPadding, dataFormatAttr, dilationsAttr, explicitPaddingsAttr, getSequence, layoutAxes, rank4, spatialOut } from './conv-util.js';

const attrs: AttrDef[] = [
  { name: 'T', type: 'type', allowed: FLOAT_TYPES },
  { name: 'strides', type: 'list(int)' },
  { name: 'padding', type: 'string' },
  explicitPaddingsAttr,
  dataFormatAttr,
  dilationsAttr,
];

const attrsOf = (op: { attrs: Attrs }): Attrs => ({
  strides: op.attrs.strides,
  padding: op.attrs.padding,
  explicit_paddings: op.attrs.explicit_paddings,
  data_format: op.attrs.data_format,
  dilations: op.attrs.dilations,
});

const shapeOf = (t: Tensor) => applyOp1(Shape, [t], {});

/** TensorFlow's DepthwiseConv2DNativeShapeImpl: output channels = in channels × multiplier. */
function depthwiseShape(ctx: InferContext): TensorShape[] {
  const a = checkConvAttrs(ctx, 'DepthwiseConv2D');
  const x = rank4(ctx, 0);
  const f = rank4(ctx, 1);
  const { h, w, c } = layoutAxes(a.fmt);
  const inC = x[c] ?? null;
  if (inC !== null && f[2] !== null && f[2] !== undefined && inC !== f[2]) ctx.fail(`Dimensions must be equal, but are ${inC} and ${f[2]}`);
  const depth = inC ?? f[2] ?? null;
  const outC = depth !== null && f[3] !== null && f[3] !== undefined ? depth * f[3] : null;
  const dims: Dim[] = [x[0] ?? null, null, null, null];
  dims[h] = spatialOut(ctx, x[h] ?? null, f[0] ?? null, a.dilations[h] as number, a.strides[h] as number, a.padding, a.paddings, h);
  dims[w] = spatialOut(ctx, x[w] ?? null, f[1] ?? null, a.dilations[w] as number, a.strides[w] as number, a.padding, a.paddings, w);
  dims[c] = outC;
  return [new TensorShape(dims)];
}

export const DepthwiseConv2dNative: OpDef = registerOp({
  type: 'DepthwiseConv2dNative',
  inputs: [
    { name: 'input', typeAttr: 'T' },
    { name: 'filter', typeAttr: 'T' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs,
  shape: depthwiseShape,
  grad: (op, [dy]) => {
    if (!dy) return [null, null];
    const [x, f] = op.inputs as [Tensor, Tensor];
    const at = attrsOf(op);
    return [
      applyOp1(DepthwiseConv2dNativeBackpropInput, [shapeOf(x), f, dy], at),
      applyOp1(DepthwiseConv2dNativeBackpropFilter, [x, shapeOf(f), dy], at),
    ];
  },
});

/** A shape given by a 1-D int32 tensor input, which must have 4 values. */
function shapeInput(ctx: InferContext, i: number): TensorShape[] {
  checkConvAttrs(ctx, 'DepthwiseConv2D');
  const s = ctx.inputAsShape(i);
  if (s.rank !== null && s.rank !== 4) ctx.fail(`Shape must be rank 4 but is rank ${s.rank}`);
  return [s.rank === null ? new TensorShape([null, null, null, null]) : s];
}

export const DepthwiseConv2dNativeBackpropInput: OpDef = registerOp({
  type: 'DepthwiseConv2dNativeBackpropInput',
  inputs: [
    { name: 'input_sizes', dtype: 'int32' },
    { name: 'filter', typeAttr: 'T' },
    { name: 'out_backprop', typeAttr: 'T' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs,
  shape: (ctx) => shapeInput(ctx, 0),
  grad: (op, [g]) => {
    if (!g) return [null, null, null];
    const [, f, dy] = op.inputs as [Tensor, Tensor, Tensor];
    const at = attrsOf(op);
    return [null, applyOp1(DepthwiseConv2dNativeBackpropFilter, [g, shapeOf(f), dy], at), applyOp1(DepthwiseConv2dNative, [g, f], at)];
  },
});

export const DepthwiseConv2dNativeBackpropFilter: OpDef = registerOp({
  type: 'DepthwiseConv2dNativeBackpropFilter',
  inputs: [
    { name: 'input', typeAttr: 'T' },
    { name: 'filter_sizes', dtype: 'int32' },
    { name: 'out_backprop', typeAttr: 'T' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs,
  shape: (ctx) => shapeInput(ctx, 1),
  grad: (op, [g]) => {
    if (!g) return [null, null, null];
    const [x, , dy] = op.inputs as [Tensor, Tensor, Tensor];
    const at = attrsOf(op);
    return [applyOp1(DepthwiseConv2dNativeBackpropInput, [shapeOf(x), g, dy], at), null, applyOp1(DepthwiseConv2dNative, [x, g], at)];
  },
});

type Ints = number | readonly number[];

export interface DepthwiseConv2dOptions {
  input?: TensorInput;
  filter?: TensorInput;
  strides?: Ints;
  padding?: string | readonly (readonly number[])[];
  rate?: Ints | null;
  dilations?: Ints | null;
  dataFormat?: 'NHWC' | 'NCHW';
  name?: string;
}

function depthwiseAttrs(x: Record<string, unknown>, dil: unknown): Attrs {
  const fmt = (x.dataFormat as string | undefined) ?? 'NHWC';
  const ci = fmt.startsWith('NC') ? 1 : 3;
  const { padding, explicit } = convertPadding(x.padding);
  return { strides: x.strides as number[], padding, explicit_paddings: explicit, data_format: fmt, dilations: getSequence(dil, 2, ci, 'dilations') };
}

/** `tf.nn.depthwiseConv2dNative(input, filter, strides, padding, dataFormat='NHWC', dilations=[1,1,1,1], name)`. */
export function depthwiseConv2dNative(
  input: TensorInput | DepthwiseConv2dOptions,
  filter?: TensorInput | DepthwiseConv2dOptions,
  strides?: Ints | DepthwiseConv2dOptions,
  padding?: DepthwiseConv2dOptions['padding'] | DepthwiseConv2dOptions,
  dataFormat?: string | DepthwiseConv2dOptions,
  dilations?: Ints | DepthwiseConv2dOptions,
  name?: string | DepthwiseConv2dOptions,
): Tensor;
export function depthwiseConv2dNative(...args: unknown[]): Tensor {
  const x = normalizeArgs('depthwise_conv2d_native', ['input', 'filter', 'strides', 'padding', 'dataFormat', 'dilations', 'name'], args);
  return applyOp1(DepthwiseConv2dNative, [x.input, x.filter], depthwiseAttrs(x, x.dilations), nameArg(x));
}

/**
 * `tf.nn.depthwiseConv2d(input, filter, strides, padding, rate=null, name, dataFormat, dilations)`
 * (TF1): TensorFlow builds a rate > 1 through SpaceToBatchND; here it is the op's `dilations`
 * attr (the same values). The op is named `depthwise` as TensorFlow's name scope makes it.
 */
export function depthwiseConv2d(
  input: TensorInput | DepthwiseConv2dOptions,
  filter?: TensorInput | DepthwiseConv2dOptions,
  strides?: Ints | DepthwiseConv2dOptions,
  padding?: DepthwiseConv2dOptions['padding'] | DepthwiseConv2dOptions,
  rate?: Ints | null | DepthwiseConv2dOptions,
  name?: string | DepthwiseConv2dOptions,
  dataFormat?: string | DepthwiseConv2dOptions,
  dilations?: Ints | null | DepthwiseConv2dOptions,
): Tensor;
export function depthwiseConv2d(...args: unknown[]): Tensor {
  const x = normalizeArgs('depthwise_conv2d', ['input', 'filter', 'strides', 'padding', 'rate', 'name', 'dataFormat', 'dilations'], args);
  if (x.rate !== undefined && x.rate !== null && x.dilations !== undefined && x.dilations !== null) {
    throw new ValueError("Cannot specify both 'rate' and 'dilations'");
  }
  const dil = x.dilations ?? x.rate;
  const strides = x.strides as number[];
  if (dil !== undefined && dil !== null && strides.some((s) => s !== 1) && getSequence(dil, 2, 3, 'rate').some((r) => r !== 1)) {
    throw new ValueError('strides > 1 not supported in conjunction with dilation_rate > 1');
  }
  return applyOp1(DepthwiseConv2dNative, [x.input, x.filter], depthwiseAttrs(x, dil), nameArg(x) ?? 'depthwise');
}
