// Reductions beside Sum (sum.ts): Mean, Max, Min, Prod, All, Any, with math_grad.py's gradients,
// their tf.reduce* builders (TF1 signatures), and ArgMax / ArgMin with tf.argmax / tf.argmin.
import { type DType, type DTypeLike, isFloating, toDType } from '../../../core/dtypes.js';
import { ValueError } from '../../../core/errors.js';
import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import type { GradFn, OpDef, OpView } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { Shape } from '../array/shape.js';
import { INDEX, NUMBER_TYPES } from '../dtype-sets.js';
import { Mul, RealDiv } from './binary.js';
import { Maximum } from './binary-math.js';
import { Cast } from './cast.js';
import { Equal } from './compare-more.js';
import { broadcastToInput, keptDimsShape } from './reduce-grad.js';
import { SelectV2 } from './select.js';
import { type ReduceBuilder, type ReduceSumOptions, reductionBuilder, Sum } from './sum.js';
import { scalarConst } from './scalar.js';

/** Max/Min's (and EuclideanNorm's) `T`: TensorFlow's real number types, in its order. */
export const MINMAX_TYPES: readonly DType[] = ['float32', 'float64', 'int32', 'uint8', 'int16', 'int8', 'int64', 'uint16', 'float16', 'uint32', 'uint64'];

/** Registers a reduction op `type` (input, reduction_indices; keep_dims, T, Tidx) with Sum's shape function. */
export function reductionDef(type: string, t: { allowed: readonly DType[] } | 'bool', grad: GradFn | null): OpDef {
  return registerOp({
    type,
    grad,
    inputs: [t === 'bool' ? { name: 'input', dtype: 'bool' } : { name: 'input', typeAttr: 'T' }, { name: 'reduction_indices', typeAttr: 'Tidx' }],
    outputs: [t === 'bool' ? { name: 'output', dtype: 'bool' } : { name: 'output', typeAttr: 'T' }],
    attrs: [
      { name: 'keep_dims', type: 'bool', default: false },
      ...(t === 'bool' ? [] : [{ name: 'T', type: 'type' as const, allowed: t.allowed }]),
      { name: 'Tidx', type: 'type', allowed: INDEX, default: 'int32' },
    ],
    shape: Sum.shape,
  });
}

const x0 = (op: OpView) => op.inputs[0] as Tensor;
const axes0 = (op: OpView) => op.inputs[1] as Tensor;
const keepReduce = (def: OpDef, op: OpView) => () => applyOp1(def, [x0(op), axes0(op)], { keep_dims: true });

/** TF's _MeanGrad: the Sum gradient divided by the number of elements averaged. */
const meanGrad: GradFn = (op, [dy]) => {
  if (!dy || !isFloating(x0(op).dtype)) return [null, null];
  const x = x0(op);
  const y = op.outputs[0] as Tensor;
  const g = broadcastToInput(x, dy, keptDimsShape(op, keepReduce(Mean, op)));
  let factor: Tensor;
  const size = (s: TensorShape) => (s.isFullyDefined() ? (s.dims as number[]).reduce((p, d) => p * d, 1) : null);
  const [nx, ny] = [size(x.shape), size(y.shape)];
  if (nx !== null && ny !== null) {
    factor = scalarConst(nx / Math.max(ny, 1), x.dtype);
  } else {
    const prod = (t: Tensor) => applyOp1(Prod, [applyOp1(Shape, [t], {}), scalarConst(0, 'int32')], {});
    const q = applyOp1(RealDiv, [applyOp1(Cast, [prod(x)], { DstT: 'float64' }), applyOp1(Cast, [applyOp1(Maximum, [prod(y), scalarConst(1, 'int32')], {})], { DstT: 'float64' })], {});
    factor = applyOp1(Cast, [q], { DstT: x.dtype });
  }
  return [applyOp1(RealDiv, [g, factor], {}), null];
};

/** TF's _MinOrMaxGrad: dy split equally among the elements equal to the result. */
function minOrMaxGrad(self: () => OpDef): GradFn {
  return (op, [dy]) => {
    if (!dy || !isFloating(x0(op).dtype)) return [null, null];
    const x = x0(op);
    const kept = keptDimsShape(op, keepReduce(self(), op));
    const y = broadcastToInput(x, op.outputs[0] as Tensor, kept);
    const indicators = applyOp1(Cast, [applyOp1(Equal, [y, x], {})], { DstT: x.dtype });
    const num = applyOp1(Sum, [indicators, axes0(op)], { keep_dims: true });
    const g = broadcastToInput(x, dy, kept);
    return [applyOp1(Mul, [applyOp1(RealDiv, [indicators, num], {}), g], {}), null];
  };
}

/**
 * Prod's gradient, zero-safe: the product of the other elements of each group. With no zero in
 * the group it is prod/x; with one zero, the zero gets the product of the rest and the others 0;
 * with more, all 0. (TensorFlow gets the same values from exclusive cumulative products.)
 */
