import { normalizeArgs } from '../../args.js';
import { applyOpAsOperation, applyOp1, nameArg } from '../../builder.js';
import { registerOp } from '../../registry.js';
import { noOutputs, unchangedShape } from '../../shape-fns.js';
import type { NameOrOptions, Operation, Tensor, TensorInput } from '../../types.js';
import { ALL } from '../dtype-sets.js';

export const Identity = registerOp({
  type: 'Identity',
  forwardsInput: true,
  grad: (_op, [dy]) => [dy ?? null],
  inputs: [{ name: 'input', typeAttr: 'T' }],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [{ name: 'T', type: 'type', allowed: ALL }],
  shape: unchangedShape,
});

/** `tf.identity(input, name)`: a copy of `input` (of a variable: its current value). */
export function identity(input: TensorInput, name?: NameOrOptions): Tensor {
  const a = normalizeArgs('identity', ['input', 'name'], [input, name]);
  return applyOp1(Identity, [a.input], {}, nameArg(a));
}

export const NoOp = registerOp({ type: 'NoOp', inputs: [], outputs: [], attrs: [], shape: noOutputs, grad: null });

/** `tf.noOp(name)`: an op that does nothing; useful as a control-dependency anchor. */
export function noOp(name?: NameOrOptions): Operation {
  const a = normalizeArgs('noOp', ['name'], [name]);
  return applyOpAsOperation(NoOp, [], {}, nameArg(a));
}
