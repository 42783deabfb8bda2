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
    if ((a.axis ?? 0) !== 0) throw new TypeError('booleanMask: axis other than 0 is not supported yet.');
    const tDims = t.shape.dims;
    if (tDims === null) throw new TypeError('booleanMask: the rank of tensor must be known statically.');
    const lead = new TensorShape(tDims.slice(0, k));
    if (!lead.isCompatibleWith(m.shape) || tDims.length < k) {
      throw new ValueError(`Shapes ${lead.toString()} and ${m.shape.toString()} are incompatible`);
    }
    const leadDims = tDims.slice(0, k);
    const leadSize = leadDims.every((d) => d !== null) ? (leadDims as number[]).reduce((x, y) => x * y, 1) : -1;
    const rest2 = tDims.slice(k).map((d) => d ?? -1);
    if (leadSize === -1 && rest2.includes(-1)) throw new TypeError('booleanMask: too many unknown dimensions in tensor.');
    const flat = applyOp1(Reshape, [t, [leadSize, ...rest2]], {});
    const flatMask = applyOp1(Reshape, [m, [-1]], {});
    const indices = applyOp1(Squeeze, [applyOp1(Where, [flatMask], {})], { squeeze_dims: [1] });
    return applyOp1(GatherV2, [flat, indices, 0], {});
  });
}
