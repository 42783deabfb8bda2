import { TensorShape } from '../../../core/shape.js';
import { type DType, type DTypeLike, toDType } from '../../../core/dtypes.js';
import { ValueError } from '../../../core/errors.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import { registerOp } from '../../registry.js';
import { seedAttrs } from '../../seed.js';
import type { Tensor, TensorInput } from '../../types.js';
import { INDEX, NUMBER_TYPES } from '../dtype-sets.js';
import { SEED_ATTRS, given } from './common.js';

/** Multinomial: `num_samples` class indices per row of unnormalized log-probabilities. */
export const Multinomial = registerOp({
  type: 'Multinomial',
  stateful: true,
  random: true,
  grad: null,
  inputs: [
    { name: 'logits', typeAttr: 'T' },
    { name: 'num_samples', dtype: 'int32' },
  ],
  outputs: [{ name: 'output', typeAttr: 'output_dtype' }],
  attrs: [...SEED_ATTRS, { name: 'T', type: 'type', allowed: NUMBER_TYPES }, { name: 'output_dtype', type: 'type', allowed: INDEX, default: 'int64' }],
  shape: (ctx) => {
    const l = ctx.inputShape(0);
    if (l.rank !== null && l.rank !== 2) ctx.fail(`Shape must be rank 2 but is rank ${l.rank}`);
    const n = ctx.inputShape(1);
    if (n.rank !== null && n.rank !== 0) ctx.fail(`Shape must be rank 0 but is rank ${n.rank}`);
    const v = ctx.inputValue(1);
    const batch = l.dims !== null && l.rank === 2 ? (l.dims[0] ?? null) : null;
    return [new TensorShape([batch, v ? Number(v.data[0]) : null])];
  },
});

export interface MultinomialOptions {
  seed?: number | null;
  name?: string;
  outputDtype?: DTypeLike | null;
}

function impl(scopeName: string, a: Record<string, unknown>, dtypeArg: unknown): Tensor {
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), scopeName, [a.logits], () => {
    const logits = ctx.convertToTensor(a.logits, undefined, undefined, 'logits');
    const dt: DType = dtypeArg === undefined || dtypeArg === null ? 'int64' : toDType(dtypeArg);
    if (dt !== 'int32' && dt !== 'int64') throw new ValueError(`Argument \`dtype\` got invalid value <dtype: '${dt}'>. Accepted dtypes are (tf.int32, tf.int64).`);
    return applyOp1(Multinomial, [logits, a.numSamples], { ...seedAttrs(a.seed as number | null | undefined), output_dtype: dt });
  });
}

/** `tf.multinomial(logits, num_samples, seed=null, name, output_dtype=null)` (TF1; int64 by default). */
export function multinomial(
  logits: TensorInput,
  numSamples: TensorInput,
  seed?: number | null | MultinomialOptions,
  name?: string | MultinomialOptions,
  outputDtype?: DTypeLike | null | MultinomialOptions,
): Tensor {
  const a = normalizeArgs('multinomial', ['logits', 'numSamples', 'seed', 'name', 'outputDtype'], given([logits, numSamples, seed, name, outputDtype]));
  return impl('multinomial', a, a.outputDtype);
}

export interface CategoricalOptions {
  dtype?: DTypeLike | null;
  seed?: number | null;
  name?: string;
}

/** `tf.random.categorical(logits, num_samples, dtype=null, seed=null, name)`. */
export function categorical(
  logits: TensorInput,
  numSamples: TensorInput,
  dtype?: DTypeLike | null | CategoricalOptions,
  seed?: number | null | CategoricalOptions,
  name?: string | CategoricalOptions,
): Tensor {
  const a = normalizeArgs('categorical', ['logits', 'numSamples', 'dtype', 'seed', 'name'], given([logits, numSamples, dtype, seed, name]));
  return impl('categorical', a, a.dtype);
}
