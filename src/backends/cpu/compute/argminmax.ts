// ArgMax / ArgMin along one axis: x viewed as [outer, R, inner], the index of the first maximum
// (minimum) of each of the outer×inner lines of length R. A NaN counts as the extreme (the first
// NaN wins), as numpy's argmax; ties keep the first index.
import { type ComputeArray, type ComputeDType, kindOf } from './dtypes.js';
import { halfTable } from './float16.js';

/**
 * Indices into `out` (Int32Array for output_type int32, BigInt64Array for int64), laid out as
 * `shape` without `axis`. Returns TensorFlow's message when the axis is empty (and the output is
 * not), else null. Throws RangeError for an axis out of range.
 */
export type ArgKernel = (x: ComputeArray, shape: readonly number[], axis: number, out: Int32Array | BigInt64Array) => string | null;

const isNaNValue = (v: number | bigint): boolean => typeof v === 'number' && Number.isNaN(v);

function arg(max: boolean, dtype: ComputeDType): ArgKernel {
  const kind = kindOf(dtype);
  if (kind === 'bool') throw new TypeError(`compute: ${max ? 'ArgMax' : 'ArgMin'} does not support dtype bool`);
  const half = kind === 'half';
  return (x, shape, axis, out) => {
    const rank = shape.length;
    if (!Number.isInteger(axis) || axis < -rank || axis >= Math.max(rank, 1)) {
      throw new RangeError(`Expected dimension in the range [${-rank}, ${rank}), but got ${axis}`);
    }
    const ax = axis < 0 ? axis + rank : axis;
    let outer = 1;
    let inner = 1;
    for (let i = 0; i < ax; i++) outer *= shape[i] as number;
    for (let i = ax + 1; i < rank; i++) inner *= shape[i] as number;
    const R = rank === 0 ? 1 : (shape[ax] as number);
    if (outer * inner === 0) return null;
    if (R === 0) return `Reduction axis ${ax} is empty in shape [${shape.join(',')}]`;
    const X = x as ArrayLike<number | bigint>;
    const table = half ? halfTable() : null;
    const big = out instanceof BigInt64Array;
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < inner; j++) {
        const base = o * R * inner + j;
        let best = table ? (table[X[base] as number] as number) : (X[base] as number | bigint);
        let at = 0;
        if (!isNaNValue(best)) {
          for (let r = 1; r < R; r++) {
            const raw = X[base + r * inner] as number | bigint;
            const v = table ? (table[raw as number] as number) : raw;
            if (isNaNValue(v)) {
              at = r;
              break;
            }
            if (max ? v > best : v < best) {
              best = v;
              at = r;
            }
          }
        }
        if (big) (out as BigInt64Array)[o * inner + j] = BigInt(at);
        else (out as Int32Array)[o * inner + j] = at;
      }
    }
    return null;
  };
}

export const argMax = (dtype: ComputeDType): ArgKernel => arg(true, dtype);
export const argMin = (dtype: ComputeDType): ArgKernel => arg(false, dtype);
