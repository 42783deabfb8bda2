// CPU kernels of ResizeBilinear, ResizeNearestNeighbor and their gradients (NHWC only, as TF).
import type { DType } from '../../../core/dtypes.js';
import type { Attrs } from '../../../ops/types.js';
import { type ComputeArray, allocateFor, floatToHalf, halfToFloat } from '../compute/index.js';
import type { PoolArray } from '../compute/pool.js';
import { type ResizeGeometry, resizeBilinear, resizeBilinearGrad, resizeNearest, resizeNearestGrad } from '../compute/resize.js';
import type { CpuTensor } from '../tensor.js';
import { type KernelEntry, arr, intList, out } from '../values.js';
import { invalid, newWork, storeWork } from './nn-common.js';

const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/** The values as numbers or bigints; float16 decoded. */
function valuesOf(t: CpuTensor): PoolArray {
  const d = t.data as ComputeArray;
  if (t.dtype !== 'float16') return d;
  const n = size(t.shape);
  const f = new Float32Array(n);
  for (let i = 0; i < n; i++) f[i] = halfToFloat(d[i] as number);
  return f;
}

/**
 * The output size from `size` (its shape and values) and the mode attrs, with TensorFlow's
 * ImageResizerState checks (its messages).
 */
export function resizeGeometry(xShape: readonly number[], sizeShape: readonly number[], s: readonly number[], attrs: Attrs): ResizeGeometry {
  const alignCorners = attrs.align_corners === true;
  const halfPixelCenters = attrs.half_pixel_centers === true;
  if (halfPixelCenters && alignCorners) invalid('If half_pixel_centers is True, align_corners must be False.');
  if (xShape.length !== 4) invalid(`input must be 4-dimensional[${xShape.join(',')}]`);
  if (sizeShape.length !== 1 || s.length !== 2) invalid(`shape_t must be 1-dimensional and 2 elements[${sizeShape.join(',')}]`);
  const [outH, outW] = s as [number, number];
  const [batch, inH, inW, depth] = xShape as [number, number, number, number];
  if (outH <= 0 || outW <= 0) invalid('output dimensions must be positive');
  if (inH <= 0 || inW <= 0) invalid('input image must be of non-zero size');
  return { batch, inH, inW, depth, outH, outW, alignCorners, halfPixelCenters };
}

const geometry = (x: CpuTensor, sizeT: CpuTensor, attrs: Attrs): ResizeGeometry => resizeGeometry(x.shape, sizeT.shape, intList(sizeT), attrs);

export const resizeKernels: Record<string, KernelEntry> = {
  ResizeBilinear: (inputs, ctx) => {
    const x = arr(inputs, 0);
    const g = geometry(x, arr(inputs, 1), ctx.env.attrs);
    const o = out(ctx, 0, 'float32', [g.batch, g.outH, g.outW, g.depth]);
    resizeBilinear(valuesOf(x), g, o.data as Float32Array);
    return [o];
  },

  ResizeBilinearGrad: {
    select: (sig) => {
      const dtype = sig.inputs[1] as DType;
      return (inputs, ctx) => {
        const dy = arr(inputs, 0);
        const x = arr(inputs, 1);
        const attrs = ctx.env.attrs;
        if (attrs.half_pixel_centers === true && attrs.align_corners === true) invalid('If half_pixel_centers is True, align_corners must be False.');
        if (dy.rank !== 4) invalid(`input_grad must be 4-dimensional[${dy.shape.join(',')}]`);
        if (x.rank !== 4) invalid(`original_image must be 4-dimensional[${x.shape.join(',')}]`);
        const [batch, inH, inW, depth] = x.shape as [number, number, number, number];
        const [b2, outH, outW, d2] = dy.shape as [number, number, number, number];
        if (b2 !== batch || d2 !== depth) invalid('input_grad and original_image must have the same batch size and depth');
        const g: ResizeGeometry = { batch, inH, inW, depth, outH, outW, alignCorners: attrs.align_corners === true, halfPixelCenters: attrs.half_pixel_centers === true };
        const o = out(ctx, 0, dtype, x.shape);
        const n = size(x.shape);
        const work = newWork(dtype, n) as Float32Array | Float64Array;
        resizeBilinearGrad(dy.data as Float32Array, g, work);
        storeWork(work, o, n);
        return [o];
      };
    },
  },

  ResizeNearestNeighbor: {
    select: (sig) => {
      const dtype = sig.inputs[0] as DType;
      return (inputs, ctx) => {
        const x = arr(inputs, 0);
        const g = geometry(x, arr(inputs, 1), ctx.env.attrs);
        const o = out(ctx, 0, dtype, [g.batch, g.outH, g.outW, g.depth]);
        // A plain copy: float16 bits move unchanged.
        resizeNearest(x.data as PoolArray, g, o.data as PoolArray);
        return [o];
      };
    },
  },

  ResizeNearestNeighborGrad: {
    select: (sig) => {
      const dtype = sig.inputs[0] as DType;
      return (inputs, ctx) => {
        const dy = arr(inputs, 0);
        const attrs = ctx.env.attrs;
        if (attrs.half_pixel_centers === true && attrs.align_corners === true) invalid('If half_pixel_centers is True, align_corners must be False.');
        if (dy.rank !== 4) invalid(`input must be 4-dimensional[${dy.shape.join(',')}]`);
        const sizeT = arr(inputs, 1);
        const s = intList(sizeT);
        if (sizeT.rank !== 1 || s.length !== 2) invalid(`shape_t must be 1-dimensional and 2 elements[${sizeT.shape.join(',')}]`);
        const [batch, outH, outW, depth] = dy.shape as [number, number, number, number];
        const [inH, inW] = s as [number, number];
        if (inH <= 0 || inW <= 0) invalid('output dimensions must be positive');
        const g: ResizeGeometry = { batch, inH, inW, depth, outH, outW, alignCorners: attrs.align_corners === true, halfPixelCenters: attrs.half_pixel_centers === true };
        const shape = [batch, inH, inW, depth];
        const n = size(shape);
        const o = out(ctx, 0, dtype, shape);
        const acc = (dtype === 'float16' ? new Float32Array(n) : allocateFor(dtype as never, n)) as unknown as PoolArray;
        acc.fill(0);
        resizeNearestGrad(valuesOf(dy), g, acc);
        const d = o.data as unknown as PoolArray;
        for (let i = 0; i < n; i++) d[i] = dtype === 'float16' ? floatToHalf(acc[i] as number) : acc[i];
        return [o];
      };
    },
  },
};
