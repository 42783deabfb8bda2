// Conv2D and its two backprops (each the other's gradient, as TensorFlow's nn_grad.py), with the
// TF1 builders tf.nn.conv2d, conv2dBackpropInput, conv2dBackpropFilter and conv2dTranspose.
import { TensorShape } from '../../../core/shape.js';
import type { Dim } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import type { AttrDef, GradFn, InferContext, OpDef } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import type { Attrs, Tensor, TensorInput } from '../../types.js';
import { Shape } from '../array/shape.js';
import {
  CONV_TYPES,
  FLOAT_TYPES,
  checkExplicitPaddings,
  checkStringAttr,
  convertPadding,
  dataFormatAttr,
  dilationsAttr,
  explicitPaddingsAttr,
  getSequence,
  layoutAxes,
  rank4,
  spatialOut,
} from './conv-util.js';

const PADDINGS = ['SAME', 'VALID', 'EXPLICIT'];
const FORMATS = ['NHWC', 'NCHW'];

const convAttrs = (types: AttrDef['allowed']): AttrDef[] => [
  { name: 'T', type: 'type', allowed: types },
  { name: 'strides', type: 'list(int)' },
  { name: 'use_cudnn_on_gpu', type: 'bool', default: true },
  { name: 'padding', type: 'string' },
  explicitPaddingsAttr,
  dataFormatAttr,
  dilationsAttr,
];

/** Attr checks shared by the three ops: allowed strings, lengths and values of strides/dilations. */
export function checkConvAttrs(ctx: InferContext, label: string): { strides: number[]; dilations: number[]; padding: string; paddings: number[]; fmt: string } {
  const fmt = ctx.attr<string>('data_format');
  const padding = ctx.attr<string>('padding');
  checkStringAttr(ctx.opType, 'padding', padding, PADDINGS);
  checkStringAttr(ctx.opType, 'data_format', fmt, FORMATS);
  const strides = ctx.attr<number[]>('strides');
  const dilations = ctx.attr<number[]>('dilations');
  const prefix = label === 'Conv2D' ? `Conv2D on data format ${fmt}` : label;
  if (strides.length !== 4) ctx.fail(`${prefix} requires the stride attribute to contain 4 values, but got: ${strides.length}`);
  if (dilations.length !== 4) ctx.fail(`${label} requires the dilation attribute to contain 4 values, but got: ${dilations.length}`);
  const { h, w } = layoutAxes(fmt);
  for (const s of [strides[h] as number, strides[w] as number]) if (s <= 0) ctx.fail(`Stride must be > 0, but got ${s}`);
  for (const d of [dilations[h] as number, dilations[w] as number]) if (d < 1) ctx.fail(`Dilation rate must be >= 1, but got ${d}`);
  const paddings = ctx.attr<number[]>('explicit_paddings');
  checkExplicitPaddings(ctx, padding, paddings, fmt);
  return { strides, dilations, padding, paddings, fmt };
}

/** Conv2D's static shape: [N, outH, outW, outC] in the data format (TensorFlow's Conv2DShapeImpl). */
function conv2dShape(ctx: InferContext): TensorShape[] {
  const a = checkConvAttrs(ctx, 'Conv2D');
  const x = rank4(ctx, 0);
  const f = rank4(ctx, 1);
  const { h, w, c } = layoutAxes(a.fmt);
  const inC = x[c] ?? null;
  const fIn = f[2] ?? null;
  const outC = f[3] ?? null;
  if (inC !== null && fIn !== null && fIn > 0 && inC % fIn !== 0) {
    ctx.fail(`Depth of input (${inC}) is not a multiple of input depth of filter (${fIn})`);
  }
  if (inC !== null && fIn !== null && outC !== null && fIn > 0) {
    const groups = inC / fIn;
    if (outC % groups !== 0) ctx.fail(`Depth of output (${outC}) is not a multiple of the number of groups (${groups})`);
  }
  const oh = spatialOut(ctx, x[h] ?? null, f[0] ?? null, a.dilations[h] as number, a.strides[h] as number, a.padding, a.paddings, h);
  const ow = spatialOut(ctx, x[w] ?? null, f[1] ?? null, a.dilations[w] as number, a.strides[w] as number, a.padding, a.paddings, w);
  const dims: Dim[] = a.fmt === 'NCHW' ? [x[0] ?? null, outC, oh, ow] : [x[0] ?? null, oh, ow, outC];
  return [new TensorShape(dims)];
}

