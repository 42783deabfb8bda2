// TensorFlow's gradient ops of unary functions, `z = f'(x)·dy` given the function's output `y`
// (math_grad.py uses them for Sigmoid, Tanh, Sqrt, Rsqrt, Reciprocal), and their own gradients
// (TF's _SigmoidGradGrad, _TanhGradGrad, … for second derivatives).
import { applyOp1 } from '../../builder.js';
import type { GradFn, OpDef } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import { broadcastBinaryShape } from '../../shape-fns.js';
import type { Tensor } from '../../types.js';
import { FLOAT_TYPES } from './unary-types.js';
import { Mul, RealDiv, Sub } from './binary.js';
import { scalarConst } from './scalar.js';

const mul = (...xs: Tensor[]): Tensor => xs.reduce((a, b) => applyOp1(Mul, [a, b], {}));

function gradOpDef(type: string, grad: GradFn): OpDef {
  return registerOp({
    type,
    elementwise: true,
    grad,
    inputs: [
      { name: 'y', typeAttr: 'T' },
      { name: 'dy', typeAttr: 'T' },
    ],
    outputs: [{ name: 'z', typeAttr: 'T' }],
    attrs: [{ name: 'T', type: 'type', allowed: FLOAT_TYPES }],
    shape: broadcastBinaryShape,
  });
}

/** The gradients of `z = dy·k(y)`: d/dy = g·dy·k'(y) (built by `dk`), d/d(dy) = the same op applied to g. */
function secondOrder(self: () => OpDef, dk: (y: Tensor) => Tensor): GradFn {
  return (op, [g]) => {
    if (!g) return [null, null];
    const [y, dy] = [op.inputs[0] as Tensor, op.inputs[1] as Tensor];
    return [mul(g, dy, dk(y)), applyOp1(self(), [y, g], {})];
  };
}
const c = (v: number, y: Tensor) => scalarConst(v, y.dtype);

/** z = dy·y·(1 - y). */
export const SigmoidGrad: OpDef = gradOpDef(
  'SigmoidGrad',
  secondOrder(
    () => SigmoidGrad,
    (y) => applyOp1(Sub, [c(1, y), mul(c(2, y), y)], {}),
  ),
);
/** z = dy·(1 - y²). */
export const TanhGrad: OpDef = gradOpDef(
  'TanhGrad',
  secondOrder(
    () => TanhGrad,
    (y) => mul(c(-2, y), y),
  ),
);
/** z = dy·0.5/y. */
export const SqrtGrad: OpDef = gradOpDef(
  'SqrtGrad',
  secondOrder(
    () => SqrtGrad,
    (y) => applyOp1(RealDiv, [c(-0.5, y), mul(y, y)], {}),
  ),
);
/** z = -0.5·dy·y³. */
export const RsqrtGrad: OpDef = gradOpDef(
  'RsqrtGrad',
  secondOrder(
    () => RsqrtGrad,
    (y) => mul(c(-1.5, y), y, y),
  ),
);
/** z = -dy·y². */
export const ReciprocalGrad: OpDef = gradOpDef(
  'ReciprocalGrad',
  secondOrder(
    () => ReciprocalGrad,
    (y) => mul(c(-2, y), y),
  ),
);
