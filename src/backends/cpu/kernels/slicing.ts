// Kernels for the shape-rearranging array ops: ExpandDims, Transpose, ConcatV2, ConcatOffset,
// Unpack, Split, SplitV, Slice, StridedSlice(+Grad), Tile, BroadcastTo, Pad, PadV2, MirrorPad(+Grad),
// ReverseV2, Size, InvertPermutation. Every dtype (strings element by element). The copies go
// through compute/strided-copy.ts: contiguous runs by `set`, transposes cache-blocked.
import type { DType } from '../../../core/dtypes.js';
import { InvalidArgumentError } from '../../../core/errors.js';
import type { NDArray } from '../../../core/ndarray.js';
import { shapeDebugString, sizeOf, stridesOf } from '../../../core/shape.js';
import { masksOf, stridedSliceSpec } from '../../../ops/defs/array/strided-slice-spec.js';
import type { KernelContext, KernelValue } from '../../backend.js';
import { scatterAddByOffsets } from '../compute/index-maps.js';
import { type CopyStore, contiguous, copyStrided, fillStrided, tileInto } from '../compute/strided-copy.js';
import { halfToFloat, floatToHalf } from '../compute/index.js';
import type { KernelEntry } from '../values.js';
import { arr, intList, out, scalarInt, view } from '../values.js';
import type { CpuTensor } from '../tensor.js';

type Store = { [i: number]: unknown; readonly length: number };
const bad = (msg: string): never => {
  throw new InvalidArgumentError(null, null, msg);
};

/** A tensor of index values in the output dtype (int32 or int64). */
function writeInts(ctx: KernelContext, i: number, dtype: DType, values: readonly number[]): CpuTensor {
  const o = out(ctx, i, dtype, [values.length]);
  values.forEach((v, k) => {
    (o.data as unknown as unknown[])[k] = dtype === 'int64' ? BigInt(v) : v;
  });
  return o;
}

/** Fills a store with one value (0, 0n, false or '' by dtype unless given). */
function fillStore(d: Store, n: number, v: unknown): void {
  (d as unknown as unknown[]).fill(v, 0, n);
}

function zeroOf(dtype: DType): unknown {
  return dtype === 'int64' || dtype === 'uint64' ? 0n : dtype === 'string' ? new Uint8Array(0) : 0;
}

/**
 * A new output `i` of `shape` (row-major) holding `x[base + Σ i_k·strides[k]]` over the index space
 * `space` (the same elements as `shape`, possibly with other dims: StridedSlice's shrink/new axes).
 */
function gatherOut(ctx: KernelContext, x: NDArray, shape: readonly number[], space: readonly number[], base: number, strides: readonly number[], i = 0): CpuTensor {
  const o = out(ctx, i, x.dtype, shape);
  copyStrided(x.data as CopyStore, base, strides, o.data as CopyStore, 0, contiguous(space), space);
  return o;
}

/** Slices of `x` along `axis` at [start, start+len) copied into output `i` (Split, SplitV, Unpack). */
function sliceAlong(ctx: KernelContext, i: number, x: NDArray, axis: number, start: number, len: number, outShape: readonly number[]): CpuTensor {
  const st = stridesOf(x.shape);
  const space = x.shape.map((d, k) => (k === axis ? len : d));
  return gatherOut(ctx, x, outShape, space, start * (st[axis] as number), st, i);
}

function checkVector(a: NDArray, what: string): number[] {
  if (a.rank !== 1) bad(`${what} must be a vector, got shape ${shapeDebugString(a.shape)}`);
  return intList(a);
}

/** MirrorPad's source index for output position i of an axis of size d with `before` padding. */
function mirrorIndex(i: number, d: number, before: number, off: number): number {
  let j = i - before;
  if (j < 0) j = -j - 1 + off;
  else if (j >= d) j = 2 * d - j - 1 - off;
  return j;
}

