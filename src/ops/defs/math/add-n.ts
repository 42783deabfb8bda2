import { ValueError } from '../../../core/errors.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import { registerOp } from '../../registry.js';
import { mergeInputShapes } from '../../shape-fns.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
import { NUMBER_TYPES } from '../dtype-sets.js';
import { Identity } from '../array/identity.js';

/** Sums N same-shape tensors elementwise (TensorFlow's `AddN`, the op gradient aggregation uses). */
export const AddN = registerOp({
  type: 'AddN',
  // TensorFlow's _AddNGrad: every input receives the output's gradient.
  grad: (op, [dy]) => op.inputs.map(() => dy ?? null),
  inputs: [{ name: 'inputs', typeAttr: 'T', numberAttr: 'N' }],
  outputs: [{ name: 'sum', typeAttr: 'T' }],
  attrs: [
    { name: 'N', type: 'int' },
    { name: 'T', type: 'type', allowed: NUMBER_TYPES },
  ],
  // As TensorFlow's AddN shape function: all inputs merged.
  shape: (ctx) => [mergeInputShapes(ctx)],
});

const ADD_N_ARGS = 'Inputs must be an iterable of at least one Tensor/IndexedSlices with the same dtype and shape.';

/**
 * `tf.addN(inputs, name)` (also `tf.math.addN`): the elementwise sum of a non-empty list of
 * same-dtype, same-shape tensors. One input is returned as is (an Identity named `name` when a
 * name is given), as TensorFlow's `math_ops.add_n` does.
 */
export function addN(inputs: readonly TensorInput[], name?: NameOrOptions): Tensor {
  const a = normalizeArgs('addN', ['inputs', 'name'], [inputs, name]);
  const list = a.inputs;
  if (!Array.isArray(list) || list.length === 0) throw new ValueError(ADD_N_ARGS);
  const ctx = currentContext();
  const opName = nameArg(a);
  return ctx.atomic(list, () => {
    // Each element is converted on its own first (TensorFlow's convert_n_to_tensor), so a JS
    // number next to a float64 tensor is a float32 and the op refuses the mix.
    const ts = list.map((v) => ctx.convertToTensor(v));
    if (ts.length === 1) return opName ? applyOp1(Identity, [ts[0]], {}, opName) : (ts[0] as Tensor);
    return applyOp1(AddN, [ts], {}, opName);
  });
}
