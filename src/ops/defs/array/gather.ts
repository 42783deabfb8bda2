import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import type { NDArray } from '../../../core/ndarray.js';
import { currentContext } from '../../context.js';
import type { OpView } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import { AddV2 } from '../math/binary.js';
import { UnsortedSegmentSum } from '../math/unsorted-segment-sum.js';
import { ConcatV2 } from './concat.js';
import { Reshape } from './reshape.js';
import { Shape } from './shape.js';
import { StridedSlice } from './strided-slice.js';
import { Transpose } from './transpose.js';
import type { Tensor, TensorInput } from '../../types.js';
import { ALL, INDEX } from '../dtype-sets.js';

export const GatherV2 = registerOp({
  type: 'GatherV2',
  grad: (op, [dy]) => [dy ? gatherGrad(op, dy) : null, null, null],
  inputs: [
    { name: 'params', typeAttr: 'Tparams' },
    { name: 'indices', typeAttr: 'Tindices' },
    { name: 'axis', typeAttr: 'Taxis' },
  ],
  outputs: [{ name: 'output', typeAttr: 'Tparams' }],
  attrs: [
    { name: 'batch_dims', type: 'int', default: 0 },
    { name: 'Tparams', type: 'type', allowed: ALL },
    { name: 'Tindices', type: 'type', allowed: INDEX, default: 'int32' },
    { name: 'Taxis', type: 'type', allowed: INDEX, default: 'int32' },
  ],
  shape: (ctx) => {
    const p = ctx.inputShape(0);
    const idx = ctx.inputShape(1);
    const axisV = ctx.inputValue(2);
    let bd = ctx.attr<number>('batch_dims');
    if (bd < 0 && idx.dims !== null) bd += idx.dims.length;
    if (p.dims === null || idx.dims === null) return [new TensorShape(null)];
    const r = p.dims.length;
    if (!axisV) return [new TensorShape(new Array(r + idx.dims.length - 1 - bd).fill(null))];
    let axis = Number(axisV.data[0]);
    const need = axis < 0 ? -axis : axis + 1;
    if (r < need) ctx.fail(`Shape must be at least rank ${need} but is rank ${r}`);
    if (axis < 0) axis += r;
    if (bd !== 0) {
      // TensorFlow's shape function leaves these to the kernel.
      if (bd < 0 || bd > axis || bd > idx.dims.length) return [new TensorShape(null)];
      for (let i = 0; i < bd; i++) {
        const x = p.dims[i] ?? null;
        const y = idx.dims[i] ?? null;
        if (x !== null && y !== null && x !== y) ctx.fail(`Dimensions must be equal, but are ${x} and ${y}`);
      }
    }
    return [new TensorShape([...p.dims.slice(0, axis), ...idx.dims.slice(bd), ...p.dims.slice(axis + 1)])];
  },
});

/** `tf.gather`'s parameters by name, for an options object at any position after `params, indices`. */
export interface GatherOptions {
  /** Deprecated in TensorFlow and ignored. */
  validateIndices?: boolean | null;
  name?: string;
  axis?: number | null;
  batchDims?: number;
}

/** `tf.gather(params, indices, validateIndices, name, axis, batchDims)`: slices of `params` at `indices` along `axis`. */
export function gather(
  params: TensorInput,
  indices: TensorInput,
  validateIndices?: boolean | null | GatherOptions,
  name?: string | GatherOptions,
  axis?: number | null | GatherOptions,
  batchDims?: number | GatherOptions,
): Tensor;
export function gather(...args: unknown[]): Tensor {
  const a = normalizeArgs('gather', ['params', 'indices', 'validateIndices', 'name', 'axis', 'batchDims'], args);
  const batchDims = (a.batchDims as number | undefined) ?? 0;
  // As TensorFlow: the axis defaults to batch_dims.
  return applyOp1(GatherV2, [a.params, a.indices, a.axis ?? batchDims], { batch_dims: batchDims }, nameArg(a));
}

/**
 * TensorFlow's _GatherV2Grad for batch_dims = 0, with its IndexedSlices densified as TensorFlow
 * densifies them (UnsortedSegmentSum): dy's axis moved to the front, summed per index, moved back.
 */
