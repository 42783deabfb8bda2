import { simpleBuilder } from '../../builder.js';
import { registerOp } from '../../registry.js';
import { unchangedShape } from '../../shape-fns.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
import { NUMERIC } from '../dtype-sets.js';

export const Square = registerOp({
  type: 'Square',
  inputs: [{ name: 'x', typeAttr: 'T' }],
  outputs: [{ name: 'y', typeAttr: 'T' }],
  attrs: [{ name: 'T', type: 'type', allowed: NUMERIC.filter((d) => d !== 'uint8') }],
  shape: unchangedShape,
});

/** `tf.square(x, name)`: x * x elementwise (op Square). */
export const square: (x: TensorInput, name?: NameOrOptions) => Tensor = simpleBuilder('square', Square, ['x']);
