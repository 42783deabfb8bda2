// TensorFlow's clip_ops.py composites: tf.globalNorm, tf.clipByGlobalNorm, tf.clipByNorm,
// tf.clipByAverageNorm, built from existing ops with TensorFlow's scopes and op names (TF builds
// them in Python too). They live here, not in ops/defs, because they colocate ops with their inputs.
import { ValueError } from '../core/errors.js';
import { normalizeArgs } from '../ops/args.js';
import { applyOp1, nameArg } from '../ops/builder.js';
import { currentContext } from '../ops/context.js';
import { constant } from '../ops/defs/array/const.js';
import { identity } from '../ops/defs/array/identity.js';
import { onesLike } from '../ops/defs/array/like.js';
import { stack } from '../ops/defs/array/pack.js';
import { Rank, range } from '../ops/defs/array/range.js';
import { Size } from '../ops/defs/array/size.js';
import { Maximum, Minimum } from '../ops/defs/math/binary-math.js';
import { AddV2, Mul, RealDiv, Sub } from '../ops/defs/math/binary.js';
import { Cast } from '../ops/defs/math/cast.js';
import { Greater } from '../ops/defs/math/compare-more.js';
import { Select } from '../ops/defs/math/select.js';
import { reduceSum } from '../ops/defs/math/sum.js';
import { Rsqrt, Sqrt } from '../ops/defs/math/unary.js';
import { L2Loss } from '../ops/defs/nn/xent.js';
import type { TensorInput } from '../ops/types.js';
import { Tensor } from '../graph/tensor.js';

type MaybeTensor = TensorInput | null | undefined;

/** Python's type name of a non-sequence `t_list`, for TensorFlow's TypeError. */
function pyTypeName(v: unknown): string {
  if (v instanceof Tensor) return "<class 'tensorflow.python.framework.ops.SymbolicTensor'>";
  if (typeof v === 'string') return "<class 'str'>";
  if (typeof v === 'number') return Number.isInteger(v) ? "<class 'int'>" : "<class 'float'>";
  if (v === null || v === undefined) return "<class 'NoneType'>";
  return `<class '${typeof v}'>`;
}

function checkList(tList: unknown): MaybeTensor[] {
  if (!Array.isArray(tList)) throw new TypeError(`\`t_list\` should be a sequence of tensors. Received ${pyTypeName(tList)}.`);
  return [...(tList as MaybeTensor[])];
}

/** Runs `fn` with new ops colocated with `t`'s op (TensorFlow's `ops.colocate_with(t)`). */
function colocated<R>(t: Tensor, fn: () => R): R {
  return t.graph._withColocation(t.op.colocationGroups(), fn);
}

const present = (v: unknown): boolean => v !== null && v !== undefined;

/**
 * `tf.globalNorm(tList, name)` (also `tf.linalg.globalNorm`): sqrt(sum of l2 norms²) of the
 * tensors in `tList`, skipping null entries; TensorFlow's L2Loss/stack/Sum/mul/Sqrt in `global_norm`.
 */
export function globalNorm(tList: readonly MaybeTensor[], name?: string | { name?: string }): Tensor;
export function globalNorm(...args: unknown[]): Tensor {
  const a = normalizeArgs('globalNorm', ['tList', 'name'], args);
  const list = checkList(a.tList);
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'global_norm', list, () => {
    const values = list.map((t, i) => (present(t) ? (ctx.convertToTensor(t, undefined, undefined, `t_${i}`) as Tensor) : null));
    const halves = values.filter((v): v is Tensor => v !== null).map((v) => colocated(v, () => applyOp1(L2Loss, [v], {}) as Tensor));
    // TensorFlow stacks an empty list into an empty float32 constant named `stack`.
    const packed = halves.length > 0 ? stack(halves) : constant([], 'float32', [0], 'stack');
    const half = reduceSum(packed);
    const two = constant(2.0, half.dtype);
    return applyOp1(Sqrt, [applyOp1(Mul, [half, two], {}, 'mul')], {}, 'global_norm') as Tensor;
  }) as Tensor;
}

/** `tf.clipByGlobalNorm`'s parameters by name. */
export interface ClipByGlobalNormOptions {
  useNorm?: TensorInput | null;
  name?: string;
}

/**
 * `tf.clipByGlobalNorm(tList, clipNorm, useNorm, name)`: `[tList·clipNorm/max(globalNorm, clipNorm), globalNorm]`,
 * null entries kept as null; all entries become NaN when the global norm is not finite. As in
 * TensorFlow, the norm is built in scope `global_norm` (or `name`) and the clipping in
 * `clip_by_global_norm` (or a uniquified `name`), each result an Identity named `<scope>_<i>`.
 */
