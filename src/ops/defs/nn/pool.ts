// MaxPool, AvgPool and their gradients (MaxPoolGrad, MaxPoolGradGrad, AvgPoolGrad), with the TF1
// builders tf.nn.maxPool / maxPool2d / avgPool / avgPool2d.
import type { DType } from '../../../core/dtypes.js';
import { TensorShape } from '../../../core/shape.js';
import type { Dim } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import type { AttrDef, InferContext, OpDef } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import type { Attrs, Tensor, TensorInput } from '../../types.js';
import { ZerosLike } from '../array/like.js';
import { Shape } from '../array/shape.js';
import {
  FLOAT_TYPES,
  checkExplicitPaddings,
  checkMinLength,
  checkStringAttr,
  convertPadding,
  dataFormatAttr,
  explicitPaddingsAttr,
  getSequence,
  layoutAxes,
  rank4,
  spatialOut,
} from './conv-util.js';

const MAXPOOL_TYPES: readonly DType[] = ['float16', 'float32', 'float64', 'int32', 'int64', 'uint8', 'int16', 'int8', 'uint16'];
const MAXPOOL_GRAD_TYPES: readonly DType[] = ['float32', 'float64', 'int32', 'uint8', 'int16', 'int8', 'int64', 'uint16', 'float16', 'uint32', 'uint64'];

const windowAttrs: AttrDef[] = [
  { name: 'ksize', type: 'list(int)' },
  { name: 'strides', type: 'list(int)' },
  { name: 'padding', type: 'string' },
];

/** The pooled shape of input `i` (TensorFlow's MaxPoolShape / AvgPoolShape). */
function pooledShape(ctx: InferContext, i: number, poolDepth: boolean, paddings: readonly string[]): TensorShape {
  const fmt = ctx.attr<string>('data_format');
  const padding = ctx.attr<string>('padding');
  checkStringAttr(ctx.opType, 'padding', padding, paddings);
  const ksize = ctx.attr<number[]>('ksize');
  const strides = ctx.attr<number[]>('strides');
  checkMinLength(ctx.opType, 'ksize', ksize, 4);
  checkMinLength(ctx.opType, 'strides', strides, 4);
  if (strides.length !== 4) ctx.fail(`${ctx.opType} requires the stride attribute to contain 4 values, but got: ${strides.length}`);
  if (ksize.length !== 4) ctx.fail(`${ctx.opType} requires the ksize attribute to contain 4 values, but got: ${ksize.length}`);
  const x = rank4(ctx, i);
  const { h, w, c } = layoutAxes(fmt);
  for (const s of [strides[h] as number, strides[w] as number]) if (s <= 0) ctx.fail(`Stride must be > 0, but got ${s}`);
  const explicit = (ctx.attr<number[]>('explicit_paddings') as number[] | undefined) ?? [];
  checkExplicitPaddings(ctx, padding, explicit, fmt);
  const oh = spatialOut(ctx, x[h] ?? null, ksize[h] as number, 1, strides[h] as number, padding, explicit, h);
  const ow = spatialOut(ctx, x[w] ?? null, ksize[w] as number, 1, strides[w] as number, padding, explicit, w);
  const depth = poolDepth && padding !== 'EXPLICIT' ? spatialOut(ctx, x[c] ?? null, ksize[c] as number, 1, strides[c] as number, padding, [], c) : (x[c] ?? null);
  const dims: Dim[] = [x[0] ?? null, null, null, null];
  dims[h] = oh;
  dims[w] = ow;
  dims[c] = depth;
  return new TensorShape(dims);
}

const maxPoolAttrsOf = (op: { attrs: Attrs }): Attrs => ({
  ksize: op.attrs.ksize,
  strides: op.attrs.strides,
  padding: op.attrs.padding,
  explicit_paddings: op.attrs.explicit_paddings ?? [],
  data_format: op.attrs.data_format,
});

