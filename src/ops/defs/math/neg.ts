import { simpleBuilder } from '../../builder.js';
import { registerOp } from '../../registry.js';
import { unchangedShape } from '../../shape-fns.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
import { SIGNED } from '../dtype-sets.js';
import { applyOp1 } from '../../builder.js';

export const Neg = registerOp({
  type: 'Neg',
  elementwise: true,
  grad: (_op, [dy]) => [dy ? applyOp1(Neg, [dy], {}) : null],
  inputs: [{ name: 'x', typeAttr: 'T' }],
  outputs: [{ name: 'y', typeAttr: 'T' }],
  attrs: [{ name: 'T', type: 'type', allowed: SIGNED }],
  shape: unchangedShape,
});

/** `tf.negative(x, name)`: -x (op Neg). */
export const negative: (x: TensorInput, name?: NameOrOptions) => Tensor = simpleBuilder('negative', Neg, ['x']);
