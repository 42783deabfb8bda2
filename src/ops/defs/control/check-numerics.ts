import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import type { OpDef } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import { unchangedShape } from '../../shape-fns.js';
import type { Tensor, TensorInput } from '../../types.js';

/**
 * `CheckNumerics`: passes `tensor` through, or fails the run with InvalidArgumentError
 * "<message> : Tensor had NaN values" (Inf, Inf and NaN). Stateful as in TensorFlow (never folded
 * away). The gradient is checked likewise (TensorFlow's _CheckNumericsGrad).
 */
export const CheckNumerics: OpDef = registerOp({
  type: 'CheckNumerics',
  stateful: true,
  forwardsInput: true,
  inputs: [{ name: 'tensor', typeAttr: 'T' }],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [
    { name: 'T', type: 'type', allowed: ['float16', 'float32', 'float64'] },
    { name: 'message', type: 'string' },
  ],
  shape: unchangedShape,
  grad: (op, [dy]) =>
    dy ? [applyOp1(CheckNumerics, [dy], { message: `Not a number (NaN) or infinity (Inf) values detected in gradient. ${op.attrs.message as string}` })] : [null],
});

/** `tf.debugging.checkNumerics` parameters by name. */
export interface CheckNumericsOptions {
  message?: string;
  name?: string;
}

/** `tf.debugging.checkNumerics(tensor, message, name)` (also `tf.checkNumerics`). */
export function checkNumerics(tensor: TensorInput, message: string | CheckNumericsOptions, name?: string | CheckNumericsOptions): Tensor {
  const a = normalizeArgs('checkNumerics', ['tensor', 'message', 'name'], [tensor, message, name]);
  if (typeof a.message !== 'string') throw new TypeError(`Expected string for argument 'message' not ${String(a.message)}.`);
  return applyOp1(CheckNumerics, [a.tensor], { message: a.message }, nameArg(a));
}