function gatherGrad(op: OpView, dy: Tensor): Tensor {
  const [params, indices, axisT] = op.inputs as [Tensor, Tensor, Tensor];
  if (op.attrs.batch_dims !== 0) return batchGatherGrad(op, dy);
  const axisV = constantValue(axisT);
  const rank = params.shape.rank;
  if (axisV === null || rank === null) throw new TypeError('The gradient of tf.gather needs a constant axis and a params tensor of known rank');
  const axis = axisV < 0 ? axisV + rank : axisV;
  const ctx = currentContext();
  const i32 = (v: number[]) => ctx.convertToTensor(v, 'int32');
  const pShape = applyOp1(Shape, [params], {});
  const iRank = indices.shape.rank;
  if (iRank === null) throw new TypeError('The gradient of tf.gather needs indices of known rank');
  const flatIdx = applyOp1(Reshape, [indices, i32([-1])], {});
  // dy has shape params[:axis] + indices.shape + params[axis+1:]; flatten the indices' axes.
  const before = applyOp1(StridedSlice, [pShape, i32([0]), i32([axis]), i32([1])], {});
  const after = applyOp1(StridedSlice, [pShape, i32([axis + 1]), i32([0]), i32([1])], { end_mask: 1 });
  const values = applyOp1(Reshape, [dy, applyOp1(ConcatV2, [[before, i32([-1]), after], 0], {})], {});
  const n = applyOp1(StridedSlice, [pShape, i32([axis]), i32([axis + 1]), i32([1])], { shrink_axis_mask: 1 });
  if (axis === 0) return applyOp1(UnsortedSegmentSum, [values, flatIdx, n], {});
  const perm = [axis, ...Array.from({ length: axis }, (_, i) => i), ...Array.from({ length: rank - axis - 1 }, (_, i) => axis + 1 + i)];
  const inv = perm.map((_, i) => perm.indexOf(i));
  const summed = applyOp1(UnsortedSegmentSum, [applyOp1(Transpose, [values, i32(perm)], {}), flatIdx, n], {});
  return applyOp1(Transpose, [summed, i32(inv)], {});
}

/**
 * The gradient with batch_dims > 0 (TensorFlow's _BatchGatherGrad, with static shapes): with B the
 * batch size, O the dims between the batch dims and the axis, N the axis size, J the index dims
 * after the batch dims and I the inner dims, dy [B, O, J, I] is transposed to [B·J, O, I] and
 * summed into B·N segments at (batch · N + index), then laid out back as [B, O, N, I].
 */
function batchGatherGrad(op: OpView, dy: Tensor): Tensor {
  const [params, indices, axisT] = op.inputs as [Tensor, Tensor, Tensor];
  const pDims = params.shape.dims;
  const iDims = indices.shape.dims;
  const axisV = constantValue(axisT);
  if (pDims === null || iDims === null || !params.shape.isFullyDefined() || !indices.shape.isFullyDefined() || axisV === null) {
    throw new TypeError('The gradient of tf.gather with batchDims needs params and indices of fully known shapes and a constant axis');
  }
  const p = pDims as number[];
  const q = iDims as number[];
  let bd = op.attrs.batch_dims as number;
  if (bd < 0) bd += q.length;
  const axis = axisV < 0 ? axisV + p.length : axisV;
  const prod = (a: number[]) => a.reduce((x, y) => x * y, 1);
  const [B, O, N, I, J] = [prod(p.slice(0, bd)), prod(p.slice(bd, axis)), p[axis] as number, prod(p.slice(axis + 1)), prod(q.slice(bd))];
  const ctx = currentContext();
  const ints = (v: number[]) => ctx.convertToTensor(v, 'int32');
  const values = applyOp1(Reshape, [applyOp1(Transpose, [applyOp1(Reshape, [dy, ints([B, O, J, I])], {}), ints([0, 2, 1, 3])], {}), ints([B * J, O, I])], {});
  const offsets = ctx.convertToTensor(
    indices.dtype === 'int64' ? BigInt64Array.from({ length: B }, (_, b) => BigInt(b * N)) : Int32Array.from({ length: B }, (_, b) => b * N),
  );
  const ids = applyOp1(
    Reshape,
    [applyOp1(AddV2, [applyOp1(Reshape, [indices, ints([B, J])], {}), applyOp1(Reshape, [offsets, ints([B, 1])], {})], {}), ints([-1])],
    {},
  );
  const summed = applyOp1(UnsortedSegmentSum, [values, ids, ctx.convertToTensor(B * N, 'int32')], {});
  const back = applyOp1(Transpose, [applyOp1(Reshape, [summed, ints([B, N, O, I])], {}), ints([0, 2, 1, 3])], {});
  return applyOp1(Reshape, [back, ints(p)], {});
}

/** A scalar int Const's value, else null. */
function constantValue(t: Tensor): number | null {
  const op = (t as { op?: { type?: string; attrs?: Record<string, unknown> } }).op;
  if (op?.type !== 'Const') return null;
  const v = op.attrs?.value as NDArray | undefined;
  return v && v.size === 1 ? Number(v.data[0]) : null;
}
