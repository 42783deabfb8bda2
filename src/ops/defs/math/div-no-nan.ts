import { applyOp1, simpleBuilder } from '../../builder.js';
import { unbroadcast } from '../../grad-helpers.js';
import type { OpDef } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import { broadcastBinaryShape } from '../../shape-fns.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
import { Mul } from './binary.js';
import { Neg } from './neg.js';

/** `z = x / y`, 0 where y is 0 (broadcasting). TensorFlow's `T`: half, float, double (no complex here). */
export const DivNoNan: OpDef = registerOp({
  type: 'DivNoNan',
  elementwise: true,
  // TensorFlow's _DivNoNanGrad: dz / y and dz · ((-x / y) / y), each divide_no_nan.
  grad: (op, [dz]) => {
    if (!dz) return [null, null];
    const x = op.inputs[0] as Tensor;
    const y = op.inputs[1] as Tensor;
    const d = (a: Tensor, b: Tensor) => applyOp1(DivNoNan, [a, b], {});
    return unbroadcast(x, y, d(dz, y), applyOp1(Mul, [dz, d(d(applyOp1(Neg, [x], {}), y), y)], {}));
  },
  inputs: [
    { name: 'x', typeAttr: 'T' },
    { name: 'y', typeAttr: 'T' },
  ],
  outputs: [{ name: 'z', typeAttr: 'T' }],
  attrs: [{ name: 'T', type: 'type', allowed: ['float16', 'float32', 'float64'] }],
  shape: broadcastBinaryShape,
});

/** `tf.math.divideNoNan(x, y, name)` / `tf.divNoNan`: x / y, 0 where y is 0 (op DivNoNan). */
export const divNoNan: (x: TensorInput, y: TensorInput, name?: NameOrOptions) => Tensor = simpleBuilder('divNoNan', DivNoNan, ['x', 'y']);
