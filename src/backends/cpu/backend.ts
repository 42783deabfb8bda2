import { type DType, type TypedData, allocate, copyData, elementBytes } from '../../core/dtypes.js';
import { sizeOf } from '../../core/shape.js';
import { NDArray } from '../../core/ndarray.js';
import type { Attrs } from '../../ops/types.js';
import type { Backend, BackendStats, BackendTensor, Kernel, KernelSignature } from '../backend.js';
import { fusedElementwise, isChainOp } from './kernels/fused.js';
import { cpuEpilogueKernel } from './kernels/epilogue.js';
import { KERNEL_TABLES } from './kernels/index.js';
import { CpuBuffer, CpuTensor } from './tensor.js';
import type { KernelEntry } from './values.js';

const kernels = new Map<string, KernelEntry>(KERNEL_TABLES.flatMap((t) => Object.entries(t)));

function cpu(t: BackendTensor): CpuTensor {
  if (!(t instanceof CpuTensor)) throw new Error('internal: not a CPU backend tensor');
  return t;
}

const stats: BackendStats = { allocations: 0, bytesAllocated: 0, frees: 0, live: 0 };

/**
 * The TypeScript CPU reference backend: tensors are NDArrays over reference-counted typed arrays;
 * kernels are plain loops specialized per dtype.
 */
export const cpuBackend: Backend = {
  name: 'cpu',
  device: '/job:localhost/replica:0/task:0/device:CPU:0',
  stats,
  kernel(opType: string, signature: KernelSignature, attrs: Attrs): Kernel | undefined {
    const entry = kernels.get(opType);
    if (entry === undefined) return undefined;
    return typeof entry === 'function' ? entry : entry.select(signature, attrs);
  },
  fusible: (opType, dtype) => (dtype === 'float32' || dtype === 'float64') && isChainOp(opType, dtype),
  fusedKernel: (chain) => fusedElementwise(chain),
  epilogueKernel(e) {
    return cpuEpilogueKernel(e, this.kernel(e.op, { inputs: [e.dtype, e.dtype], outputs: [e.dtype] }, e.attrs));
  },
  allocate(dtype: DType, shape: readonly number[]): CpuTensor {
    const size = sizeOf(shape);
    const data = allocate(dtype, size, shape);
    stats.allocations++;
    stats.live++;
    stats.bytesAllocated += size * elementBytes(dtype);
    return new CpuTensor(dtype, shape, new CpuBuffer(data, 'owned'));
  },
  view(t: BackendTensor, shape: readonly number[]): CpuTensor {
    const c = cpu(t);
    return new CpuTensor(c.dtype, shape, c.buffer);
  },
  retain(t: BackendTensor): void {
    cpu(t).buffer.refs++;
  },
  release(t: BackendTensor): void {
    const b = cpu(t).buffer;
    if (b.refs <= 0) throw new Error('internal: releasing a buffer with no references');
    if (--b.refs === 0 && b.kind === 'owned') {
      stats.frees++;
      stats.live--;
    }
  },
  refCount: (t: BackendTensor) => cpu(t).buffer.refs,
  upload(a: NDArray): CpuTensor {
    if (a instanceof CpuTensor) return a;
    return new CpuTensor(a.dtype, a.shape, new CpuBuffer(a.data as TypedData, 'external'));
  },
  download(t: BackendTensor): NDArray {
    const c = cpu(t);
    const d = c.data as TypedData;
    return new NDArray(c.dtype, c.shape, copyData(d) as never);
  },
  hostData: (t: BackendTensor) => cpu(t).data as TypedData,
  copyInto(src: BackendTensor, dst: BackendTensor): void {
    const s = cpu(src).data as TypedData;
    const d = cpu(dst).data as TypedData;
    if (Array.isArray(d)) for (let i = 0; i < d.length; i++) d[i] = (s as Uint8Array[])[i] as Uint8Array;
    else (d as Float32Array).set(s as Float32Array);
  },
};

/** Op types with a CPU kernel (for the conformance suite). */
export const cpuKernelTypes = (): string[] => [...kernels.keys()].sort();
