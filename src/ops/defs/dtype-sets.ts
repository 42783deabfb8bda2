import { DTYPES, type DType } from '../../core/dtypes.js';

/** The dtypes of the first five (and Range's index types): float32, float64, int32, int64, uint8. */
export const NUMERIC: readonly DType[] = ['float32', 'float64', 'int32', 'int64', 'uint8'];

// The sets below are TensorFlow's for those ops, in TensorFlow's order (so messages list them as
// TensorFlow does), keeping the dtypes tensorgraph has (no bfloat16, complex or quantized types).

/** AddV2's `T` (also Sub, Mul, RealDiv, Square: the same set). */
export const ARITHMETIC: readonly DType[] = ['float16', 'float32', 'float64', 'uint8', 'uint16', 'uint32', 'uint64', 'int8', 'int16', 'int32', 'int64'];
/** Neg's `T`: signed numbers. */
export const SIGNED: readonly DType[] = ['float16', 'float32', 'float64', 'int8', 'int16', 'int32', 'int64'];
/** MatMul's `T`. */
export const MATMUL_TYPES: readonly DType[] = ['float16', 'float32', 'float64', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64'];
/** TensorFlow's `numbertypes` (Sum, AssignAdd): its order. */
export const NUMBER_TYPES: readonly DType[] = ['float32', 'float64', 'int32', 'uint8', 'int16', 'int8', 'int64', 'uint16', 'float16', 'uint32', 'uint64'];
/** TensorFlow's `realnumbertypes` that tensorgraph has (float16 … uint64), for ops whose kernels handle them all. */
export const REAL_NUMBERS: readonly DType[] = DTYPES.filter((d) => d !== 'bool' && d !== 'string');
export const FLOATS: readonly DType[] = ['float32', 'float64'];
export const INDEX: readonly DType[] = ['int32', 'int64'];
/** Every dtype: what TensorFlow's "any type" ops (Identity, Const, Placeholder, Reshape, Pack, …) take. */
export const ALL: readonly DType[] = DTYPES;
