import type { DTypeLike } from '../../../core/dtypes.js';
import type { OpDef } from '../../opdef.js';
import type { Tensor, TensorInput } from '../../types.js';
import { randomFloatDef } from './common.js';
import type { RandomNormalOptions } from './random-standard-normal.js';
import { scaledNormal } from './scaled-normal.js';

/** TruncatedNormal: standard normals redrawn until |x| < 2. */
export const TruncatedNormal: OpDef = randomFloatDef('TruncatedNormal');

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
