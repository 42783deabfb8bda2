// Kernels for the index-driven array ops: OneHot, GatherNd, ScatterNd, UnsortedSegmentSum,
// TopKV2, Cumsum, Unique.
import type { DType } from '../../../core/dtypes.js';
import { InvalidArgumentError } from '../../../core/errors.js';
import type { NDArray } from '../../../core/ndarray.js';
import { shapeDebugString, sizeOf, stridesOf } from '../../../core/shape.js';
import { floatToHalf, halfToFloat } from '../compute/index.js';
import type { KernelEntry } from '../values.js';
import { arr, intList, out, scalarInt } from '../values.js';
import { scanKernel } from './scan-scatter.js';

type Store = unknown[];
const bad = (msg: string): never => {
  throw new InvalidArgumentError(null, null, msg);
};

const isBig = (d: DType) => d === 'int64' || d === 'uint64';

/** `a + b` in the dtype's arithmetic (the typed-array store wraps or rounds); float16 decoded. */
function adder(dtype: DType): (a: unknown, b: unknown) => unknown {
  if (dtype === 'bool') return (a, b) => ((a as number) | (b as number)) as number;
  if (dtype === 'string') {
    return (a, b) => {
      const [x, y] = [a as Uint8Array, b as Uint8Array];
      const r = new Uint8Array(x.length + y.length);
      r.set(x);
      r.set(y, x.length);
      return r;
    };
  }
  if (dtype === 'float16') return (a, b) => floatToHalf(halfToFloat(a as number) + halfToFloat(b as number));
  if (isBig(dtype)) return (a, b) => (a as bigint) + (b as bigint);
  return (a, b) => (a as number) + (b as number);
}

/** A comparable JS number for sorting (float16 decoded; bigints as numbers only for ordering). */
function numeric(dtype: DType): (v: unknown) => number | bigint {
  if (dtype === 'float16') return (v) => halfToFloat(v as number);
  return (v) => v as number | bigint;
}

/** Checks an index tuple of an ND index tensor; returns the flat offset in units of `slice`. */
function ndOffsets(idx: NDArray, shape: readonly number[], fail: (i: number, tuple: number[]) => never): number[] {
  const q = idx.shape[idx.rank - 1] as number;
  const n = q === 0 ? sizeOf(idx.shape.slice(0, -1)) : idx.size / q;
  const flat = intList(idx);
  const st = stridesOf(shape.slice(0, q));
  const res: number[] = [];
  for (let i = 0; i < n; i++) {
    let off = 0;
    for (let j = 0; j < q; j++) {
      const v = flat[i * q + j] as number;
      if (v < 0 || v >= (shape[j] as number)) fail(i, flat.slice(i * q, i * q + q));
      off += v * (st[j] as number);
    }
    res.push(off);
  }
  return res;
}

