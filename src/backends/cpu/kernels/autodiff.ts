// Kernels of the ops tf.gradients builds or honours: AddN (gradient aggregation) and the
// gradient-blocking identities StopGradient and PreventGradient.
import type { DType } from '../../../core/dtypes.js';
import { InvalidArgumentError } from '../../../core/errors.js';
import { shapeDebugString } from '../../../core/shape.js';
import { type ComputeArray, binary, supportsBinary } from '../compute/index.js';
import type { CpuTensor } from '../tensor.js';
import { type KernelEntry, arr, out, sameShape } from '../values.js';

const data = (t: CpuTensor) => t.data as ComputeArray;

export const autodiffKernels: Record<string, KernelEntry> = {
  // TensorFlow's CPU AddN: every number type; inputs must have one shape (no broadcasting).
  AddN: {
    select: (sig) => {
      const dtype = sig.inputs[0] as DType;
      if (dtype === 'string' || dtype === 'bool' || !supportsBinary('AddV2', dtype)) return undefined;
      const add = binary('AddV2', dtype);
      return (inputs, ctx) => {
        const x0 = arr(inputs, 0);
        for (let i = 1; i < inputs.length; i++) {
          const xi = arr(inputs, i);
          if (!sameShape(x0.shape, xi.shape)) {
            throw new InvalidArgumentError(
              null,
              null,
              `Inputs to operation ${ctx.env.opName} of type AddN must have the same size and shape.  Input 0: ${shapeDebugString(x0.shape)} != input ${i}: ${shapeDebugString(xi.shape)}`,
            );
          }
        }
        const o = out(ctx, 0, dtype, x0.shape);
        if (inputs.length === 1) {
          (data(o) as Float64Array).set(data(x0) as Float64Array);
          return [o];
        }
        const check = (err: string | null) => {
          if (err !== null) throw new InvalidArgumentError(null, null, err);
        };
        check(add(data(x0), x0.shape, data(arr(inputs, 1)), x0.shape, data(o), x0.shape));
        for (let i = 2; i < inputs.length; i++) check(add(data(o), x0.shape, data(arr(inputs, i)), x0.shape, data(o), x0.shape));
        return [o];
      };
    },
  },
  StopGradient: (inputs) => [arr(inputs, 0)],
  PreventGradient: (inputs) => [arr(inputs, 0)],
};
