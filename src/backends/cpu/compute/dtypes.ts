// The dtypes the compute layer handles (every core dtype but string), with their storage and
// arithmetic kind.
import { type DType, INT_RANGE as CORE_INT_RANGE, TYPED_ARRAY } from '../../../core/dtypes.js';

export type ComputeDType = Exclude<DType, 'string'>;

/** Storage of a numeric or bool tensor (float16: Uint16Array of half bits; bool: Uint8Array of 0/1). */
export type ComputeArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/**
 * How values of a dtype are computed: `float` (JS numbers, stored rounding to the array's width),
 * `half` (float16 bits decoded to float, computed as `float`, encoded back), `int` (integers of up
 * to 32 bits: exact JS numbers, products by Math.imul, wrapped by the typed-array store), `big`
 * (int64/uint64 as BigInt, wrapped by the store), `bool` (0/1).
 */
export type Kind = 'float' | 'half' | 'int' | 'big' | 'bool';

const KIND: Record<ComputeDType, Kind> = {
  float16: 'half',
  float32: 'float',
  float64: 'float',
  int8: 'int',
  int16: 'int',
  int32: 'int',
  int64: 'big',
  uint8: 'int',
  uint16: 'int',
  uint32: 'int',
  uint64: 'big',
  bool: 'bool',
};

export const COMPUTE_DTYPES = Object.keys(KIND) as readonly ComputeDType[];

export function kindOf(dtype: string): Kind {
  const k = (KIND as Record<string, Kind | undefined>)[dtype];
  if (k === undefined) throw new TypeError(`compute: unsupported dtype '${dtype}'`);
  return k;
}

/** A zeroed array of `n` elements in the storage of `dtype`. */
export function allocateFor(dtype: ComputeDType, n: number): ComputeArray {
  return new TYPED_ARRAY[dtype](n) as ComputeArray;
}

/** Lowest and highest values of the integer dtypes (Max/Min identities). */
export const INT_RANGE: Partial<Record<ComputeDType, readonly [number | bigint, number | bigint]>> = {
  ...CORE_INT_RANGE,
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
  bool: [0, 1],
};

