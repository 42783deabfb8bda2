// A small host-side `tf.data.Dataset`: slices of NDArrays, shuffled with a seed, batched, repeated.
// It feeds placeholders (`sess.run(train, { x: xb, y: yb })`); it builds no graph ops.
import { NDArray } from '../core/ndarray.js';

/** An element: an NDArray, or arrays / plain objects of them (TensorFlow's nested structures). */
export type Structure = NDArray | readonly Structure[] | { readonly [key: string]: Structure };

type Typed = { length: number; slice(a: number, b: number): Typed; set(src: Typed, at: number): void };

function mapStructure(s: Structure, fn: (a: NDArray) => NDArray): Structure {
  if (s instanceof NDArray) return fn(s);
  if (Array.isArray(s)) return s.map((x) => mapStructure(x, fn));
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, mapStructure(v as Structure, fn)]));
}

function leaves(s: Structure, out: NDArray[] = []): NDArray[] {
  if (s instanceof NDArray) out.push(s);
  else if (Array.isArray(s)) for (const x of s) leaves(x, out);
  else for (const v of Object.values(s)) leaves(v as Structure, out);
  return out;
}

/** Row `i` of `a` along its first dimension, as a new NDArray. */
function row(a: NDArray, i: number): NDArray {
  const inner = a.shape.slice(1);
  const n = inner.reduce((x, y) => x * y, 1);
  return new NDArray(a.dtype, inner, (a.data as unknown as Typed).slice(i * n, (i + 1) * n) as never);
}

/** Stacks same-shaped NDArrays along a new first dimension. */
function stack(items: readonly NDArray[]): NDArray {
  const first = items[0] as NDArray;
  const out = new NDArray(first.dtype, [items.length, ...first.shape]);
  const data = out.data as unknown as Typed | unknown[];
  items.forEach((a, k) => {
    if (a.shape.length !== first.shape.length || a.shape.some((d, j) => d !== first.shape[j])) {
      throw new RangeError(`Dataset.batch: element ${k} has shape [${a.shape.join(', ')}], element 0 has [${first.shape.join(', ')}]; batch needs equal shapes`);
    }
    const src = a.data as unknown as Typed | unknown[];
    if (Array.isArray(data)) for (let j = 0; j < src.length; j++) data[k * a.size + j] = (src as unknown[])[j];
    else data.set(src as Typed, k * a.size);
  });
  return out;
}

function stackStructures<T extends Structure>(batch: readonly T[]): T {
  const first = batch[0] as Structure;
  if (first instanceof NDArray) return stack(batch as readonly NDArray[]) as T;
  if (Array.isArray(first)) return first.map((_, j) => stackStructures(batch.map((b) => (b as readonly Structure[])[j] as Structure))) as unknown as T;
  return Object.fromEntries(Object.keys(first).map((k) => [k, stackStructures(batch.map((b) => (b as Record<string, Structure>)[k] as Structure))])) as T;
}

/** A seeded uniform generator in [0, 1) (Mulberry32): data shuffling only, not the graph's Philox streams. */
export function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Dataset<T> implements Iterable<T> {
  private constructor(
    private readonly open: () => Iterator<T>,
    /** The number of elements, or -1 for infinite (TensorFlow's `cardinality()`). */
    readonly size: number,
  ) {}

  /** Slices every NDArray of `tensors` along its first dimension (all must have the same length). */
  static fromTensorSlices<S extends Structure>(tensors: S): Dataset<S> {
    const all = leaves(tensors);
    if (all.length === 0) throw new TypeError('Dataset.fromTensorSlices needs at least one NDArray');
    const n = (all[0] as NDArray).shape[0];
    if (n === undefined) throw new RangeError('Dataset.fromTensorSlices: a scalar cannot be sliced; pass arrays of rank ≥ 1');
    for (const a of all) {
      if (a.shape[0] !== n) throw new RangeError(`Dataset.fromTensorSlices: dimension 0 differs: ${n} and ${a.shape[0]} (shapes [${(all[0] as NDArray).shape.join(', ')}] and [${a.shape.join(', ')}])`);
    }
    return new Dataset(function* () {
      for (let i = 0; i < n; i++) yield mapStructure(tensors, (a) => row(a, i)) as S;
    }, n);
  }

  [Symbol.iterator](): Iterator<T> {
    return this.open();
  }

  /** Elements in a random order: TensorFlow's buffered shuffle (a full shuffle when `bufferSize` ≥ size). */
  shuffle(bufferSize: number, seed?: number, reshuffleEachIteration = true): Dataset<T> {
    if (!(bufferSize >= 1)) throw new RangeError(`Dataset.shuffle: bufferSize must be ≥ 1, got ${bufferSize}`);
    const base = seed ?? Math.floor(Math.random() * 2 ** 32);
    let epoch = 0;
    const src = this;
    return new Dataset(function* () {
      const rand = uniform(reshuffleEachIteration ? base + 0x9e3779b9 * epoch++ : base);
      const buf: T[] = [];
      for (const x of src) {
        if (buf.length < bufferSize) {
          buf.push(x);
          continue;
        }
        const k = Math.floor(rand() * buf.length);
        yield buf[k] as T;
        buf[k] = x;
      }
      while (buf.length > 0) {
        const k = Math.floor(rand() * buf.length);
        yield buf[k] as T;
        buf[k] = buf[buf.length - 1] as T;
        buf.pop();
      }
    }, this.size);
  }

  /** Consecutive elements stacked along a new first dimension; a short last batch unless `dropRemainder`. */
  batch(batchSize: number, dropRemainder = false): Dataset<T> {
    if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new RangeError(`Dataset.batch: batchSize must be a positive integer, got ${batchSize}`);
    const src = this;
    const size = this.size < 0 ? -1 : dropRemainder ? Math.floor(this.size / batchSize) : Math.ceil(this.size / batchSize);
    return new Dataset(function* () {
      let batch: T[] = [];
      for (const x of src) {
        batch.push(x);
        if (batch.length === batchSize) {
          yield stackStructures(batch as Structure[]) as T;
          batch = [];
        }
      }
      if (batch.length > 0 && !dropRemainder) yield stackStructures(batch as Structure[]) as T;
    }, size);
  }

  /** The elements `count` times over (forever when `count` is -1 or omitted). */
  repeat(count = -1): Dataset<T> {
    const src = this;
    return new Dataset(function* () {
      for (let i = 0; count < 0 || i < count; i++) yield* src;
    }, count < 0 ? -1 : this.size * count);
  }

  /** The first `count` elements. */
  take(count: number): Dataset<T> {
    const src = this;
    return new Dataset(function* () {
      if (count <= 0) return;
      let i = 0;
      for (const x of src) {
        yield x;
        if (++i >= count) return;
      }
    }, this.size < 0 ? count : Math.min(count, this.size));
  }

  /** All but the first `count` elements. */
  skip(count: number): Dataset<T> {
    const src = this;
    return new Dataset(function* () {
      let i = 0;
      for (const x of src) if (i++ >= count) yield x;
    }, this.size < 0 ? -1 : Math.max(0, this.size - count));
  }

  /** `fn` applied to each element. */
  map<U>(fn: (x: T) => U): Dataset<U> {
    const src = this;
    return new Dataset(function* () {
      for (const x of src) yield fn(x);
    }, this.size);
  }
}
