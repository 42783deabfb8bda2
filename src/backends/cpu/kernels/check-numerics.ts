import { InvalidArgumentError } from '../../../core/errors.js';
import { fromHalfBits } from '../../../core/float16.js';
import { type KernelEntry, arr } from '../values.js';

export const checkNumericsKernels: Record<string, KernelEntry> = {
  // TensorFlow's CheckNumericsOp: the input passes through unless it holds a NaN or an Inf.
  CheckNumerics: (inputs, { env }) => {
    const x = arr(inputs, 0);
    const data = x.data as ArrayLike<number>;
    const half = x.dtype === 'float16';
    let nan = false;
    let inf = false;
    for (let i = 0; i < data.length; i++) {
      const v = half ? fromHalfBits(data[i] as number) : (data[i] as number);
      if (Number.isNaN(v)) nan = true;
      else if (!Number.isFinite(v)) inf = true;
    }
    if (nan || inf) {
      const what = nan && inf ? 'Inf and NaN' : inf ? 'Inf' : 'NaN';
      throw new InvalidArgumentError(null, null, `${env.attrs.message as string} : Tensor had ${what} values`);
    }
    return [x];
  },
};
