import { filled } from '../../../core/convert.js';
import { type DType, type DTypeLike, toDType } from '../../../core/dtypes.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import type { Tensor, TensorInput } from '../../types.js';
import { Const } from './const.js';
import { Fill } from './fill.js';

// TensorFlow's _constant_if_small: below this many elements the result is one Const op.
const SMALL = 1000;

/** `tf.zeros` / `tf.ones` parameters by name, for an options object at any position after `shape`. */
export interface FilledOptions {
  dtype?: DTypeLike | null;
  name?: string;
}

/** `tf.zeros(shape, dtype, name)` / `tf.ones(shape, dtype, name)`. */
export type FilledBuilder = (shape: TensorInput, dtype?: DTypeLike | null | FilledOptions, name?: string | FilledOptions) => Tensor;

function filledBuilder(fnName: string, scopeName: string, value: 0 | 1): FilledBuilder {
  return (...args: unknown[]) => {
    const a = normalizeArgs(fnName, ['shape', 'dtype', 'name'], args);
    const dtype: DType = a.dtype === undefined || a.dtype === null ? 'float32' : toDType(a.dtype);
    const one = dtype === 'bool' ? value === 1 : dtype === 'int64' ? BigInt(value) : dtype === 'string' ? '' : value;
    const ctx = currentContext();
    return ctx.withNameScope(nameArg(a), scopeName, [a.shape], (scope) => {
      const shape = a.shape;
      if (Array.isArray(shape) && shape.every((d) => typeof d === 'number')) {
        const dims = shape as number[];
        if (dims.some((d) => !Number.isInteger(d) || d < 0)) {
          throw new TypeError(`${fnName}: shape must be a list of non-negative integers, got [${dims.join(', ')}]`);
        }
        const size = dims.reduce((x, y) => x * y, 1);
        if (size < SMALL) {
          const arr = filled(dtype, dims, one);
          return applyOp1(Const, [], { value: arr, dtype }, scope);
        }
      }
      const value0 = ctx.convertToTensor(one, dtype);
      return applyOp1(Fill, [shape, value0], {}, scope);
    });
  };
}

/** `tf.zeros(shape, dtype='float32', name)`: a tensor of zeros (a Const when small, else Fill). */
export const zeros: FilledBuilder = filledBuilder('zeros', 'zeros', 0);
/** `tf.ones(shape, dtype='float32', name)`: a tensor of ones (a Const when small, else Fill). */
export const ones: FilledBuilder = filledBuilder('ones', 'ones', 1);