const prodGrad: GradFn = (op, [dy]) => {
  if (!dy || !isFloating(x0(op).dtype)) return [null, null];
  const x = x0(op);
  const dt = x.dtype;
  const axes = axes0(op);
  const kept = keptDimsShape(op, keepReduce(Prod, op));
  const zero = scalarConst(0, dt);
  const isZero = applyOp1(Equal, [x, zero], {});
  const safe = applyOp1(SelectV2, [isZero, scalarConst(1, dt), x], {});
  const prodNonZero = applyOp1(Prod, [safe, axes], { keep_dims: true });
  const zeros = applyOp1(Sum, [applyOp1(Cast, [isZero], { DstT: dt }), axes], { keep_dims: true });
  const whenZero = applyOp1(SelectV2, [applyOp1(Equal, [zeros, scalarConst(1, dt)], {}), prodNonZero, zero], {});
  const whenNonZero = applyOp1(SelectV2, [applyOp1(Equal, [zeros, zero], {}), applyOp1(RealDiv, [prodNonZero, safe], {}), zero], {});
  const others = applyOp1(SelectV2, [isZero, whenZero, whenNonZero], {});
  return [applyOp1(Mul, [others, broadcastToInput(x, dy, kept)], {}), null];
};

export const Mean: OpDef = reductionDef('Mean', { allowed: NUMBER_TYPES }, meanGrad);
export const Max: OpDef = reductionDef('Max', { allowed: MINMAX_TYPES }, minOrMaxGrad(() => Max));
export const Min: OpDef = reductionDef('Min', { allowed: MINMAX_TYPES }, minOrMaxGrad(() => Min));
export const Prod: OpDef = reductionDef('Prod', { allowed: NUMBER_TYPES }, prodGrad);
export const All: OpDef = reductionDef('All', 'bool', null);
export const Any: OpDef = reductionDef('Any', 'bool', null);

export type ReduceOptions = ReduceSumOptions;
export const reduceMean: ReduceBuilder = reductionBuilder('reduceMean', Mean);
export const reduceMax: ReduceBuilder = reductionBuilder('reduceMax', Max);
export const reduceMin: ReduceBuilder = reductionBuilder('reduceMin', Min);
export const reduceProd: ReduceBuilder = reductionBuilder('reduceProd', Prod);
export const reduceAll: ReduceBuilder = reductionBuilder('reduceAll', All);
export const reduceAny: ReduceBuilder = reductionBuilder('reduceAny', Any);

/** ArgMax/ArgMin's shape: the input without the `dimension` axis. */
function argShape(ctx: Parameters<OpDef['shape']>[0]): TensorShape[] {
  const input = ctx.inputShape(0);
  const dimRank = ctx.inputShape(1).rank;
  if (dimRank !== null && dimRank !== 0) ctx.fail(`Shape must be rank 0 but is rank ${dimRank}`);
  if (input.dims === null) return [new TensorShape(null)];
  const rank = input.dims.length;
  const v = ctx.inputValue(1);
  if (v === null) return [new TensorShape(rank === 0 ? [] : new Array(rank - 1).fill(null))];
  const d = Number(v.data[0]);
  if (d < -rank || d >= rank) {
    ctx.fail(`Dimension (${d}) must be in the range [${-rank}, ${rank}), where ${rank} is the number of dimensions in the input.`);
  }
  const axis = d < 0 ? d + rank : d;
  return [new TensorShape(input.dims.filter((_x, i) => i !== axis))];
}

function argDef(type: string, tidx: readonly DType[], outTypes: readonly DType[]): OpDef {
  return registerOp({
    type,
    grad: null,
    inputs: [
      { name: 'input', typeAttr: 'T' },
      { name: 'dimension', typeAttr: 'Tidx' },
    ],
    outputs: [{ name: 'output', typeAttr: 'output_type' }],
    attrs: [
      { name: 'T', type: 'type', allowed: [...MINMAX_TYPES, 'bool'] },
      { name: 'Tidx', type: 'type', allowed: tidx, default: 'int32' },
      { name: 'output_type', type: 'type', allowed: outTypes, default: 'int64' },
    ],
    shape: argShape,
  });
}

export const ArgMax: OpDef = argDef('ArgMax', ['int16', 'int32', 'int64'], ['int16', 'uint16', 'int32', 'int64']);
export const ArgMin: OpDef = argDef('ArgMin', INDEX, INDEX);

/** `tf.argmax`'s parameters by name. */
export interface ArgMaxOptions {
  axis?: TensorInput | null;
  name?: string;
  /** The deprecated TF1 spelling of `axis`. */
  dimension?: TensorInput | null;
  outputType?: DTypeLike;
}
export type ArgBuilder = (
  input: TensorInput,
  axis?: TensorInput | null | ArgMaxOptions,
  name?: string | ArgMaxOptions,
  dimension?: TensorInput | null | ArgMaxOptions,
  outputType?: DTypeLike | ArgMaxOptions,
) => Tensor;

/** TF1's `tf.argmax(input, axis, name, dimension, output_type=int64)` (axis 0 when none). */
function argBuilder(fnName: string, def: OpDef): ArgBuilder {
  return (...args: unknown[]) => {
    const a = normalizeArgs(fnName, ['input', 'axis', 'name', 'dimension', 'outputType'], args);
    const given = (v: unknown) => v !== undefined && v !== null;
    if (given(a.axis) && given(a.dimension)) throw new ValueError("Cannot specify both 'dimension' and 'axis'.");
    const axis = given(a.axis) ? a.axis : given(a.dimension) ? a.dimension : 0;
    if (Array.isArray(axis) || ArrayBuffer.isView(axis)) throw new TypeError('axis must be int or Tensor with integer datatype');
    const outputType = a.outputType === undefined || a.outputType === null ? 'int64' : toDType(a.outputType as DTypeLike);
    return applyOp1(def, [a.input, axis], { output_type: outputType }, nameArg(a));
  };
}

export const argmax: ArgBuilder = argBuilder('argmax', ArgMax);
export const argmin: ArgBuilder = argBuilder('argmin', ArgMin);
