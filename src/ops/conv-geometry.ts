// A convolution's run-time geometry (strides, dilations, window, padding, groups) from its attrs
// and concrete shapes, checked as TensorFlow's kernels check them, with their messages. One
// module for every backend's Conv2D, depthwise and backprop kernels (CPU and wasm).
import { InvalidArgumentError, UnimplementedError } from '../core/errors.js';
import { windowedOutput } from './defs/nn/conv-util.js';
import type { Attrs } from './types.js';

/** NHWC sizes, window, strides, dilations and leading padding, as the compute loops use them. */
export interface ConvRunGeometry {
  readonly batch: number;
  readonly inH: number;
  readonly inW: number;
  readonly inC: number;
  readonly fH: number;
  readonly fW: number;
  readonly outC: number;
  readonly outH: number;
  readonly outW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly dilH: number;
  readonly dilW: number;
  readonly padTop: number;
  readonly padLeft: number;
  /** > 1 for a grouped convolution (input depth a multiple of the filter's). */
  readonly groups: number;
}

const invalid = (message: string): never => {
  throw new InvalidArgumentError(null, null, message);
};

/** [N, H, W, C] of a 4-vector (a shape or an attr) in `dataFormat`. */
const nhwc = (v: readonly number[], dataFormat: string): [number, number, number, number] => {
  const [a, b, c, d] = v as [number, number, number, number];
  return dataFormat === 'NCHW' ? [a, c, d, b] : [a, b, c, d];
};

/** Output size and leading padding along one axis (TensorFlow's messages as InvalidArgument). */
function window(inSize: number, filter: number, dilation: number, stride: number, padding: string, before: number, after: number): { out: number; padBefore: number } {
  const r = windowedOutput(inSize, filter, dilation, stride, padding, before, after);
  return typeof r === 'string' ? invalid(r) : r;
}

/**
 * The geometry of a convolution of an input of NHWC shape `x` with an HWIO filter of shape `f`
 * (depthwise: [fH, fW, inC, multiplier]); attrs in the op's data_format (NHWC by default).
 */
export function convGeometry(attrs: Attrs, x: readonly [number, number, number, number], f: readonly number[], depthwise = false): ConvRunGeometry {
  const fmt = (attrs.data_format as string | undefined) ?? 'NHWC';
  const [sn, sh, sw, sc] = nhwc(attrs.strides as number[], fmt);
  const [dn, dh, dw, dc] = nhwc(attrs.dilations as number[], fmt);
  if (sn !== 1 || sc !== 1) throw new UnimplementedError(null, null, 'Current implementation does not yet support strides in the batch and depth dimensions.');
  if (dn !== 1 || dc !== 1) invalid('Current implementation does not yet support dilations in the batch and depth dimensions.');
  const [batch, inH, inW, inC] = x;
  const [fH, fW, fIn, fOut] = f as [number, number, number, number];
  if (depthwise) {
    if (inC !== fIn) invalid(`input and filter must have the same depth: ${inC} vs ${fIn}`);
  } else if (inC !== fIn) {
    if (fIn === 0 || inC % fIn !== 0) invalid(`input depth must be evenly divisible by filter depth: ${inC} vs ${fIn}`);
    if (fOut % (inC / fIn) !== 0) invalid(`output depth must be evenly divisible by number of groups: ${fOut} vs ${inC / fIn}`);
  }
  const padding = attrs.padding as string;
  const ep = (attrs.explicit_paddings as number[] | undefined) ?? [];
  // explicit_paddings: a (before, after) pair per dimension of the data format
  const [, axisH, axisW] = nhwc([0, 1, 2, 3], fmt);
  const pad = (axis: number): [number, number] => (padding === 'EXPLICIT' ? [ep[2 * axis] ?? 0, ep[2 * axis + 1] ?? 0] : [0, 0]);
  const wy = window(inH, fH, dh, sh, padding, ...pad(axisH));
  const wx = window(inW, fW, dw, sw, padding, ...pad(axisW));
  return {
    batch,
    inH,
    inW,
    inC,
    fH,
    fW,
    outC: depthwise ? inC * fOut : fOut,
    outH: wy.out,
    outW: wx.out,
    strideH: sh,
    strideW: sw,
    dilH: dh,
    dilW: dw,
    padTop: wy.padBefore,
    padLeft: wx.padBefore,
    groups: depthwise || inC === fIn ? 1 : inC / fIn,
  };
}

/** The backprops' check that out_backprop (NHWC dims `dy`) has the shape the forward pass gives. */
export function checkOutBackprop(label: string, g: ConvRunGeometry, dy: readonly number[]): void {
  if (g.outH !== dy[1] || g.outW !== dy[2] || g.outC !== dy[3] || g.batch !== dy[0]) {
    invalid(`${label}: Size of out_backprop doesn't match computed: actual = [${dy.join(',')}], computed = [${[g.batch, g.outH, g.outW, g.outC].join(',')}]`);
  }
}
