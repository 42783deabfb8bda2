// Activation ops (Relu, Relu6, Elu, Selu, LeakyRelu, Softplus, Softsign), their TensorFlow grad
// ops (ReluGrad, …) and the tf.nn builders. Gradients as TensorFlow's nn_grad.py.
import type { DType } from '../../../core/dtypes.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg, simpleBuilder } from '../../builder.js';
import type { AttrDef, GradFn, OpDef } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import { mergeShapes, unchangedShape } from '../../shape-fns.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
import { currentContext } from '../../context.js';
import { ZerosLike } from '../array/like.js';
import { Cast } from '../math/cast.js';
import { toNDArray } from '../../../core/convert.js';
import { Const } from '../array/const.js';
import { AddV2, Mul, RealDiv } from '../math/binary.js';
import { Less } from '../math/compare.js';
import { Neg } from '../math/neg.js';
import { Select } from '../math/select.js';
import { Exp, Sigmoid } from '../math/unary.js';
import { NUMBER_TYPES } from '../dtype-sets.js';

/** TensorFlow's `{half, bfloat16, float, double}` without bfloat16. */
export const NN_FLOATS: readonly DType[] = ['float16', 'float32', 'float64'];

// A float attr is a C float: its default is 0.2 rounded to float32, as in TensorFlow.
const ALPHA: AttrDef = { name: 'alpha', type: 'float', default: Math.fround(0.2) };

function activationDef(type: string, allowed: readonly DType[], grad: GradFn, extra: readonly AttrDef[] = []): OpDef {
  return registerOp({
    type,
    elementwise: true,
    grad,
    inputs: [{ name: 'features', typeAttr: 'T' }],
    outputs: [{ name: 'activations', typeAttr: 'T' }],
    attrs: [...extra, { name: 'T', type: 'type', allowed, ...(extra.length > 0 ? { default: 'float32' } : {}) }],
    shape: unchangedShape,
  });
}

/** A `XxxGrad(gradients, features|outputs)` op: both inputs of one shape (TF's MergeBothInputsShapeFn). */
function gradDef(type: string, second: 'features' | 'outputs', allowed: readonly DType[], grad: GradFn | undefined, extra: readonly AttrDef[] = []): OpDef {
  return registerOp({
    type,
    elementwise: true,
    ...(grad ? { grad } : {}),
    inputs: [
      { name: 'gradients', typeAttr: 'T' },
      { name: second, typeAttr: 'T' },
    ],
    outputs: [{ name: 'backprops', typeAttr: 'T' }],
    attrs: [...extra, { name: 'T', type: 'type', allowed, ...(extra.length > 0 ? { default: 'float32' } : {}) }],
    shape: (ctx) => {
      const m = mergeShapes(ctx.inputShape(0), ctx.inputShape(1));
      return [typeof m === 'string' ? ctx.fail(m) : m];
    },
  });
}

const t = (x: unknown) => x as Tensor;
const zerosLike = (x: Tensor) => applyOp1(ZerosLike, [x], {});
const alphaOf = (attrs: Record<string, unknown>) => ({ alpha: attrs.alpha as number });

// The grad ops first: the activations' gradients use them.
export const ReluGrad: OpDef = gradDef('ReluGrad', 'features', NUMBER_TYPES, (op, [g]) =>
  g ? [applyOp1(ReluGrad, [g, op.inputs[1]], {}), zerosLike(t(op.inputs[1]))] : [null, null],
);
export const Relu6Grad: OpDef = gradDef('Relu6Grad', 'features', NUMBER_TYPES, (op, [g]) =>
  g ? [applyOp1(Relu6Grad, [g, op.inputs[1]], {}), zerosLike(t(op.inputs[1]))] : [null, null],
);
export const LeakyReluGrad: OpDef = gradDef(
  'LeakyReluGrad',
  'features',
  NN_FLOATS,
  (op, [g]) => (g ? [applyOp1(LeakyReluGrad, [g, op.inputs[1]], alphaOf(op.attrs)), zerosLike(t(op.inputs[1]))] : [null, null]),
  [ALPHA],
);
/** TensorFlow's _EluGradGrad / _SeluGradGrad: (XxxGrad(g, y), where(y < 0, g·dy, 0)). */
const eluLikeGradGrad =
  (self: () => OpDef): GradFn =>
  (op, [g]) => {
    if (!g) return [null, null];
    const [dy, y] = op.inputs as [Tensor, Tensor];
    const zero = applyOp1(Const, [], { value: toNDArray(0, y.dtype), dtype: y.dtype });
    const neg = applyOp1(Less, [y, zero], {});
    return [applyOp1(self(), [g, y], {}), applyOp1(Select, [neg, applyOp1(Mul, [g, dy], {}), zerosLike(y)], {})];
  };
