import { ValueError } from './errors.js';
import { DTYPES, type DType, type DataFor, type TypedData, allocate, copyData, isDType } from './dtypes.js';
import { fromHalfBits } from './float16.js';
import { formatNDArray } from './format.js';
import { shapeTupleString } from './shape.js';

/**
 * A JS value of one element: number, bigint (int64, uint64), boolean (bool) or string (string,
 * UTF-8 decoded). float16 elements are decoded from their half bits to numbers.
 */
export type Scalar = number | bigint | boolean | string;
export type NestedArray = Scalar | NestedArray[];

const utf8 = new TextDecoder();

const STORAGE: Record<DType, { name: string; ok: (d: unknown) => boolean }> = {
  float32: { name: 'a Float32Array', ok: (d) => d instanceof Float32Array },
  float64: { name: 'a Float64Array', ok: (d) => d instanceof Float64Array },
  int32: { name: 'an Int32Array', ok: (d) => d instanceof Int32Array },
  int64: { name: 'a BigInt64Array', ok: (d) => d instanceof BigInt64Array },
  uint8: { name: 'a Uint8Array', ok: (d) => d instanceof Uint8Array },
  float16: { name: 'a Uint16Array (IEEE half bit patterns)', ok: (d) => d instanceof Uint16Array },
  int8: { name: 'an Int8Array', ok: (d) => d instanceof Int8Array },
  int16: { name: 'an Int16Array', ok: (d) => d instanceof Int16Array },
  uint16: { name: 'a Uint16Array', ok: (d) => d instanceof Uint16Array },
  uint32: { name: 'a Uint32Array', ok: (d) => d instanceof Uint32Array },
  uint64: { name: 'a BigUint64Array', ok: (d) => d instanceof BigUint64Array },
  bool: { name: 'a Uint8Array', ok: (d) => d instanceof Uint8Array },
  string: { name: 'an array of Uint8Array (UTF-8 bytes)', ok: (d) => Array.isArray(d) && d.every((x) => x instanceof Uint8Array) },
};
const storageMatches = (dtype: DType, d: unknown) => STORAGE[dtype].ok(d);
const storageName = (dtype: DType) => STORAGE[dtype].name;
const describeData = (d: unknown) =>
  Array.isArray(d) ? 'an array of JS values (use toNDArray to convert JS values)' : ((d as object)?.constructor?.name ?? typeof d);

/**
 * A host value: dtype, concrete shape and row-major data, what `sess.run` returns. Printing follows
 * numpy: `console.log(x)` of a scalar prints `13`, of a matrix `[[1 2]\n [3 4]]`.
 */
export class NDArray<D extends DType = DType> {
  readonly dtype: D;
  readonly shape: readonly number[];
  readonly data: DataFor<D>;

  constructor(dtype: D, shape: readonly number[], data?: DataFor<D>) {
    if (!isDType(dtype)) throw new TypeError(`NDArray: unknown dtype ${String(dtype)}; expected one of ${DTYPES.join(', ')}`);
    if (!Array.isArray(shape)) throw new TypeError(`NDArray: shape must be an array of non-negative integers, got ${String(shape)}`);
    let size = 1;
    for (let i = 0; i < shape.length; i++) {
      const d = shape[i] as number;
      if (!Number.isInteger(d) || d < 0) {
        throw new ValueError(`NDArray: shape must be an array of non-negative integers, got [${shape.join(', ')}]`);
      }
      size *= d;
    }
    if (data !== undefined && !storageMatches(dtype, data)) {
      throw new TypeError(`NDArray: dtype ${dtype} needs ${storageName(dtype)} data, got ${describeData(data)}`);
    }
    const d = (data ?? allocate(dtype, size, shape)) as DataFor<D>;
    if (d.length !== size) {
      throw new ValueError(`NDArray of shape [${shape.join(',')}] needs ${size} elements, got ${d.length}`);
    }
    this.dtype = dtype;
    // A frozen shape (another array's) can be shared; anything else is copied so callers cannot change it.
    this.shape = Object.isFrozen(shape) ? shape : Object.freeze(shape.slice());
    this.data = d;
  }

  get size(): number {
    return this.data.length;
  }

  get rank(): number {
    return this.shape.length;
  }

  /** Element `i` of the flat data as a JS value (strings decoded, bools as booleans, halves as numbers). */
  get(i: number): Scalar {
    const v = (this.data as TypedData)[i];
    if (v === undefined) throw new RangeError(`index ${i} is out of bounds for size ${this.size}`);
    if (this.dtype === 'bool') return v !== 0;
    if (this.dtype === 'string') return utf8.decode(v as Uint8Array);
    if (this.dtype === 'float16') return fromHalfBits(v as number);
    return v as number | bigint;
  }

  /** The single element, as numpy's `item()`. */
  item(): Scalar {
    if (this.size !== 1) {
      throw new ValueError(`can only convert an array of size 1 to a scalar, got shape ${shapeTupleString(this.shape)}`);
    }
    return this.get(0);
  }

  /** Nested JS arrays (a scalar gives its value). int64/uint64 as bigint, bool as boolean, string decoded, float16 as numbers. */
  toArray(): NestedArray {
    let k = 0;
    const build = (axis: number): NestedArray => {
      if (axis === this.shape.length) return this.get(k++);
      const n = this.shape[axis] as number;
      const out: NestedArray[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = build(axis + 1);
      return out;
    };
    return build(0);
  }

  /** A deep copy. */
  clone(): NDArray<D> {
    const d = this.data as TypedData;
    return new NDArray(this.dtype, this.shape, copyData(d) as DataFor<D>);
  }

  /** JSON: the nested values (`toArray()`), with int64/uint64 values as decimal strings (JSON has no bigint). */
  toJSON(): unknown {
    const a = this.toArray();
    return this.dtype === 'int64' || this.dtype === 'uint64' ? JSON.parse(JSON.stringify(a, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))) : a;
  }

  toString(): string {
    return formatNDArray(this);
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return formatNDArray(this);
  }
}
