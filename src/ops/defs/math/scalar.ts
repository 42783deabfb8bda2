import type { DType } from '../../../core/dtypes.js';
import { toNDArray } from '../../../core/convert.js';
import { applyOp1 } from '../../builder.js';
import type { Tensor } from '../../types.js';
import { Const } from '../array/const.js';

/** A scalar Const of `dtype`, for the constants gradient functions need (TF's `constant_op.constant(2, dtype)`). */
export function scalarConst(value: number, dtype: DType): Tensor {
  return applyOp1(Const, [], { value: toNDArray(value, dtype), dtype });
}
