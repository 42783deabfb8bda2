// ClipByValue (the op, with TF's _ClipByValueGrad) and `tf.clipByValue`, which TensorFlow builds
// from Minimum and Maximum in a `clip_by_value` name scope rather than with the op.
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import { unbroadcast } from '../../grad-helpers.js';
import type { OpDef } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import { unchangedShape } from '../../shape-fns.js';
import type { Tensor, TensorInput } from '../../types.js';
import { ValueError } from '../../../core/errors.js';
import { ZerosLike } from '../array/like.js';
import { NUMBER_TYPES } from '../dtype-sets.js';
import { Maximum, Minimum } from './binary-math.js';
import { Greater, LogicalOr } from './compare-more.js';
import { Less } from './compare.js';
import { Select } from './select.js';

export const ClipByValue: OpDef = registerOp({
  type: 'ClipByValue',
  elementwise: false,
  inputs: [
    { name: 't', typeAttr: 'T' },
    { name: 'clip_value_min', typeAttr: 'T' },
    { name: 'clip_value_max', typeAttr: 'T' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [{ name: 'T', type: 'type', allowed: NUMBER_TYPES }],
  shape: unchangedShape,
  grad: (op, [dz]) => {
    if (!dz) return [null, null, null];
    const [x, lo, hi] = op.inputs as [Tensor, Tensor, Tensor];
    const zeros = applyOp1(ZerosLike, [dz], {});
    const below = applyOp1(Less, [x, lo], {});
    const above = applyOp1(Greater, [x, hi], {});
    const gx = applyOp1(Select, [applyOp1(LogicalOr, [below, above], {}), zeros, dz], {});
    const glo = unbroadcast(x, lo, null, applyOp1(Select, [below, dz, zeros], {}))[1];
    const ghi = unbroadcast(x, hi, null, applyOp1(Select, [above, dz, zeros], {}))[1];
    return [gx, glo, ghi];
  },
});

/** `tf.clipByValue`'s parameters by name. */
export interface ClipByValueOptions {
  name?: string;
}

/**
 * `tf.clipByValue(t, clipValueMin, clipValueMax, name)`: `maximum(minimum(t, max), min)` in a
 * `clip_by_value` scope, as TensorFlow builds it; bounds may not broadcast `t` to a larger shape.
 */
export function clipByValue(t: TensorInput, clipValueMin: TensorInput, clipValueMax: TensorInput, name?: string | ClipByValueOptions): Tensor;
export function clipByValue(...args: unknown[]): Tensor {
  const a = normalizeArgs('clipByValue', ['t', 'clipValueMin', 'clipValueMax', 'name'], args);
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'clip_by_value', [a.t, a.clipValueMin, a.clipValueMax], (scope) => {
    const values = ctx.convertToTensor(a.t, undefined, undefined, 't');
    const check = (r: Tensor) => {
      if (!values.shape.isCompatibleWith(r.shape)) {
        throw new ValueError(`Shapes ${values.shape.toString()} and ${r.shape.toString()} are incompatible`);
      }
      return r;
    };
    const tMin = check(applyOp1(Minimum, [values, a.clipValueMax], {}));
    return check(applyOp1(Maximum, [tMin, a.clipValueMin], {}, scope));
  });
}
