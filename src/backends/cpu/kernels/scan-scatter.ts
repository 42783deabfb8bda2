// Kernels for EuclideanNorm, LinSpace, Cumprod (and the scan kernel Cumsum shares), SegmentSum and ScatterUpdate / ScatterAdd / ScatterSub (in place on the
// variable's buffer, as Assign* do). Arithmetic in each dtype's own rules: float16 decoded,
// 64-bit ints as bigints, narrower ints wrapping through their typed array.
import type { DType } from '../../../core/dtypes.js';
import { FailedPreconditionError, InvalidArgumentError } from '../../../core/errors.js';
import { shapeDebugString, sizeOf } from '../../../core/shape.js';
import { floatToHalf, halfToFloat } from '../compute/index.js';
import type { Kernel } from '../../backend.js';
import type { CpuTensor } from '../tensor.js';
import type { KernelEntry } from '../values.js';
import { arr, cell, intList, out, scalarInt } from '../values.js';

type Store = unknown[];
type Bin = (a: unknown, b: unknown) => unknown;
const bad = (msg: string): never => {
  throw new InvalidArgumentError(null, null, msg);
};

const isBig = (d: DType) => d === 'int64' || d === 'uint64';
const isF = (d: DType) => d === 'float32' || d === 'float64';

function arith(dtype: DType, op: 'add' | 'sub' | 'mul'): Bin {
  if (dtype === 'float16') {
    const f = op === 'add' ? (x: number, y: number) => x + y : op === 'sub' ? (x: number, y: number) => x - y : (x: number, y: number) => x * y;
    return (a, b) => floatToHalf(f(halfToFloat(a as number), halfToFloat(b as number)));
  }
  if (isBig(dtype)) {
    if (op === 'add') return (a, b) => (a as bigint) + (b as bigint);
    if (op === 'sub') return (a, b) => (a as bigint) - (b as bigint);
    return (a, b) => (a as bigint) * (b as bigint);
  }
  if (op === 'add') return (a, b) => (a as number) + (b as number);
  if (op === 'sub') return (a, b) => (a as number) - (b as number);
  // 32-bit and narrower ints: the low bits of the exact product (the store wraps them).
  return isF(dtype) ? (a, b) => (a as number) * (b as number) : (a, b) => Math.imul(a as number, b as number);
}

const oneOf = (d: DType): unknown => (isBig(d) ? 1n : d === 'float16' ? floatToHalf(1) : 1);
const zeroOf = (d: DType): unknown => (isBig(d) ? 0n : 0);

/**
 * The kernel of a cumulative op (Cumsum, Cumprod): `combine`'s running result along the scalar
 * `axis` input, from `identity`, with the op's `exclusive` and `reverse` attrs.
 */
export function scanKernel(combine: (dtype: DType) => Bin, identity: (dtype: DType) => unknown): Kernel {
  return (inputs, ctx) => {
    const x = arr(inputs, 0);
    const given = scalarInt(arr(inputs, 1), 'axis');
    if (given < -x.rank || given >= x.rank) bad(`ScanOp: Expected scan axis in the range [${-x.rank}, ${x.rank}), but got ${given}`);
    const axis = given < 0 ? given + x.rank : given;
    const exclusive = ctx.env.attrs.exclusive as boolean;
    const reverse = ctx.env.attrs.reverse as boolean;
    const o = out(ctx, 0, x.dtype, x.shape);
    const d = o.data as unknown as Store;
    const s = x.data as unknown as Store;
    const outer = sizeOf(x.shape.slice(0, axis));
    const n = x.shape[axis] as number;
    const inner = sizeOf(x.shape.slice(axis + 1));
    const f = combine(x.dtype);
    const start = identity(x.dtype);
    for (let a = 0; a < outer; a++)
      for (let c = 0; c < inner; c++) {
        let acc: unknown = start;
        for (let t = 0; t < n; t++) {
          const j = reverse ? n - 1 - t : t;
          const at = (a * n + j) * inner + c;
          if (exclusive) {
            d[at] = acc;
            acc = f(d[at], s[at]);
          } else {
            d[at] = f(acc, s[at]);
            // Read back through the store so each step rounds (or wraps) as TensorFlow's does.
            acc = d[at];
          }
        }
      }
    return [o];
  };
}

function scatterKernel(kind: 'update' | 'add' | 'sub'): KernelEntry {
  return (inputs) => {
    const c = cell(inputs, 0);
    const params = c.value as CpuTensor | null;
    if (!params) throw new FailedPreconditionError(null, null, `Attempting to use uninitialized value ${c.name}`);
    const idx = arr(inputs, 1);
    const upd = arr(inputs, 2);
    const want = [...idx.shape, ...params.shape.slice(1)];
    const scalar = upd.rank === 0;
    if (!scalar && (want.length !== upd.rank || want.some((d, i) => d !== upd.shape[i]))) {
      bad(
        `Must have updates.shape = indices.shape + params.shape[1:] or updates.shape = [], got updates.shape ${shapeDebugString(upd.shape)}, indices.shape ${shapeDebugString(idx.shape)}, params.shape ${shapeDebugString(params.shape)}`,
      );
    }
    const rows = params.shape[0] ?? 1;
    const slice = sizeOf(params.shape.slice(1));
    const ids = intList(idx);
    ids.forEach((v, i) => {
      if (v < 0 || v >= rows) bad(`indices[${i}] = ${v} is not in [0, ${rows})`);
    });
    const d = params.data as unknown as Store;
    const u = upd.data as unknown as Store;
    const f = kind === 'update' ? null : arith(params.dtype, kind);
    ids.forEach((v, i) => {
      for (let j = 0; j < slice; j++) {
        const val = scalar ? u[0] : u[i * slice + j];
        const at = v * slice + j;
        d[at] = f ? f(d[at], val) : val;
      }
    });
    return [c];
  };
}

