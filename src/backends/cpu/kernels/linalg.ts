// BiasAdd / BiasAddGrad, BatchMatMulV2 and Einsum kernels.
import { broadcastShapes } from '../../../core/broadcast.js';
import type { DType } from '../../../core/dtypes.js';
import { InvalidArgumentError } from '../../../core/errors.js';
import { shapeDebugString, sizeOf } from '../../../core/shape.js';
import type { Kernel } from '../../backend.js';
import { type ComputeArray, type ComputeDType, biasAdd, einsum, matmul, reduce } from '../compute/index.js';
import { type KernelEntry, arr, out } from '../values.js';
import { broadcastIndex } from './math-binary.js';
import { parseEinsum } from '../../../ops/defs/math/einsum.js';

const numeric = (d: DType) => d !== 'string' && d !== 'bool';

const biasAddKernel: KernelEntry = {
  select: (sig) => {
    const dtype = sig.inputs[0] as DType;
    if (!numeric(dtype)) return undefined;
    const run = biasAdd(dtype as ComputeDType);
    const k: Kernel = (inputs, ctx) => {
      const v = arr(inputs, 0);
      const b = arr(inputs, 1);
      const format = ctx.env.attrs.data_format === 'NCHW' ? 'NCHW' : 'NHWC';
      if (v.rank < 2) throw new InvalidArgumentError(null, null, `Input tensor must be at least 2D: ${shapeDebugString(v.shape)}`);
      if (b.rank !== 1) throw new InvalidArgumentError(null, null, `Biases must be 1D: ${shapeDebugString(b.shape)}`);
      const axis = format === 'NCHW' ? 1 : v.rank - 1;
      if (b.shape[0] !== v.shape[axis]) {
        throw new InvalidArgumentError(
          null,
          null,
          `Must provide as many biases as the last dimension of the input tensor: ${shapeDebugString(b.shape)} vs. ${shapeDebugString(v.shape)}`,
        );
      }
      const o = out(ctx, 0, dtype, v.shape);
      run(v.data as ComputeArray, v.shape, b.data as ComputeArray, o.data as ComputeArray, format);
      return [o];
    };
    return k;
  },
};

const biasAddGradKernel: KernelEntry = {
  select: (sig) => {
    const dtype = sig.inputs[0] as DType;
    if (!numeric(dtype)) return undefined;
    const sum = reduce('Sum', dtype as ComputeDType);
    const k: Kernel = (inputs, ctx) => {
      const g = arr(inputs, 0);
      if (g.rank < 2) throw new InvalidArgumentError(null, null, `Input tensor must be at least 2D: ${shapeDebugString(g.shape)}`);
      const axis = ctx.env.attrs.data_format === 'NCHW' ? 1 : g.rank - 1;
      const o = out(ctx, 0, dtype, [g.shape[axis] as number]);
      const axes = g.shape.map((_d, i) => i).filter((i) => i !== axis);
      sum(g.data as ComputeArray, g.shape, axes, o.data as ComputeArray);
      return [o];
    };
    return k;
  },
};

