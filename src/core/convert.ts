import { type DType, INT_RANGE, type TypedData, allocate, copyData, isBigIntDType } from './dtypes.js';
import { ValueError } from './errors.js';
import { HALF_MAX, isHalfExact, toHalfBits } from './float16.js';
import { bytesRepr } from './format.js';
import { NDArray } from './ndarray.js';

/** Values that convert to a host array: scalars, nested arrays, typed arrays, NDArrays. */
export type ArrayLikeValue =
  | number
  | bigint
  | boolean
  | string
  | Uint8Array
  | NDArray
  | Float32Array
  | Float64Array
  | Int32Array
  | BigInt64Array
  | Int8Array
  | Int16Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array
  | readonly ArrayLikeValue[];

const utf8 = new TextEncoder();

/** The typed arrays that convert with their own dtype (a Uint16Array is uint16, never float16 bits). */
type AnyTypedArray =
  | Float32Array
  | Float64Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Int8Array
  | Int16Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array;

const TYPED_ARRAY_DTYPES: readonly [new (n: number) => AnyTypedArray, DType][] = [
  [Float32Array, 'float32'],
  [Float64Array, 'float64'],
  [Int32Array, 'int32'],
  [BigInt64Array, 'int64'],
  [Uint8Array, 'uint8'],
  [Int8Array, 'int8'],
  [Int16Array, 'int16'],
  [Uint16Array, 'uint16'],
  [Uint32Array, 'uint32'],
  [BigUint64Array, 'uint64'],
];

/**
 * Python's repr of a nested JS value, for messages: `[[1, 2], [3]]`, `'a'`, `True`. Long or deep
 * values are cut with `...` (messages stay short), and cycles print as `[...]` as Python does.
 */
export function pyRepr(v: unknown, budget = 200): string {
  let out = '';
  const seen = new Set<unknown>();
  const walk = (x: unknown, depth: number): void => {
    if (out.length > budget) return;
    if (Array.isArray(x) || (isTypedArray(x) && !(x instanceof Uint8Array))) {
      if (seen.has(x) || depth > 32) {
        out += '[...]';
        return;
      }
      seen.add(x);
      out += '[';
      const n = (x as ArrayLike<unknown>).length;
      for (let i = 0; i < n; i++) {
        if (out.length > budget) {
          out += '...';
          break;
        }
        if (i > 0) out += ', ';
        walk((x as ArrayLike<unknown>)[i], depth + 1);
      }
      out += ']';
      seen.delete(x);
      return;
    }
    if (x instanceof Uint8Array) out += bytesRepr(x);
    else if (typeof x === 'string') out += `'${x}'`;
    else if (typeof x === 'boolean') out += x ? 'True' : 'False';
    else if (x === null || x === undefined) out += 'None';
    else if (typeof x === 'object' || typeof x === 'function' || typeof x === 'symbol') out += `<${jsTypeName(x)}>`;
    else out += String(x);
  };
  walk(v, 0);
  return out.length > budget + 20 ? `${out.slice(0, budget)}...` : out;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** TensorFlow's largest rank; deeper nesting is refused before it can exhaust the stack. */
const MAX_RANK = 254;

/** A JS value's type for messages: `number`, `string`, `null`, `Array`, `Map`, `NDArray`, … */
export function jsTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return typeof v;
}

/**
 * A value for a message, kept short: an object's own `repr()` when it has one (an Operation gives
 * `<tf.Operation 'nop' type=NoOp>`, never its NodeDef text), else its String() when that is one
 * line, else `<Type>`.
 */
function shortRepr(v: unknown): string {
  if (typeof v === 'object' && v !== null) {
    const repr = (v as { repr?: unknown }).repr;
    if (typeof repr === 'function') return String(repr.call(v));
    const s = String(v);
    return s.includes('\n') || s.length > 200 ? `<${jsTypeName(v)}>` : s;
  }
  return String(v);
}

/** Refuses a value that contains itself, and nesting deeper than TensorFlow's largest rank. */
function checkNesting(value: unknown): void {
  const onPath = new Set<unknown>();
  const visit = (v: unknown, depth: number): void => {
    const row = asRow(v);
    if (!row) return;
    if (onPath.has(v)) throw new TypeError('Cannot convert an array that contains itself (a cyclic value) to a tensor.');
    if (depth >= MAX_RANK) {
      throw new ValueError(`Cannot convert arrays nested more than ${MAX_RANK} deep to a tensor (TensorFlow's maximum rank is ${MAX_RANK}).`);
    }
    onPath.add(v);
    for (const x of row) visit(x, depth + 1);
    onPath.delete(v);
  };
  visit(value, 0);
}

/**
 * TensorFlow's `_AssertCompatible` message (graph mode; TensorFlow 2.21's text):
 * `Expected int32, but got 1.5 of type 'number'.`
 */
function incompatible(dtype: DType, v: unknown): TypeError {
  return new TypeError(`Expected ${dtype}, but got ${pyRepr(v)} of type '${jsTypeName(v)}'.`);
}

