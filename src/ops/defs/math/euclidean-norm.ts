// EuclideanNorm (TensorFlow's op, with _EuclideanNormGrad) and tf.math.reduceEuclideanNorm.
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import type { OpDef } from '../../opdef.js';
import type { Tensor, TensorInput } from '../../types.js';
import { constant } from '../array/const.js';
import { jsIndexType } from '../array/index-type.js';
import { Range, Rank } from '../array/range.js';
import { Reshape } from '../array/reshape.js';
import { RealDiv } from './binary.js';
import { keptDimsShape } from './reduce-grad.js';
import { MINMAX_TYPES, reductionDef } from './reduce.js';

// TensorFlow's _EuclideanNormGrad: x / (norm / dy), with norm and dy in the kept-dims shape.
export const EuclideanNorm: OpDef = reductionDef('EuclideanNorm', { allowed: MINMAX_TYPES }, (op, [dy]) => {
  if (!dy) return [null, null];
  const x = op.inputs[0] as Tensor;
  let norm = op.outputs[0] as Tensor;
  let g = dy;
  if (!op.attrs.keep_dims) {
    const kept = keptDimsShape(op, () => applyOp1(EuclideanNorm, [x, op.inputs[1]], { keep_dims: true }));
    norm = applyOp1(Reshape, [norm, kept], {});
    g = applyOp1(Reshape, [g, kept], {});
  }
  return [applyOp1(RealDiv, [x, applyOp1(RealDiv, [norm, g], {})], {}), null];
});

/** `tf.math.reduceEuclideanNorm`'s parameters by name. */
export interface EuclideanNormOptions {
  axis?: number | readonly number[] | TensorInput | null;
  keepdims?: boolean;
  name?: string;
}

/**
 * `tf.math.reduceEuclideanNorm(inputTensor, axis, keepdims, name)`: sqrt(sum(x²)) over `axis`
 * (all axes by default: a Const of them, or Range(Rank(x)) for an unknown rank), one EuclideanNorm op.
 */
export function reduceEuclideanNorm(
  inputTensor: TensorInput,
  axis?: number | readonly number[] | TensorInput | null | EuclideanNormOptions,
  keepdims?: boolean | EuclideanNormOptions,
  name?: string | EuclideanNormOptions,
): Tensor;
export function reduceEuclideanNorm(...args: unknown[]): Tensor {
  const a = normalizeArgs('reduceEuclideanNorm', ['inputTensor', 'axis', 'keepdims', 'name'], args);
  const keep = Boolean(a.keepdims ?? false);
  let axis = a.axis;
  if (axis === undefined || axis === null) {
    const x = a.inputTensor as { shape?: { rank: number | null } };
    const rank = x.shape?.rank ?? (Array.isArray(a.inputTensor) ? depth(a.inputTensor) : null);
    // As TensorFlow's _ReductionDims: a Const of all axes (named `Const`), built before the op.
    axis = rank !== null ? constant(Array.from({ length: rank }, (_, i) => i), 'int32') : applyOp1(Range, [0, applyOp1(Rank, [a.inputTensor], {}), 1], {});
  }
  const index = jsIndexType([axis]);
  return applyOp1(EuclideanNorm, [a.inputTensor, axis], { keep_dims: keep, ...(index ? { Tidx: index } : {}) }, nameArg(a));
}

/** The rank of a nested JS array. */
function depth(v: unknown): number {
  let d = 0;
  while (Array.isArray(v)) {
    d++;
    v = v[0];
  }
  return d;
}
