import { ValueError } from '../../../core/errors.js';
import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import type { Tensor, TensorInput } from '../../types.js';
import { GatherV2 } from './gather.js';
import { Reshape } from './reshape.js';
import { Squeeze } from './squeeze.js';
import { Where } from './where.js';

/** `tf.booleanMask`'s parameters by name, for an options object at any position after `tensor, mask`. */
export interface BooleanMaskOptions {
  name?: string;
  axis?: number | null;
}

/**
 * `tf.booleanMask(tensor, mask, name, axis)`: the elements (or slices) of `tensor` where `mask` is
 * true. Built from Reshape, Where, Squeeze and GatherV2, as TensorFlow builds it.
 */
export function booleanMask(tensor: TensorInput, mask: TensorInput, name?: string | BooleanMaskOptions, axis?: number | null | BooleanMaskOptions): Tensor;
export function booleanMask(...args: unknown[]): Tensor {
  const a = normalizeArgs('booleanMask', ['tensor', 'mask', 'name', 'axis'], args);
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'boolean_mask', [a.tensor, a.mask], () => {
    const t = ctx.convertToTensor(a.tensor);
    const m = ctx.convertToTensor(a.mask, 'bool');
    const k = m.shape.rank;
    if (k === null) {
      throw new ValueError(
        'Number of mask dimensions must be specified, even if some dimensions are None.  E.g. shape=[None] is ok, but shape=None is not.',
      );
    }
    if (k === 0) throw new ValueError('mask cannot be scalar.');
    const axis = (a.axis as number | null | undefined) ?? 0;
    if (!Number.isInteger(axis) || axis < 0) throw new TypeError(`booleanMask: axis must be a non-negative integer, got ${String(axis)}`);
    const tDims = t.shape.dims;
    if (tDims === null) throw new TypeError('booleanMask: the rank of tensor must be known statically.');
    const lead = new TensorShape(tDims.slice(axis, axis + k));
    if (!lead.isCompatibleWith(m.shape) || tDims.length < axis + k) {
      throw new ValueError(`Shapes ${lead.toString()} and ${m.shape.toString()} are incompatible`);
    }
    // As TensorFlow: the masked dims collapse into one, then a Gather along `axis` picks the true ones.
    const leadDims = tDims.slice(axis, axis + k);
    const leadSize = leadDims.every((d) => d !== null) ? (leadDims as number[]).reduce((x, y) => x * y, 1) : -1;
    const target = [...tDims.slice(0, axis).map((d) => d ?? -1), leadSize, ...tDims.slice(axis + k).map((d) => d ?? -1)];
    if (target.filter((d) => d === -1).length > 1) throw new TypeError('booleanMask: too many unknown dimensions in tensor.');
    const flat = applyOp1(Reshape, [t, target], {});
    const flatMask = applyOp1(Reshape, [m, [-1]], {});
    const indices = applyOp1(Squeeze, [applyOp1(Where, [flatMask], {})], { squeeze_dims: [1] });
    return applyOp1(GatherV2, [flat, indices, axis], {});
  });
}
