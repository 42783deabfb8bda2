// Helpers for the reduction gradients (TF math_grad.py's _SumGrad, _MeanGrad, _MinOrMaxGrad,
// _ProdGrad): the kept-dims output shape and broadcasting back to the input.
import { NDArray } from '../../../core/ndarray.js';
import { applyOp1 } from '../../builder.js';
import type { OpView } from '../../opdef.js';
import type { Tensor } from '../../types.js';
import { Const } from '../array/const.js';
import { BroadcastTo } from '../array/broadcast-to.js';
import { Reshape } from '../array/reshape.js';
import { Shape } from '../array/shape.js';
import { AddV2, Mul } from './binary.js';

/** The build-time value of a Const tensor, else null. */
export function constOf(t: Tensor): NDArray | null {
  const op = (t as { op?: { type: string; attrs: Record<string, unknown> } }).op;
  return op?.type === 'Const' ? (op.attrs.value as NDArray) : null;
}

const i32 = (v: number[]) => applyOp1(Const, [], { value: new NDArray('int32', [v.length], Int32Array.from(v)), dtype: 'int32' });

/**
 * TensorFlow's `reduced_shape(shape(x), axes)`: x's shape with the reduced axes set to 1, for
 * reshaping a reduction's gradient. Static when x's shape and the axes are known; from Shape(x)
 * and a mask when only the rank is; else the shape of a keep-dims reduction of x (`reduceKeep`).
 */
export function keptDimsShape(op: OpView, reduceKeep: () => Tensor): Tensor {
  const x = op.inputs[0] as Tensor;
  const axes = constOf(op.inputs[1] as Tensor);
  const rank = x.shape.rank;
  if (axes === null || rank === null) return applyOp1(Shape, [reduceKeep()], {});
  const set = new Set(Array.from(axes.data as ArrayLike<number | bigint>, (a) => ((Number(a) % rank) + rank) % rank));
  const dims = x.shape.dims as readonly (number | null)[];
  if (dims.every((d) => d !== null)) return i32(dims.map((d, i) => (set.has(i) ? 1 : (d as number))));
  // kept = shape(x)·mask + (1 - mask), mask 0 on the reduced axes.
  const mask = dims.map((_d, i) => (set.has(i) ? 0 : 1));
  return applyOp1(AddV2, [applyOp1(Mul, [applyOp1(Shape, [x], {}), i32(mask)], {}), i32(mask.map((m) => 1 - m))], {});
}

/** `g` reshaped to the kept-dims shape and broadcast to x's shape (TF: reshape + broadcast_to). */
export function broadcastToInput(x: Tensor, g: Tensor, kept: Tensor): Tensor {
  const r = applyOp1(Reshape, [g, kept], {});
  const dims = x.shape.dims;
  const shape = dims?.every((d) => d !== null) ? i32(dims as number[]) : applyOp1(Shape, [x], {});
  return applyOp1(BroadcastTo, [r, shape], {});
}
