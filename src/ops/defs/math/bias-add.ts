// BiasAdd and BiasAddGrad (TensorFlow's nn_ops; data_format NHWC or NCHW) and tf.nn.biasAdd.
import { ValueError } from '../../../core/errors.js';
import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import type { InferContext, OpDef } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { ZerosLike } from '../array/like.js';
import { NUMBER_TYPES } from '../dtype-sets.js';

const FORMAT = { name: 'data_format', type: 'string', default: 'NHWC' } as const;

/** The channel axis of a value of `rank` (NCHW: 1; NHWC, and any rank-2 value: the last). */
const channelAxis = (format: string, rank: number) => (format === 'NCHW' ? 1 : rank - 1);

function checkFormat(ctx: InferContext): string {
  const f = ctx.attr<string>('data_format');
  if (f !== 'NHWC' && f !== 'NCHW') ctx.fail(`Invalid data format string: ${f}`);
  return f;
}

export const BiasAdd: OpDef = registerOp({
  type: 'BiasAdd',
  inputs: [
    { name: 'value', typeAttr: 'T' },
    { name: 'bias', typeAttr: 'T' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [{ name: 'T', type: 'type', allowed: NUMBER_TYPES }, FORMAT],
  // TF's _BiasAddGrad: dy, and dy summed over all but the channel axis.
  grad: (op, [dy]) => (dy ? [dy, applyOp1(BiasAddGrad, [dy], { data_format: op.attrs.data_format ?? 'NHWC' })] : [null, null]),
  shape: (ctx) => {
    const format = checkFormat(ctx);
    const value = ctx.inputShape(0);
    const bias = ctx.inputShape(1);
    if (bias.rank !== null && bias.rank !== 1) ctx.fail(`Shape must be rank 1 but is rank ${bias.rank}`);
    if (value.dims === null) return [value];
    const rank = value.dims.length;
    const min = format === 'NCHW' ? 3 : 2;
    if (rank < min) ctx.fail(`Shape must be at least rank ${min} but is rank ${rank}`);
    const axis = channelAxis(format, rank);
    const c = value.dims[axis] ?? null;
    const b = bias.dims?.[0] ?? null;
    if (c !== null && b !== null && c !== b) ctx.fail(`Dimensions must be equal, but are ${c} and ${b}`);
    return [new TensorShape(value.dims.map((d, i) => (i === axis ? (d ?? b) : d)))];
  },
});

export const BiasAddGrad: OpDef = registerOp({
  type: 'BiasAddGrad',
  inputs: [{ name: 'out_backprop', typeAttr: 'T' }],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [{ name: 'T', type: 'type', allowed: NUMBER_TYPES }, FORMAT],
  // TF's _BiasAddGradGrad tiles the [C] gradient over the input's shape: here BiasAdd onto zeros.
  grad: (op, [dz]) => {
    if (!dz) return [null];
    const x = op.inputs[0] as Tensor;
    return [applyOp1(BiasAdd, [applyOp1(ZerosLike, [x], {}), dz], { data_format: op.attrs.data_format ?? 'NHWC' })];
  },
  shape: (ctx) => {
    const format = checkFormat(ctx);
    const s = ctx.inputShape(0);
    if (s.dims === null) return [new TensorShape([null])];
    if (s.dims.length < 2) ctx.fail(`Shape must be at least rank 2 but is rank ${s.dims.length}`);
    return [new TensorShape([s.dims[channelAxis(format, s.dims.length)] ?? null])];
  },
});

/** `tf.nn.biasAdd`'s parameters by name. */
export interface BiasAddOptions {
  dataFormat?: string | null;
  name?: string;
}

/**
 * `tf.nn.biasAdd(value, bias, dataFormat, name)`: `bias` added along the channel axis (op
 * BiasAdd). `dataFormat` 'N...C' means NHWC, 'NC...' NCHW.
 */
export function biasAdd(value: TensorInput, bias: TensorInput, dataFormat?: string | null | BiasAddOptions, name?: string | BiasAddOptions): Tensor;
export function biasAdd(...args: unknown[]): Tensor {
  const a = normalizeArgs('biasAdd', ['value', 'bias', 'dataFormat', 'name'], args);
  let format = 'NHWC';
  if (a.dataFormat !== undefined && a.dataFormat !== null) {
    const f = String(a.dataFormat);
    if (f.startsWith('NC')) format = 'NCHW';
    else if (f.startsWith('N') && f.endsWith('C')) format = 'NHWC';
    else throw new ValueError('data_format must be of the form `N...C` or `NC...`');
  }
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'BiasAdd', [a.value, a.bias], (scope) => {
    const v = ctx.convertToTensor(a.value, undefined, undefined, 'input');
    const b = ctx.convertToTensor(a.bias, v.dtype, undefined, 'bias');
    return applyOp1(BiasAdd, [v, b], { data_format: format }, scope);
  });
}
