import type { DType } from '../../core/dtypes.js';

/** Dtype constraints shared by many ops. */
export const NUMERIC: readonly DType[] = ['float32', 'float64', 'int32', 'int64', 'uint8'];
export const FLOATS: readonly DType[] = ['float32', 'float64'];
export const INDEX: readonly DType[] = ['int32', 'int64'];
export const ALL: readonly DType[] = ['float32', 'float64', 'int32', 'int64', 'uint8', 'bool', 'string'];