function paddingsOf(x: NDArray, p: NDArray): number[] {
  if (p.rank !== 2 || p.shape[1] !== 2 || p.shape[0] !== x.rank) {
    bad(`The first dimension of paddings must be the rank of inputs${shapeDebugString(p.shape)} ${shapeDebugString(x.shape)}`);
  }
  const v = intList(p);
  for (let i = 0; i < x.rank; i++) {
    const [a, b] = [v[2 * i] as number, v[2 * i + 1] as number];
    if (a < 0 || b < 0) bad(`Paddings must be non-negative: ${a} ${b}`);
  }
  return v;
}

function padKernel(inputs: readonly KernelValue[], ctx: KernelContext, value: unknown): CpuTensor[] {
  const x = arr(inputs, 0);
  const p = paddingsOf(x, arr(inputs, 1));
  const shape = x.shape.map((d, i) => d + (p[2 * i] as number) + (p[2 * i + 1] as number));
  const o = out(ctx, 0, x.dtype, shape);
  const st = stridesOf(shape);
  // The padding as slabs: along axis k, the leading and trailing pads of the cells that are
  // inside the input on the axes before k (every cell once); then the input inside.
  let inside = 0;
  x.shape.forEach((d, k) => {
    const [a, b] = [p[2 * k] as number, p[2 * k + 1] as number];
    const slab = (start: number, len: number) => {
      const box = shape.map((n, j) => (j < k ? (x.shape[j] as number) : j === k ? len : n));
      fillStrided(o.data as CopyStore, inside + start * (st[k] as number), st, box, value);
    };
    if (a > 0) slab(0, a);
    if (b > 0) slab(a + d, b);
    inside += a * (st[k] as number);
  });
  copyStrided(x.data as CopyStore, 0, contiguous(x.shape), o.data as CopyStore, inside, st, x.shape);
  return [o];
}

/**
 * MirrorPad as boxes: along each axis the output is the mirrored leading pad, the input, and the
 * mirrored trailing pad (step -1, 1, -1 through the input); every combination is one strided copy.
 */
function mirrorPadInto(x: NDArray, p: readonly number[], off: number, o: CpuTensor, shape: readonly number[]): void {
  const st = stridesOf(x.shape);
  const ost = stridesOf(shape);
  // Per axis: [output start, length, input start, step].
  const segs = x.shape.map((d, i) => {
    const [a, b] = [p[2 * i] as number, p[2 * i + 1] as number];
    return [
      [0, a, a - 1 + off, -1],
      [a, d, 0, 1],
      [a + d, b, d - 1 - off, -1],
    ].filter((s) => (s[1] as number) > 0);
  });
  const pick = new Array<number>(x.rank).fill(0);
  for (;;) {
    const box = segs.map((s, i) => s[pick[i] as number] as number[]);
    let sBase = 0;
    let dBase = 0;
    box.forEach((b, i) => {
      dBase += (b[0] as number) * (ost[i] as number);
      sBase += (b[2] as number) * (st[i] as number);
    });
    copyStrided(x.data as CopyStore, sBase, box.map((b, i) => (b[3] as number) * (st[i] as number)), o.data as CopyStore, dBase, ost, box.map((b) => b[1] as number));
    let k = x.rank - 1;
    for (; k >= 0; k--) {
      pick[k] = (pick[k] as number) + 1;
      if ((pick[k] as number) < (segs[k] as number[][]).length) break;
      pick[k] = 0;
    }
    if (k < 0) return;
  }
}

function mirrorMode(ctx: KernelContext): number {
  return ctx.env.attrs.mode === 'REFLECT' ? 1 : 0;
}