function isTypedArray(v: unknown): v is AnyTypedArray {
  // Most values are numbers or arrays: rule them out before the class checks (a hot path of feeds).
  if (typeof v !== 'object' || v === null || !ArrayBuffer.isView(v)) return false;
  for (const [cls] of TYPED_ARRAY_DTYPES) if (v instanceof cls) return true;
  return false;
}

function typedArrayDType(v: AnyTypedArray): DType {
  return (TYPED_ARRAY_DTYPES.find(([cls]) => v instanceof cls) as [unknown, DType])[1];
}

/** A finite value that would overflow a float dtype to inf is refused (rounding is fine). */
function floatOutOfRange(v: number, dtype: 'float16' | 'float32'): TypeError {
  const [largest, wider] = dtype === 'float32' ? ['3.4028235e+38', 'float64'] : [String(HALF_MAX), 'float32'];
  return new TypeError(`${pyRepr(v)} is out of range for ${dtype} (its largest value is ${largest}); use ${wider}.`);
}

const UINT64_MAX = 2n ** 64n - 1n;

/** Inside nested arrays, numeric typed arrays are rows; a Uint8Array is one byte string (a leaf). */
const asRow = (v: unknown): unknown[] | null =>
  Array.isArray(v) ? v : isTypedArray(v) && !(v instanceof Uint8Array) ? Array.from(v as ArrayLike<unknown>) : null;

/** Shape of a nested array, rejecting ragged input with TensorFlow's message. */
function nestedShape(value: unknown): number[] {
  const shape: number[] = [];
  let cur: unknown = value;
  for (let row = asRow(cur); row; row = asRow(cur)) {
    shape.push(row.length);
    if (row.length === 0) break;
    cur = row[0];
  }
  const check = (v: unknown, axis: number): boolean => {
    const row = asRow(v);
    if (axis === shape.length) return row === null;
    if (!row || row.length !== shape[axis]) return false;
    return row.every((x) => check(x, axis + 1));
  };
  if (!check(value, 0)) {
    // numpy's shape of a ragged list: the dims that are the same all the way down.
    const dense: number[] = [];
    let level: unknown[] = [value];
    for (;;) {
      const rows = level.map(asRow);
      if (rows.some((r) => r === null)) break;
      const n = (rows[0] as unknown[]).length;
      if (rows.some((r) => (r as unknown[]).length !== n)) break;
      dense.push(n);
      level = rows.flatMap((r) => r as unknown[]);
      if (n === 0) break;
    }
    throw new ValueError(
      `Argument must be a dense tensor: ${pyRepr(value)} - got shape [${dense.join(', ')}], but wanted [${shape.join(', ')}].`,
    );
  }
  return shape;
}

function flatten(value: unknown, out: unknown[]): void {
  const row = asRow(value);
  if (row) for (const x of row) flatten(x, out);
  else out.push(value);
}

/** dtype a JS scalar list converts to without a hint: bool, string, int64 for bigint, else float32. */
function inferDType(flat: readonly unknown[]): DType {
  if (flat.length === 0) return 'float32';
  const kinds = new Set(flat.map((v) => (v instanceof Uint8Array ? 'string' : typeof v)));
  if (kinds.size === 1) {
    const k = [...kinds][0];
    if (k === 'boolean') return 'bool';
    if (k === 'string') return 'string';
    if (k === 'bigint') return 'int64';
    if (k === 'number') return 'float32';
  }
  if ([...kinds].every((k) => k === 'number' || k === 'bigint')) return 'int64';
  const bad = flat.find((v) => typeof v !== typeof flat[0]);
  throw new TypeError(`Cannot convert a list of mixed types to a tensor: ${pyRepr(flat[0])} and ${pyRepr(bad)}`);
}

/** Stores one JS scalar into `data[i]`, refusing any value the dtype cannot hold exactly. */
function store(data: TypedData, i: number, dtype: DType, v: unknown): void {
  switch (dtype) {
    case 'float32':
    case 'float64':
      // Rounding to float32 is the normal case; overflowing a finite value to inf is refused.
      if (typeof v === 'number' && (dtype === 'float64' || Number.isFinite(Math.fround(v)) || !Number.isFinite(v))) {
        (data as Float32Array)[i] = v;
      } else if (typeof v === 'number') {
        throw floatOutOfRange(v, 'float32');
      } else if (typeof v === 'bigint' && Number.isSafeInteger(Number(v))) (data as Float32Array)[i] = Number(v);
      else throw incompatible(dtype, v);
      return;
    case 'float16': {
      // Stored as half bits; rounding is fine, overflowing a finite value to inf is refused.
      const n = typeof v === 'bigint' && Number.isSafeInteger(Number(v)) ? Number(v) : v;
      if (typeof n !== 'number') throw incompatible(dtype, v);
      const bits = toHalfBits(n);
      if ((bits & 0x7fff) === 0x7c00 && Number.isFinite(n)) throw floatOutOfRange(n, 'float16');
      (data as Uint16Array)[i] = bits;
      return;
    }
    case 'int8':
    case 'int16':
    case 'int32':
    case 'uint8':
    case 'uint16':
    case 'uint32': {
      const [lo, hi] = INT_RANGE[dtype] as [number, number];
      const n = typeof v === 'bigint' ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < lo || n > hi) throw incompatible(dtype, v);
      (data as Int32Array)[i] = n;
      return;
    }
    case 'int64':
      if (typeof v === 'bigint') (data as BigInt64Array)[i] = BigInt.asIntN(64, v);
      else if (typeof v === 'number' && Number.isSafeInteger(v)) (data as BigInt64Array)[i] = BigInt(v);
      else throw incompatible(dtype, v);
      if (typeof v === 'bigint' && BigInt.asIntN(64, v) !== v) throw incompatible(dtype, v);
      return;
    case 'uint64':
      if (typeof v === 'bigint' && v >= 0n && v <= UINT64_MAX) (data as BigUint64Array)[i] = v;
      else if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) (data as BigUint64Array)[i] = BigInt(v);
      else throw incompatible(dtype, v);
      return;
    case 'bool':
      if (typeof v !== 'boolean') throw incompatible(dtype, v);
      (data as Uint8Array)[i] = v ? 1 : 0;
      return;
    case 'string':
      if (typeof v === 'string' && LONE_SURROGATE.test(v)) {
        throw new TypeError(`Cannot convert a string with a lone UTF-16 surrogate to a tensor: ${JSON.stringify(v)}`);
      }
      if (typeof v === 'string') (data as Uint8Array[])[i] = utf8.encode(v);
      else if (v instanceof Uint8Array) (data as Uint8Array[])[i] = v.slice();
      else throw incompatible(dtype, v);
      return;
  }
}

