// Input checks of the wasm convolution kernels (TensorFlow's messages); the geometry itself is
// src/ops/conv-geometry.ts, shared with the CPU kernels. NHWC only: the factories leave NCHW to
// the CPU backend.
import { InvalidArgumentError } from '../../../core/errors.js';
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
export { checkOutBackprop, convGeometry } from '../../../ops/conv-geometry.js';