export const MaxPool: OpDef = registerOp({
  type: 'MaxPool',
  inputs: [{ name: 'input', typeAttr: 'T' }],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [{ name: 'T', type: 'type', allowed: MAXPOOL_TYPES, default: 'float32' }, ...windowAttrs, explicitPaddingsAttr, dataFormatAttr],
  shape: (ctx) => {
    checkStringAttr('MaxPool', 'data_format', ctx.attr('data_format'), ['NHWC', 'NCHW', 'NCHW_VECT_C']);
    return [pooledShape(ctx, 0, true, ['SAME', 'VALID', 'EXPLICIT'])];
  },
  // nn_grad.py's _MaxPoolGrad.
  grad: (op, [dy]) => (dy ? [applyOp1(MaxPoolGrad, [op.inputs[0], op.outputs[0], dy], maxPoolAttrsOf(op))] : [null]),
});

export const MaxPoolGrad: OpDef = registerOp({
  type: 'MaxPoolGrad',
  inputs: [
    { name: 'orig_input', typeAttr: 'T' },
    { name: 'orig_output', typeAttr: 'T' },
    { name: 'grad', typeAttr: 'T' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [...windowAttrs, explicitPaddingsAttr, dataFormatAttr, { name: 'T', type: 'type', allowed: MAXPOOL_GRAD_TYPES, default: 'float32' }],
  shape: (ctx) => {
    checkStringAttr('MaxPoolGrad', 'padding', ctx.attr('padding'), ['SAME', 'VALID', 'EXPLICIT']);
    checkStringAttr('MaxPoolGrad', 'data_format', ctx.attr('data_format'), ['NHWC', 'NCHW']);
    return [new TensorShape(rank4(ctx, 0))];
  },
  // nn_grad.py's _MaxPoolGradGrad: only the incoming gradient has one.
  grad: (op, [g]) => {
    if (!g) return [null, null, null];
    const [x, y] = op.inputs as [Tensor, Tensor];
    const { explicit_paddings: _e, ...attrs } = maxPoolAttrsOf(op);
    return [applyOp1(ZerosLike, [x], {}), applyOp1(ZerosLike, [y], {}), applyOp1(MaxPoolGradGrad, [x, y, g], attrs)];
  },
});

export const MaxPoolGradGrad: OpDef = registerOp({
  type: 'MaxPoolGradGrad',
  inputs: [
    { name: 'orig_input', typeAttr: 'T' },
    { name: 'orig_output', typeAttr: 'T' },
    { name: 'grad', typeAttr: 'T' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [...windowAttrs, dataFormatAttr, { name: 'T', type: 'type', allowed: MAXPOOL_GRAD_TYPES }],
  shape: (ctx) => {
    checkStringAttr('MaxPoolGradGrad', 'data_format', ctx.attr('data_format'), ['NHWC', 'NCHW']);
    rank4(ctx, 1);
    return [pooledShape(ctx, 0, true, ['SAME', 'VALID'])];
  },
  // nn_grad.py's _MaxPoolGradGradGrad.
  grad: (op, [g]) => {
    if (!g) return [null, null, null];
    const [x, y] = op.inputs as [Tensor, Tensor];
    return [applyOp1(ZerosLike, [x], {}), applyOp1(ZerosLike, [y], {}), applyOp1(MaxPoolGrad, [x, y, g], { ...maxPoolAttrsOf(op), explicit_paddings: [] })];
  },
});

const avgAttrsOf = (op: { attrs: Attrs }): Attrs => ({
  ksize: op.attrs.ksize,
  strides: op.attrs.strides,
  padding: op.attrs.padding,
  data_format: op.attrs.data_format,
});

export const AvgPool: OpDef = registerOp({
  type: 'AvgPool',
  inputs: [{ name: 'value', typeAttr: 'T' }],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [...windowAttrs, dataFormatAttr, { name: 'T', type: 'type', allowed: FLOAT_TYPES }],
  shape: (ctx) => {
    checkStringAttr('AvgPool', 'data_format', ctx.attr('data_format'), ['NHWC', 'NCHW']);
    return [pooledShape(ctx, 0, false, ['SAME', 'VALID'])];
  },
  // nn_grad.py's _AvgPoolGrad.
  grad: (op, [dy]) => (dy ? [applyOp1(AvgPoolGrad, [applyOp1(Shape, [op.inputs[0]], {}), dy], avgAttrsOf(op))] : [null]),
});

export const AvgPoolGrad: OpDef = registerOp({
  type: 'AvgPoolGrad',
  inputs: [
    { name: 'orig_input_shape', dtype: 'int32' },
    { name: 'grad', typeAttr: 'T' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [...windowAttrs, dataFormatAttr, { name: 'T', type: 'type', allowed: FLOAT_TYPES }],
  shape: (ctx) => {
    checkStringAttr('AvgPoolGrad', 'padding', ctx.attr('padding'), ['SAME', 'VALID']);
    checkStringAttr('AvgPoolGrad', 'data_format', ctx.attr('data_format'), ['NHWC', 'NCHW']);
    const s = ctx.inputAsShape(0);
    if (s.rank !== null && s.rank !== 4) ctx.fail(`Shape must be rank 4 but is rank ${s.rank}`);
    return [s.rank === null ? new TensorShape([null, null, null, null]) : s];
  },
  // nn_grad.py's _AvgPoolGradGrad (the shape input gets none).
  grad: (op, [g]) => (g ? [null, applyOp1(AvgPool, [g], avgAttrsOf(op))] : [null, null]),
});

type Ints = number | readonly number[];

export interface PoolOptions {
  value?: TensorInput;
  input?: TensorInput;
  ksize?: Ints;
  strides?: Ints;
  padding?: string | readonly (readonly number[])[];
  dataFormat?: 'NHWC' | 'NCHW';
  name?: string;
}

function poolAttrs(x: Record<string, unknown>, allowExplicit: boolean): Attrs {
  const fmt = (x.dataFormat as string | undefined) ?? 'NHWC';
  const channelIndex = fmt.startsWith('NC') ? 1 : 3;
  const common = { ksize: getSequence(x.ksize, 2, channelIndex, 'ksize'), strides: getSequence(x.strides, 2, channelIndex, 'strides') };
  if (!allowExplicit) return { ...common, padding: x.padding as string, data_format: fmt };
  const { padding, explicit } = convertPadding(x.padding);
  return { ...common, padding, explicit_paddings: explicit, data_format: fmt };
}

function poolBuilder(fnName: string, first: 'value' | 'input', def: OpDef, explicit: boolean, defaultName?: string) {
  return (...args: unknown[]): Tensor => {
    const params = first === 'value' ? ['value', 'ksize', 'strides', 'padding', 'dataFormat', 'name', '*', 'input'] : ['input', 'ksize', 'strides', 'padding', 'dataFormat', 'name'];
    const x = normalizeArgs(fnName, params, args);
    return applyOp1(def, [x.value ?? x.input], poolAttrs(x, explicit), nameArg(x) ?? defaultName);
  };
}

/** The signature of tf.nn.maxPool / avgPool (TF1): `(value, ksize, strides, padding, dataFormat='NHWC', name)`. */
export type PoolBuilder = (
  value: TensorInput | PoolOptions,
  ksize?: Ints | PoolOptions,
  strides?: Ints | PoolOptions,
  padding?: PoolOptions['padding'] | PoolOptions,
  dataFormat?: string | PoolOptions,
  name?: string | PoolOptions,
) => Tensor;

/** `tf.nn.maxPool(value, ksize, strides, padding, dataFormat, name, *, input)`: int or list ksize/strides, list padding = explicit. */
export const maxPool: PoolBuilder = poolBuilder('max_pool', 'value', MaxPool, true);
/** `tf.nn.maxPool2d(input, ksize, strides, padding, dataFormat, name)`. */
export const maxPool2d: PoolBuilder = poolBuilder('max_pool2d', 'input', MaxPool, true, 'MaxPool2d');
/** `tf.nn.avgPool(value, ksize, strides, padding, dataFormat, name, *, input)`. */
export const avgPool: PoolBuilder = poolBuilder('avg_pool', 'value', AvgPool, false);
/** `tf.nn.avgPool2d(input, ksize, strides, padding, dataFormat, name)`. */
export const avgPool2d: PoolBuilder = poolBuilder('avg_pool2d', 'input', AvgPool, false, 'AvgPool2D');
