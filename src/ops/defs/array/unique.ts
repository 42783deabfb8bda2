import { type DTypeLike, toDType } from '../../../core/dtypes.js';
import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp, nameArg } from '../../builder.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { ALL, INDEX } from '../dtype-sets.js';

export const Unique = registerOp({
  type: 'Unique',
  dataDependentShape: true,
  grad: null,
  inputs: [{ name: 'x', typeAttr: 'T' }],
  outputs: [
    { name: 'y', typeAttr: 'T' },
    { name: 'idx', typeAttr: 'out_idx' },
  ],
  attrs: [
    { name: 'T', type: 'type', allowed: ALL },
    { name: 'out_idx', type: 'type', allowed: INDEX, default: 'int32' },
  ],
  shape: (ctx) => {
    const s = ctx.inputShape(0);
    if (s.rank !== null && s.rank !== 1) ctx.fail(`Shape must be rank 1 but is rank ${s.rank}`);
    return [new TensorShape([null]), s.dims === null ? new TensorShape([null]) : s];
  },
});

/** `tf.unique(x, outIdx, name)`: the distinct values of a 1-D tensor in order of first appearance, and each element's index into them. */
export function unique(x: TensorInput, outIdx?: DTypeLike | { outIdx?: DTypeLike; name?: string }, name?: string | { outIdx?: DTypeLike; name?: string }): [Tensor, Tensor];
export function unique(...args: unknown[]): [Tensor, Tensor] {
  const a = normalizeArgs('unique', ['x', 'outIdx', 'name'], args);
  const [y, idx] = applyOp(Unique, [a.x], { out_idx: toDType((a.outIdx as DTypeLike | undefined) ?? 'int32') }, nameArg(a)) as [Tensor, Tensor];
  return [y, idx];
}
