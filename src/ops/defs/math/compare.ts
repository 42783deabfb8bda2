import { simpleBuilder } from '../../builder.js';
import { registerOp } from '../../registry.js';
import { broadcastBinaryShape } from '../../shape-fns.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
import { REAL_NUMBERS } from '../dtype-sets.js';

/** `Less`: x < y elementwise with broadcasting, a bool tensor. */
export const Less = registerOp({
  type: 'Less',
  elementwise: true,
  grad: null,
  inputs: [
    { name: 'x', typeAttr: 'T' },
    { name: 'y', typeAttr: 'T' },
  ],
  outputs: [{ name: 'z', dtype: 'bool' }],
  attrs: [{ name: 'T', type: 'type', allowed: REAL_NUMBERS }],
  shape: broadcastBinaryShape,
});

/** `LogicalAnd`: x && y elementwise with broadcasting. */
export const LogicalAnd = registerOp({
  type: 'LogicalAnd',
  elementwise: true,
  grad: null,
  inputs: [
    { name: 'x', dtype: 'bool' },
    { name: 'y', dtype: 'bool' },
  ],
  outputs: [{ name: 'z', dtype: 'bool' }],
  attrs: [],
  shape: broadcastBinaryShape,
});

/** `tf.less(x, y, name)`: x < y elementwise (op Less). */
export const less: (x: TensorInput, y: TensorInput, name?: NameOrOptions) => Tensor = simpleBuilder('less', Less, ['x', 'y']);
/** `tf.logicalAnd(x, y, name)`: x && y elementwise (op LogicalAnd). */
export const logicalAnd: (x: TensorInput, y: TensorInput, name?: NameOrOptions) => Tensor = simpleBuilder('logicalAnd', LogicalAnd, ['x', 'y']);
