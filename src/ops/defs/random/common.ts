// Shared by the random OpDefs: TensorFlow's seed attrs, `RandomShape` shape function and the
// float random ops' OpDef.
import { ValueError } from '../../../core/errors.js';
import { TensorShape } from '../../../core/shape.js';
import type { AttrDef, InferContext, OpDef } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import { INDEX } from '../dtype-sets.js';

export const SEED_ATTRS: readonly AttrDef[] = [
  { name: 'seed', type: 'int', default: 0 },
  { name: 'seed2', type: 'int', default: 0 },
];

/** The random ops' float dtypes (TF's {half, bfloat16, float, double}, without bfloat16). */
export const RANDOM_FLOATS = ['float16', 'float32', 'float64'] as const;

/** TF's `RandomShape`: the output shape is the value of the 1-D shape input (partially known). */
export function randomShape(ctx: InferContext): TensorShape[] {
  const r = ctx.inputShape(0).rank;
  if (r !== null && r !== 1) ctx.fail(`Shape must be rank 1 but is rank ${r}`);
  const v = ctx.inputValue(0);
  if (v) {
    const dims = Array.from(v.data as ArrayLike<number | bigint>, Number);
    // TF raises this one without the node description.
    for (const d of dims) if (d < -1) throw new ValueError(`Invalid value in tensor used for shape: ${d}`);
    return [new TensorShape(dims.map((d) => (d === -1 ? null : d)))];
  }
  return [ctx.inputAsShape(0)];
}

/** A stateful random op `output = op(shape)` of a float `dtype` (RandomUniform, RandomStandardNormal, TruncatedNormal). */
export function randomFloatDef(type: string): OpDef {
  return registerOp({
    type,
    stateful: true,
    random: true,
    grad: null,
    inputs: [{ name: 'shape', typeAttr: 'T' }],
    outputs: [{ name: 'output', typeAttr: 'dtype' }],
    attrs: [...SEED_ATTRS, { name: 'dtype', type: 'type', allowed: RANDOM_FLOATS }, { name: 'T', type: 'type', allowed: INDEX }],
    shape: randomShape,
  });
}

/** A named-parameter call's arguments without the trailing `undefined`s, for `normalizeArgs`. */
export function given(args: readonly unknown[]): unknown[] {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  return args.slice(0, n);
}
