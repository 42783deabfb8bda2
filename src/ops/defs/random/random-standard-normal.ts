import type { DTypeLike } from '../../../core/dtypes.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { INDEX } from '../dtype-sets.js';
import { RANDOM_FLOATS, SEED_ATTRS, randomShape } from './common.js';
import { scaledNormal } from './scaled-normal.js';

export const RandomStandardNormal = registerOp({
  type: 'RandomStandardNormal',
  stateful: true,
  random: true,
  grad: null,
  inputs: [{ name: 'shape', typeAttr: 'T' }],
  outputs: [{ name: 'output', typeAttr: 'dtype' }],
  attrs: [...SEED_ATTRS, { name: 'dtype', type: 'type', allowed: RANDOM_FLOATS }, { name: 'T', type: 'type', allowed: INDEX }],
  shape: randomShape,
});

export interface RandomNormalOptions {
  mean?: TensorInput;
  stddev?: TensorInput;
  dtype?: DTypeLike;
  seed?: number | null;
  name?: string;
}

/** `tf.randomNormal(shape, mean=0, stddev=1, dtype='float32', seed=null, name)`: RandomStandardNormal * stddev + mean. */
export function randomNormal(
  shape: TensorInput,
  mean?: TensorInput | RandomNormalOptions,
  stddev?: TensorInput | RandomNormalOptions,
  dtype?: DTypeLike | RandomNormalOptions,
  seed?: number | null | RandomNormalOptions,
  name?: string | RandomNormalOptions,
): Tensor {
  return scaledNormal('random_normal', RandomStandardNormal, [shape, mean, stddev, dtype, seed, name]);
}
