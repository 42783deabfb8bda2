import { applyOp1 } from '../../builder.js';
import { type CumulativeOptions, cumulativeBuilder, registerCumulativeOp } from './cumulative.js';

// As TensorFlow's _CumsumGrad: the cumulative sum in the other direction.
export const Cumsum = registerCumulativeOp('Cumsum', (op, [dy]) => [
  dy ? applyOp1(Cumsum, [dy, op.inputs[1]], { exclusive: op.attrs.exclusive, reverse: !op.attrs.reverse }) : null,
  null,
]);

/** `tf.cumsum`'s parameters by name. */
export type CumsumOptions = CumulativeOptions;

/** `tf.cumsum(x, axis, exclusive, reverse, name)`: running sums along `axis`. */
export const cumsum = cumulativeBuilder('cumsum', Cumsum);
