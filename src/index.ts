/**
 * `tensorgraph`: TensorFlow 2 semantics. Eager execution and `tf.function` are not built yet (see
 * docs/compatibility.md); until they are, this entry exports the mode-independent pieces and the
 * TF1 API as `compat.v1`, exactly as `tensorgraph/v1` exports it.
 */
import * as v1 from './api-v1.js';

export * as errors from './core/errors.js';
export { NDArray } from './core/ndarray.js';
export { TensorShape } from './core/shape.js';
export type { DType } from './core/dtypes.js';
export const compat = { v1 } as const;
