// Shared attrs, attr checks and windowed-output shape arithmetic of the convolution and pooling
// OpDefs (TensorFlow's common_shape_fns.cc: Conv2DShape, MaxPoolShape, GetWindowedOutputSize).
import type { DType } from '../../../core/dtypes.js';
import { ValueError } from '../../../core/errors.js';
import type { Dim } from '../../../core/shape.js';
import type { AttrDef, InferContext } from '../../opdef.js';

/** Conv2D's `T` (no bfloat16 here). */
export const CONV_TYPES: readonly DType[] = ['float16', 'float32', 'float64', 'int32'];
/** Conv2DBackpropFilter, depthwise, AvgPool, ResizeBilinearGrad: the float types. */
export const FLOAT_TYPES: readonly DType[] = ['float16', 'float32', 'float64'];

export const explicitPaddingsAttr: AttrDef = { name: 'explicit_paddings', type: 'list(int)', default: [] };
export const dataFormatAttr: AttrDef = { name: 'data_format', type: 'string', default: 'NHWC' };
export const dilationsAttr: AttrDef = { name: 'dilations', type: 'list(int)', default: [1, 1, 1, 1] };

/**
 * Python's op_def_library check of a string attr with allowed values (a ValueError before any
 * node exists): `Attr 'padding' of 'Conv2D' Op passed string 'FOO' not in: "SAME", "VALID".`
 */
export function checkStringAttr(opType: string, name: string, value: unknown, allowed: readonly string[]): void {
  if (typeof value === 'string' && !allowed.includes(value)) {
    throw new ValueError(`Attr '${name}' of '${opType}' Op passed string '${value}' not in: ${allowed.map((a) => `"${a}"`).join(', ')}.`);
  }
}

/** Python's minimum-length check of a list attr (`ksize`, `strides` of the pools: at least 4). */
export function checkMinLength(opType: string, name: string, value: unknown, min: number): void {
  if (Array.isArray(value) && value.length < min) {
    throw new ValueError(`Attr '${name}' of '${opType}' Op passed list of length ${value.length} less than minimum ${min}.`);
  }
}

/** One spatial window: output size and the padding before it, or TensorFlow's error text. */
export interface Window {
  out: Dim;
  padBefore: number;
}

/**
 * TensorFlow's GetWindowedOutputSizeVerbose: the output size along one dimension and the padding
 * before it. SAME puts the odd cell of padding after (bottom/right).
 */
export function windowedOutput(
  inSize: number,
  filter: number,
  dilation: number,
  stride: number,
  padding: string,
  padBefore = 0,
  padAfter = 0,
): { out: number; padBefore: number } | string {
  const eff = (filter - 1) * dilation + 1;
  if (padding === 'VALID') {
    const out = Math.floor((inSize - eff + stride) / stride);
    if (out < 0) return `Negative dimension size caused by subtracting ${eff} from ${inSize}`;
    return { out, padBefore: 0 };
  }
  if (padding === 'SAME') {
    const out = Math.floor((inSize + stride - 1) / stride);
    const total = Math.max((out - 1) * stride + eff - inSize, 0);
    return { out, padBefore: Math.floor(total / 2) };
  }
  const out = Math.floor((inSize + padBefore + padAfter - eff + stride) / stride);
  if (out < 0) return `Computed output size would be negative: ${out} [input_size: ${inSize}, effective_filter_size: ${eff}, stride: ${stride}]`;
  return { out, padBefore };
}

/** Spatial (H, W) and channel axes of a 4-D layout. */
export function layoutAxes(dataFormat: string): { h: number; w: number; c: number } {
  return dataFormat === 'NCHW' ? { h: 2, w: 3, c: 1 } : { h: 1, w: 2, c: 3 };
}

