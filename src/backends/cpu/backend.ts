import type { NDArray } from '../../core/ndarray.js';
import type { Backend, BackendTensor, Kernel } from '../backend.js';
import { arrayKernels } from './kernels/array.js';
import { castKernels } from './kernels/cast.js';
import { controlKernels } from './kernels/control.js';
import { mathKernels } from './kernels/math.js';
import { stateKernels } from './kernels/state.js';

const kernels = new Map<string, Kernel>(
  Object.entries({ ...arrayKernels, ...mathKernels, ...castKernels, ...stateKernels, ...controlKernels }),
);

/** The TypeScript CPU backend: tensors are host NDArrays; kernels are plain loops. */
export const cpuBackend: Backend = {
  name: 'cpu',
  device: '/job:localhost/replica:0/task:0/device:CPU:0',
  kernel: (opType) => kernels.get(opType),
  upload: (a: NDArray) => a,
  download: (t: BackendTensor) => (t as NDArray).clone(),
};

/** Op types with a CPU kernel (for the conformance suite). */
export const cpuKernelTypes = (): string[] => [...kernels.keys()].sort();
