import type { DType } from '../../../core/dtypes.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg, simpleBuilder } from '../../builder.js';
import { currentContext } from '../../context.js';
import type { GradFn, OpDef, OpView } from '../../opdef.js';
import { unbroadcast } from '../../grad-helpers.js';
import { Neg } from './neg.js';
import { registerOp } from '../../registry.js';
import { broadcastBinaryShape } from '../../shape-fns.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
import { ARITHMETIC } from '../dtype-sets.js';
import { Cast } from './cast.js';

/**
 * An elementwise binary op with numpy broadcasting: `z = op(x, y)`, `T` in `allowed` (shared by
 * binary-math.ts).
 */
export function binaryOpDef(type: string, grad: GradFn | null, allowed: readonly DType[] = ARITHMETIC): OpDef {
  return registerOp({
    type,
    elementwise: true,
    grad,
    inputs: [
      { name: 'x', typeAttr: 'T' },
      { name: 'y', typeAttr: 'T' },
    ],
    outputs: [{ name: 'z', typeAttr: 'T' }],
    attrs: [{ name: 'T', type: 'type', allowed }],
    shape: broadcastBinaryShape,
  });
}

/** A binary op's two inputs. */
export const xy = (op: OpView) => [op.inputs[0] as Tensor, op.inputs[1] as Tensor] as const;
/** `def` applied to `inputs` with no attrs: one output. */
export const app = (def: OpDef, ...inputs: Tensor[]) => applyOp1(def, inputs, {});

/** d(x+y) = dz, dz (also the legacy `Add`'s gradient). */
export const addGrad: GradFn = (op, [dz]) => (dz ? unbroadcast(...xy(op), dz, dz) : [null, null]);
/** d(x/y) = dz/y, -dz·x/y² (also `Div`'s float gradient). */
export const realDivGrad: GradFn = (op, [dz]) => {
  if (!dz) return [null, null];
  const [x, y] = xy(op);
  return unbroadcast(x, y, app(RealDiv, dz, y), app(Mul, dz, app(RealDiv, app(RealDiv, app(Neg, x), y), y)));
};

export const AddV2: OpDef = binaryOpDef('AddV2', addGrad);
export const Sub: OpDef = binaryOpDef('Sub', (op, [dz]) => (dz ? unbroadcast(...xy(op), dz, app(Neg, dz)) : [null, null]));
export const Mul: OpDef = binaryOpDef('Mul', (op, [dz]) => {
  if (!dz) return [null, null];
  const [x, y] = xy(op);
  return unbroadcast(x, y, app(Mul, dz, y), app(Mul, x, dz));
});
export const RealDiv: OpDef = binaryOpDef('RealDiv', realDivGrad);

export type BinaryBuilder = (x: TensorInput, y: TensorInput, name?: NameOrOptions) => Tensor;

/**
 * `tf.add(x, y, name)`: x + y with broadcasting: an AddV2 op named `Add` (TensorFlow builds it in
 * `name_scope(name, "Add")`, converting a JS `y` with x's dtype as `Add/y`).
 */
export const add: BinaryBuilder = (...args: unknown[]) => {
  const a = normalizeArgs('add', ['x', 'y', 'name'], args);
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'Add', [a.x, a.y], (scope) => applyOp1(AddV2, [a.x, a.y], {}, scope));
};
/** `tf.subtract(x, y, name)`: x - y (op Sub). */
export const subtract: BinaryBuilder = simpleBuilder('subtract', Sub, ['x', 'y']);
/** `tf.multiply(x, y, name)`: x * y (op Mul). */
export const multiply: BinaryBuilder = simpleBuilder('multiply', Mul, ['x', 'y']);
/** `tf.realdiv(x, y, name)`: x / y in the inputs' dtype (op RealDiv). */
export const realdiv: BinaryBuilder = simpleBuilder('realdiv', RealDiv, ['x', 'y']);

/** TensorFlow's `_TRUEDIV_TABLE`: integer inputs are divided in this float dtype. */
const TRUEDIV_DTYPE: Partial<Record<DType, DType>> = { uint8: 'float32', int32: 'float64', int64: 'float64' };

/**
 * `tf.divide(x, y, name)`: Python 3 true division, an op named `truediv`. Integer inputs are cast
 * to float first (int32 → float64), as TensorFlow's `truediv` does, so 7 / 2 on int32 gives 3.5.
 */
export const divide: BinaryBuilder = (...args: unknown[]) => {
  const a = normalizeArgs('divide', ['x', 'y', 'name'], args);
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'truediv', [a.x, a.y], (scope) => {
    let x = ctx.convertToTensor(a.x, undefined, undefined, 'x');
    let y = ctx.convertToTensor(a.y, undefined, x.dtype, 'y');
    if (x.dtype !== y.dtype) throw new TypeError(`\`x\` and \`y\` must have the same dtype, got tf.${x.dtype} != tf.${y.dtype}.`);
    const to = TRUEDIV_DTYPE[x.dtype];
    if (to) {
      x = applyOp1(Cast, [x], { DstT: to }, 'Cast');
      y = applyOp1(Cast, [y], { DstT: to }, 'Cast_1');
    }
    return applyOp1(RealDiv, [x, y], {}, scope);
  });
};
