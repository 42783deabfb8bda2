import { LookupError } from '../../../core/errors.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg, simpleBuilder } from '../../builder.js';
import { registerOp } from '../../registry.js';
import { unchangedShape } from '../../shape-fns.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
import { ALL } from '../dtype-sets.js';

/** The identity in the forward pass; no gradient flows through it (TensorFlow's NotDifferentiable). */
export const StopGradient = registerOp({
  type: 'StopGradient',
  forwardsInput: true,
  grad: null,
  inputs: [{ name: 'input', typeAttr: 'T' }],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [{ name: 'T', type: 'type', allowed: ALL }],
  shape: unchangedShape,
});

/** Python's repr of the bytes attr, as TensorFlow's message shows it: `b'why'`. */
function bytesRepr(s: string): string {
  return `b'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\t/g, '\\t')}'`;
}

/** The identity in the forward pass; asking for its gradient is an error that names the reason. */
export const PreventGradient = registerOp({
  type: 'PreventGradient',
  forwardsInput: true,
  grad: (op) => {
    throw new LookupError(`Gradient explicitly disabled. Reason: ${bytesRepr(String(op.attrs.message ?? ''))}`);
  },
  inputs: [{ name: 'input', typeAttr: 'T' }],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [
    { name: 'T', type: 'type', allowed: ALL },
    { name: 'message', type: 'string', default: '' },
  ],
  shape: unchangedShape,
});

/** `tf.stopGradient(input, name)`: `input` as a constant for tf.gradients (op StopGradient). */
export const stopGradient: (input: TensorInput, name?: NameOrOptions) => Tensor = simpleBuilder('stopGradient', StopGradient, ['input']);

/** `tf.raw_ops.PreventGradient(input, message, name)`: the identity whose gradient raises LookupError. */
export function preventGradient(input: TensorInput, message?: string | { message?: string; name?: string }, name?: NameOrOptions): Tensor {
  const a = normalizeArgs('preventGradient', ['input', 'message', 'name'], [input, message, name]);
  return applyOp1(PreventGradient, [a.input], { message: (a.message as string | undefined) ?? '' }, nameArg(a));
}
