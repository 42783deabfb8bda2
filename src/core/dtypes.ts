/** The dtypes tensorgraph supports, named as TensorFlow names them in Python. */
import { ResourceExhaustedError } from './errors.js';

export type DType =
  | 'float16'
  | 'float32'
  | 'float64'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'bool'
  | 'string';

/** A dtype, or one of TensorFlow's spellings of one (`'float'`, `'double'`, `'half'`, `'tf.int32'`, …). */
export type DTypeLike = DType | 'half' | 'float' | 'double' | 'int' | 'long' | 'boolean' | `tf.${DType}` | 'tf.half';

export const DTYPES: readonly DType[] = [
  'float16',
  'float32',
  'float64',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'bool',
  'string',
];

/**
 * Storage of one dtype: typed arrays for numbers, BigInt64Array / BigUint64Array for int64 /
 * uint64, the IEEE half bit patterns in a Uint16Array for float16 (see float16.ts), byte strings
 * for `string`.
 */
export type DataFor<D extends DType> = D extends 'float32'
  ? Float32Array
  : D extends 'float64'
    ? Float64Array
    : D extends 'int32'
      ? Int32Array
      : D extends 'int64'
        ? BigInt64Array
        : D extends 'uint8' | 'bool'
          ? Uint8Array
          : D extends 'float16' | 'uint16'
            ? Uint16Array
            : D extends 'int8'
              ? Int8Array
              : D extends 'int16'
                ? Int16Array
                : D extends 'uint32'
                  ? Uint32Array
                  : D extends 'uint64'
                    ? BigUint64Array
                    : Uint8Array[];

export type NumericArray = Float32Array | Float64Array | Int32Array | Uint8Array | Int8Array | Int16Array | Uint16Array | Uint32Array;
export type TypedData = NumericArray | BigInt64Array | BigUint64Array | Uint8Array[];

export function isDType(x: unknown): x is DType {
  return typeof x === 'string' && (DTYPES as readonly string[]).includes(x);
}

export const isFloating = (d: DType): boolean => d === 'float16' || d === 'float32' || d === 'float64';
export const isInteger = (d: DType): boolean =>
  d === 'int8' || d === 'int16' || d === 'int32' || d === 'int64' || d === 'uint8' || d === 'uint16' || d === 'uint32' || d === 'uint64';
export const isNumeric = (d: DType): boolean => d !== 'string' && d !== 'bool';
/** Whether a dtype's storage holds bigints (int64, uint64). */
export const isBigIntDType = (d: DType): boolean => d === 'int64' || d === 'uint64';

/** The [min, max] of an integer dtype stored as JS numbers (not int64/uint64). */
export const INT_RANGE: Partial<Record<DType, readonly [number, number]>> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  uint8: [0, 255],
  uint16: [0, 65535],
  uint32: [0, 4294967295],
};

/** TensorFlow's DataType enum values (types.proto), used in GraphDefs and attr printing. */
const ENUM: Record<DType, number> = {
  float32: 1,
  float64: 2,
  int32: 3,
  uint8: 4,
  int16: 5,
  int8: 6,
  string: 7,
  int64: 9,
  bool: 10,
  uint16: 17,
  float16: 19,
  uint32: 22,
  uint64: 23,
};
/** TensorFlow's `DataTypeString` (what C++ error messages print: "with dtype float"). */
const TF_NAME: Record<DType, string> = {
  float16: 'half',
  float32: 'float',
  float64: 'double',
  int8: 'int8',
  int16: 'int16',
  int32: 'int32',
  int64: 'int64',
  uint8: 'uint8',
  uint16: 'uint16',
  uint32: 'uint32',
  uint64: 'uint64',
  bool: 'bool',
  string: 'string',
};

export const dtypeEnum = (d: DType): number => ENUM[d];
export const dtypeFromEnum = (n: number): DType | undefined => DTYPES.find((d) => ENUM[d] === n);
/** `float` for float32, `half` for float16, as TensorFlow's kernels print dtypes. */
export const dtypeTfName = (d: DType): string => TF_NAME[d];
/** `DT_FLOAT` for float32, `DT_HALF` for float16, as NodeDef attrs print. */
export const dtypeAttrName = (d: DType): string => `DT_${TF_NAME[d].toUpperCase()}`;

