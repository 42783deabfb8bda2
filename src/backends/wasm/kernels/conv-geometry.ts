// Conv2D's window and shapes for the wasm kernels, checked as TensorFlow's kernels (and the CPU
// backend's) do, with the same messages. NHWC only: the factories leave NCHW to the CPU backend.
import { InvalidArgumentError } from '../../../core/errors.js';
import type { Attrs } from '../../../ops/types.js';
import { attrNHWC, invalid, runWindow, unimplemented } from '../../cpu/kernels/nn-common.js';
import type { ConvGeometry } from '../../cpu/compute/conv.js';
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

/** The convolution geometry of an NHWC input and HWIO filter shape; `groups` > 1 for a grouped one. */
export function convGeometry(attrs: Attrs, x: Nhwc, f: readonly number[]): ConvGeometry & { groups: number } {
  const [sn, sh, sw, sc] = attrNHWC(attrs.strides as number[], 'NHWC');
  const [dn, dh, dw, dc] = attrNHWC(attrs.dilations as number[], 'NHWC');
  if (sn !== 1 || sc !== 1) unimplemented('Current implementation does not yet support strides in the batch and depth dimensions.');
  if (dn !== 1 || dc !== 1) invalid('Current implementation does not yet support dilations in the batch and depth dimensions.');
  const [batch, inH, inW, inC] = x;
  const [fH, fW, fIn, fOut] = f as Nhwc;
  if (inC !== fIn) {
    if (fIn === 0 || inC % fIn !== 0) invalid(`input depth must be evenly divisible by filter depth: ${inC} vs ${fIn}`);
    if (fOut % (inC / fIn) !== 0) invalid(`output depth must be evenly divisible by number of groups: ${fOut} vs ${inC / fIn}`);
  }
  const padding = attrs.padding as string;
  const ep = (attrs.explicit_paddings as number[] | undefined) ?? [];
  const pad = (axis: number): [number, number] => (padding === 'EXPLICIT' ? [ep[2 * axis] ?? 0, ep[2 * axis + 1] ?? 0] : [0, 0]);
  const wy = runWindow(inH, fH, dh, sh, padding, ...pad(1));
  const wx = runWindow(inW, fW, dw, sw, padding, ...pad(2));
  return {
    batch,
    inH,
    inW,
    inC,
    fH,
    fW,
    outC: fOut,
    outH: wy.out,
    outW: wx.out,
    strideH: sh,
    strideW: sw,
    dilH: dh,
    dilW: dw,
    padTop: wy.padBefore,
    padLeft: wx.padBefore,
    groups: inC === fIn ? 1 : inC / fIn,
  };
}

/** The backprops' check that out_backprop has the shape the forward pass would give. */
export function checkOutBackprop(label: string, g: ConvGeometry, dy: Nhwc): void {
  if (g.outH !== dy[1] || g.outW !== dy[2] || g.outC !== dy[3] || g.batch !== dy[0]) {
    invalid(`${label}: Size of out_backprop doesn't match computed: actual = [${dy.join(',')}], computed = [${[g.batch, g.outH, g.outW, g.outC].join(',')}]`);
  }
}
