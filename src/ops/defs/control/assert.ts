import { normalizeArgs } from '../../args.js';
import { applyOpAsOperation, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import { registerOp } from '../../registry.js';
import { noOutputs } from '../../shape-fns.js';
import type { Operation, TensorInput } from '../../types.js';

export const Assert = registerOp({
  type: 'Assert',
  sideEffect: true,
  grad: null,
  inputs: [
    { name: 'condition', dtype: 'bool' },
    { name: 'data', typeListAttr: 'T' },
  ],
  outputs: [],
  attrs: [
    { name: 'T', type: 'list(type)' },
    { name: 'summarize', type: 'int', default: 3 },
  ],
  stateful: true,
  // TensorFlow's Assert has no shape check: a non-scalar condition fails in the kernel.
  shape: noOutputs,
});

/** `tf.Assert`'s parameters by name, for an options object at any position after `condition, data`. */
export interface AssertOptions {
  summarize?: number | null;
  name?: string;
}

/**
 * `tf.Assert(condition, data, summarize, name)`: an op that fails the run with
 * InvalidArgumentError "assertion failed: [data...]" when `condition` is false. Like every TF1
 * op it only runs when fetched or made a control dependency.
 */
export function Assert_(condition: TensorInput, data: readonly TensorInput[], summarize?: number | null | AssertOptions, name?: string | AssertOptions): Operation;
export function Assert_(...args: unknown[]): Operation {
  const a = normalizeArgs('Assert', ['condition', 'data', 'summarize', 'name'], args);
  if (!Array.isArray(a.data)) throw new TypeError('Assert: data must be a list of tensors');
  // TensorFlow builds `<scope>/Assert` inside name_scope(name, 'Assert'). (For data that is not all
  // int32/string it also wraps the op in a cond guard; tensorgraph has no cond yet, so never does.)
  return currentContext().withNameScope(nameArg(a), 'Assert', [a.condition, ...(a.data as unknown[])], () =>
    applyOpAsOperation(Assert, [a.condition, a.data], { summarize: (a.summarize as number | undefined) ?? 3 }, 'Assert'),
  );
}
