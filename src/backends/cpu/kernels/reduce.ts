// Reduction kernels (Sum, Mean, Prod, Max, Min, All, Any) and ArgMax / ArgMin, with TensorFlow's
// run-time checks of the axes.
import type { DType } from '../../../core/dtypes.js';
import { InvalidArgumentError } from '../../../core/errors.js';
import type { Kernel } from '../../backend.js';
import { type ComputeArray, type ComputeDType, type ReduceOpName, argMax, argMin, reduce } from '../compute/index.js';
import { type KernelEntry, arr, intList, out } from '../values.js';

/** The reduction axes, normalized, as TensorFlow's ReductionHelper checks them. */
export function reductionAxes(axesIn: readonly number[], rank: number): number[] {
  const seen = new Array<boolean>(rank).fill(false);
  for (const ax of axesIn) {
    if (ax < -rank || ax >= rank) {
      throw new InvalidArgumentError(null, null, `Invalid reduction dimension (${ax} for input with ${rank} dimension(s)`);
    }
    const a = ax < 0 ? ax + rank : ax;
    if (seen[a]) throw new InvalidArgumentError(null, null, `Invalid reduction arguments: Axes contains duplicate dimension: ${a}`);
    seen[a] = true;
  }
  return seen.flatMap((s, i) => (s ? [i] : []));
}

/** A reduction over the axes of input 1, keeping reduced dimensions as 1 when `keep_dims`. */
export function reduceKernel(op: ReduceOpName): KernelEntry {
  return {
    select: (sig) => {
      const dtype = sig.inputs[0] as DType;
      if (dtype === 'string' || (dtype === 'bool') !== (op === 'All' || op === 'Any')) return undefined;
      const run = reduce(op, dtype as ComputeDType);
      const k: Kernel = (inputs, ctx) => {
        const x = arr(inputs, 0);
        const axes = reductionAxes(intList(arr(inputs, 1)), x.rank);
        const keep = ctx.env.attrs.keep_dims === true;
        const set = new Set(axes);
        const outShape = x.shape.flatMap((d, i) => (set.has(i) ? (keep ? [1] : []) : [d]));
        const o = out(ctx, 0, dtype, outShape);
        run(x.data as ComputeArray, x.shape, axes, o.data as ComputeArray);
        return [o];
      };
      return k;
    },
  };
}

/** ArgMax / ArgMin along the scalar `dimension`, into `output_type`. */
function argKernel(max: boolean): KernelEntry {
  return {
    select: (sig) => {
      const dtype = sig.inputs[0] as DType;
      if (dtype === 'string') return undefined;
      // bool is stored as 0/1 bytes: the uint8 loop gives the same indices.
      const run = (max ? argMax : argMin)((dtype === 'bool' ? 'uint8' : dtype) as ComputeDType);
      const outType = sig.outputs[0] as DType;
      const k: Kernel = (inputs, ctx) => {
        const x = arr(inputs, 0);
        const dimT = arr(inputs, 1);
        if (dimT.size !== 1) throw new InvalidArgumentError(null, null, `dim must be a scalar, but received tensor of shape: [${dimT.shape.join(',')}]`);
        const d = Number(dimT.data[0]);
        const rank = x.rank;
        if (d < -rank || d >= rank) throw new InvalidArgumentError(null, null, `Expected dimension in the range [${-rank}, ${rank}), but got ${d}`);
        const axis = d < 0 ? d + rank : d;
        const shape = x.shape.filter((_s, i) => i !== axis);
        const o = out(ctx, 0, outType, shape);
        const direct = outType === 'int32' || outType === 'int64';
        const target = direct ? (o.data as Int32Array | BigInt64Array) : new Int32Array(o.size);
        const err = run(x.data as ComputeArray, x.shape, axis, target);
        if (err !== null) throw new InvalidArgumentError(null, null, err);
        if (!direct) (o.data as Int16Array | Uint16Array).set(target as Int32Array);
        return [o];
      };
      return k;
    },
  };
}

export const reduceKernels: Record<string, KernelEntry> = {
  Mean: reduceKernel('Mean'),
  Max: reduceKernel('Max'),
  Min: reduceKernel('Min'),
  Prod: reduceKernel('Prod'),
  All: reduceKernel('All'),
  Any: reduceKernel('Any'),
  ArgMax: argKernel(true),
  ArgMin: argKernel(false),
};
