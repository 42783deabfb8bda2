import type { DTypeLike } from '../../../core/dtypes.js';
import type { OpDef } from '../../opdef.js';
import type { Tensor, TensorInput } from '../../types.js';
import { randomFloatDef } from './common.js';
import { scaledNormal } from './scaled-normal.js';

export const RandomStandardNormal: OpDef = randomFloatDef('RandomStandardNormal');

export interface RandomNormalOptions {
  mean?: TensorInput;
  stddev?: TensorInput;
  dtype?: DTypeLike;
  seed?: number | null;
  name?: string;
}

/** `tf.randomNormal` / `tf.truncatedNormal`: (shape, mean=0, stddev=1, dtype='float32', seed=null, name). */
export type NormalBuilder = (
  shape: TensorInput,
  mean?: TensorInput | RandomNormalOptions,
  stddev?: TensorInput | RandomNormalOptions,
  dtype?: DTypeLike | RandomNormalOptions,
  seed?: number | null | RandomNormalOptions,
  name?: string | RandomNormalOptions,
) => Tensor;

/** `tf.randomNormal(shape, mean=0, stddev=1, dtype='float32', seed=null, name)`: RandomStandardNormal * stddev + mean. */
export const randomNormal: NormalBuilder = (...args: unknown[]) => scaledNormal('random_normal', RandomStandardNormal, args);