/** Accepts a DType or a TensorFlow alias ('float', 'double', 'half', 'int', 'tf.float32'), else throws TypeError. */
export function toDType(x: unknown): DType {
  if (isDType(x)) return x;
  if (typeof x === 'string') {
    const s = x.startsWith('tf.') ? x.slice(3) : x;
    if (isDType(s)) return s;
    const alias: Record<string, DType> = {
      half: 'float16',
      float: 'float32',
      double: 'float64',
      int: 'int32',
      long: 'int64',
      boolean: 'bool',
    };
    if (Object.hasOwn(alias, s)) return alias[s] as DType;
  }
  throw new TypeError(
    `Cannot convert ${typeof x === 'string' ? `'${x}'` : String(x)} to a dtype. Expected one of: ${DTYPES.join(', ')}.`,
  );
}

/** Bytes per element of each dtype's storage (strings: one reference). */
const ELEMENT_BYTES: Record<DType, number> = {
  float16: 2,
  float32: 4,
  float64: 8,
  int8: 1,
  int16: 2,
  int32: 4,
  int64: 8,
  uint8: 1,
  uint16: 2,
  uint32: 4,
  uint64: 8,
  bool: 1,
  string: 8,
};

/** Bytes per element of a dtype's storage (a string counts one reference). */
export const elementBytes = (d: DType): number => ELEMENT_BYTES[d];

/** The largest tensor tensorgraph allocates (4 GiB): larger ones fail as TensorFlow's OOM. */
export const MAX_TENSOR_BYTES = 2 ** 32;

function outOfMemory(dtype: DType, shape: readonly number[] | undefined, size: number): ResourceExhaustedError {
  const dims = shape ? shape.join(',') : String(size);
  return new ResourceExhaustedError(
    null,
    null,
    `OOM when allocating tensor with shape[${dims}] and type ${dtypeTfName(dtype)} on /job:localhost/replica:0/task:0/device:CPU:0 by allocator cpu`,
  );
}

/**
 * Storage for `size` elements. Sizes beyond MAX_TENSOR_BYTES, or that the engine cannot
 * allocate, raise ResourceExhaustedError (TensorFlow's OOM text) naming `shape`.
 */
export function allocate(dtype: DType, size: number, shape?: readonly number[]): TypedData {
  if (!Number.isSafeInteger(size) || size < 0 || size * ELEMENT_BYTES[dtype] > MAX_TENSOR_BYTES) {
    throw outOfMemory(dtype, shape, size);
  }
  try {
    return allocateUnchecked(dtype, size);
  } catch (e) {
    if (e instanceof RangeError) throw outOfMemory(dtype, shape, size);
    throw e;
  }
}

/** An array of one numeric dtype's storage. */
export type NumericData = Exclude<TypedData, Uint8Array[]>;

/** A typed array class: new empty storage, or a view of a buffer. */
export interface TypedArrayClass {
  new (length: number): NumericData;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): NumericData;
}

/** The typed array storing each numeric dtype (float16 as IEEE half bits, bool as 0 / 1). */
export const TYPED_ARRAY: { readonly [D in Exclude<DType, 'string'>]: TypedArrayClass } = {
  float16: Uint16Array,
  float32: Float32Array,
  float64: Float64Array,
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  int64: BigInt64Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
  uint64: BigUint64Array,
  bool: Uint8Array,
};

/**
 * A copy of an array's storage (a new buffer). By `new` and `set`: V8's `TypedArray#slice` is
 * several times slower on large arrays (10 ms against 1.3 ms for 4 MB on Node 20).
 */
export function copyData<T extends TypedData>(d: T): T {
  if (Array.isArray(d)) return d.map((b) => b.slice()) as T;
  const c = new (d.constructor as new (n: number) => NumericData)(d.length);
  (c as Float32Array).set(d as Float32Array);
  return c as T;
}

function allocateUnchecked(dtype: DType, size: number): TypedData {
  if (dtype === 'string') return Array.from({ length: size }, () => new Uint8Array(0));
  return new TYPED_ARRAY[dtype](size);
}
