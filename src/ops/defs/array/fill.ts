import { TensorShape } from '../../../core/shape.js';
import { simpleBuilder } from '../../builder.js';
import { registerOp } from '../../registry.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
import { ALL, INDEX } from '../dtype-sets.js';
import { Sum } from '../math/sum.js';
import { Range, Rank } from './range.js';
import { Const } from './const.js';
import { NDArray } from '../../../core/ndarray.js';
import { applyOp1 } from '../../builder.js';

export const Fill = registerOp({
  type: 'Fill',
  grad: (_op, [dy]) => [null, dy ? applyOp1(Sum, [dy, applyOp1(Range, [applyOp1(Const, [], { value: new NDArray('int32', [], Int32Array.of(0)), dtype: 'int32' }), applyOp1(Rank, [dy], {}), applyOp1(Const, [], { value: new NDArray('int32', [], Int32Array.of(1)), dtype: 'int32' })], {})], {}) : null],
  inputs: [
    { name: 'dims', typeAttr: 'index_type' },
    { name: 'value', typeAttr: 'T' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [
    { name: 'T', type: 'type', allowed: ALL },
    { name: 'index_type', type: 'type', allowed: INDEX, default: 'int32' },
  ],
  shape: (ctx) => {
    const d = ctx.inputShape(0);
    if (d.rank !== null && d.rank !== 1) ctx.fail(`Shape must be rank 1 but is rank ${d.rank}`);
    const v = ctx.inputShape(1);
    if (v.rank !== null && v.rank !== 0) ctx.fail(`Shape must be rank 0 but is rank ${v.rank}`);
    const dims = ctx.inputValue(0);
    if (dims) {
      // as TensorFlow: a value below -1 is no shape at all, -1 an unknown dim that Fill refuses
      for (const d of Array.from(dims.data as ArrayLike<number | bigint>, Number)) {
        if (d < -1) ctx.fail(`Invalid value in tensor used for shape: ${d}`);
      }
      for (const d of Array.from(dims.data as ArrayLike<number | bigint>, Number)) {
        if (d < 0) ctx.fail(`Fill dimensions must be >= 0`);
      }
      return [new TensorShape(Array.from(dims.data as ArrayLike<number | bigint>, Number))];
    }
    return [ctx.inputAsShape(0)];
  },
});

/** `tf.fill(dims, value, name)`: a tensor of shape `dims` filled with the scalar `value`. */
export const fill: (dims: TensorInput, value: TensorInput, name?: NameOrOptions) => Tensor = simpleBuilder('fill', Fill, ['dims', 'value']);
