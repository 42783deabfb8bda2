// ResizeBilinear, ResizeNearestNeighbor and their gradients, with the TF1 builders
// tf.image.resizeBilinear / resizeNearestNeighbor (images, size, alignCorners, name, halfPixelCenters).
import type { DType } from '../../../core/dtypes.js';
import { TensorShape } from '../../../core/shape.js';
import type { Dim } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import type { AttrDef, InferContext, OpDef } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import type { Attrs, Tensor, TensorInput } from '../../types.js';
import { constant } from '../array/const.js';
import { GatherV2 } from '../array/gather.js';
import { Shape } from '../array/shape.js';
import { rank4 } from '../nn/conv-util.js';

const RESIZE_BILINEAR_TYPES: readonly DType[] = ['int8', 'uint8', 'int16', 'uint16', 'int32', 'int64', 'float16', 'float32', 'float64'];
const RESIZE_NN_TYPES: readonly DType[] = ['int8', 'uint8', 'int16', 'uint16', 'int32', 'int64', 'float16', 'float32', 'float64'];
const RESIZE_NN_GRAD_TYPES: readonly DType[] = ['uint8', 'int8', 'int32', 'float16', 'float32', 'float64'];
const FLOATS: readonly DType[] = ['float32', 'float16', 'float64'];

const modeAttrs: AttrDef[] = [
  { name: 'align_corners', type: 'bool', default: false },
  { name: 'half_pixel_centers', type: 'bool', default: false },
];

/** TensorFlow's ResizeShapeHelper: [batch, size[0], size[1], channels]. */
function resizedShape(ctx: InferContext): TensorShape[] {
  const x = rank4(ctx, 0);
  const s = ctx.inputShape(1);
  if (s.rank !== null && s.rank !== 1) ctx.fail(`Shape must be rank 1 but is rank ${s.rank}`);
  const len = s.dims?.[0] ?? null;
  if (len !== null && len !== 2) ctx.fail(`Dimension must be 2 but is ${len}`);
  const v = ctx.inputValue(1);
  const hw: Dim[] = v ? Array.from(v.data as ArrayLike<number>, Number) : [null, null];
  return [new TensorShape([x[0] ?? null, hw[0] ?? null, hw[1] ?? null, x[3] ?? null])];
}

/** An image's [height, width] as an int32 tensor: a constant when known statically (image_grad.py). */
function spatialSize(x: Tensor): Tensor {
  const dims = x.shape.dims;
  const h = dims?.[1] ?? null;
  const w = dims?.[2] ?? null;
  if (h !== null && w !== null) return constant([h, w], { dtype: 'int32' });
  return applyOp1(GatherV2, [applyOp1(Shape, [x], {}), constant([1, 2], { dtype: 'int32' }), constant(0, { dtype: 'int32' })], {});
}

const modes = (op: { attrs: Attrs }): Attrs => ({ align_corners: op.attrs.align_corners as boolean, half_pixel_centers: op.attrs.half_pixel_centers as boolean });

export const ResizeBilinear: OpDef = registerOp({
  type: 'ResizeBilinear',
  inputs: [
    { name: 'images', typeAttr: 'T' },
    { name: 'size', dtype: 'int32' },
  ],
  outputs: [{ name: 'resized_images', dtype: 'float32' }],
  attrs: [{ name: 'T', type: 'type', allowed: RESIZE_BILINEAR_TYPES }, ...modeAttrs],
  shape: resizedShape,
  // image_grad.py's _ResizeBilinearGrad.
  grad: (op, [dy]) => {
    if (!dy) return [null, null];
    const x = op.inputs[0] as Tensor;
    if (!FLOATS.includes(x.dtype as DType)) return [null, null];
    return [applyOp1(ResizeBilinearGrad, [dy, x], modes(op)), null];
  },
});

export const ResizeBilinearGrad: OpDef = registerOp({
  type: 'ResizeBilinearGrad',
  inputs: [
    { name: 'grads', dtype: 'float32' },
    { name: 'original_image', typeAttr: 'T' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [{ name: 'T', type: 'type', allowed: FLOATS }, ...modeAttrs],
  shape: (ctx) => [new TensorShape(rank4(ctx, 1))],
  // TensorFlow registers none (LookupError); the op is linear in `grads`, whose gradient is the
  // forward resize back to the grads' size (its adjoint). `original_image` only gives a shape.
  grad: (op, [g]) => (g ? [applyOp1(ResizeBilinear, [g, spatialSize(op.inputs[0] as Tensor)], modes(op)), null] : [null, null]),
});

export const ResizeNearestNeighbor: OpDef = registerOp({
  type: 'ResizeNearestNeighbor',
  inputs: [
    { name: 'images', typeAttr: 'T' },
    { name: 'size', dtype: 'int32' },
  ],
  outputs: [{ name: 'resized_images', typeAttr: 'T' }],
  attrs: [{ name: 'T', type: 'type', allowed: RESIZE_NN_TYPES }, ...modeAttrs],
  shape: resizedShape,
  // image_grad.py's _ResizeNearestNeighborGrad: the original height and width as `size`.
  grad: (op, [dy]) => {
    if (!dy) return [null, null];
    return [applyOp1(ResizeNearestNeighborGrad, [dy, spatialSize(op.inputs[0] as Tensor)], modes(op)), null];
  },
});

export const ResizeNearestNeighborGrad: OpDef = registerOp({
  type: 'ResizeNearestNeighborGrad',
  inputs: [
    { name: 'grads', typeAttr: 'T' },
    { name: 'size', dtype: 'int32' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [{ name: 'T', type: 'type', allowed: RESIZE_NN_GRAD_TYPES }, ...modeAttrs],
  shape: resizedShape,
  // TensorFlow registers none (LookupError); the adjoint of this linear op is the forward resize.
  grad: (op, [g]) => (g ? [applyOp1(ResizeNearestNeighbor, [g, spatialSize(op.inputs[0] as Tensor)], modes(op)), null] : [null, null]),
});

export interface ResizeOptions {
  alignCorners?: boolean;
  halfPixelCenters?: boolean;
  name?: string;
}

type ResizeBuilder = (
  images: TensorInput,
  size: TensorInput,
  alignCorners?: boolean | ResizeOptions,
  name?: string | ResizeOptions,
  halfPixelCenters?: boolean | ResizeOptions,
) => Tensor;

function resizeBuilder(fnName: string, def: OpDef): ResizeBuilder {
  return (...args: unknown[]) => {
    const x = normalizeArgs(fnName, ['images', 'size', 'alignCorners', 'name', 'halfPixelCenters'], args);
    return applyOp1(def, [x.images, x.size], { align_corners: Boolean(x.alignCorners), half_pixel_centers: Boolean(x.halfPixelCenters) }, nameArg(x));
  };
}

/** `tf.image.resizeBilinear(images, size, alignCorners=false, name, halfPixelCenters=false)` (TF1): float32 output. */
export const resizeBilinear: ResizeBuilder = resizeBuilder('resize_bilinear', ResizeBilinear);
/** `tf.image.resizeNearestNeighbor(images, size, alignCorners=false, name, halfPixelCenters=false)` (TF1). */
export const resizeNearestNeighbor: ResizeBuilder = resizeBuilder('resize_nearest_neighbor', ResizeNearestNeighbor);
