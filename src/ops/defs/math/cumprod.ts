// Cumprod (TensorFlow's op, with its _CumprodGrad) and tf.cumprod / tf.math.cumprod.
import { applyOp1 } from '../../builder.js';
import type { Tensor } from '../../types.js';
import { Mul } from './binary.js';
import { Cumsum } from './cumsum.js';
import { type CumulativeOptions, cumulativeBuilder, registerCumulativeOp } from './cumulative.js';
import { DivNoNan } from './div-no-nan.js';

// TensorFlow's _CumprodGrad: cumsum(cumprod(x)·dy) in the other direction, divided by x (0 where x is 0).
export const Cumprod = registerCumulativeOp('Cumprod', (op, [dy]) => {
  if (!dy) return [null, null];
  const [x, axis] = op.inputs as [Tensor, Tensor];
  const attrs = { exclusive: op.attrs.exclusive, reverse: op.attrs.reverse };
  const prod = applyOp1(Cumprod, [x, axis], attrs);
  const out = applyOp1(Cumsum, [applyOp1(Mul, [prod, dy], {}), axis], { exclusive: op.attrs.exclusive, reverse: !op.attrs.reverse });
  return [applyOp1(DivNoNan, [out, x], {}), null];
});

/** `tf.cumprod`'s parameters by name. */
export type CumprodOptions = CumulativeOptions;

/** `tf.cumprod(x, axis=0, exclusive, reverse, name)` (also tf.math.cumprod): running products along `axis`. */
export const cumprod = cumulativeBuilder('cumprod', Cumprod);
