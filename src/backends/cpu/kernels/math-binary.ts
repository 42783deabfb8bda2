// Binary math and comparison kernels (through the compute layer's op table), Equal/NotEqual's
// `incompatible_shape_error`, and the selection kernels: Select, SelectV2, ClipByValue.
import { broadcastShapes } from '../../../core/broadcast.js';
import type { DType } from '../../../core/dtypes.js';
import { InvalidArgumentError } from '../../../core/errors.js';
import { sameShape, shapeDebugString, sizeOf } from '../../../core/shape.js';
import type { Kernel } from '../../backend.js';
import { halfToFloat } from '../compute/index.js';
import type { CpuTensor } from '../tensor.js';
import { type KernelEntry, arr, out } from '../values.js';
import { binaryKernel } from './math.js';

type Sel = Extract<KernelEntry, { select: unknown }>;

/** Equal / NotEqual: shapes that do not broadcast give `ifIncompatible` when the attr allows it. */
function equalityKernel(op: 'Equal' | 'NotEqual'): KernelEntry {
  const inner = binaryKernel(op) as Sel;
  return {
    select: (sig, attrs) => {
      const k = sig.inputs[0] === 'string' ? stringEquality(op === 'Equal') : inner.select(sig, attrs);
      if (!k) return undefined;
      if (attrs.incompatible_shape_error !== false) return k;
      const r: Kernel = (inputs, ctx) => {
        const x = arr(inputs, 0);
        const y = arr(inputs, 1);
        if (broadcastShapes(x.shape, y.shape) !== null) return k(inputs, ctx);
        const o = out(ctx, 0, 'bool', []);
        (o.data as Uint8Array)[0] = op === 'Equal' ? 0 : 1;
        return [o];
      };
      return r;
    },
  };
}

/** For each element of `outShape` (row-major), the flat index of the element of `shape` broadcast to it. */
export function broadcastIndex(shape: readonly number[], outShape: readonly number[]): Int32Array {
  const n = sizeOf(outShape);
  const idx = new Int32Array(n);
  if (sameShape(shape, outShape)) {
    for (let i = 0; i < n; i++) idx[i] = i;
    return idx;
  }
  const r = outShape.length;
  const strides = new Array<number>(r).fill(0);
  let s = 1;
  for (let i = shape.length - 1, j = r - 1; i >= 0; i--, j--) {
    strides[j] = shape[i] === 1 ? 0 : s;
    s *= shape[i] as number;
  }
  const counter = new Array<number>(r).fill(0);
  let flat = 0;
  for (let i = 0; i < n; i++) {
    idx[i] = flat;
    for (let d = r - 1; d >= 0; d--) {
      counter[d] = (counter[d] as number) + 1;
      flat += strides[d] as number;
      if ((counter[d] as number) < (outShape[d] as number)) break;
      flat -= (strides[d] as number) * (counter[d] as number);
      counter[d] = 0;
    }
  }
  return idx;
}

type Elems = { [i: number]: unknown };

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Equal / NotEqual of strings (UTF-8 bytes) (the compute layer has numbers only), broadcasting. */
function stringEquality(equal: boolean): Kernel {
  return (inputs, ctx) => {
    const x = arr(inputs, 0);
    const y = arr(inputs, 1);
    const shape = broadcastShapes(x.shape, y.shape);
    if (shape === null) {
      throw new InvalidArgumentError(null, null, `Incompatible shapes: ${shapeDebugString(x.shape)} vs. ${shapeDebugString(y.shape)}`);
    }
    const xi = broadcastIndex(x.shape, shape);
    const yi = broadcastIndex(y.shape, shape);
    const xd = elems(x);
    const yd = elems(y);
    const o = out(ctx, 0, 'bool', shape);
    const od = o.data as Uint8Array;
    for (let i = 0; i < xi.length; i++) {
      od[i] = sameBytes(xd[xi[i] as number] as Uint8Array, yd[yi[i] as number] as Uint8Array) === equal ? 1 : 0;
    }
    return [o];
  };
}
const elems = (t: CpuTensor) => t.data as unknown as Elems;

/** out[i] = cond[ci] ? then[i] : else[i] with `ci` the condition index of output element i. */
function choose(ctx: Parameters<Kernel>[1], dtype: DType, shape: readonly number[], c: CpuTensor, t: CpuTensor, e: CpuTensor, ci: (i: number) => number, ti: Int32Array | null, ei: Int32Array | null): CpuTensor {
  const o = out(ctx, 0, dtype, shape);
  const od = elems(o);
  const cd = c.data as Uint8Array;
  const td = elems(t);
  const ed = elems(e);
  const n = sizeOf(shape);
  for (let i = 0; i < n; i++) od[i] = cd[ci(i)] ? td[ti ? (ti[i] as number) : i] : ed[ei ? (ei[i] as number) : i];
  return o;
}