export const EluGrad: OpDef = gradDef('EluGrad', 'outputs', NN_FLOATS, eluLikeGradGrad(() => EluGrad));
export const SeluGrad: OpDef = gradDef('SeluGrad', 'outputs', NN_FLOATS, eluLikeGradGrad(() => SeluGrad));
/** TensorFlow's _SoftplusGradGrad: (SoftplusGrad(g, x), g·dy / (exp(−x) + 2 + exp(x))). */
export const SoftplusGrad: OpDef = gradDef('SoftplusGrad', 'features', NN_FLOATS, (op, [g]) => {
  if (!g) return [null, null];
  const [dy, x] = op.inputs as [Tensor, Tensor];
  const two = applyOp1(Const, [], { value: toNDArray(2, x.dtype), dtype: x.dtype });
  const denom = applyOp1(AddV2, [applyOp1(AddV2, [applyOp1(Exp, [applyOp1(Neg, [x], {})], {}), two], {}), applyOp1(Exp, [x], {})], {});
  return [applyOp1(SoftplusGrad, [g, x], {}), applyOp1(RealDiv, [applyOp1(Mul, [g, dy], {}), denom], {})];
});
// TensorFlow registers no gradient for SoftsignGrad.
export const SoftsignGrad: OpDef = gradDef('SoftsignGrad', 'features', NN_FLOATS, undefined);

export const Relu: OpDef = activationDef('Relu', NUMBER_TYPES, (op, [g]) => [g ? applyOp1(ReluGrad, [g, op.outputs[0]], {}) : null]);
export const Relu6: OpDef = activationDef('Relu6', NUMBER_TYPES, (op, [g]) => [g ? applyOp1(Relu6Grad, [g, op.outputs[0]], {}) : null]);
export const Elu: OpDef = activationDef('Elu', NN_FLOATS, (op, [g]) => [g ? applyOp1(EluGrad, [g, op.outputs[0]], {}) : null]);
export const Selu: OpDef = activationDef('Selu', NN_FLOATS, (op, [g]) => [g ? applyOp1(SeluGrad, [g, op.outputs[0]], {}) : null]);
export const LeakyRelu: OpDef = activationDef(
  'LeakyRelu',
  NN_FLOATS,
  (op, [g]) => [g ? applyOp1(LeakyReluGrad, [g, op.inputs[0]], alphaOf(op.attrs)) : null],
  [ALPHA],
);
/** TensorFlow's _SoftplusGrad: grad · sigmoid(x). */
export const Softplus: OpDef = activationDef('Softplus', NN_FLOATS, (op, [g]) => [g ? applyOp1(Mul, [g, applyOp1(Sigmoid, [op.inputs[0]], {})], {}) : null]);
export const Softsign: OpDef = activationDef('Softsign', NN_FLOATS, (op, [g]) => [g ? applyOp1(SoftsignGrad, [g, op.inputs[0]], {}) : null]);

type Unary = (features: TensorInput, name?: NameOrOptions) => Tensor;

/** `tf.nn.relu(features, name)`: max(features, 0). */
export const relu: Unary = simpleBuilder('relu', Relu, ['features']);
/** `tf.nn.relu6(features, name)`: min(max(features, 0), 6). */
export const relu6: Unary = simpleBuilder('relu6', Relu6, ['features']);
/** `tf.nn.elu(features, name)`: features < 0 ? exp(features) - 1 : features. */
export const elu: Unary = simpleBuilder('elu', Elu, ['features']);
/** `tf.nn.selu(features, name)`: scale · elu with alpha, TensorFlow's constants. */
export const selu: Unary = simpleBuilder('selu', Selu, ['features']);
/** `tf.nn.softplus(features, name)` (also tf.math.softplus): log(exp(features) + 1). */
export const softplus: Unary = simpleBuilder('softplus', Softplus, ['features']);
/** `tf.nn.softsign(features, name)` (also tf.math.softsign): features / (|features| + 1). */
export const softsign: Unary = simpleBuilder('softsign', Softsign, ['features']);

export interface LeakyReluOptions {
  alpha?: number;
  name?: string;
}

/**
 * `tf.nn.leakyRelu(features, alpha = 0.2, name)`: features < 0 ? alpha·features : features (one
 * LeakyRelu op named `LeakyRelu`; TensorFlow converts an integer input to float first).
 */
export function leakyRelu(features: TensorInput, alpha?: number | LeakyReluOptions, name?: string | LeakyReluOptions): Tensor;
export function leakyRelu(...args: unknown[]): Tensor {
  const a = normalizeArgs('leakyRelu', ['features', 'alpha', 'name'], args);
  const alpha = a.alpha ?? 0.2;
  if (typeof alpha !== 'number') throw new TypeError(`Expected float for argument 'alpha' not ${String(alpha)}.`);
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'LeakyRelu', [a.features], (scope) => {
    let x = ctx.convertToTensor(a.features, undefined, undefined, 'features');
    if (INTEGERS.includes(x.dtype)) x = applyOp1(Cast, [x], { DstT: 'float32' }, 'Cast');
    // A float attr is a C float: alpha is stored rounded to float32, as in TensorFlow.
    return applyOp1(LeakyRelu, [x], { alpha: Math.fround(alpha) }, scope);
  });
}

const INTEGERS: readonly DType[] = ['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64'];
