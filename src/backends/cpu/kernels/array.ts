import { filled } from '../../../core/convert.js';
import { type DType, dtypeTfName } from '../../../core/dtypes.js';
import { InvalidArgumentError, UnimplementedError } from '../../../core/errors.js';
import type { NDArray } from '../../../core/ndarray.js';
import { type TensorShape, shapeDebugString, sizeOf, stridesOf } from '../../../core/shape.js';
import { rangeProblem } from '../../../ops/defs/array/range.js';
import type { KernelEntry } from '../values.js';
import { cpuBackend } from '../backend.js';
import { arr, intList, out, outFrom, scalarInt, view } from '../values.js';
import { type CopyStore, copyRun, copyStrided, viewsOf } from '../compute/strided-copy.js';


function reshapeTarget(n: number, dims: number[]): number[] {
  let unknown = -1;
  let known = 1;
  dims.forEach((d, i) => {
    if (d === -1) {
      if (unknown >= 0) throw new InvalidArgumentError(null, null, `Only one input size may be -1, not both ${unknown} and ${i}`);
      unknown = i;
    } else if (d < 0) throw new InvalidArgumentError(null, null, `Size ${i} must be non-negative, not ${d}`);
    else known *= d;
  });
  if (unknown >= 0) {
    if (known === 0) {
      throw new InvalidArgumentError(
        null,
        null,
        'Reshape cannot infer the missing input size for an empty tensor unless all specified input sizes are non-zero',
      );
    }
    if (n % known !== 0) {
      throw new InvalidArgumentError(
        null,
        null,
        `Input to reshape is a tensor with ${n} values, but the requested shape requires a multiple of ${known}`,
      );
    }
    const out = [...dims];
    out[unknown] = n / known;
    return out;
  }
  if (known !== n) {
    throw new InvalidArgumentError(null, null, `Input to reshape is a tensor with ${n} values, but the requested shape has ${known}`);
  }
  return dims;
}

