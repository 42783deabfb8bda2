// Elementwise unary math ops (TensorFlow's math_ops / gen_math_ops) with math_grad.py's gradients.
import { applyOp1, nameArg, simpleBuilder } from '../../builder.js';
import { normalizeArgs } from '../../args.js';
import { currentContext } from '../../context.js';
import type { GradFn, OpDef, OpView } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import { unchangedShape } from '../../shape-fns.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
import type { DType } from '../../../core/dtypes.js';
import { ZerosLike } from '../array/like.js';
import { AddV2, app, Mul } from './binary.js';
import { Neg } from './neg.js';
import { scalarConst } from './scalar.js';
import { ReciprocalGrad, RsqrtGrad, SigmoidGrad, SqrtGrad, TanhGrad } from './unary-grad.js';
import { FLOAT_SIGNED_INT, FLOAT_TYPES } from './unary-types.js';

function unaryOpDef(type: string, allowed: readonly DType[], grad: GradFn | null, boolOut = false): OpDef {
  return registerOp({
    type,
    elementwise: true,
    grad,
    inputs: [{ name: 'x', typeAttr: 'T' }],
    outputs: [boolOut ? { name: 'y', dtype: 'bool' } : { name: 'y', typeAttr: 'T' }],
    attrs: [{ name: 'T', type: 'type', allowed }],
    shape: unchangedShape,
  });
}

const x0 = (op: OpView) => op.inputs[0] as Tensor;
const y0 = (op: OpView) => op.outputs[0] as Tensor;
/** dx = dy·f(op), as most of math_grad.py's unary gradients. */
const times = (f: (op: OpView) => Tensor): GradFn => (op, [dy]) => [dy ? app(Mul, dy, f(op)) : null];
/** dx = G(y, dy) with one of TensorFlow's gradient ops. */
const viaGradOp = (g: () => OpDef): GradFn => (op, [dy]) => [dy ? app(g(), y0(op), dy) : null];
/** Piecewise-constant functions: no gradient (TF returns [None]). */
const noGrad: GradFn = () => [null];

export const Abs: OpDef = unaryOpDef('Abs', FLOAT_SIGNED_INT, times((op) => app(Sign, x0(op))));
/** TF's _SignGrad: zeros shaped like x. */
export const Sign: OpDef = unaryOpDef('Sign', FLOAT_SIGNED_INT, (op, [dy]) => [dy ? app(ZerosLike, x0(op)) : null]);
export const Sqrt: OpDef = unaryOpDef('Sqrt', FLOAT_TYPES, viaGradOp(() => SqrtGrad));
export const Rsqrt: OpDef = unaryOpDef('Rsqrt', FLOAT_TYPES, viaGradOp(() => RsqrtGrad));
export const Exp: OpDef = unaryOpDef('Exp', FLOAT_TYPES, times(y0));
export const Log: OpDef = unaryOpDef('Log', FLOAT_TYPES, times((op) => app(Reciprocal, x0(op))));
export const Log1p: OpDef = unaryOpDef(
  'Log1p',
  FLOAT_TYPES,
  times((op) => app(Reciprocal, app(AddV2, scalarConst(1, x0(op).dtype), x0(op)))),
);
export const Expm1: OpDef = unaryOpDef('Expm1', FLOAT_TYPES, times((op) => app(Exp, x0(op))));
export const Sin: OpDef = unaryOpDef('Sin', FLOAT_TYPES, times((op) => app(Cos, x0(op))));
export const Cos: OpDef = unaryOpDef('Cos', FLOAT_TYPES, times((op) => app(Neg, app(Sin, x0(op)))));
export const Tanh: OpDef = unaryOpDef('Tanh', FLOAT_TYPES, viaGradOp(() => TanhGrad));
export const Sigmoid: OpDef = unaryOpDef('Sigmoid', FLOAT_TYPES, viaGradOp(() => SigmoidGrad));
/** d erf(x) = 2/√π·exp(-x²). */
export const Erf: OpDef = unaryOpDef(
  'Erf',
  FLOAT_TYPES,
  times((op) => {
    const x = x0(op);
    const e = app(Exp, app(Neg, app(Mul, x, x)));
    return app(Mul, scalarConst(2 / Math.sqrt(Math.PI), x.dtype), e);
  }),
);
export const Floor: OpDef = unaryOpDef('Floor', FLOAT_TYPES, noGrad);
export const Ceil: OpDef = unaryOpDef('Ceil', FLOAT_TYPES, noGrad);
export const Round: OpDef = unaryOpDef('Round', FLOAT_SIGNED_INT, noGrad);
export const Reciprocal: OpDef = unaryOpDef('Reciprocal', FLOAT_SIGNED_INT, viaGradOp(() => ReciprocalGrad));
export const IsNan: OpDef = unaryOpDef('IsNan', FLOAT_TYPES, null, true);
export const IsFinite: OpDef = unaryOpDef('IsFinite', FLOAT_TYPES, null, true);

type Unary = (x: TensorInput, name?: NameOrOptions) => Tensor;
const b = (fn: string, def: OpDef): Unary => simpleBuilder(fn, def, ['x']);

/** `tf.abs(x, name)`: |x| (op Abs). */
export const abs: Unary = b('abs', Abs);
/** `tf.sign(x, name)`: -1, 0 or 1 (NaN stays NaN) (op Sign). */
export const sign: Unary = b('sign', Sign);
export const sqrt: Unary = b('sqrt', Sqrt);
export const rsqrt: Unary = b('rsqrt', Rsqrt);
export const exp: Unary = b('exp', Exp);
export const log: Unary = b('log', Log);
export const log1p: Unary = b('log1p', Log1p);
export const expm1: Unary = b('expm1', Expm1);
export const sin: Unary = b('sin', Sin);
export const cos: Unary = b('cos', Cos);
export const tanh: Unary = b('tanh', Tanh);
export const sigmoid: Unary = b('sigmoid', Sigmoid);
export const erf: Unary = b('erf', Erf);
export const floor: Unary = b('floor', Floor);
export const ceil: Unary = b('ceil', Ceil);
export const reciprocal: Unary = b('reciprocal', Reciprocal);
export const isNan: Unary = b('isNan', IsNan);
/** `tf.isFinite` (exported under that name from src/api/math.ts; the global is not shadowed here). */
export const isFinite_: Unary = b('isFinite', IsFinite);

/**
 * `tf.round(x, name)`: half to even (op Round). As TensorFlow's `math_ops.round`, an integer `x`
 * is returned unchanged (no op).
 */
export const round: Unary = (...args: unknown[]) => {
  const a = normalizeArgs('round', ['x', 'name'], args);
  const x = currentContext().convertToTensor(a.x, undefined, undefined, 'x');
  if (x.dtype !== 'float16' && x.dtype !== 'float32' && x.dtype !== 'float64') return x;
  return applyOp1(Round, [x], {}, nameArg(a));
};
