// TensorFlow's strided-slice validation (ValidateStridedSliceOp): the sparse spec (begin, end,
// strides and the five masks) expanded to one (begin, step, size) per input dimension, and the
// final shape. Shared by the shape function (with unknown dims), the kernels and the gradient.

import type { Dim } from '../../../core/shape.js';

export interface StridedSliceMasks {
  readonly beginMask: number;
  readonly endMask: number;
  readonly ellipsisMask: number;
  readonly newAxisMask: number;
  readonly shrinkAxisMask: number;
}

export interface StridedSliceSpec {
  /** Per input dimension: first index, step, and number of elements (null when unknown). */
  readonly begin: number[];
  readonly step: number[];
  readonly size: Dim[];
  /** The output shape: processing sizes with shrunk axes removed and new axes inserted. */
  readonly finalShape: Dim[];
  /** Whether the slice is the whole input (TF forwards the input then). */
  readonly identity: boolean;
}

/** Masks from an op's attrs. */
export function masksOf(attr: (name: string) => number): StridedSliceMasks {
  return {
    beginMask: attr('begin_mask'),
    endMask: attr('end_mask'),
    ellipsisMask: attr('ellipsis_mask'),
    newAxisMask: attr('new_axis_mask'),
    shrinkAxisMask: attr('shrink_axis_mask'),
  };
}

const bit = (mask: number, i: number): boolean => ((mask >>> i) & 1) === 1;

/**
 * The dense spec and final shape, or TensorFlow's error text. `dims` may hold nulls (build time):
 * the size of such a dimension is null unless the axis is shrunk.
 */
export function stridedSliceSpec(
  dims: readonly Dim[],
  beginIn: readonly number[] | null,
  endIn: readonly number[] | null,
  strides: readonly number[],
  m: StridedSliceMasks,
): StridedSliceSpec | string {
  const n = strides.length;
  // Build time: begin or end may be unknown (not constant); a dim is then known only when
  // shrunk or fully masked, as in TensorFlow's shape function.
  const beginValid = beginIn !== null;
  const endValid = endIn !== null;
  const begin = beginIn ?? new Array<number>(n).fill(0);
  const end = endIn ?? new Array<number>(n).fill(0);
  if (begin.length !== n || end.length !== n) {
    return `Expected begin, end, and strides to be 1D equal size tensors, but got shapes [${begin.length}], [${end.length}], and [${n}] instead.`;
  }
  let ellipsis = m.ellipsisMask;
  let sparseDims = n;
  let seen = false;
  for (let i = 0; i < n; i++) {
    if (bit(ellipsis, i)) {
      if (seen) return 'Multiple ellipses in slice spec not allowed';
      seen = true;
    }
  }
  // No ellipsis: one is implied at the end.
  if (!seen) {
    ellipsis |= 1 << sparseDims;
    sparseDims++;
  }
  let newAxesAfterEllipsis = 0;
  {
    let afterEllipsis = false;
    for (let i = 0; i < sparseDims; i++) {
      if (bit(ellipsis, i)) afterEllipsis = true;
      else if (afterEllipsis && bit(m.newAxisMask, i)) newAxesAfterEllipsis++;
    }
  }
  const rank = dims.length;
  // Dense spec: one entry per input dimension.
  const dBegin = new Array<number>(rank).fill(0);
  const dEnd = new Array<number>(rank).fill(0);
  const dStride = new Array<number>(rank).fill(1);
  const dBeginMask = new Array<boolean>(rank).fill(false);
  const dEndMask = new Array<boolean>(rank).fill(false);
  const dShrink = new Array<boolean>(rank).fill(false);
  // Gather indices for the final shape: a dense dim, or -1 for a new axis.
  const gather: number[] = [];
  let full = 0;
  for (let i = 0; i < sparseDims; i++) {
    if (bit(ellipsis, i)) {
      const next = Math.min(rank - (sparseDims - i) + 1 + newAxesAfterEllipsis, rank);
      for (; full < next; full++) {
        dBeginMask[full] = true;
        dEndMask[full] = true;
        gather.push(full);
      }
    } else if (bit(m.newAxisMask, i)) {
      gather.push(-1);
    } else {
      if (full === rank) return `Index out of range using input dim ${full}; input has only ${rank} dims`;
      dBegin[full] = begin[i] as number;
      dEnd[full] = end[i] as number;
      dStride[full] = strides[i] as number;
      dBeginMask[full] = bit(m.beginMask, i);
      dEndMask[full] = bit(m.endMask, i);
      if (bit(m.shrinkAxisMask, i)) dShrink[full] = true;
      else gather.push(full);
      full++;
    }
  }
  const outBegin: number[] = [];
  const outStep: number[] = [];
  const outSize: Dim[] = [];
  let identity = true;
  for (let i = 0; i < rank; i++) {
    const stride = dStride[i] as number;
    const dim = dims[i] ?? null;
    if (stride === 0) return `strides[${i}] must be non-zero`;
    if (dShrink[i] && stride <= 0) return 'only stride 1 allowed on non-range indexing.';
    if (dShrink[i]) {
      const b = dBegin[i] as number;
      if (dim === null || !beginValid) {
        outBegin.push(b);
        outStep.push(1);
        outSize.push(1);
        identity = false;
        continue;
      }
      const fwd = b < 0 ? dim + b : b;
      if (fwd < 0 || fwd >= dim) return `slice index ${b} of dimension ${i} out of bounds.`;
      outBegin.push(fwd);
      outStep.push(1);
      outSize.push(1);
      if (dim !== 1) identity = false;
      continue;
    }
    const masked = (dBeginMask[i] as boolean) && (dEndMask[i] as boolean);
    if (dim === null || (!(beginValid || dBeginMask[i]) || !(endValid || dEndMask[i])) && !masked) {
      outBegin.push(0);
      outStep.push(stride);
      outSize.push(null);
      identity = false;
      continue;
    }
    const [lo, hi] = stride > 0 ? [0, dim] : [-1, dim - 1];
    const canon = (x: number, isBegin: boolean, masked: boolean): number => {
      if (masked) return (stride > 0) === isBegin ? lo : hi;
      const v = x < 0 ? x + dim : x;
      return Math.min(Math.max(v, lo), hi);
    };
    const b = canon(dBegin[i] as number, true, dBeginMask[i] as boolean);
    const e = canon(dEnd[i] as number, false, dEndMask[i] as boolean);
    const len = e - b;
    let size = 0;
    if (len !== 0 && len < 0 === stride < 0) size = Math.trunc(len / stride) + (len % stride !== 0 ? 1 : 0);
    outBegin.push(b);
    outStep.push(stride);
    outSize.push(size);
    if (!(stride === 1 && b === 0 && size === dim)) identity = false;
  }
  const finalShape = gather.map((g) => (g < 0 ? 1 : (outSize[g] as Dim)));
  return { begin: outBegin, step: outStep, size: outSize, finalShape, identity };
}
