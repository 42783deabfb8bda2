import type { OpDef } from '../../opdef.js';
import { randomFloatDef } from './common.js';
import type { NormalBuilder } from './random-standard-normal.js';
import { scaledNormal } from './scaled-normal.js';

/** TruncatedNormal: standard normals redrawn until |x| < 2. */
export const TruncatedNormal: OpDef = randomFloatDef('TruncatedNormal');

/** `tf.truncatedNormal(shape, mean=0, stddev=1, dtype='float32', seed=null, name)`: TruncatedNormal * stddev + mean. */
export const truncatedNormal: NormalBuilder = (...args: unknown[]) => scaledNormal('truncated_normal', TruncatedNormal, args);
