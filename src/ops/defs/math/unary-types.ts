import type { DType } from '../../../core/dtypes.js';

// TensorFlow's allowed `T` of the unary math ops, in its order, keeping the dtypes tensorgraph has.
/** Sqrt, Exp, Tanh, …, the *Grad ops, Erf, Floor, Ceil, IsNan, IsFinite. */
export const FLOAT_TYPES: readonly DType[] = ['float16', 'float32', 'float64'];
/** Abs, Sign, Round, Reciprocal: floats and signed integers. */
export const FLOAT_SIGNED_INT: readonly DType[] = ['float16', 'float32', 'float64', 'int8', 'int16', 'int32', 'int64'];