const BMM_KERNELS: readonly DType[] = ['float16', 'float32', 'float64', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64'];

/**
 * A BatchMatMulV2's geometry, checked as TensorFlow's kernel checks it (its messages): the batch
 * shape (the inputs' batch dims broadcast), the product's m, n, k, and for each output batch the
 * index of the x and y matrix it multiplies.
 */
export function batchMatMulGeometry(xShape: readonly number[], yShape: readonly number[], ax: boolean, ay: boolean): { batch: number[]; m: number; n: number; k: number; xi: Int32Array; yi: Int32Array } {
  const [xRank, yRank] = [xShape.length, yShape.length];
  if (xRank < 2) throw new InvalidArgumentError(null, null, `In[0] ndims must be >= 2: ${xRank}`);
  if (yRank < 2) throw new InvalidArgumentError(null, null, `In[1] ndims must be >= 2: ${yRank}`);
  const bx = xShape.slice(0, -2);
  const by = yShape.slice(0, -2);
  const batch = broadcastShapes(bx, by);
  if (batch === null) {
    throw new InvalidArgumentError(null, null, `In[0] and In[1] must have compatible batch dimensions: ${shapeDebugString(xShape)} vs. ${shapeDebugString(yShape)}`);
  }
  const [xr, xc] = [xShape[xRank - 2] as number, xShape[xRank - 1] as number];
  const [yr, yc] = [yShape[yRank - 2] as number, yShape[yRank - 1] as number];
  const [m, k1] = ax ? [xc, xr] : [xr, xc];
  const [k2, n] = ay ? [yc, yr] : [yr, yc];
  if (k1 !== k2) {
    throw new InvalidArgumentError(null, null, `Matrix size-incompatible: In[0]: ${shapeDebugString(xShape)}, In[1]: ${shapeDebugString(yShape)} ${Number(ax)} ${Number(ay)}`);
  }
  return { batch, m, n, k: k1, xi: broadcastIndex(bx, batch), yi: broadcastIndex(by, batch) };
}

const batchMatMulKernel: KernelEntry = {
  select: (sig) => {
    const dtype = sig.inputs[0] as DType;
    if (!BMM_KERNELS.includes(dtype)) return undefined;
    const mm = matmul(dtype as ComputeDType);
    const k: Kernel = (inputs, ctx) => {
      const x = arr(inputs, 0);
      const y = arr(inputs, 1);
      const ax = ctx.env.attrs.adj_x === true;
      const ay = ctx.env.attrs.adj_y === true;
      const { batch, m, n, k: k1, xi, yi } = batchMatMulGeometry(x.shape, y.shape, ax, ay);
      const [xr, xc] = [x.shape[x.rank - 2] as number, x.shape[x.rank - 1] as number];
      const [yr, yc] = [y.shape[y.rank - 2] as number, y.shape[y.rank - 1] as number];
      const o = out(ctx, 0, dtype, [...batch, m, n]);
      const [xs, ys, os] = [xr * xc, yr * yc, m * n];
      const [xd, yd, od] = [x.data as Float32Array, y.data as Float32Array, o.data as Float32Array];
      for (let i = 0; i < sizeOf(batch); i++) {
        const xo = (xi[i] as number) * xs;
        const yo = (yi[i] as number) * ys;
        mm(xd.subarray(xo, xo + xs), yd.subarray(yo, yo + ys), od.subarray(i * os, (i + 1) * os), m, n, k1, ax, ay);
      }
      return [o];
    };
    return k;
  },
};

const EINSUM_KERNELS: readonly DType[] = ['float16', 'float32', 'float64', 'int32', 'int64'];

const einsumKernel: KernelEntry = {
  select: (sig, attrs) => {
    const dtype = sig.inputs[0] as DType;
    if (!EINSUM_KERNELS.includes(dtype)) return undefined;
    const spec = parseEinsum(attrs.equation as string);
    const k: Kernel = (inputs, ctx) => {
      const xs = spec.inputs.map((_l, i) => arr(inputs, i));
      const sizes = new Map<string, number>();
      spec.inputs.forEach((labels, i) => {
        const x = xs[i] as (typeof xs)[number];
        if (x.rank !== labels.length) {
          throw new InvalidArgumentError(null, null, `Input ${i} to einsum has rank ${x.rank} but the equation expects rank ${labels.length}`);
        }
        [...labels].forEach((c, j) => {
          const d = x.shape[j] as number;
          const prev = sizes.get(c);
          if (prev !== undefined && prev !== d) {
            throw new InvalidArgumentError(null, null, `Expected dimension ${prev} at axis ${j} of the input shaped ${shapeDebugString(x.shape)} but got dimension ${d}`);
          }
          sizes.set(c, d);
        });
      });
      const o = out(ctx, 0, dtype, [...spec.output].map((c) => sizes.get(c) as number));
      einsum(dtype as ComputeDType, spec.inputs, xs.map((x) => x.shape), xs.map((x) => x.data as ComputeArray), spec.output, sizes, o.data as ComputeArray);
      return [o];
    };
    return k;
  },
};

export const linalgKernels: Record<string, KernelEntry> = {
  BiasAdd: biasAddKernel,
  BiasAddGrad: biasAddGradKernel,
  BatchMatMulV2: batchMatMulKernel,
  Einsum: einsumKernel,
};