/** Padding attrs checks shared by Conv2D-like and MaxPool shape functions (explicit_paddings). */
export function checkExplicitPaddings(ctx: InferContext, padding: string, paddings: readonly number[], dataFormat: string): void {
  if (padding === 'EXPLICIT') {
    if (paddings.length !== 8) ctx.fail(`explicit_paddings attribute must contain 8 values, but got: ${paddings.length}`);
    const { c } = layoutAxes(dataFormat);
    if (paddings.some((p) => p < 0)) ctx.fail('All elements of explicit_paddings must be nonnegative');
    if (paddings[0] !== 0 || paddings[1] !== 0 || paddings[2 * c] !== 0 || paddings[2 * c + 1] !== 0) {
      ctx.fail('Nonzero explicit padding in the batch or depth dimensions is not supported');
    }
  } else if (paddings.length !== 0) {
    ctx.fail('explicit_paddings attribute must be empty if the padding attribute is not EXPLICIT');
  }
}

/** The output spatial size along one axis, or null when unknown; fails with TF's message. */
export function spatialOut(
  ctx: InferContext,
  inSize: Dim,
  filter: Dim,
  dilation: number,
  stride: number,
  padding: string,
  paddings: readonly number[],
  axis: number,
): Dim {
  if (inSize === null || filter === null) return null;
  // Build time subtracts the whole window first (InferenceContext::Subtract), so VALID needs
  // input ≥ window even where the kernels' formula would give an empty output.
  const eff = (filter - 1) * dilation + 1;
  if (padding === 'VALID' && inSize < eff) ctx.fail(`Negative dimension size caused by subtracting ${eff} from ${inSize}`);
  const r = windowedOutput(inSize, filter, dilation, stride, padding, paddings[2 * axis] ?? 0, paddings[2 * axis + 1] ?? 0);
  if (typeof r === 'string') ctx.fail(r);
  return r.out;
}

/** A rank-4 input's dims (four nulls when unknown), or TF's rank error. */
export function rank4(ctx: InferContext, i: number): Dim[] {
  const s = ctx.inputShape(i);
  if (s.dims === null) return [null, null, null, null];
  if (s.dims.length !== 4) ctx.fail(`Shape must be rank 4 but is rank ${s.dims.length}`);
  return [...s.dims];
}

/** Python's repr of a (nested) list of ints: `[1, 1, 1]`. */
export function pyList(v: unknown): string {
  return Array.isArray(v) ? `[${v.map(pyList).join(', ')}]` : String(v);
}

/**
 * TensorFlow's `_get_sequence`: an int or a list of 1, n or n+2 ints to the op's 4-element attr,
 * with 1 for the batch and channel entries (`channelIndex` 1 for NCHW, else last).
 */
export function getSequence(value: unknown, n: number, channelIndex: number, name: string): number[] {
  if (value === undefined || value === null) return new Array(n + 2).fill(1);
  const list = Array.isArray(value) ? (value as number[]) : [value as number];
  if (list.length === n + 2) return [...list];
  let spatial: number[];
  if (list.length === 1) spatial = new Array(n).fill(list[0]);
  else if (list.length === n) spatial = [...list];
  else throw new ValueError(`${name} should be of length 1, ${n} or ${n + 2}. Received: ${name}=${pyList(value)} of length ${list.length}`);
  return channelIndex === 1 ? [1, 1, ...spatial] : [1, ...spatial, 1];
}

/** TensorFlow's `convert_padding`: a string, or a list of [before, after] pairs (EXPLICIT). */
export function convertPadding(padding: unknown, expectedLength = 4): { padding: string; explicit: number[] } {
  if (padding === 'EXPLICIT') {
    throw new ValueError("'EXPLICIT' is not a valid value for `padding`. To use explicit padding, `padding` must be a list.");
  }
  if (!Array.isArray(padding)) return { padding: padding as string, explicit: [] };
  const explicit: number[] = [];
  padding.forEach((p, i) => {
    if (!Array.isArray(p) || p.length !== 2) {
      throw new ValueError(
        `When \`padding\` is a list, each element of \`padding\` must be a list/tuple of size 2. Received: padding[${i}]=${pyList(p)} of ${Array.isArray(p) ? `length ${p.length}` : `type ${typeof p}`}`,
      );
    }
    explicit.push(p[0] as number, p[1] as number);
  });
  if (padding.length !== expectedLength) {
    throw new ValueError(`When padding is a list, it must be of size ${expectedLength}. Received: padding=${pyList(padding)} of size ${padding.length}`);
  }
  return { padding: 'EXPLICIT', explicit };
}