export const slicingKernels: Record<string, KernelEntry> = {
  ExpandDims: (inputs) => {
    const x = arr(inputs, 0);
    const dim = arr(inputs, 1);
    if (dim.size !== 1) bad(`'dim' must be a tensor with a single value`);
    const d = Number(dim.data[0]);
    if (d < -1 - x.rank || d > x.rank) bad(`Tried to expand dim index ${d} for tensor with ${x.rank} dimensions.`);
    const at = d < 0 ? d + x.rank + 1 : d;
    return [view(x, [...x.shape.slice(0, at), 1, ...x.shape.slice(at)])];
  },

  InvertPermutation: (inputs, ctx) => {
    const x = arr(inputs, 0);
    const p = checkVector(x, 'invert_permutation expects a 1D vector.');
    const n = p.length;
    const inv = new Array<number>(n).fill(-1);
    p.forEach((v, i) => {
      if (v < 0 || v >= n) bad(`${v} is not between 0 and ${n}`);
      if (inv[v] !== -1) bad(`${v} is duplicated in the input.`);
      inv[v] = i;
    });
    return [writeInts(ctx, 0, x.dtype, inv)];
  },

  Transpose: (inputs, ctx) => {
    const x = arr(inputs, 0);
    const pa = arr(inputs, 1);
    if (pa.rank !== 1) bad(`perm must be rank 1, got shape ${shapeDebugString(pa.shape)}`);
    const perm = intList(pa);
    if (perm.length !== x.rank) bad(`transpose expects a vector of size ${x.rank}. But input(1) is a vector of size ${perm.length}`);
    const seen = new Array<boolean>(x.rank).fill(false);
    for (const k of perm) {
      if (k < 0 || k >= x.rank) bad(`${k} is out of range [0 .. ${x.rank})`);
      seen[k] = true;
    }
    const missing = seen.indexOf(false);
    if (missing >= 0) bad(`${missing} is missing from {${perm.join(',')}}.`);
    const st = stridesOf(x.shape);
    const shape = perm.map((k) => x.shape[k] as number);
    return [gatherOut(ctx, x, shape, shape, 0, perm.map((k) => st[k] as number))];
  },

  ConcatV2: (inputs, ctx) => {
    const n = inputs.length - 1;
    const xs = Array.from({ length: n }, (_, i) => arr(inputs, i));
    const first = xs[0] as NDArray;
    const rank = first.rank;
    const given = scalarInt(arr(inputs, n), 'axis');
    if (given < -rank || given >= rank) bad(`ConcatOp : Expected concatenating dimensions in the range [${-rank}, ${rank}), but got ${given}`);
    const axis = given < 0 ? given + rank : given;
    let total = 0;
    xs.forEach((x, i) => {
      if (x.rank !== rank) bad(`ConcatOp : Ranks of all input tensors should match: shape[0] = ${shapeDebugString(first.shape)} vs. shape[${i}] = ${shapeDebugString(x.shape)}`);
      x.shape.forEach((d, j) => {
        if (j !== axis && d !== first.shape[j]) {
          bad(`ConcatOp : Dimension ${j} in both shapes must be equal: shape[0] = ${shapeDebugString(first.shape)} vs. shape[${i}] = ${shapeDebugString(x.shape)}`);
        }
      });
      total += x.shape[axis] as number;
    });
    const shape = first.shape.map((d, j) => (j === axis ? total : d));
    const o = out(ctx, 0, first.dtype, shape);
    const outer = sizeOf(first.shape.slice(0, axis));
    const rowOut = sizeOf(shape.slice(axis));
    let colStart = 0;
    for (const x of xs) {
      // Each input is [outer, row] placed at column colStart of the [outer, rowOut] output.
      const row = sizeOf(x.shape.slice(axis));
      copyStrided(x.data as CopyStore, 0, [row, 1], o.data as CopyStore, colStart, [rowOut, 1], [outer, row]);
      colStart += row;
    }
    return [o];
  },

  ConcatOffset: (inputs, ctx) => {
    const n = inputs.length - 1;
    const shapes = Array.from({ length: n }, (_, i) => intList(arr(inputs, i + 1)));
    const first = shapes[0] as number[];
    const rank = first.length;
    const given = scalarInt(arr(inputs, 0), 'concat_dim');
    if (given < -rank || given >= rank) bad(`Concat dim is out of range: ${given} vs. ${rank}`);
    const axis = given < 0 ? given + rank : given;
    const dtype = arr(inputs, 1).dtype;
    let offset = 0;
    return shapes.map((s, i) => {
      if (s.length !== rank) bad(`input ${i} should contain ${rank} elements, but got ${s.length}`);
      s.forEach((d, j) => {
        if (j !== axis && d !== first[j]) bad(`All dimensions except ${axis} must match. Input ${i} has shape [${s.join(' ')}] and doesn't match input 0 with shape [${first.join(' ')}].`);
      });
      const o = writeInts(ctx, i, dtype, s.map((_, j) => (j === axis ? offset : 0)));
      offset += s[axis] as number;
      return o;
    });
  },

  Unpack: (inputs, ctx) => {
    const x = arr(inputs, 0);
    const num = ctx.env.attrs.num as number;
    let axis = ctx.env.attrs.axis as number;
    if (axis < -x.rank || axis >= x.rank) bad(`axis = ${axis} not in [${-x.rank}, ${x.rank})`);
    if (axis < 0) axis += x.rank;
    if (x.shape[axis] !== num) bad(`Input shape axis ${axis} must equal ${num}, got shape ${shapeDebugString(x.shape)}`);
    const shape = x.shape.filter((_, i) => i !== axis);
    return Array.from({ length: num }, (_, i) => sliceAlong(ctx, i, x, axis, i, 1, shape));
  },

  Split: (inputs, ctx) => {
    const x = arr(inputs, 1);
    const n = ctx.env.attrs.num_split as number;
    const given = scalarInt(arr(inputs, 0), 'split_dim');
    if (given < -x.rank || given >= x.rank) bad(`-input rank(-${x.rank}) <= split_dim < input rank (${x.rank}), but got ${given}`);
    const axis = given < 0 ? given + x.rank : given;
    const d = x.shape[axis] as number;
    if (d % n !== 0) {
      bad(`Number of ways to split should evenly divide the split dimension, but got split_dim ${axis} (size = ${d}) and num_split ${n}`);
    }
    const len = d / n;
    const shape = x.shape.map((v, i) => (i === axis ? len : v));
    return Array.from({ length: n }, (_, i) => sliceAlong(ctx, i, x, axis, i * len, len, shape));
  },

  SplitV: (inputs, ctx) => {
    const x = arr(inputs, 0);
    const sizes = intList(arr(inputs, 1));
    const n = ctx.env.attrs.num_split as number;
    const given = scalarInt(arr(inputs, 2), 'split_dim');
    if (given < -x.rank || given >= x.rank) bad(`-input rank(-${x.rank}) <= split_dim < input rank (${x.rank}), but got ${given}`);
    const axis = given < 0 ? given + x.rank : given;
    if (sizes.length !== n) bad(`Length of size_splits should be equal to num_outputs, got ${sizes.length} and ${n}`);
    const d = x.shape[axis] as number;
    const neg = sizes.flatMap((z, i) => (z === -1 ? [i] : []));
    if (neg.length > 1) bad('There can only be one -1 in the input.');
    const known = sizes.reduce((acc, z) => acc + (z === -1 ? 0 : z), 0);
    if ((neg.length === 0 && known !== d) || (neg.length === 1 && known > d)) {
      bad(
        `Determined shape must either match input shape along split_dim exactly if fully specified, or be less than the size of the input along split_dim if not fully specified.  Got: ${known}`,
      );
    }
    if (neg.length === 1) sizes[neg[0] as number] = d - known;
    let start = 0;
    return sizes.map((len, i) => {
      if (len < 0) bad(`Split size at index ${i} must be >= 0. Got: ${len}`);
      const o = sliceAlong(ctx, i, x, axis, start, len, x.shape.map((v, k) => (k === axis ? len : v)));
      start += len;
      return o;
    });
  },

  Slice: (inputs, ctx) => {
    const x = arr(inputs, 0);
    const b = arr(inputs, 1);
    const s = arr(inputs, 2);
    if (b.rank !== 1 || s.rank !== 1 || b.size !== x.rank || s.size !== x.rank) {
      bad(`Expected begin and size arguments to be 1-D tensors of size ${x.rank}, but got shapes ${shapeDebugString(b.shape)} and ${shapeDebugString(s.shape)} instead.`);
    }
    const begin = intList(b);
    const size = intList(s);
    const shape = x.shape.map((d, i) => {
      const bi = begin[i] as number;
      const si = size[i] === -1 ? d - bi : (size[i] as number);
      if (bi < 0 || bi > d) bad(`Expected begin[${i}] in [0, ${d}], but got ${bi}`);
      if (si < 0 || bi + si > d) bad(`Expected size[${i}] in [0, ${d - bi}], but got ${size[i]}`);
      return si;
    });
    const st = stridesOf(x.shape);
    const base = st.reduce((acc, v, i) => acc + (begin[i] as number) * v, 0);
    return [gatherOut(ctx, x, shape, shape, base, st)];
  },

  StridedSlice: (inputs, ctx) => {
    const x = arr(inputs, 0);
    const [b, e, s] = [arr(inputs, 1), arr(inputs, 2), arr(inputs, 3)];
    if (b.rank !== 1 || e.rank !== 1 || s.rank !== 1 || b.size !== s.size || e.size !== s.size) {
      bad(`Expected begin, end, and strides to be 1D equal size tensors, but got shapes ${shapeDebugString(b.shape)}, ${shapeDebugString(e.shape)}, and ${shapeDebugString(s.shape)} instead.`);
    }
    const spec = stridedSliceSpec(x.shape, intList(b), intList(e), intList(s), masksOf((n) => ctx.env.attrs[n] as number));
    if (typeof spec === 'string') return bad(spec);
    const st = stridesOf(x.shape);
    const base = st.reduce((acc, v, i) => acc + (spec.begin[i] as number) * v, 0);
    const strides = st.map((v, i) => (spec.step[i] as number) * v);
    return [gatherOut(ctx, x, spec.finalShape as number[], spec.size as number[], base, strides)];
  },

  StridedSliceGrad: (inputs, ctx) => {
    const shape = intList(arr(inputs, 0));
    const [b, e, s] = [1, 2, 3].map((i) => intList(arr(inputs, i)));
    const dy = arr(inputs, 4);
    const spec = stridedSliceSpec(shape, b as number[], e as number[], s as number[], masksOf((n) => ctx.env.attrs[n] as number));
    if (typeof spec === 'string') return bad(spec);
    if (spec.finalShape.length !== dy.rank || spec.finalShape.some((d, i) => d !== dy.shape[i])) {
      bad(`shape of dy was ${shapeDebugString(dy.shape)} instead of ${shapeDebugString(spec.finalShape as number[])}`);
    }
    const o = out(ctx, 0, dy.dtype, shape);
    fillStore(o.data as Store, sizeOf(shape), zeroOf(dy.dtype));
    const st = stridesOf(shape);
    const base = st.reduce((acc, v, i) => acc + (spec.begin[i] as number) * v, 0);
    const strides = st.map((v, i) => (spec.step[i] as number) * v);
    const space = spec.size as number[];
    copyStrided(dy.data as CopyStore, 0, contiguous(space), o.data as CopyStore, base, strides, space);
    return [o];
  },

  Tile: (inputs, ctx) => {
    const x = arr(inputs, 0);
    const m = arr(inputs, 1);
    if (m.rank !== 1 || m.size !== x.rank) bad(`Expected multiples argument to be a vector of length ${x.rank} but got length ${m.size}`);
    const mult = intList(m);
    mult.forEach((k, i) => {
      if (k < 0) bad(`Expected multiples[${i}] >= 0, but got ${k}`);
    });
    const shape = x.shape.map((d, i) => d * (mult[i] as number));
    const o = out(ctx, 0, x.dtype, shape);
    tileInto(x.data as CopyStore, x.shape, mult, o.data as CopyStore);
    return [o];
  },

  // A Tile of the input (as a tensor of the target's rank) by target ÷ input dim on its 1-dims.
  BroadcastTo: (inputs, ctx) => {
    const x = arr(inputs, 0);
    const s = arr(inputs, 1);
    if (s.rank !== 1) bad(`shape must be a vector of {int32,int64}, got shape ${shapeDebugString(s.shape)}`);
    const target = intList(s);
    const negative = target.find((d) => d < 0);
    if (negative !== undefined) bad(`Dimension ${negative} must be >= 0`);
    if (x.rank > target.length) bad(`Rank of input (${x.rank}) must be no greater than rank of output shape (${target.length}).`);
    const off = target.length - x.rank;
    const xShape = target.map((_t, i) => (i < off ? 1 : (x.shape[i - off] as number)));
    const mult = target.map((t, i) => {
      const d = xShape[i] as number;
      if (d === t) return 1;
      if (d !== 1) bad(`Incompatible shapes: ${shapeDebugString(x.shape)} vs. ${shapeDebugString(target)}`);
      return t;
    });
    const o = out(ctx, 0, x.dtype, target);
    tileInto(x.data as CopyStore, xShape, mult, o.data as CopyStore);
    return [o];
  },

  Pad: (inputs, ctx) => padKernel(inputs, ctx, zeroOf(arr(inputs, 0).dtype)),

  PadV2: (inputs, ctx) => {
    const c = arr(inputs, 2);
    if (c.rank !== 0) bad(`constant_values must be a scalar. Got: ${shapeDebugString(c.shape)}`);
    return padKernel(inputs, ctx, c.data[0]);
  },

  MirrorPad: (inputs, ctx) => {
    const x = arr(inputs, 0);
    const p = paddingsOf(x, arr(inputs, 1));
    const off = mirrorMode(ctx);
    x.shape.forEach((d, i) => {
      const [a, b] = [p[2 * i] as number, p[2 * i + 1] as number];
      if (a > d - off || b > d - off) {
        bad(off ? `paddings must be less than the dimension size: ${a}, ${b} not less than ${d}` : `paddings must be no greater than the dimension size: ${a}, ${b} greater than ${d}`);
      }
    });
    const shape = x.shape.map((d, i) => d + (p[2 * i] as number) + (p[2 * i + 1] as number));
    const o = out(ctx, 0, x.dtype, shape);
    if (x.size > 0) mirrorPadInto(x, p, off, o, shape);
    return [o];
  },

  MirrorPadGrad: (inputs, ctx) => {
    const dy = arr(inputs, 0);
    const pa = arr(inputs, 1);
    const p = paddingsOf(dy, pa);
    const off = mirrorMode(ctx);
    const shape = dy.shape.map((d, i) => d - (p[2 * i] as number) - (p[2 * i + 1] as number));
    shape.forEach((d, i) => {
      if (d < 0) bad(`Paddings must be less than the input dimension: dim ${i} is ${dy.shape[i]}, paddings ${p[2 * i]} ${p[2 * i + 1]}`);
    });
    const o = out(ctx, 0, dy.dtype, shape);
    const n = sizeOf(shape);
    fillStore(o.data as Store, n, zeroOf(dy.dtype));
    const st = stridesOf(shape);
    const offs = dy.shape.map((m, i) => Float64Array.from({ length: m }, (_, j) => mirrorIndex(j, shape[i] as number, p[2 * i] as number, off) * (st[i] as number)));
    if (dy.size === 0) return [o];
    if (dy.dtype === 'float16') {
      // Accumulate in float, then round once.
      const acc = new Float64Array(n);
      const src = Float64Array.from(dy.data as Uint16Array, (h) => halfToFloat(h));
      scatterAddByOffsets(src, acc, offs);
      const d = o.data as Uint16Array;
      for (let i = 0; i < n; i++) d[i] = floatToHalf(acc[i] as number);
    } else scatterAddByOffsets(dy.data as Store, o.data as Store, offs);
    return [o];
  },

  ReverseV2: (inputs, ctx) => {
    const x = arr(inputs, 0);
    const axes = intList(arr(inputs, 1));
    const rev = new Array<boolean>(x.rank).fill(false);
    axes.forEach((a, i) => {
      if (a < -x.rank || a >= x.rank) bad(`'axis'[${i}] = ${a} is out of valid range [0, ${x.rank - 1}`);
      const k = a < 0 ? a + x.rank : a;
      if (rev[k]) bad(`axis ${k} specified more than once.`);
      rev[k] = true;
    });
    const st = stridesOf(x.shape);
    const base = x.shape.reduce((acc, d, i) => acc + (rev[i] ? (d - 1) * (st[i] as number) : 0), 0);
    return [gatherOut(ctx, x, x.shape, x.shape, base, st.map((v, i) => (rev[i] ? -v : v)))];
  },

  Size: (inputs, ctx) => {
    const t = ctx.env.attrs.out_type as DType;
    const o = out(ctx, 0, t, []);
    const n = arr(inputs, 0).size;
    (o.data as unknown as unknown[])[0] = t === 'int64' ? BigInt(n) : n;
    return [o];
  },
};