/** The attrs a gradient passes on unchanged. */
export const convAttrsOf = (op: { attrs: Attrs }): Attrs => ({
  strides: op.attrs.strides,
  use_cudnn_on_gpu: op.attrs.use_cudnn_on_gpu,
  padding: op.attrs.padding,
  explicit_paddings: op.attrs.explicit_paddings,
  data_format: op.attrs.data_format,
  dilations: op.attrs.dilations,
});

const shapeOf = (t: Tensor) => applyOp1(Shape, [t], {});

const conv2dGrad: GradFn = (op, [dy]) => {
  if (!dy) return [null, null];
  const [x, f] = op.inputs as [Tensor, Tensor];
  const attrs = convAttrsOf(op);
  return [applyOp1(Conv2DBackpropInput, [shapeOf(x), f, dy], attrs), applyOp1(Conv2DBackpropFilter, [x, shapeOf(f), dy], attrs)];
};

export const Conv2D: OpDef = registerOp({
  type: 'Conv2D',
  inputs: [
    { name: 'input', typeAttr: 'T' },
    { name: 'filter', typeAttr: 'T' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: convAttrs(CONV_TYPES),
  shape: conv2dShape,
  grad: conv2dGrad,
});

/** Conv2DBackpropInput's static shape: `input_sizes` (4 values, or the 2 spatial ones). */
function backpropInputShape(ctx: InferContext): TensorShape[] {
  const a = checkConvAttrs(ctx, 'Conv2DBackpropInput');
  const f = rank4(ctx, 1);
  const dy = rank4(ctx, 2);
  const { h, w, c } = layoutAxes(a.fmt);
  const dyC = dy[c] ?? null;
  if (dyC !== null && f[3] !== null && f[3] !== undefined && dyC !== f[3]) ctx.fail(`Dimensions must be equal, but are ${dyC} and ${f[3]}`);
  const sizes = ctx.inputShape(0);
  const len = sizes.dims?.[0] ?? null;
  if (sizes.rank !== null && sizes.rank !== 1) ctx.fail(`Shape must be rank 1 but is rank ${sizes.rank}`);
  if (len !== null && len !== 4 && len !== 2) {
    ctx.fail(`Conv2DBackpropInput requires input_sizes to contain 4 values or 2 values, but got: ${len}`);
  }
  const v = ctx.inputValue(0);
  if (len === 2) {
    const hw: Dim[] = v ? Array.from(v.data as ArrayLike<number>, Number) : [null, null];
    const dims: Dim[] = [dy[0] ?? null, null, null, null];
    dims[h] = hw[0] ?? null;
    dims[w] = hw[1] ?? null;
    dims[c] = f[2] ?? null;
    return [new TensorShape(dims)];
  }
  if (v) return [new TensorShape(Array.from(v.data as ArrayLike<number>, Number))];
  return [new TensorShape([dy[0] ?? null, null, null, null])];
}

export const Conv2DBackpropInput: OpDef = registerOp({
  type: 'Conv2DBackpropInput',
  inputs: [
    { name: 'input_sizes', dtype: 'int32' },
    { name: 'filter', typeAttr: 'T' },
    { name: 'out_backprop', typeAttr: 'T' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: convAttrs(CONV_TYPES),
  shape: backpropInputShape,
  // nn_grad.py's _Conv2DBackpropInputGrad.
  grad: (op, [g]) => {
    if (!g) return [null, null, null];
    const [, f, dy] = op.inputs as [Tensor, Tensor, Tensor];
    const attrs = convAttrsOf(op);
    return [null, applyOp1(Conv2DBackpropFilter, [g, shapeOf(f), dy], attrs), applyOp1(Conv2D, [g, f], attrs)];
  },
});

export const Conv2DBackpropFilter: OpDef = registerOp({
  type: 'Conv2DBackpropFilter',
  inputs: [
    { name: 'input', typeAttr: 'T' },
    { name: 'filter_sizes', dtype: 'int32' },
    { name: 'out_backprop', typeAttr: 'T' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: convAttrs(FLOAT_TYPES),
  shape: (ctx) => {
    checkConvAttrs(ctx, 'Conv2DBackpropFilter');
    const s = ctx.inputAsShape(1);
    if (s.rank !== null && s.rank !== 4) ctx.fail(`Shape must be rank 4 but is rank ${s.rank}`);
    return [s.rank === null ? new TensorShape([null, null, null, null]) : s];
  },
  // nn_grad.py's _Conv2DBackpropFilterGrad.
  grad: (op, [g]) => {
    if (!g) return [null, null, null];
    const [x, , dy] = op.inputs as [Tensor, Tensor, Tensor];
    const attrs = convAttrsOf(op);
    return [applyOp1(Conv2DBackpropInput, [shapeOf(x), g, dy], attrs), null, applyOp1(Conv2D, [x, g], attrs)];
  },
});

/** Builder attrs from TF1 arguments: strides/dilations by `_get_sequence`, list padding as EXPLICIT. */
export function convBuilderAttrs(x: Record<string, unknown>, useCudnn = true): Attrs {
  const fmt = (x.dataFormat as string | undefined) ?? 'NHWC';
  const channelIndex = fmt.startsWith('NC') ? 1 : 3;
  const { padding, explicit } = convertPadding(x.padding);
  return {
    strides: getSequence(x.strides, 2, channelIndex, 'strides'),
    use_cudnn_on_gpu: x.useCudnnOnGpu === undefined || x.useCudnnOnGpu === null ? useCudnn : Boolean(x.useCudnnOnGpu),
    padding,
    explicit_paddings: explicit,
    data_format: fmt,
    dilations: getSequence(x.dilations, 2, channelIndex, 'dilations'),
  };
}

type Ints = number | readonly number[];
type Padding = string | readonly (readonly number[])[];

export interface Conv2dOptions {
  input?: TensorInput;
  filter?: TensorInput;
  /** TF2's name of `filter`. */
  filters?: TensorInput;
  strides?: Ints;
  padding?: Padding;
  useCudnnOnGpu?: boolean;
  dataFormat?: 'NHWC' | 'NCHW';
  dilations?: Ints;
  name?: string;
}

/**
 * `tf.nn.conv2d(input, filter, strides, padding, useCudnnOnGpu=true, dataFormat='NHWC',
 * dilations=[1,1,1,1], name)` (TF1; the TF2 name `filters` is accepted). `padding` is 'SAME',
 * 'VALID' or a list of four [before, after] pairs (explicit padding).
 */
export function conv2d(
  input: TensorInput | Conv2dOptions,
  filter?: TensorInput | Conv2dOptions,
  strides?: Ints | Conv2dOptions,
  padding?: Padding | Conv2dOptions,
  useCudnnOnGpu?: boolean | Conv2dOptions,
  dataFormat?: string | Conv2dOptions,
  dilations?: Ints | Conv2dOptions,
  name?: string | Conv2dOptions,
): Tensor;
export function conv2d(...args: unknown[]): Tensor {
  const x = normalizeArgs('conv2d', ['input', 'filter', 'strides', 'padding', 'useCudnnOnGpu', 'dataFormat', 'dilations', 'name', '*', 'filters'], args);
  if (x.filter !== undefined && x.filters !== undefined) throw new TypeError("conv2d() got values for both 'filter' and 'filters'");
  return applyOp1(Conv2D, [x.input, x.filter ?? x.filters], convBuilderAttrs(x), nameArg(x));
}

export interface Conv2dBackpropOptions {
  strides?: Ints;
  padding?: Padding;
  useCudnnOnGpu?: boolean;
  dataFormat?: 'NHWC' | 'NCHW';
  dilations?: Ints;
  name?: string;
}

/** `tf.nn.conv2dBackpropInput(inputSizes, filter, outBackprop, strides, padding, useCudnnOnGpu, dataFormat, dilations, name)`. */
export function conv2dBackpropInput(
  inputSizes: TensorInput,
  filter: TensorInput,
  outBackprop: TensorInput,
  strides?: Ints | Conv2dBackpropOptions,
  padding?: Padding | Conv2dBackpropOptions,
  ...rest: unknown[]
): Tensor;
export function conv2dBackpropInput(...args: unknown[]): Tensor {
  const x = normalizeArgs(
    'conv2d_backprop_input',
    ['inputSizes', 'filter', 'outBackprop', 'strides', 'padding', 'useCudnnOnGpu', 'dataFormat', 'dilations', 'name', '*', 'filters'],
    args,
  );
  return applyOp1(Conv2DBackpropInput, [x.inputSizes, x.filter ?? x.filters, x.outBackprop], convBuilderAttrs(x), nameArg(x));
}

/** `tf.nn.conv2dBackpropFilter(input, filterSizes, outBackprop, strides, padding, useCudnnOnGpu, dataFormat, dilations, name)`. */
export function conv2dBackpropFilter(
  input: TensorInput,
  filterSizes: TensorInput,
  outBackprop: TensorInput,
  strides?: Ints | Conv2dBackpropOptions,
  padding?: Padding | Conv2dBackpropOptions,
  ...rest: unknown[]
): Tensor;
export function conv2dBackpropFilter(...args: unknown[]): Tensor {
  const x = normalizeArgs(
    'conv2d_backprop_filter',
    ['input', 'filterSizes', 'outBackprop', 'strides', 'padding', 'useCudnnOnGpu', 'dataFormat', 'dilations', 'name'],
    args,
  );
  return applyOp1(Conv2DBackpropFilter, [x.input, x.filterSizes, x.outBackprop], convBuilderAttrs(x), nameArg(x));
}

export interface Conv2dTransposeOptions {
  value?: TensorInput;
  filter?: TensorInput;
  filters?: TensorInput;
  outputShape?: TensorInput;
  strides?: Ints;
  padding?: Padding;
  dataFormat?: 'NHWC' | 'NCHW';
  dilations?: Ints;
  name?: string;
}

/**
 * `tf.nn.conv2dTranspose(value, filter, outputShape, strides, padding='SAME', dataFormat='NHWC',
 * name, *, input, filters, dilations)` (TF1): Conv2DBackpropInput named `conv2d_transpose`.
 */
export function conv2dTranspose(
  value: TensorInput | Conv2dTransposeOptions,
  filter?: TensorInput | Conv2dTransposeOptions,
  outputShape?: TensorInput | Conv2dTransposeOptions,
  strides?: Ints | Conv2dTransposeOptions,
  padding?: Padding | Conv2dTransposeOptions,
  dataFormat?: string | Conv2dTransposeOptions,
  name?: string | Conv2dTransposeOptions,
): Tensor;
export function conv2dTranspose(...args: unknown[]): Tensor {
  const x = normalizeArgs(
    'conv2d_transpose',
    ['value', 'filter', 'outputShape', 'strides', 'padding', 'dataFormat', 'name', '*', 'input', 'filters', 'dilations'],
    args,
  );
  const value = x.value ?? x.input;
  const filter = x.filter ?? x.filters;
  const attrs = convBuilderAttrs({ ...x, padding: x.padding ?? 'SAME' });
  return applyOp1(Conv2DBackpropInput, [x.outputShape, filter, value], attrs, nameArg(x) ?? 'conv2d_transpose');
}
