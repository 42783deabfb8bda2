import { filled } from '../../../core/convert.js';
import { type DType, dtypeTfName } from '../../../core/dtypes.js';
import { InvalidArgumentError } from '../../../core/errors.js';
import { NDArray } from '../../../core/ndarray.js';
import { type TensorShape, shapeDebugString, sizeOf, stridesOf } from '../../../core/shape.js';
import { rangeProblem } from '../../../ops/defs/array/range.js';
import type { Kernel } from '../../backend.js';
import { arr, intList, scalarInt } from '../values.js';

/** Same data, new shape (CPU arrays are immutable once produced, so sharing is safe). */
const view = (a: NDArray, shape: readonly number[]) => new NDArray(a.dtype, shape, a.data as never);

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

export const arrayKernels: Record<string, Kernel> = {
  Const: (_inputs, env) => [env.attrs.value as NDArray],

  Placeholder: (_inputs, env) => {
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

  Shape: (inputs, env) => {
    const x = arr(inputs, 0);
    const t = env.attrs.out_type as DType;
    const out = new NDArray(t, [x.rank]);
    x.shape.forEach((d, i) => {
      (out.data as unknown as unknown[])[i] = t === 'int64' ? BigInt(d) : d;
    });
    return [out];
  },

  Rank: (inputs) => [new NDArray('int32', [], Int32Array.of(arr(inputs, 0).rank))],

  Range: (inputs) => {
    const [s, l, d] = [0, 1, 2].map((i) => arr(inputs, i));
    const dtype = (s as NDArray).dtype;
    const [start, limit, delta] = [s, l, d].map((a) => Number((a as NDArray).data[0])) as [number, number, number];
    const n = rangeProblem(start, limit, delta);
    if (typeof n === 'string') throw new InvalidArgumentError(null, null, n === 'Requires delta != 0' ? `${n}: 0` : n);
    const out = new NDArray(dtype, [n]);
    for (let i = 0; i < n; i++) (out.data as unknown as unknown[])[i] = dtype === 'int64' ? BigInt(start + i * delta) : start + i * delta;
    return [out];
  },

  Fill: (inputs) => {
    const dims = arr(inputs, 0);
    const v = arr(inputs, 1);
    if (dims.rank !== 1) throw new InvalidArgumentError(null, null, `dims must be a vector, got shape ${shapeDebugString(dims.shape)}`);
    if (v.rank !== 0) throw new InvalidArgumentError(null, null, `value must be a scalar, got shape ${shapeDebugString(v.shape)}`);
    const shape = intList(dims);
    if (shape.some((d) => d < 0)) throw new InvalidArgumentError(null, null, `Fill dimensions must be >= 0: [${shape.join(',')}]`);
    return [filled(v.dtype, shape, v.get(0))];
  },

  ZerosLike: (inputs) => {
    const x = arr(inputs, 0);
    return [new NDArray(x.dtype, x.shape)];
  },

  OnesLike: (inputs) => {
    const x = arr(inputs, 0);
    return [filled(x.dtype, x.shape, x.dtype === 'bool' ? true : x.dtype === 'int64' ? 1n : 1)];
  },

  Pack: (inputs, env) => {
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
    let axis = env.attrs.axis as number;
    if (axis < 0) axis += rank;
    const outShape = [...first.shape];
    outShape.splice(axis, 0, xs.length);
    const out = new NDArray(first.dtype, outShape);
    const inner = sizeOf(first.shape.slice(axis));
    const outer = sizeOf(first.shape.slice(0, axis));
    const dst = out.data as unknown as unknown[];
    for (let o = 0; o < outer; o++)
      for (let k = 0; k < xs.length; k++) {
        const src = (xs[k] as NDArray).data as unknown as unknown[];
        for (let j = 0; j < inner; j++) dst[(o * xs.length + k) * inner + j] = src[o * inner + j];
      }
    return [out];
  },

  Squeeze: (inputs, env) => {
    const x = arr(inputs, 0);
    const axes = (env.attrs.squeeze_dims as number[]).map((a) => (a < 0 ? a + x.rank : a));
    for (const a of axes) {
      if (x.shape[a] !== 1) throw new InvalidArgumentError(null, null, `Can not squeeze dim[${a}], expected a dimension of 1, got ${x.shape[a]}`);
    }
    const shape = x.shape.filter((d, i) => (axes.length ? !axes.includes(i) : d !== 1));
    return [view(x, shape)];
  },

  Where: (inputs) => {
    const x = arr(inputs, 0);
    const strides = stridesOf(x.shape);
    const hits: number[] = [];
    for (let i = 0; i < x.size; i++) {
      const v = x.data[i];
      if (v instanceof Uint8Array ? v.length > 0 : Number(v) !== 0) hits.push(i);
    }
    const out = new NDArray('int64', [hits.length, x.rank]);
    const d = out.data as BigInt64Array;
    hits.forEach((flat, r) => {
      let rem = flat;
      strides.forEach((s, c) => {
        d[r * x.rank + c] = BigInt(Math.floor(rem / s));
        rem %= s;
      });
    });
    return [out];
  },

  GatherV2: (inputs) => {
    const p = arr(inputs, 0);
    const idx = arr(inputs, 1);
    const given = scalarInt(arr(inputs, 2), 'axis');
    const axis = given < 0 ? given + p.rank : given;
    if (axis < 0 || axis >= p.rank) {
      throw new InvalidArgumentError(null, null, `Expected axis in the range [${-p.rank}, ${p.rank}), but got ${given}`);
    }
    const outer = sizeOf(p.shape.slice(0, axis));
    const n = p.shape[axis] as number;
    const inner = sizeOf(p.shape.slice(axis + 1));
    const ids = intList(idx);
    const idxStrides = stridesOf(idx.shape);
    ids.forEach((v, i) => {
      if (v < 0 || v >= n) {
        // TensorFlow prints the multi-index of the bad entry: indices[1,0] = 5.
        const at = idxStrides.map((s, d) => Math.floor(i / s) % (idx.shape[d] as number));
        throw new InvalidArgumentError(null, null, `indices[${at.join(',')}] = ${v} is not in [0, ${n})`);
      }
    });
    const out = new NDArray(p.dtype, [...p.shape.slice(0, axis), ...idx.shape, ...p.shape.slice(axis + 1)]);
    const src = p.data as unknown as unknown[];
    const dst = out.data as unknown as unknown[];
    let w = 0;
    for (let o = 0; o < outer; o++)
      for (const id of ids) for (let j = 0; j < inner; j++) dst[w++] = src[(o * n + id) * inner + j];
    return [out];
  },
};
