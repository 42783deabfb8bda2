import type { DTypeLike } from '../../../core/dtypes.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { INDEX } from '../dtype-sets.js';
import { RANDOM_FLOATS, SEED_ATTRS, randomShape } from './common.js';
import type { RandomNormalOptions } from './random-standard-normal.js';
import { scaledNormal } from './scaled-normal.js';

/** TruncatedNormal: standard normals redrawn until |x| < 2. */
export const TruncatedNormal = registerOp({
  type: 'TruncatedNormal',
  stateful: true,
  random: true,
  grad: null,
  inputs: [{ name: 'shape', typeAttr: 'T' }],
  outputs: [{ name: 'output', typeAttr: 'dtype' }],
  attrs: [...SEED_ATTRS, { name: 'dtype', type: 'type', allowed: RANDOM_FLOATS }, { name: 'T', type: 'type', allowed: INDEX }],
  shape: randomShape,
});

/** `tf.truncatedNormal(shape, mean=0, stddev=1, dtype='float32', seed=null, name)`: TruncatedNormal * stddev + mean. */
export function truncatedNormal(
  shape: TensorInput,
  mean?: TensorInput | RandomNormalOptions,
  stddev?: TensorInput | RandomNormalOptions,
  dtype?: DTypeLike | RandomNormalOptions,
  seed?: number | null | RandomNormalOptions,
  name?: string | RandomNormalOptions,
): Tensor {
  return scaledNormal('truncated_normal', TruncatedNormal, [shape, mean, stddev, dtype, seed, name]);
}
