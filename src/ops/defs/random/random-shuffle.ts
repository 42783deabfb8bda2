import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { registerOp } from '../../registry.js';
import { seedAttrs } from '../../seed.js';
import type { Tensor, TensorInput } from '../../types.js';
import { ALL } from '../dtype-sets.js';
import { SEED_ATTRS, given } from './common.js';
import { unchangedShape } from '../../shape-fns.js';

/** RandomShuffle: a random permutation of the first dimension. */
export const RandomShuffle = registerOp({
  type: 'RandomShuffle',
  stateful: true,
  random: true,
  grad: null,
  inputs: [{ name: 'value', typeAttr: 'T' }],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [...SEED_ATTRS, { name: 'T', type: 'type', allowed: ALL }],
  shape: unchangedShape,
});

export interface RandomShuffleOptions {
  seed?: number | null;
  name?: string;
}

/** `tf.randomShuffle(value, seed=null, name)`: shuffles `value` along its first dimension. */
export function randomShuffle(value: TensorInput, seed?: number | null | RandomShuffleOptions, name?: string | RandomShuffleOptions): Tensor {
  const a = normalizeArgs('random_shuffle', ['value', 'seed', 'name'], given([value, seed, name]));
  return applyOp1(RandomShuffle, [a.value], seedAttrs(a.seed as number | null | undefined), nameArg(a));
}
