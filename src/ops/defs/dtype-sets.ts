import { DTYPES, type DType } from '../../core/dtypes.js';

/**
 * Dtypes the CPU math kernels (AddV2, MatMul, Sum, Neg, …) compute today. float16, int8, int16,
 * uint16, uint32 and uint64 are not among them yet: those ops refuse them at build time.
 */
export const NUMERIC: readonly DType[] = ['float32', 'float64', 'int32', 'int64', 'uint8'];
/** TensorFlow's `realnumbertypes` that tensorgraph has (float16 … uint64), for ops whose kernels handle them all. */
export const REAL_NUMBERS: readonly DType[] = DTYPES.filter((d) => d !== 'bool' && d !== 'string');
export const FLOATS: readonly DType[] = ['float32', 'float64'];
export const INDEX: readonly DType[] = ['int32', 'int64'];
/** Every dtype: what TensorFlow's "any type" ops (Identity, Const, Placeholder, Reshape, Pack, …) take. */
export const ALL: readonly DType[] = DTYPES;