export const arrayKernels: Record<string, KernelEntry> = {
  
  // Plans upload constants once; this kernel serves plans that skip the passes (partial runs).
  Const: (_inputs, { env }) => [cpuBackend.upload(env.attrs.value as NDArray)],

  Placeholder: (_inputs, { env }) => {
    const shape = env.attrs.shape as TensorShape;
    const dtype = dtypeTfName(env.attrs.dtype as DType);
    const suffix = shape.rank !== null && shape.rank > 0 ? ` and shape ${shape.toDebugString()}` : '';
    throw new InvalidArgumentError(
      null,
      null,
      `You must feed a value for placeholder tensor '${env.opName}' with dtype ${dtype}${suffix}`,
    );
  },

  PlaceholderWithDefault: (inputs) => [arr(inputs, 0)],
  Identity: (inputs) => [arr(inputs, 0)],
  NoOp: () => [],

  Reshape: (inputs) => {
    const x = arr(inputs, 0);
    const s = arr(inputs, 1);
    if (s.rank !== 1) throw new InvalidArgumentError(null, null, `shape must be a vector of {int32,int64}, got shape ${shapeDebugString(s.shape)}`);
    return [view(x, reshapeTarget(x.size, intList(s)))];
  },

  Shape: (inputs, ctx) => {
    const x = arr(inputs, 0);
    const t = ctx.env.attrs.out_type as DType;
    const o = out(ctx, 0, t, [x.rank]);
    x.shape.forEach((d, i) => {
      (o.data as unknown as unknown[])[i] = t === 'int64' ? BigInt(d) : d;
    });
    return [o];
  },

  Rank: (inputs, ctx) => {
    const o = out(ctx, 0, 'int32', []);
    (o.data as Int32Array)[0] = arr(inputs, 0).rank;
    return [o];
  },

  Range: (inputs, ctx) => {
    const [s, l, d] = [0, 1, 2].map((i) => arr(inputs, i));
    const dtype = (s as NDArray).dtype;
    const [start, limit, delta] = [s, l, d].map((a) => Number((a as NDArray).data[0])) as [number, number, number];
    const n = rangeProblem(start, limit, delta);
    if (typeof n === 'string') throw new InvalidArgumentError(null, null, n === 'Requires delta != 0' ? `${n}: 0` : n);
    const o = out(ctx, 0, dtype, [n]);
    for (let i = 0; i < n; i++) (o.data as unknown as unknown[])[i] = dtype === 'int64' ? BigInt(start + i * delta) : start + i * delta;
    return [o];
  },

  Fill: (inputs, ctx) => {
    const dims = arr(inputs, 0);
    const v = arr(inputs, 1);
    if (dims.rank !== 1) throw new InvalidArgumentError(null, null, `dims must be a vector, got shape ${shapeDebugString(dims.shape)}`);
    if (v.rank !== 0) throw new InvalidArgumentError(null, null, `value must be a scalar, got shape ${shapeDebugString(v.shape)}`);
    const shape = intList(dims);
    if (shape.some((d) => d < 0)) throw new InvalidArgumentError(null, null, `Fill dimensions must be >= 0: [${shape.join(',')}]`);
    return [outFrom(ctx, 0, filled(v.dtype, shape, v.get(0)))];
  },

  ZerosLike: (inputs, ctx) => {
    const x = arr(inputs, 0);
    const o = out(ctx, 0, x.dtype, x.shape);
    const d = o.data;
    if (Array.isArray(d)) d.fill(new Uint8Array(0));
    else if (d instanceof BigInt64Array || d instanceof BigUint64Array) d.fill(0n);
    else (d as Float32Array).fill(0);
    return [o];
  },

  OnesLike: (inputs, ctx) => {
    const x = arr(inputs, 0);
    return [outFrom(ctx, 0, filled(x.dtype, x.shape, x.dtype === 'bool' ? true : x.dtype === 'int64' ? 1n : 1))];
  },

  Pack: (inputs, ctx) => {
    const xs = inputs.map((_, i) => arr(inputs, i));
    const first = xs[0] as NDArray;
    for (const [i, x] of xs.entries()) {
      if (x.shape.length !== first.shape.length || x.shape.some((d, j) => d !== first.shape[j])) {
        throw new InvalidArgumentError(
          null,
          null,
          `Shapes of all inputs must match: values[0].shape = ${shapeDebugString(first.shape)} != values[${i}].shape = ${shapeDebugString(x.shape)}`,
        );
      }
    }
    const rank = first.rank + 1;
    let axis = ctx.env.attrs.axis as number;
    if (axis < 0) axis += rank;
    const outShape = [...first.shape];
    outShape.splice(axis, 0, xs.length);
    const o = out(ctx, 0, first.dtype, outShape);
    const inner = sizeOf(first.shape.slice(axis));
    const outer = sizeOf(first.shape.slice(0, axis));
    // Input k is [outer, inner] at column k·inner of the [outer, n·inner] output.
    xs.forEach((x, k) => {
      copyStrided(x.data as CopyStore, 0, [inner, 1], o.data as CopyStore, k * inner, [xs.length * inner, 1], [outer, inner]);
    });
    return [o];
  },

  BroadcastGradientArgs: (inputs, ctx) => {
    const s0 = intList(arr(inputs, 0));
    const s1 = intList(arr(inputs, 1));
    const n = Math.max(s0.length, s1.length);
    const pad = (s: number[]) => [...new Array<number>(n - s.length).fill(1), ...s];
    const [a, b] = [pad(s0), pad(s1)];
    const r0: number[] = [];
    const r1: number[] = [];
    const equal = s0.length === s1.length && s0.every((d, i) => d === s1[i]);
    for (let i = 0; i < n && !equal; i++) {
      const x = a[i] as number;
      const y = b[i] as number;
      if (x !== y && x !== 1 && y !== 1) {
        throw new InvalidArgumentError(null, null, `Incompatible shapes: [${s0.join(',')}] vs. [${s1.join(',')}]`);
      }
      // An axis where an input has size 1 is summed over for that input's gradient.
      if (x === 1) r0.push(i);
      if (y === 1) r1.push(i);
    }
    const dtype = arr(inputs, 0).dtype;
    const write = (k: number, r: number[]) => {
      const o = out(ctx, k, dtype, [r.length]);
      r.forEach((v, i) => {
        (o.data as unknown as unknown[])[i] = dtype === 'int64' ? BigInt(v) : v;
      });
      return o;
    };
    return [write(0, r0), write(1, r1)];
  },

  Squeeze: (inputs, { env }) => {
    const x = arr(inputs, 0);
    const axes = (env.attrs.squeeze_dims as number[]).map((a) => (a < 0 ? a + x.rank : a));
    for (const a of axes) {
      if (x.shape[a] !== 1) throw new InvalidArgumentError(null, null, `Can not squeeze dim[${a}], expected a dimension of 1, got ${x.shape[a]}`);
    }
    const shape = x.shape.filter((d, i) => (axes.length ? !axes.includes(i) : d !== 1));
    return [view(x, shape)];
  },

  Where: (inputs, ctx) => {
    const x = arr(inputs, 0);
    const strides = stridesOf(x.shape);
    const hits: number[] = [];
    if (x.dtype === 'float16') {
      // TensorFlow's CPU Where has no half kernel, and says so at run time.
      throw new UnimplementedError(
        null,
        null,
        'No WhereOp available for float16/half type on CPU; dying in CPU WhereOp to avoid silently creating costly copies from device.',
      );
    }
    for (let i = 0; i < x.size; i++) {
      const v = x.data[i];
      if (Number(v) !== 0) hits.push(i);
    }
    const o = out(ctx, 0, 'int64', [hits.length, x.rank]);
    const d = o.data as BigInt64Array;
    hits.forEach((flat, r) => {
      let rem = flat;
      strides.forEach((s, c) => {
        d[r * x.rank + c] = BigInt(Math.floor(rem / s));
        rem %= s;
      });
    });
    return [o];
  },

  GatherV2: (inputs, ctx) => {
    const p = arr(inputs, 0);
    const idx = arr(inputs, 1);
    const given = scalarInt(arr(inputs, 2), 'axis');
    const axis = given < 0 ? given + p.rank : given;
    if (axis < 0 || axis >= p.rank) {
      throw new InvalidArgumentError(null, null, `Expected axis in the range [${-p.rank}, ${p.rank}), but got ${given}`);
    }
    let bd = ctx.env.attrs.batch_dims as number;
    if (bd < 0) bd += idx.rank;
    if (bd !== 0) {
      if (bd < 0 || bd > idx.rank) throw new InvalidArgumentError(null, null, `Expected batch_dims in the range [${-idx.rank}, ${idx.rank}], but got ${ctx.env.attrs.batch_dims}`);
      if (bd > axis) throw new InvalidArgumentError(null, null, `batch_dims (${bd}) must be less than or equal to axis (${axis}).`);
      for (let i = 0; i < bd; i++) {
        if (p.shape[i] !== idx.shape[i]) {
          throw new InvalidArgumentError(null, null, `params.shape[${i}]: ${p.shape[i]} should be equal to indices.shape[${i}]: ${idx.shape[i]}`);
        }
      }
    }
    const batch = sizeOf(p.shape.slice(0, bd));
    const outer = sizeOf(p.shape.slice(bd, axis));
    const n = p.shape[axis] as number;
    const inner = sizeOf(p.shape.slice(axis + 1));
    const ids = intList(idx);
    const perBatch = sizeOf(idx.shape.slice(bd));
    const idxStrides = stridesOf(idx.shape);
    ids.forEach((v, i) => {
      if (v < 0 || v >= n) {
        // TensorFlow prints the multi-index of the bad entry: indices[1,0] = 5.
        const at = idxStrides.map((s, d) => Math.floor(i / s) % (idx.shape[d] as number));
        throw new InvalidArgumentError(null, null, `indices[${at.join(',')}] = ${v} is not in [0, ${n})`);
      }
    });
    const o = out(ctx, 0, p.dtype, [...p.shape.slice(0, axis), ...idx.shape.slice(bd), ...p.shape.slice(axis + 1)]);
    // Rows of `inner` elements (in words of the storage: 8-byte types are int32 pairs).
    const { s: src, d: dst, sOff, dOff, unit } = viewsOf(p.data as CopyStore, o.data as CopyStore);
    const run = inner * unit;
    let w = dOff;
    for (let b = 0; b < batch; b++)
      for (let r = 0; r < outer; r++) {
        const row0 = (b * outer + r) * n;
        for (let j = 0; j < perBatch; j++) {
          copyRun(dst, w, src, sOff + (row0 + (ids[b * perBatch + j] as number)) * run, run);
          w += run;
        }
      }
    return [o];
  },
};