/** Converts an NDArray to another dtype only when every element survives exactly. */
function recast(a: NDArray, dtype: DType): NDArray {
  if (a.dtype === dtype) return a;
  const data = allocate(dtype, a.size);
  for (let i = 0; i < a.size; i++) {
    const v = a.get(i);
    try {
      const big = isBigIntDType(dtype);
      const n = typeof v === 'bigint' ? Number(v) : v;
      if (typeof v === 'bigint' && !big && BigInt(n as number) !== v) throw incompatible(dtype, v);
      if (typeof n === 'number' && dtype === 'float32' && Math.fround(n) !== n && Number.isFinite(n)) throw incompatible(dtype, v);
      if (typeof n === 'number' && dtype === 'float16' && !isHalfExact(n)) throw incompatible(dtype, v);
      store(data, i, dtype, typeof v === 'bigint' && !big ? n : v);
    } catch {
      throw new TypeError(
        `Cannot convert an array of dtype ${a.dtype} to ${dtype} without changing its values: element ${i} is ${pyRepr(v)}. ` +
          'Cast it explicitly (tf.cast) if a lossy conversion is intended.',
      );
    }
  }
  return new NDArray(dtype, a.shape, data);
}

/**
 * Converts a JS value to a host array, as `tf.convert_to_tensor` does: plain numbers become
 * float32 (as in TensorFlow.js), booleans bool, strings string, bigints int64; typed arrays and
 * NDArrays keep their dtype. With `dtype`, values must fit that dtype exactly, else TypeError.
 */
export function toNDArray(value: unknown, dtype?: DType): NDArray {
  if (value instanceof NDArray) return dtype ? recast(value, dtype) : value;
  if (isTypedArray(value)) {
    const own = typedArrayDType(value);
    const a = new NDArray(own, [value.length], copyData(value as TypedData) as never);
    return dtype ? recast(a, dtype) : a;
  }
  if (value === null || value === undefined) {
    throw new ValueError(`None values not supported. Cannot convert ${String(value)} to a tensor.`);
  }
  const t = typeof value;
  if (!Array.isArray(value) && t !== 'number' && t !== 'boolean' && t !== 'string' && t !== 'bigint') {
    throw new TypeError(`Cannot convert ${shortRepr(value)} of type '${jsTypeName(value)}' to a tensor.`);
  }
  if (t !== 'object') {
    // A scalar: no nesting to check or flatten.
    const dt = dtype ?? inferDType([value]);
    const data = allocate(dt, 1);
    store(data, 0, dt, value);
    return new NDArray(dt, [], data as never);
  }
  checkNesting(value);
  const shape = nestedShape(value);
  const flat: unknown[] = [];
  flatten(value, flat);
  for (const v of flat) {
    const k = typeof v;
    if (k !== 'number' && k !== 'boolean' && k !== 'string' && k !== 'bigint' && !(v instanceof Uint8Array)) {
      throw new TypeError(`Cannot convert ${pyRepr(v)} of type '${jsTypeName(v)}' to a tensor element.`);
    }
  }
  const dt = dtype ?? inferDType(flat);
  const data = allocate(dt, flat.length);
  for (let i = 0; i < flat.length; i++) store(data, i, dt, flat[i]);
  return new NDArray(dt, shape, data as never);
}

/** Creates an NDArray of `shape` filled with `value`. */
export function filled(dtype: DType, shape: readonly number[], value: unknown): NDArray {
  const a = new NDArray(dtype, shape);
  const one = toNDArray(value, dtype);
  const data = a.data as unknown as unknown[];
  for (let i = 0; i < a.size; i++) data[i] = (one.data as unknown as unknown[])[0];
  return a;
}
