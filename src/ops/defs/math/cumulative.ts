// What the cumulative ops (Cumsum, Cumprod) share: TensorFlow's OpDef (inputs, attrs, shape
// function) and the tf.cumsum-style builder. Each op keeps its own gradient.
import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import type { GradFn, OpDef } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { INDEX, NUMBER_TYPES } from '../dtype-sets.js';

/** Registers a cumulative op `type` (inputs x, axis; attrs exclusive, reverse, T, Tidx). */
export function registerCumulativeOp(type: string, grad: GradFn): OpDef {
  return registerOp({
    type,
    grad,
    inputs: [
      { name: 'x', typeAttr: 'T' },
      { name: 'axis', typeAttr: 'Tidx' },
    ],
    outputs: [{ name: 'out', typeAttr: 'T' }],
    attrs: [
      { name: 'exclusive', type: 'bool', default: false },
      { name: 'reverse', type: 'bool', default: false },
      { name: 'T', type: 'type', allowed: NUMBER_TYPES },
      { name: 'Tidx', type: 'type', allowed: INDEX, default: 'int32' },
    ],
    shape: (ctx) => {
      const a = ctx.inputShape(1);
      if (a.rank !== null && a.rank !== 0) ctx.fail(`Shape must be rank 0 but is rank ${a.rank}`);
      const s = ctx.inputShape(0);
      return [s.dims === null ? new TensorShape(null) : s];
    },
  });
}

/** A cumulative builder's parameters by name (`tf.cumsum`, `tf.cumprod`). */
export interface CumulativeOptions {
  axis?: TensorInput;
  exclusive?: boolean;
  reverse?: boolean;
  name?: string;
}

/** A builder with TensorFlow's signature `(x, axis=0, exclusive=False, reverse=False, name)`. */
export type CumulativeBuilder = (
  x: TensorInput,
  axis?: TensorInput | CumulativeOptions,
  exclusive?: boolean | CumulativeOptions,
  reverse?: boolean | CumulativeOptions,
  name?: string | CumulativeOptions,
) => Tensor;

/** The builder `fn` (e.g. 'cumsum') for the cumulative op `def`. */
export function cumulativeBuilder(fn: string, def: OpDef): CumulativeBuilder {
  return (...args: unknown[]) => {
    const a = normalizeArgs(fn, ['x', 'axis', 'exclusive', 'reverse', 'name'], args);
    return applyOp1(def, [a.x as TensorInput, (a.axis ?? 0) as TensorInput], { exclusive: Boolean(a.exclusive ?? false), reverse: Boolean(a.reverse ?? false) }, nameArg(a) ?? def.type);
  };
}
