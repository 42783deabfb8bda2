// Elementwise binary math ops beyond AddV2/Sub/Mul/RealDiv (binary.ts), with math_grad.py's
// gradients: Add (the legacy op type), Div, FloorDiv, FloorMod, TruncateDiv, Maximum, Minimum,
// Pow, SquaredDifference.
import type { DType } from '../../../core/dtypes.js';
import { isFloating } from '../../../core/dtypes.js';
import { ValueError } from '../../../core/errors.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg, simpleBuilder } from '../../builder.js';
import { currentContext } from '../../context.js';
import { unbroadcast } from '../../grad-helpers.js';
import type { GradFn, OpDef } from '../../opdef.js';
import type { Tensor, TensorInput } from '../../types.js';
import { OnesLike, ZerosLike } from '../array/like.js';
import { addGrad, app, type BinaryBuilder, binaryOpDef, Mul, RealDiv, realDivGrad, Sub, xy } from './binary.js';
import { Greater, GreaterEqual, LessEqual } from './compare-more.js';
import { Neg } from './neg.js';
import { scalarConst } from './scalar.js';
import { Select, SelectV2 } from './select.js';
import { Log } from './unary.js';

// TensorFlow's allowed `T`s in its order, keeping the dtypes tensorgraph has.
const ADD_TYPES: readonly DType[] = ['float16', 'float32', 'float64', 'uint8', 'int8', 'int16', 'int32', 'int64', 'string'];
const DIV_TYPES: readonly DType[] = ['float16', 'float32', 'float64', 'uint8', 'int8', 'uint16', 'int16', 'int32', 'uint32', 'uint64', 'int64'];
const FLOORMOD_TYPES: readonly DType[] = ['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float16', 'float32', 'float64'];
const MINMAX_TYPES: readonly DType[] = ['float16', 'float32', 'float64', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64'];
const POW_TYPES: readonly DType[] = ['float32', 'float16', 'float64', 'int8', 'int16', 'int32', 'int64'];
const SQDIFF_TYPES: readonly DType[] = ['float16', 'float32', 'float64', 'int32', 'int64'];

const binaryDef = (type: string, allowed: readonly DType[], grad: GradFn | null): OpDef => binaryOpDef(type, grad, allowed);
/** A float-only gradient: integer paths have none (DESIGN §1). */
const floatGrad = (g: GradFn): GradFn => (op, dys) => (dys[0] && isFloating((op.inputs[0] as Tensor).dtype) ? g(op, dys) : [null, null]);

export const Add: OpDef = binaryDef('Add', ADD_TYPES, addGrad);

/** TF's _DivGrad: dz / y and dz·(-x / y) / y (its `div` is RealDiv for floats). */
export const Div: OpDef = binaryDef('Div', DIV_TYPES, floatGrad(realDivGrad));
export const FloorDiv: OpDef = binaryDef('FloorDiv', DIV_TYPES, (_op, _dys) => [null, null]);
export const TruncateDiv: OpDef = binaryDef('TruncateDiv', DIV_TYPES, null);
/** TF's _FloorModGrad: dz and dz·(-floor(x / y)). */
export const FloorMod: OpDef = binaryDef(
  'FloorMod',
  FLOORMOD_TYPES,
  floatGrad((op, [dz]) => {
    const [x, y] = xy(op);
    const d = dz as Tensor;
    return unbroadcast(x, y, d, app(Mul, d, app(Neg, app(FloorDiv, x, y))));
  }),
);

/** TF's _MaximumMinimumGrad: dz goes to x where `selector(x, y)` holds (ties → x), else to y. */
function minMaxGrad(selector: () => OpDef): GradFn {
  return floatGrad((op, [dz]) => {
    const [x, y] = xy(op);
    const d = dz as Tensor;
    const zeros = app(ZerosLike, d);
    const mask = app(selector(), x, y);
    return unbroadcast(x, y, app(SelectV2, mask, d, zeros), app(SelectV2, mask, zeros, d));
  });
}
export const Maximum: OpDef = binaryDef('Maximum', MINMAX_TYPES, minMaxGrad(() => GreaterEqual));
export const Minimum: OpDef = binaryDef('Minimum', MINMAX_TYPES, minMaxGrad(() => LessEqual));

/**
 * TF's _PowGrad: dz·y·x^(y-1), and dz·z·log(x) where x > 0 (0 elsewhere, so d/dy pow(0, 2) is 0,
 * not NaN).
 */
export const Pow: OpDef = binaryDef(
  'Pow',
  POW_TYPES,
  floatGrad((op, [dz]) => {
    const [x, y] = xy(op);
    const z = op.outputs[0] as Tensor;
    const d = dz as Tensor;
    const gx = app(Mul, app(Mul, d, y), app(Pow, x, app(Sub, y, scalarConst(1, y.dtype))));
    const mask = app(Greater, x, scalarConst(0, x.dtype));
    const safeX = app(Select, mask, x, app(OnesLike, x));
    const logX = app(Select, mask, app(Log, safeX), app(ZerosLike, x));
    return unbroadcast(x, y, gx, app(Mul, app(Mul, d, z), logX));
  }),
);

/** TF's _SquaredDifferenceGrad: 2·dz·(x - y) and its negation. */
export const SquaredDifference: OpDef = binaryDef(
  'SquaredDifference',
  SQDIFF_TYPES,
  floatGrad((op, [dz]) => {
    const [x, y] = xy(op);
    const d = dz as Tensor;
    const gx = app(Mul, app(Mul, scalarConst(2, d.dtype), d), app(Sub, x, y));
    return unbroadcast(x, y, gx, app(Neg, gx));
  }),
);

/** `tf.floordiv(x, y, name)`: floor(x / y), an op named `floordiv` (TF's name scope). */
export const floordiv: BinaryBuilder = (...args: unknown[]) => {
  const a = normalizeArgs('floordiv', ['x', 'y', 'name'], args);
  return currentContext().withNameScope(nameArg(a), 'floordiv', [a.x, a.y], (scope) => applyOp1(FloorDiv, [a.x, a.y], {}, scope));
};
/** `tf.floormod(x, y, name)` (also `tf.mod`): x - y·floor(x / y), with y's sign (op FloorMod). */
export const floormod: BinaryBuilder = simpleBuilder('floormod', FloorMod, ['x', 'y']);
/** `tf.truncatediv(x, y, name)`: x / y rounded toward zero (op TruncateDiv). */
export const truncatediv: BinaryBuilder = simpleBuilder('truncatediv', TruncateDiv, ['x', 'y']);
export const maximum: BinaryBuilder = simpleBuilder('maximum', Maximum, ['x', 'y']);
export const minimum: BinaryBuilder = simpleBuilder('minimum', Minimum, ['x', 'y']);
export const pow: BinaryBuilder = simpleBuilder('pow', Pow, ['x', 'y']);
export const squaredDifference: BinaryBuilder = simpleBuilder('squaredDifference', SquaredDifference, ['x', 'y']);

/**
 * TF1's `tf.div(x, y, name)`: Python 2 division, an op named `div`: RealDiv for floats, FloorDiv
 * for integers.
 */
export const div: BinaryBuilder = (...args: unknown[]) => {
  const a = normalizeArgs('div', ['x', 'y', 'name'], args);
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'div', [a.x, a.y], (scope) => {
    const x = ctx.convertToTensor(a.x, undefined, undefined, 'x');
    const y = ctx.convertToTensor(a.y, undefined, x.dtype, 'y');
    if (x.dtype !== y.dtype) throw new TypeError(`\`x\` and \`y\` must have the same dtype, got tf.${x.dtype} != tf.${y.dtype}.`);
    return applyOp1(isFloating(x.dtype) ? RealDiv : FloorDiv, [x, y], {}, scope);
  });
};

/** `tf.scalarMul(scalar, x, name)`: a 0-D `scalar` (converted to x's dtype, named `scalar`) times x (op Mul). */
export function scalarMul(scalar: TensorInput, x: TensorInput, name?: string | { name?: string }): Tensor;
export function scalarMul(...args: unknown[]): Tensor {
  const a = normalizeArgs('scalarMul', ['scalar', 'x', 'name'], args);
  const ctx = currentContext();
  return ctx.atomic([a.scalar, a.x], () => {
    const x = ctx.convertToTensor(a.x);
    const s = ctx.convertToTensor(a.scalar, x.dtype, undefined, 'scalar');
    if (s.shape.rank !== 0) {
      throw new ValueError(`The input scalar must be a 0-D value. Received shape ${s.shape.toString()}.`);
    }
    return applyOp1(Mul, [s, x], {}, nameArg(a));
  });
}