export const scanScatterKernels: Record<string, KernelEntry> = {
  // Floats: accumulated in float64, rounded once to the dtype.
  EuclideanNorm: {
    select: (sig) => {
      const dt = sig.inputs[0] as DType;
      if (dt !== 'float16' && dt !== 'float32' && dt !== 'float64') return undefined;
      const k: Kernel = (inputs, ctx) => {
        const x = arr(inputs, 0);
        const rank = x.rank;
        const seen = new Array<boolean>(rank).fill(false);
        for (const ax of intList(arr(inputs, 1))) {
          if (ax < -rank || ax >= rank) bad(`Invalid reduction dimension (${ax} for input with ${rank} dimension(s)`);
          const a = ax < 0 ? ax + rank : ax;
          if (seen[a]) bad(`Invalid reduction arguments: Axes contains duplicate dimension: ${a}`);
          seen[a] = true;
        }
        const keep = ctx.env.attrs.keep_dims === true;
        const outShape = x.shape.flatMap((d, i) => (seen[i] ? (keep ? [1] : []) : [d]));
        const kept = x.shape.map((d, i) => (seen[i] ? 1 : d));
        const acc = new Float64Array(sizeOf(kept));
        const src = x.data as unknown as number[];
        const idx = new Array<number>(rank).fill(0);
        for (let f = 0; f < x.size; f++) {
          let o = 0;
          for (let i = 0; i < rank; i++) o = o * (kept[i] as number) + (seen[i] ? 0 : (idx[i] as number));
          const v = dt === 'float16' ? halfToFloat(src[f] as number) : (src[f] as number);
          acc[o] = (acc[o] as number) + v * v;
          for (let i = rank - 1; i >= 0; i--) {
            idx[i] = (idx[i] as number) + 1;
            if ((idx[i] as number) < (x.shape[i] as number)) break;
            idx[i] = 0;
          }
        }
        const o = out(ctx, 0, dt, outShape);
        const d = o.data as unknown as number[];
        for (let i = 0; i < acc.length; i++) d[i] = dt === 'float16' ? floatToHalf(Math.sqrt(acc[i] as number)) : Math.sqrt(acc[i] as number);
        return [o];
      };
      return k;
    },
  },

  LinSpace: (inputs, ctx) => {
    const [start, stop, num] = [0, 1, 2].map((i) => arr(inputs, i)) as [CpuTensor, CpuTensor, CpuTensor];
    for (const [t, what] of [[start, 'start'], [stop, 'stop'], [num, 'num']] as const) {
      if (t.rank !== 0) bad(`${what} must be a scalar, not shape ${shapeDebugString(t.shape)}`);
    }
    const n = Number(num.data[0]);
    if (n <= 0) bad(`Requires num > 0: ${n}`);
    const dt = start.dtype;
    const dec = (v: unknown) => (dt === 'float16' ? halfToFloat(v as number) : (v as number));
    // Each step rounds in the dtype, as TensorFlow's kernel computes in T.
    const r = dt === 'float64' ? (x: number) => x : dt === 'float32' ? Math.fround : (x: number) => halfToFloat(floatToHalf(x));
    const a = dec(start.data[0]);
    const b = dec(stop.data[0]);
    const o = out(ctx, 0, dt, [n]);
    const d = o.data as unknown as Store;
    const enc = (x: number) => (dt === 'float16' ? floatToHalf(x) : x);
    if (n === 1) d[0] = enc(a);
    else {
      const step = r(r(b - a) / (n - 1));
      for (let i = 0; i < n - 1; i++) d[i] = enc(r(a + r(step * i)));
      d[n - 1] = enc(b);
    }
    return [o];
  },

  Cumprod: scanKernel((d) => arith(d, 'mul'), oneOf),

  SegmentSum: (inputs, ctx) => {
    const data = arr(inputs, 0);
    const idsT = arr(inputs, 1);
    if (idsT.rank !== 1) bad('segment_ids should be a vector.');
    const ids = intList(idsT);
    if (ids.length !== data.shape[0]) bad('segment_ids should be the same size as dimension 0 of input.');
    const rows = ids.length > 0 ? (ids[ids.length - 1] as number) + 1 : 0;
    const inner = sizeOf(data.shape.slice(1));
    const o = out(ctx, 0, data.dtype, [Math.max(rows, 0), ...data.shape.slice(1)]);
    const d = o.data as unknown as Store;
    const zero = zeroOf(data.dtype);
    for (let k = 0; k < d.length; k++) d[k] = zero;
    const add = arith(data.dtype, 'add');
    const s = data.data as unknown as Store;
    // TensorFlow's order of checks: at each new segment, increasing ids first, then the bounds of the one ending.
    const inRange = (id: number) => {
      if (id < 0 || id >= rows) bad(`Segment id ${id} out of range [0, ${rows}), possibly because 'segment_ids' input is not sorted.`);
    };
    for (let i = 1; i <= ids.length; i++) {
      const prev = ids[i - 1] as number;
      if (i < ids.length && ids[i] === prev) continue;
      if (i < ids.length && (ids[i] as number) < prev) bad('segment ids are not increasing');
      inRange(prev);
    }
    ids.forEach((id, i) => {
      for (let j = 0; j < inner; j++) d[id * inner + j] = add(d[id * inner + j], s[i * inner + j]);
    });
    return [o];
  },

  ScatterUpdate: scatterKernel('update'),
  ScatterAdd: scatterKernel('add'),
  ScatterSub: scatterKernel('sub'),
};
