import { ValueError } from './errors.js';

/** A static dimension: a size, or `null` when unknown at graph-build time. */
export type Dim = number | null;
/** What users may pass as a shape: dims, or null/undefined for unknown rank. */
export type ShapeLike = readonly Dim[] | TensorShape | null | undefined;

/**
 * A partially known static shape, as TensorFlow's `TensorShape`: `dims` is null when even the
 * rank is unknown; an unknown dimension is `null`.
 */
export class TensorShape {
  readonly dims: readonly Dim[] | null;

  constructor(dims: readonly Dim[] | null) {
    if (dims !== null) for (const d of dims) if (d !== null) checkDim(d);
    this.dims = dims === null ? null : Object.freeze([...dims]);
  }

  static from(s: ShapeLike): TensorShape {
    if (s instanceof TensorShape) return s;
    if (s === null || s === undefined) return UNKNOWN_SHAPE;
    if (!Array.isArray(s)) {
      throw new TypeError(
        `A shape must be an array of dims (numbers, null or -1 for unknown), null (unknown rank) or a TensorShape; got ${typeof s === 'string' ? `'${s}'` : String(s)}`,
      );
    }
    return new TensorShape(s.map((d) => (d === undefined || d === -1 ? null : d)));
  }

  static scalar(): TensorShape {
    return SCALAR_SHAPE;
  }

  get rank(): number | null {
    return this.dims === null ? null : this.dims.length;
  }

  isFullyDefined(): boolean {
    return this.dims?.every((d) => d !== null) ?? false;
  }

  /** The dims (null for unknown ones), as Python's `as_list()`; throws ValueError for unknown rank. */
  asList(): Dim[] {
    if (this.dims === null) throw new ValueError('as_list() is not defined on an unknown TensorShape.');
    return [...this.dims];
  }

  /** Number of elements when fully defined, else null. */
  numElements(): number | null {
    if (!this.isFullyDefined()) return null;
    return (this.dims as number[]).reduce((a, b) => a * b, 1);
  }

  isCompatibleWith(other: ShapeLike): boolean {
    if (this.dims === null) return true;
    // A concrete shape (a fed value's) is compared as is: feeds check it on every run.
    const od = Array.isArray(other) && other.every((d) => typeof d === 'number' && d >= 0) ? other : TensorShape.from(other).dims;
    if (od === null) return true;
    if (this.dims.length !== od.length) return false;
    for (let i = 0; i < od.length; i++) {
      const d = this.dims[i];
      const e = od[i];
      if (d !== null && e !== null && d !== e) return false;
    }
    return true;
  }

  /** The most specific shape compatible with both; throws ValueError when they conflict. */
  mergeWith(other: ShapeLike): TensorShape {
    const o = TensorShape.from(other);
    if (this.dims === null) return o;
    if (o.dims === null) return this;
    // TensorFlow reports any conflict, rank or dimension, as the shapes being incompatible.
    if (!this.isCompatibleWith(o)) {
      throw new ValueError(`Shapes ${this.toString()} and ${o.toString()} are not compatible`);
    }
    return new TensorShape(this.dims.map((d, i) => d ?? o.dims?.[i] ?? null));
  }

  equals(other: ShapeLike): boolean {
    const o = TensorShape.from(other);
    if (this.dims === null || o.dims === null) return this.dims === o.dims;
    return this.dims.length === o.dims.length && this.dims.every((d, i) => d === o.dims?.[i]);
  }

  /** Python's TF1 form: `(2, 3)`, `(?, 3)`, `(5,)`, `()`, `<unknown>`. */
  toString(): string {
    if (this.dims === null) return '<unknown>';
    const parts = this.dims.map((d) => (d === null ? '?' : String(d)));
    return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
  }

  /** The C++ form used in kernel and shape-function messages: `[2,3]`, `[?,3]`, `<unknown>`. */
  toDebugString(): string {
    if (this.dims === null) return '<unknown>';
    return `[${this.dims.map((d) => (d === null ? '?' : String(d))).join(',')}]`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `TensorShape(${this.toString()})`;
  }
}

const UNKNOWN_SHAPE = new TensorShape(null);
const SCALAR_SHAPE = new TensorShape([]);

/** TensorFlow's Dimension checks: an integer (TypeError otherwise) that is >= 0 (ValueError). */
function checkDim(d: unknown): void {
  if (typeof d !== 'number' || (Number.isFinite(d) && !Number.isInteger(d))) {
    throw new TypeError(`Dimension value must be integer or None, got value '${String(d)}' with type '${typeof d}'`);
  }
  if (!Number.isFinite(d)) throw new ValueError(`Dimension value must be a finite integer, got ${d}`);
  if (d < 0) throw new ValueError(`Dimension ${d} must be >= 0`);
}

/**
 * A shape whose dims must all be known (a constant's shape): TypeError for a non-list or a
 * non-integer dim, ValueError for a negative, NaN or infinite one.
 */
export function concreteShape(s: unknown, what: string): number[] {
  if (!Array.isArray(s)) throw new TypeError(`${what}: a shape must be an array of non-negative integers, got ${String(s)}`);
  for (const d of s) checkDim(d);
  return [...(s as number[])];
}

/** Elements in a concrete shape. */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i] as number;
  return n;
}

/** Whether two concrete shapes are equal. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Row-major strides of a concrete shape. */
export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i] as number;
  }
  return s;
}

/** `[2,3]`: the C++ TensorShape::DebugString form of a concrete shape. */
export const shapeDebugString = (shape: readonly number[]): string => `[${shape.join(',')}]`;
/** `(2, 3)`: the Python tuple form of a concrete shape. */
export const shapeTupleString = (shape: readonly number[]): string => new TensorShape(shape).toString();
