import { simpleBuilder } from '../../builder.js';
import { registerOp } from '../../registry.js';
import { unchangedShape } from '../../shape-fns.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
import { ARITHMETIC } from '../dtype-sets.js';
import { applyOp1 } from '../../builder.js';
import { Const } from '../array/const.js';
import { Mul } from './binary.js';
import { toNDArray } from '../../../core/convert.js';

export const Square = registerOp({
  type: 'Square',
  elementwise: true,
  grad: (op, [dy]) => {
    if (!dy) return [null];
    const x = op.inputs[0] as Tensor;
    const two = applyOp1(Const, [], { value: toNDArray(2, x.dtype), dtype: x.dtype });
    return [applyOp1(Mul, [dy, applyOp1(Mul, [x, two], {})], {})];
  },
  inputs: [{ name: 'x', typeAttr: 'T' }],
  outputs: [{ name: 'y', typeAttr: 'T' }],
  attrs: [{ name: 'T', type: 'type', allowed: ARITHMETIC }],
  shape: unchangedShape,
});

/** `tf.square(x, name)`: x * x elementwise (op Square). */
export const square: (x: TensorInput, name?: NameOrOptions) => Tensor = simpleBuilder('square', Square, ['x']);
