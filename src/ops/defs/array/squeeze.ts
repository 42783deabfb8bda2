import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { ALL } from '../dtype-sets.js';
import { Shape } from './shape.js';
import { Reshape } from './reshape.js';

export const Squeeze = registerOp({
  type: 'Squeeze',
  forwardsInput: true,
  grad: (op, [dy]) => [dy ? applyOp1(Reshape, [dy, applyOp1(Shape, [op.inputs[0] as Tensor], {})], {}) : null],
  inputs: [{ name: 'input', typeAttr: 'T' }],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [
    { name: 'T', type: 'type', allowed: ALL },
    { name: 'squeeze_dims', type: 'list(int)', default: [] },
  ],
  shape: (ctx) => {
    const s = ctx.inputShape(0);
    const axes = ctx.attr<readonly number[]>('squeeze_dims');
    if (s.dims === null) return [new TensorShape(null)];
    const rank = s.dims.length;
    const norm = new Set<number>();
    for (const a of axes) {
      if (a < -rank || a >= rank) ctx.fail(`Tried to squeeze dim index ${a} for tensor with ${rank} dimensions.`);
      norm.add(a < 0 ? a + rank : a);
    }
    const out: (number | null)[] = [];
    s.dims.forEach((d, i) => {
      if (norm.size > 0 ? norm.has(i) : d === 1) {
        if (d !== null && d !== 1) ctx.fail(`Can not squeeze dim[${i}], expected a dimension of 1, got ${d}`);
        if (d === null && norm.size === 0) out.push(null);
      } else out.push(d);
    });
    // With no axes and unknown dims the result rank is unknown.
    if (norm.size === 0 && s.dims.some((d) => d === null)) return [new TensorShape(null)];
    return [new TensorShape(out)];
  },
});

/** `tf.squeeze`'s parameters by name, for an options object at any position after `input`. */
export interface SqueezeOptions {
  axis?: number | readonly number[] | null;
  name?: string;
  /** The deprecated TF1 spelling of `axis`. */
  squeezeDims?: number | readonly number[] | null;
}

/** `tf.squeeze(input, axis, name, squeezeDims)`: removes size-1 dimensions (only `axis` when given). */
export function squeeze(
  input: TensorInput,
  axis?: number | readonly number[] | null | SqueezeOptions,
  name?: string | SqueezeOptions,
  squeezeDims?: number | readonly number[] | null | SqueezeOptions,
): Tensor;
export function squeeze(...args: unknown[]): Tensor {
  const a = normalizeArgs('squeeze', ['input', 'axis', 'name', 'squeezeDims'], args);
  const ax = a.axis ?? a.squeezeDims ?? [];
  return applyOp1(Squeeze, [a.input], { squeeze_dims: typeof ax === 'number' ? [ax] : [...(ax as number[])] }, nameArg(a));
}
