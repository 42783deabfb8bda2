import { type DTypeLike, toDType } from '../../../core/dtypes.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import { registerOp } from '../../registry.js';
import { unchangedShape } from '../../shape-fns.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
import { ALL } from '../dtype-sets.js';
import type { DType } from '../../../core/dtypes.js';

export const Cast = registerOp({
  type: 'Cast',
  elementwise: true,
  // Same dtype: the output is the input.
  forwardsInput: (attrs) => attrs.SrcT === attrs.DstT,
  grad: (op, [dy]) => {
    const src = op.attrs.SrcT as DType;
    const dst = op.attrs.DstT as DType;
    const float = (d: DType) => d === 'float32' || d === 'float64';
    return [dy && float(src) && float(dst) ? applyOp1(Cast, [dy], { DstT: src }) : null];
  },
  inputs: [{ name: 'x', typeAttr: 'SrcT' }],
  outputs: [{ name: 'y', typeAttr: 'DstT' }],
  attrs: [
    { name: 'SrcT', type: 'type', allowed: ALL },
    { name: 'DstT', type: 'type', allowed: ALL },
    { name: 'Truncate', type: 'bool', default: false },
  ],
  shape: unchangedShape,
});

/** `tf.cast(x, dtype, name)`: converts elementwise (floats to ints truncate toward zero). */
export function cast(x: TensorInput, dtype: DTypeLike, name?: NameOrOptions): Tensor {
  const a = normalizeArgs('cast', ['x', 'dtype', 'name'], [x, dtype, name]);
  const to = toDType(a.dtype);
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'Cast', [a.x], (scope) => {
    const t = ctx.convertToTensor(a.x, undefined, undefined, 'x');
    // As TensorFlow: casting to the tensor's own dtype returns it, with no op.
    return t.dtype === to ? t : applyOp1(Cast, [t], { DstT: to }, scope);
  });
}
