import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { ARITHMETIC, INDEX } from '../dtype-sets.js';

export const Cumsum = registerOp({
  type: 'Cumsum',
  // As TensorFlow's _CumsumGrad: the cumulative sum in the other direction.
  grad: (op, [dy]) => [
    dy ? applyOp1(Cumsum, [dy, op.inputs[1]], { exclusive: op.attrs.exclusive, reverse: !op.attrs.reverse }) : null,
    null,
  ],
  inputs: [
    { name: 'x', typeAttr: 'T' },
    { name: 'axis', typeAttr: 'Tidx' },
  ],
  outputs: [{ name: 'out', typeAttr: 'T' }],
  attrs: [
    { name: 'exclusive', type: 'bool', default: false },
    { name: 'reverse', type: 'bool', default: false },
    { name: 'T', type: 'type', allowed: ARITHMETIC },
    { name: 'Tidx', type: 'type', allowed: INDEX, default: 'int32' },
  ],
  shape: (ctx) => {
    const a = ctx.inputShape(1);
    if (a.rank !== null && a.rank !== 0) ctx.fail(`Shape must be rank 0 but is rank ${a.rank}`);
    const s = ctx.inputShape(0);
    return [s.dims === null ? new TensorShape(null) : s];
  },
});

/** `tf.cumsum`'s parameters by name. */
export interface CumsumOptions {
  axis?: TensorInput;
  exclusive?: boolean;
  reverse?: boolean;
  name?: string;
}

/** `tf.cumsum(x, axis, exclusive, reverse, name)`: running sums along `axis`. */
export function cumsum(
  x: TensorInput,
  axis?: TensorInput | CumsumOptions,
  exclusive?: boolean | CumsumOptions,
  reverse?: boolean | CumsumOptions,
  name?: string | CumsumOptions,
): Tensor;
export function cumsum(...args: unknown[]): Tensor {
  const a = normalizeArgs('cumsum', ['x', 'axis', 'exclusive', 'reverse', 'name'], args);
  return applyOp1(Cumsum, [a.x, a.axis ?? 0], { exclusive: Boolean(a.exclusive ?? false), reverse: Boolean(a.reverse ?? false) }, nameArg(a) ?? 'Cumsum');
}
