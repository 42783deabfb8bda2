import { ValueError } from '../../../core/errors.js';
import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { ALL, INDEX } from '../dtype-sets.js';
import { Reshape } from './reshape.js';
import { Shape } from './shape.js';

export const ExpandDims = registerOp({
  type: 'ExpandDims',
  forwardsInput: true,
  grad: (op, [dy]) => [dy ? applyOp1(Reshape, [dy, applyOp1(Shape, [op.inputs[0] as Tensor], {})], {}) : null, null],
  inputs: [
    { name: 'input', typeAttr: 'T' },
    { name: 'dim', typeAttr: 'Tdim' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [
    { name: 'T', type: 'type', allowed: ALL },
    { name: 'Tdim', type: 'type', allowed: INDEX, default: 'int32' },
  ],
  shape: (ctx) => {
    const s = ctx.inputShape(0);
    const dimShape = ctx.inputShape(1);
    const n = dimShape.numElements();
    if (n !== null && n !== 1) ctx.fail(`'dim' input must be a tensor with a single value`);
    const v = ctx.inputValue(1);
    if (s.dims === null || !v) return [new TensorShape(s.dims === null ? null : new Array(s.dims.length + 1).fill(null))];
    const rank = s.dims.length;
    const d = Number(v.data[0]);
    if (d < -1 - rank || d > rank) ctx.fail(`dim ${d} not in the interval [${-1 - rank}, ${rank}].`);
    const at = d < 0 ? d + rank + 1 : d;
    return [new TensorShape([...s.dims.slice(0, at), 1, ...s.dims.slice(at)])];
  },
});

/** `tf.expandDims`'s parameters by name. */
export interface ExpandDimsOptions {
  axis?: TensorInput | null;
  name?: string;
  /** The deprecated TF1 spelling of `axis`. */
  dim?: TensorInput | null;
}

/** `tf.expandDims(input, axis, name, dim)`: inserts a size-1 dimension at `axis`. */
export function expandDims(
  input: TensorInput,
  axis?: TensorInput | null | ExpandDimsOptions,
  name?: string | ExpandDimsOptions,
  dim?: TensorInput | null | ExpandDimsOptions,
): Tensor;
export function expandDims(...args: unknown[]): Tensor {
  const a = normalizeArgs('expandDims', ['input', 'axis', 'name', 'dim'], args);
  const given = (v: unknown) => v !== undefined && v !== null;
  if (given(a.axis) && given(a.dim)) throw new ValueError("Cannot specify both 'axis' and 'dim'.");
  const axis = given(a.axis) ? a.axis : a.dim;
  if (!given(axis)) throw new ValueError('Must specify an axis argument to tf.expand_dims()');
  return applyOp1(ExpandDims, [a.input, axis], {}, nameArg(a));
}
