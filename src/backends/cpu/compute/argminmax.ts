// ArgMax / ArgMin along one axis: x viewed as [outer, R, inner], the index of the first maximum
// (minimum) of each of the outer×inner lines of length R. As TensorFlow's CPU kernel (Eigen's
// ArgMax reducer, checked against TF 2.21): the search starts at index 0 holding the dtype's lowest
// (highest) finite value and moves only to a strictly greater (smaller) value, so NaNs are never
// chosen ([nan, 1, 3] → 2; all NaN → 0) and ties keep the first index.
import { type ComputeArray, type ComputeDType, INT_RANGE, kindOf } from './dtypes.js';
import { halfTable } from './float16.js';

/**
 * Indices into `out` (Int32Array for output_type int32, BigInt64Array for int64), laid out as
 * `shape` without `axis`. Returns TensorFlow's message when the axis is empty (and the output is
 * not), else null. Throws RangeError for an axis out of range.
 */
export type ArgKernel = (x: ComputeArray, shape: readonly number[], axis: number, out: Int32Array | BigInt64Array) => string | null;

/** Lowest and highest finite values (Eigen's NumTraits lowest()/highest()), the search's start. */
const EXTREME: Record<ComputeDType, readonly [number | bigint, number | bigint]> = {
  float16: [-65504, 65504],
  float32: [-3.4028234663852886e38, 3.4028234663852886e38],
  float64: [-Number.MAX_VALUE, Number.MAX_VALUE],
  ...(INT_RANGE as Record<Exclude<ComputeDType, 'float16' | 'float32' | 'float64'>, readonly [number | bigint, number | bigint]>),
};

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
    const start = EXTREME[dtype][max ? 0 : 1];
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < inner; j++) {
        const base = o * R * inner + j;
        let best = start;
        let at = 0;
        for (let r = 0; r < R; r++) {
          const raw = X[base + r * inner] as number | bigint;
          const v = table ? (table[raw as number] as number) : raw;
          if (max ? v > best : v < best) {
            best = v;
            at = r;
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