/** TensorFlow's SelectOp: scalar, same-shape, or row-selecting vector condition. */
const selectKernel: Kernel = (inputs, ctx) => {
  const c = arr(inputs, 0);
  const t = arr(inputs, 1);
  const e = arr(inputs, 2);
  const dtype = t.dtype;
  const same = `'then' and 'else' must have the same size.  but received: ${shapeDebugString(t.shape)} vs. ${shapeDebugString(e.shape)}`;
  if (c.rank === 0) {
    if (!sameShape(t.shape, e.shape)) throw new InvalidArgumentError(null, null, same);
    return [choose(ctx, dtype, t.shape, c, t, e, () => 0, null, null)];
  }
  if (c.rank === 1 && t.rank !== 1) {
    if (t.rank < 1) throw new InvalidArgumentError(null, null, `'then' must be at least a vector, but saw shape: ${shapeDebugString(t.shape)}`);
    if (t.shape[0] !== c.size) {
      throw new InvalidArgumentError(null, null, `Number of batches of 'then' must match size of 'cond', but saw: ${t.shape[0]} vs. ${c.size}`);
    }
    if (!sameShape(t.shape, e.shape)) throw new InvalidArgumentError(null, null, same);
    const row = c.size === 0 ? 1 : t.size / c.size;
    return [choose(ctx, dtype, t.shape, c, t, e, (i) => Math.floor(i / row), null, null)];
  }
  for (const [k, s] of [[1, t.shape], [2, e.shape]] as const) {
    if (!sameShape(c.shape, s)) {
      throw new InvalidArgumentError(
        null,
        null,
        `Inputs to operation Select of type Select must have the same size and shape.  Input 0: ${shapeDebugString(c.shape)} != input ${k}: ${shapeDebugString(s)}`,
      );
    }
  }
  return [choose(ctx, dtype, t.shape, c, t, e, (i) => i, null, null)];
};

/** SelectV2: all three broadcast together. */
const selectV2Kernel: Kernel = (inputs, ctx) => {
  const c = arr(inputs, 0);
  const t = arr(inputs, 1);
  const e = arr(inputs, 2);
  const te = broadcastShapes(t.shape, e.shape);
  const shape = te === null ? null : broadcastShapes(c.shape, te);
  if (shape === null) {
    throw new InvalidArgumentError(
      null,
      null,
      `condition ${shapeDebugString(c.shape)}, then ${shapeDebugString(t.shape)}, and else ${shapeDebugString(e.shape)} must be broadcastable`,
    );
  }
  const ci = broadcastIndex(c.shape, shape);
  return [choose(ctx, t.dtype, shape, c, t, e, (i) => ci[i] as number, broadcastIndex(t.shape, shape), broadcastIndex(e.shape, shape))];
};

/** ClipByValue: bounds are scalars or the input's shape; out = max(min(t, hi), lo) as Eigen's cwiseMin/cwiseMax. */
const clipKernel: Kernel = (inputs, ctx) => {
  const t = arr(inputs, 0);
  const lo = arr(inputs, 1);
  const hi = arr(inputs, 2);
  const ok = (b: CpuTensor) => b.rank === 0 || sameShape(b.shape, t.shape);
  if (!ok(lo) || !ok(hi)) {
    throw new InvalidArgumentError(
      null,
      null,
      `clip_value_min and clip_value_max must be either of the same shape as input, or a scalar. input shape: ${shapeDebugString(t.shape)}clip_value_min shape: ${shapeDebugString(lo.shape)}clip_value_max shape: ${shapeDebugString(hi.shape)}`,
    );
  }
  const o = out(ctx, 0, t.dtype, t.shape);
  const od = elems(o);
  const td = t.data as unknown as ArrayLike<number>;
  const ld = lo.data as unknown as ArrayLike<number>;
  const hd = hi.data as unknown as ArrayLike<number>;
  const ls = lo.rank === 0;
  const hs = hi.rank === 0;
  // float16 is stored as half bits: compare decoded values, copy the bits.
  const val = t.dtype === 'float16' ? halfToFloat : (x: number) => x;
  for (let i = 0; i < t.size; i++) {
    let v = td[i] as number;
    const h = hd[hs ? 0 : i] as number;
    const l = ld[ls ? 0 : i] as number;
    if (val(h) < val(v)) v = h;
    if (val(v) < val(l)) v = l;
    od[i] = v;
  }
  return [o];
};

export const mathBinaryKernels: Record<string, KernelEntry> = {
  Add: binaryKernel('AddV2'),
  Div: binaryKernel('Div'),
  FloorDiv: binaryKernel('FloorDiv'),
  FloorMod: binaryKernel('FloorMod'),
  TruncateDiv: binaryKernel('TruncateDiv'),
  Maximum: binaryKernel('Maximum'),
  Minimum: binaryKernel('Minimum'),
  Pow: binaryKernel('Pow'),
  SquaredDifference: binaryKernel('SquaredDifference'),

  Equal: equalityKernel('Equal'),
  NotEqual: equalityKernel('NotEqual'),
  LessEqual: binaryKernel('LessEqual'),
  Greater: binaryKernel('Greater'),
  GreaterEqual: binaryKernel('GreaterEqual'),
  LogicalOr: binaryKernel('LogicalOr'),

  Select: selectKernel,
  SelectV2: selectV2Kernel,
  ClipByValue: { select: (sig) => (sig.inputs[0] === 'string' || sig.inputs[0] === 'bool' ? undefined : clipKernel) },
};
