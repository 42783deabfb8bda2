// Pure helpers of the training benchmark: one data order and one batch layout that both frameworks
// consume, so tensorgraph and TensorFlow.js see the same examples in the same batches.

/** A seeded uniform generator in [0, 1) (Mulberry32). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The order of the `n` training examples in epoch `epoch` (0-based): a Fisher-Yates permutation
 * drawn from `seed` and the epoch, so every epoch is reshuffled and every run repeats them.
 */
export function epochOrder(n: number, seed: number, epoch: number): Uint32Array {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`epochOrder: n must be a non-negative integer, got ${n}`);
  const rand = mulberry32((seed + Math.imul(0x9e3779b9, epoch + 1)) >>> 0);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  return order;
}

/** [start, end) of each batch over `n` examples: full batches, then a short last one. */
export function batchBounds(n: number, batchSize: number): [start: number, end: number][] {
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new RangeError(`batchBounds: batchSize must be a positive integer, got ${batchSize}`);
  const out: [number, number][] = [];
  for (let s = 0; s < n; s += batchSize) out.push([s, Math.min(n, s + batchSize)]);
  return out;
}

/** Rows `order[start..end)` of a row-major uint8 matrix with `rowSize` columns, as float32. */
export function gatherRows(src: Uint8Array, rowSize: number, order: ArrayLike<number>, start: number, end: number): Float32Array {
  const out = new Float32Array((end - start) * rowSize);
  for (let k = start; k < end; k++) {
    const from = (order[k] as number) * rowSize;
    if (from + rowSize > src.length) throw new RangeError(`gatherRows: row ${order[k]} is past the end of ${src.length / rowSize} rows`);
    const at = (k - start) * rowSize;
    for (let j = 0; j < rowSize; j++) out[at + j] = src[from + j] as number;
  }
  return out;
}

/** Labels `order[start..end)` as int32. */
export function gatherLabels(src: Uint8Array, order: ArrayLike<number>, start: number, end: number): Int32Array {
  const out = new Int32Array(end - start);
  for (let k = start; k < end; k++) {
    const i = order[k] as number;
    if (i >= src.length) throw new RangeError(`gatherLabels: label ${i} is past the end of ${src.length} labels`);
    out[k - start] = src[i] as number;
  }
  return out;
}

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('median of an empty list');
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}
