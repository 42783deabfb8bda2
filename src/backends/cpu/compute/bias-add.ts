// BiasAdd: value [N, ..., C] + bias [C] (NHWC, channel innermost) or value [N, C, ...] + bias [C]
// (NCHW), as AddV2 through the broadcasting kernels: NHWC runs one contiguous inner loop per row
// of C channels, NCHW one scalar-bias loop per (n, c) plane. Allocates nothing per call.
import type { ComputeArray, ComputeDType } from './dtypes.js';
import { binary } from './elementwise.js';

/**
 * `out = value + bias` along the channel dimension: the last for NHWC, dimension 1 for NCHW
 * (value of rank >= 3; a rank-2 value is [N, C] in both formats). Throws RangeError when bias'
 * length is not the channel count.
 */
export type BiasAddKernel = (value: ComputeArray, shape: readonly number[], bias: ComputeArray, out: ComputeArray, dataFormat?: 'NHWC' | 'NCHW') => void;

const scratchShape: number[] = [];

export function biasAdd(dtype: ComputeDType): BiasAddKernel {
  const add = binary('AddV2', dtype);
  return (value, shape, bias, out, dataFormat = 'NHWC') => {
    const rank = shape.length;
    if (rank < 2) throw new RangeError(`Input tensor must be at least 2D: [${shape.join(',')}]`);
    const nchw = dataFormat === 'NCHW' && rank > 2;
    const c = shape[nchw ? 1 : rank - 1] as number;
    // Bias as [C] (NHWC) or [C, 1, ..., 1] (NCHW), in a reused array.
    scratchShape.length = nchw ? rank - 1 : 1;
    scratchShape.fill(1);
    scratchShape[0] = c;
    add(value, shape, bias, scratchShape, out, shape);
  };
}
