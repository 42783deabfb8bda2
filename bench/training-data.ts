// Pure helpers of the training benchmark: one data order and one batch layout that both frameworks
// consume, so tensorgraph and TensorFlow.js see the same examples in the same batches.
import { uniform as mulberry32 } from '../src/io/dataset.js';

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

/**
 * The first `steps` batches of a run that goes through epochs 0, 1, … in turn (each epoch's
 * batches as `batchBounds` lays them out): `[epoch, start, end]` of each, `start`/`end` being
 * positions in that epoch's `epochOrder`.
 */
export function stepBounds(n: number, batchSize: number, steps: number): [epoch: number, start: number, end: number][] {
  if (!(Number.isInteger(steps) && steps >= 0)) throw new RangeError(`stepBounds: steps must be a non-negative integer, got ${steps}`);
  const perEpoch = batchBounds(n, batchSize);
  if (perEpoch.length === 0 && steps > 0) throw new RangeError('stepBounds: no examples to make batches of');
  const out: [number, number, number][] = [];
  for (let k = 0; k < steps; k++) {
    const [s, e] = perEpoch[k % perEpoch.length] as [number, number];
    out.push([Math.floor(k / perEpoch.length), s, e]);
  }
  return out;
}
