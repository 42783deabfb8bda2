import { simpleBuilder } from '../../builder.js';
import { registerOp } from '../../registry.js';
import { unchangedShape } from '../../shape-fns.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';

export const LogicalNot = registerOp({
  type: 'LogicalNot',
  elementwise: true,
  grad: null,
  inputs: [{ name: 'x', dtype: 'bool' }],
  outputs: [{ name: 'y', dtype: 'bool' }],
  attrs: [],
  shape: unchangedShape,
});

/** `tf.logicalNot(x, name)`: elementwise NOT of a bool tensor. */
export const logicalNot: (x: TensorInput, name?: NameOrOptions) => Tensor = simpleBuilder('logicalNot', LogicalNot, ['x']);