export function clipByGlobalNorm(
  tList: readonly MaybeTensor[],
  clipNorm: TensorInput,
  useNorm?: TensorInput | null | ClipByGlobalNormOptions,
  name?: string | ClipByGlobalNormOptions,
): [(Tensor | null)[], Tensor];
export function clipByGlobalNorm(...args: unknown[]): [(Tensor | null)[], Tensor] {
  const a = normalizeArgs('clipByGlobalNorm', ['tList', 'clipNorm', 'useNorm', 'name'], args);
  const list = checkList(a.tList);
  const ctx = currentContext();
  const useNorm: Tensor = present(a.useNorm) ? (ctx.convertToTensor(a.useNorm) as Tensor) : globalNorm(list, nameArg(a));
  return ctx.withNameScope(nameArg(a), 'clip_by_global_norm', [...list, a.clipNorm], (scope) => {
    const inv = applyOp1(RealDiv, [1.0, useNorm], {}, 'truediv');
    const one = constant(1.0, useNorm.dtype);
    const perClip = applyOp1(RealDiv, [one, a.clipNorm], {}, 'truediv');
    const scaleForFinite = applyOp1(Mul, [a.clipNorm, applyOp1(Minimum, [inv, perClip], {}, 'Minimum')], {}, 'mul');
    // norm − norm is 0 for a finite norm and NaN otherwise: a non-finite norm makes every result NaN.
    const scale = applyOp1(AddV2, [scaleForFinite, applyOp1(Sub, [useNorm, useNorm], {}, 'sub')], {}, 'add') as Tensor;
    const values = list.map((t, i) => (present(t) ? (ctx.convertToTensor(t, undefined, undefined, `t_${i}`) as Tensor) : null));
    const clipped = values.map((v, i) => {
      if (v === null) return null;
      return colocated(v, () => {
        const s = scale.dtype === v.dtype ? scale : applyOp1(Cast, [scale], { DstT: v.dtype }, 'Cast');
        return identity(applyOp1(Mul, [v, s], {}, 'mul'), `${scope}_${i}`) as Tensor;
      });
    });
    return [clipped, useNorm] as [(Tensor | null)[], Tensor];
  });
}

/** `tf.clipByNorm`'s parameters by name. */
export interface ClipByNormOptions {
  axes?: number | readonly number[] | TensorInput | null;
  name?: string;
}

/**
 * `tf.clipByNorm(t, clipNorm, axes, name)`: `t·clipNorm / max(‖t‖₂, clipNorm)` with the norm over
 * `axes` (all by default); a negative clip norm counts as 0. TensorFlow's graph, `clip_by_norm` scope.
 */
export function clipByNorm(
  t: TensorInput,
  clipNorm: TensorInput,
  axes?: number | readonly number[] | TensorInput | null | ClipByNormOptions,
  name?: string | ClipByNormOptions,
): Tensor;
export function clipByNorm(...args: unknown[]): Tensor {
  const a = normalizeArgs('clipByNorm', ['t', 'clipNorm', 'axes', 'name'], args);
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'clip_by_norm', [a.t, a.clipNorm], (scope) => {
    const values = ctx.convertToTensor(a.t, undefined, undefined, 't') as Tensor;
    let clipNorm: unknown = a.clipNorm;
    if (typeof clipNorm === 'number') {
      if (clipNorm < 0) clipNorm = 0;
    } else {
      const m = applyOp1(Maximum, [clipNorm, 0], {}, 'Maximum');
      clipNorm = m.dtype === values.dtype ? m : applyOp1(Cast, [m], { DstT: values.dtype }, 'Cast');
    }
    const l2sum = reduceSum(applyOp1(Mul, [values, values], {}, 'mul'), (a.axes ?? null) as number[] | null, true);
    const pred = applyOp1(Greater, [l2sum, 0], {}, 'Greater');
    const safe = applyOp1(Select, [pred, l2sum, onesLike(l2sum)], {}, 'Select');
    const l2norm = applyOp1(Select, [pred, applyOp1(Sqrt, [safe], {}, 'Sqrt'), l2sum], {}, 'Select');
    const intermediate = applyOp1(Mul, [values, clipNorm], {}, 'mul') as Tensor;
    if (!values.shape.isCompatibleWith(intermediate.shape)) {
      throw new ValueError(`Shapes ${values.shape.toString()} and ${intermediate.shape.toString()} are incompatible`);
    }
    const q = applyOp1(RealDiv, [intermediate, applyOp1(Maximum, [l2norm, clipNorm], {}, 'Maximum')], {}, 'truediv');
    return identity(q, scope) as Tensor;
  }) as Tensor;
}

/**
 * TF1's `tf.clipByAverageNorm(t, clipNorm, name)` (deprecated in TensorFlow): `t·clipNorm /
 * max(‖t‖₂/size(t), clipNorm)`, TensorFlow's graph in scope `clip_by_average_norm`.
 */
export function clipByAverageNorm(t: TensorInput, clipNorm: TensorInput, name?: string | { name?: string }): Tensor;
export function clipByAverageNorm(...args: unknown[]): Tensor {
  const a = normalizeArgs('clipByAverageNorm', ['t', 'clipNorm', 'name'], args);
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'clip_by_average_norm', [a.t, a.clipNorm], (scope) => {
    const t = ctx.convertToTensor(a.t, undefined, undefined, 't') as Tensor;
    const n = applyOp1(Cast, [applyOp1(Size, [t], { out_type: 'int32' }, 'Size')], { DstT: 'float32' }, 'Cast');
    const rank = applyOp1(Rank, [t], {}, 'Rank');
    const axes = range(rank);
    const inv = applyOp1(Rsqrt, [reduceSum(applyOp1(Mul, [t, t], {}, 'mul'), axes)], {}, 'Rsqrt');
    const scaled = applyOp1(Mul, [t, a.clipNorm], {}, 'mul');
    const bound = applyOp1(RealDiv, [constant(1.0), a.clipNorm], {}, 'truediv');
    const m = applyOp1(Minimum, [applyOp1(Mul, [inv, n], {}, 'mul'), bound], {}, 'Minimum');
    return identity(applyOp1(Mul, [scaled, m], {}, 'mul'), scope) as Tensor;
  }) as Tensor;
}
