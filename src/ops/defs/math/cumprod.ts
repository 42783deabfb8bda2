// Cumprod (TensorFlow's op, with its _CumprodGrad) and tf.cumprod / tf.math.cumprod.
import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { INDEX, NUMBER_TYPES } from '../dtype-sets.js';
import { Mul } from './binary.js';
import { Cumsum } from './cumsum.js';
import { DivNoNan } from './div-no-nan.js';

export const Cumprod = registerOp({
  type: 'Cumprod',
  // TensorFlow's _CumprodGrad: cumsum(cumprod(x)·dy) in the other direction, divided by x (0 where x is 0).
  grad: (op, [dy]) => {
    if (!dy) return [null, null];
    const [x, axis] = op.inputs as [Tensor, Tensor];
    const attrs = { exclusive: op.attrs.exclusive, reverse: op.attrs.reverse };
    const prod = applyOp1(Cumprod, [x, axis], attrs);
    const out = applyOp1(Cumsum, [applyOp1(Mul, [prod, dy], {}), axis], { exclusive: op.attrs.exclusive, reverse: !op.attrs.reverse });
    return [applyOp1(DivNoNan, [out, x], {}), null];
  },
  inputs: [
    { name: 'x', typeAttr: 'T' },
    { name: 'axis', typeAttr: 'Tidx' },
  ],
  outputs: [{ name: 'out', typeAttr: 'T' }],
  attrs: [
    { name: 'exclusive', type: 'bool', default: false },
    { name: 'reverse', type: 'bool', default: false },
    { name: 'T', type: 'type', allowed: NUMBER_TYPES },
    { name: 'Tidx', type: 'type', allowed: INDEX, default: 'int32' },
  ],
  shape: (ctx) => {
    const a = ctx.inputShape(1);
    if (a.rank !== null && a.rank !== 0) ctx.fail(`Shape must be rank 0 but is rank ${a.rank}`);
    const s = ctx.inputShape(0);
    return [s.dims === null ? new TensorShape(null) : s];
  },
});

/** `tf.cumprod`'s parameters by name. */
export interface CumprodOptions {
  axis?: TensorInput;
  exclusive?: boolean;
  reverse?: boolean;
  name?: string;
}

/** `tf.cumprod(x, axis=0, exclusive, reverse, name)` (also tf.math.cumprod): running products along `axis`. */
export function cumprod(
  x: TensorInput,
  axis?: TensorInput | CumprodOptions,
  exclusive?: boolean | CumprodOptions,
  reverse?: boolean | CumprodOptions,
  name?: string | CumprodOptions,
): Tensor;
export function cumprod(...args: unknown[]): Tensor {
  const a = normalizeArgs('cumprod', ['x', 'axis', 'exclusive', 'reverse', 'name'], args);
  return applyOp1(Cumprod, [a.x, a.axis ?? 0], { exclusive: Boolean(a.exclusive ?? false), reverse: Boolean(a.reverse ?? false) }, nameArg(a) ?? 'Cumprod');
}