export const indexingKernels: Record<string, KernelEntry> = {
  // Select's kernel is math-binary's (one OpDef, in math/select.ts, after merging h-math).
  OneHot: (inputs, ctx) => {
    const idx = arr(inputs, 0);
    const depth = scalarInt(arr(inputs, 1), 'depth');
    const on = arr(inputs, 2);
    const off = arr(inputs, 3);
    if (depth < 0) bad(`depth must be non-negative, got: ${depth}`);
    if (on.rank !== 0) bad(`on_value must be a scalar, but got: ${shapeDebugString(on.shape)}`);
    if (off.rank !== 0) bad(`off_value must be a scalar, but got: ${shapeDebugString(off.shape)}`);
    const axisAttr = ctx.env.attrs.axis as number;
    const axis = axisAttr === -1 ? idx.rank : axisAttr;
    if (axis < 0 || axis > idx.rank) bad(`Expected axis to be -1 or between [0, ${idx.rank + 1}).  But received: ${axisAttr}`);
    const shape = [...idx.shape.slice(0, axis), depth, ...idx.shape.slice(axis)];
    const o = out(ctx, 0, on.dtype, shape);
    const d = o.data as unknown as Store;
    const prefix = sizeOf(idx.shape.slice(0, axis));
    const suffix = sizeOf(idx.shape.slice(axis));
    const ids = intList(idx);
    const [onV, offV] = [on.data[0], off.data[0]];
    for (let p = 0; p < prefix; p++)
      for (let k = 0; k < depth; k++)
        for (let s = 0; s < suffix; s++) d[(p * depth + k) * suffix + s] = ids[p * suffix + s] === k ? onV : offV;
    return [o];
  },

  GatherNd: (inputs, ctx) => {
    const p = arr(inputs, 0);
    const idx = arr(inputs, 1);
    if (idx.rank < 1) bad(`indices must be at least a vector, got shape ${shapeDebugString(idx.shape)}`);
    const q = idx.shape[idx.rank - 1] as number;
    if (q > p.rank) bad(`index innermost dimension length must be <= params rank; saw: ${q} vs. ${p.rank}`);
    const slice = sizeOf(p.shape.slice(q));
    const offs = ndOffsets(idx, p.shape, (i, t) =>
      bad(`indices${shapeDebugString(stridesIndex(i, idx.shape.slice(0, -1)))} = [${t.join(', ')}] does not index into param shape ${shapeDebugString(p.shape)}, node name: ${ctx.env.opName}`),
    );
    const o = out(ctx, 0, p.dtype, [...idx.shape.slice(0, -1), ...p.shape.slice(q)]);
    const d = o.data as unknown as Store;
    const s = p.data as unknown as Store;
    offs.forEach((off, i) => {
      for (let j = 0; j < slice; j++) d[i * slice + j] = s[off * slice + j];
    });
    return [o];
  },

  ScatterNd: (inputs, ctx) => {
    const idx = arr(inputs, 0);
    const upd = arr(inputs, 1);
    const shape = intList(arr(inputs, 2));
    if (idx.rank < 1) bad(`indices must be at least a vector, got shape ${shapeDebugString(idx.shape)}`);
    const q = idx.shape[idx.rank - 1] as number;
    if (q > shape.length) bad(`Output must be at least ${q}-D, got shape: ${shapeDebugString(shape)}`);
    const want = [...idx.shape.slice(0, -1), ...shape.slice(q)];
    if (want.length !== upd.rank || want.some((d, i) => d !== upd.shape[i])) {
      bad(
        `Dimensions [${idx.rank - 1},${upd.rank}) of updates[shape=${shapeDebugString(upd.shape)}] = ${shapeDebugString(upd.shape.slice(idx.rank - 1))} must match dimensions [${q},${shape.length}) of output[shape=${shapeDebugString(shape)}] = ${shapeDebugString(shape.slice(q))}`,
      );
    }
    const slice = sizeOf(shape.slice(q));
    const offs = ndOffsets(idx, shape, (i, t) => bad(`indices[${i}] = [${t.join(', ')}] does not index into shape ${shapeDebugString(shape)}`));
    const o = out(ctx, 0, upd.dtype, shape);
    const d = o.data as unknown as Store;
    const zero = isBig(upd.dtype) ? 0n : upd.dtype === 'string' ? new Uint8Array(0) : 0;
    for (let i = 0; i < sizeOf(shape); i++) d[i] = zero;
    const add = adder(upd.dtype);
    const s = upd.data as unknown as Store;
    offs.forEach((off, i) => {
      for (let j = 0; j < slice; j++) d[off * slice + j] = add(d[off * slice + j], s[i * slice + j]);
    });
    return [o];
  },

  UnsortedSegmentSum: (inputs, ctx) => {
    const data = arr(inputs, 0);
    const ids = arr(inputs, 1);
    const num = scalarInt(arr(inputs, 2), 'num_segments');
    if (num < 0) bad(`Input num_segments == ${num} must not be negative.`);
    if (ids.rank > data.rank || ids.shape.some((d, i) => d !== data.shape[i])) {
      bad(`data.shape = ${shapeDebugString(data.shape)} does not start with segment_ids.shape = ${shapeDebugString(ids.shape)}`);
    }
    const inner = sizeOf(data.shape.slice(ids.rank));
    const o = out(ctx, 0, data.dtype, [num, ...data.shape.slice(ids.rank)]);
    const d = o.data as unknown as Store;
    const zero = isBig(data.dtype) ? 0n : 0;
    for (let i = 0; i < num * inner; i++) d[i] = zero;
    const add = adder(data.dtype);
    const s = data.data as unknown as Store;
    const st = stridesOf(ids.shape);
    intList(ids).forEach((id, i) => {
      // Negative ids are dropped, as TensorFlow does.
      if (id < 0) return;
      if (id >= num) bad(`segment_ids${shapeDebugString(st.map((x, k) => Math.floor(i / x) % (ids.shape[k] as number)))} = ${id} is out of range [0, ${num})`);
      for (let j = 0; j < inner; j++) d[id * inner + j] = add(d[id * inner + j], s[i * inner + j]);
    });
    return [o];
  },

  TopKV2: (inputs, ctx) => {
    const x = arr(inputs, 0);
    const k = scalarInt(arr(inputs, 1), 'k');
    if (k < 0) bad(`Need k >= 0, got ${k}`);
    if (x.rank < 1) bad(`input must be >= 1-D, got shape ${shapeDebugString(x.shape)}`);
    const n = x.shape[x.rank - 1] as number;
    if (n < k) bad(`input must have at least k columns. Had ${n}, needed ${k}`);
    const rows = sizeOf(x.shape.slice(0, -1));
    const shape = [...x.shape.slice(0, -1), k];
    const vo = out(ctx, 0, x.dtype, shape);
    const it = ctx.env.attrs.index_type as DType;
    const io = out(ctx, 1, it, shape);
    const val = numeric(x.dtype);
    const s = x.data as unknown as Store;
    const vd = vo.data as unknown as Store;
    const id = io.data as unknown as Store;
    const order = new Array<number>(n);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < n; j++) order[j] = j;
      // Larger first; NaN counts as larger than everything; ties keep the lower index first.
      order.sort((a, b) => {
        const va = val(s[r * n + a]);
        const vb = val(s[r * n + b]);
        const na = typeof va === 'number' && Number.isNaN(va);
        const nb = typeof vb === 'number' && Number.isNaN(vb);
        if (na || nb) return na && nb ? a - b : na ? -1 : 1;
        return va > vb ? -1 : va < vb ? 1 : a - b;
      });
      for (let j = 0; j < k; j++) {
        const src = order[j] as number;
        vd[r * k + j] = s[r * n + src];
        id[r * k + j] = it === 'int64' ? BigInt(src) : src;
      }
    }
    return [vo, io];
  },

  Cumsum: scanKernel(adder, (d) => (isBig(d) ? 0n : 0)),

  Unique: (inputs, ctx) => {
    const x = arr(inputs, 0);
    if (x.rank !== 1) bad('unique expects a 1D vector.');
    const it = ctx.env.attrs.out_idx as DType;
    const seen = new Map<unknown, number>();
    const firsts: number[] = [];
    const idx: number[] = [];
    const s = x.data as unknown as Store;
    for (let i = 0; i < x.size; i++) {
      const v = s[i];
      // Strings by their bytes; every NaN is its own value (NaN != NaN), as in TensorFlow's hash map.
      const key = v instanceof Uint8Array ? `s${Array.from(v).join(',')}` : typeof v === 'number' && Number.isNaN(v) ? Symbol('nan') : v;
      let k = seen.get(key);
      if (k === undefined) {
        k = firsts.length;
        seen.set(key, k);
        firsts.push(i);
      }
      idx.push(k);
    }
    const y = out(ctx, 0, x.dtype, [firsts.length]);
    const yd = y.data as unknown as Store;
    firsts.forEach((f, j) => {
      yd[j] = s[f];
    });
    const io = out(ctx, 1, it, [x.size]);
    const id = io.data as unknown as Store;
    idx.forEach((k, i) => {
      id[i] = it === 'int64' ? BigInt(k) : k;
    });
    return [y, io];
  },
};

/** The multi-index of flat position `i` in `shape`. */
function stridesIndex(i: number, shape: readonly number[]): number[] {
  const st = stridesOf(shape);
  return st.map((x, k) => Math.floor(i / x) % (shape[k] as number));
}
