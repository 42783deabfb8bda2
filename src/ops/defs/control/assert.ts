import { normalizeArgs } from '../../args.js';
import { applyOp, nameArg } from '../../builder.js';
import { registerOp } from '../../registry.js';
import { noOutputs } from '../../shape-fns.js';
import type { NameOrOptions, Operation, TensorInput } from '../../types.js';

export const Assert = registerOp({
  type: 'Assert',
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
  shape: (ctx) => {
    const c = ctx.inputShape(0);
    if (c.rank !== null && c.rank !== 0) ctx.fail(`Shape must be rank 0 but is rank ${c.rank}`);
    return noOutputs(ctx);
  },
});

/**
 * `tf.Assert(condition, data, summarize, name)`: an op that fails the run with
 * InvalidArgumentError "assertion failed: [data...]" when `condition` is false. Like every TF1
 * op it only runs when fetched or made a control dependency.
 */
export function Assert_(condition: TensorInput, data: readonly TensorInput[], ...rest: (number | string | NameOrOptions<{ summarize?: number }> | undefined)[]): Operation {
  const a = normalizeArgs('Assert', ['condition', 'data', 'summarize', 'name'], [condition, data, ...rest]);
  if (!Array.isArray(a.data)) throw new TypeError('Assert: data must be a list of tensors');
  return applyOp(Assert, [a.condition, a.data], { summarize: (a.summarize as number | undefined) ?? 3 }, nameArg(a) ?? 'Assert');
}
