// Input checks of the wasm convolution kernels (TensorFlow's messages); the geometry itself is
// src/ops/conv-geometry.ts, shared with the CPU kernels. NHWC only: the factories leave NCHW to
// the CPU backend.
import { InvalidArgumentError } from '../../../core/errors.js';
import type { Attrs } from '../../../ops/types.js';
import { type ConvRunGeometry, checkOutBackprop, convGeometry } from '../../../ops/conv-geometry.js';
import { invalid } from '../../cpu/kernels/nn-common.js';
import type { WasmTensor } from '../tensor.js';

export type Nhwc = [number, number, number, number];

/** TensorFlow's rank check of a kernel input: `input must be 4-dimensional[1,5,5]`. */
export function need4D(t: WasmTensor, what: string): Nhwc {
  if (t.shape.length !== 4) throw new InvalidArgumentError(null, null, `${what} must be 4-dimensional[${t.shape.join(',')}]`);
  return t.shape as Nhwc;
}

/** A 1-D integer tensor's values. */
export function ints(t: WasmTensor): number[] {
  return Array.from(t.data() as ArrayLike<number | bigint>, Number);
}

/** The geometry of an NHWC convolution: the one every backend uses (src/ops/conv-geometry.ts). */
export { checkOutBackprop, convGeometry };

/** Whether a convolution kernel's operand `i` is float32 in NHWC (the wasm kernels' case). */
export const nhwcF32 = (sig: { inputs: readonly string[] }, i: number, attrs: Record<string, unknown>): boolean =>
  sig.inputs[i] === 'float32' && (attrs.data_format ?? 'NHWC') === 'NHWC';

/**
 * A backprop-input kernel's operands (input_sizes, filter, out_backprop) checked as TensorFlow
 * does, in its order: the input's shape and the geometry.
 */
export function backpropInputArgs(label: string, sizes: WasmTensor, f: WasmTensor, dy: WasmTensor, attrs: Attrs, depthwise = false): { xs: Nhwc; g: ConvRunGeometry } {
  need4D(f, 'filter');
  const dys = need4D(dy, 'out_backprop');
  const v = ints(sizes);
  if (sizes.shape.length !== 1 || (v.length !== 4 && v.length !== 2)) invalid(`${label}: input_sizes input must be 1-dim, not ${sizes.shape.length}`);
  const xs: Nhwc = v.length === 2 ? [dys[0], v[0] as number, v[1] as number, f.shape[2] as number] : (v as Nhwc);
  const g = convGeometry(attrs, xs, f.shape, depthwise);
  checkOutBackprop(label, g, dys);
  return { xs, g };
}

/** A backprop-filter kernel's operands (input, filter_sizes, out_backprop), checked: the filter's shape and the geometry. */
export function backpropFilterArgs(label: string, x: WasmTensor, sizes: WasmTensor, dy: WasmTensor, attrs: Attrs, depthwise = false): { fs: number[]; g: ConvRunGeometry } {
  const xs = need4D(x, 'input');
  const dys = need4D(dy, 'out_backprop');
  const fs = ints(sizes);
  if (sizes.shape.length !== 1 || fs.length !== 4) invalid(`${label}: filter_sizes input must be 1-dim, not ${sizes.shape.length}`);
  const g = convGeometry(attrs, xs, fs, depthwise);
  checkOutBackprop(label, g, dys);
  return { fs, g };
}
