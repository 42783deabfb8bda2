import type { DType } from '../../core/dtypes.js';
import { InvalidArgumentError } from '../../core/errors.js';
import type { NDArray } from '../../core/ndarray.js';
import type { Attrs } from '../../ops/types.js';
import { type Kernel, type KernelContext, type KernelSignature, type KernelValue, RefCell } from '../backend.js';
import { CpuTensor } from './tensor.js';

/** A kernel table entry: one kernel for every dtype, or a selector specializing per signature. */
export type KernelEntry = Kernel | { readonly select: (signature: KernelSignature, attrs: Attrs) => Kernel | undefined };

/** Input `i` as a CPU tensor (the executor has already dereferenced non-ref inputs). */
export function arr(inputs: readonly KernelValue[], i: number): CpuTensor {
  const v = inputs[i];
  if (!(v instanceof CpuTensor)) throw new Error(`internal: input ${i} is not a CPU tensor`);
  return v;
}

/** Input `i` as a variable cell (ref inputs). */
export function cell(inputs: readonly KernelValue[], i: number): RefCell {
  const v = inputs[i];
  if (!(v instanceof RefCell)) throw new Error(`internal: input ${i} is not a ref`);
  return v;
}

/** Output `i` from the plan's buffers, as a CPU tensor. */
export function out(ctx: KernelContext, i: number, dtype: DType, shape: readonly number[]): CpuTensor {
  return ctx.output(i, dtype, shape) as CpuTensor;
}

/** Output `i` holding a copy of a host array's values (small results: Shape, Range, Where…). */
export function outFrom(ctx: KernelContext, i: number, a: NDArray): CpuTensor {
  const t = out(ctx, i, a.dtype, a.shape);
  const d = t.data as unknown as unknown[];
  const s = a.data as unknown as unknown[];
  for (let k = 0; k < s.length; k++) d[k] = s[k];
  return t;
}

/** A view of `a` with a new shape (forwarding ops: Reshape, Squeeze). */
export function view(a: CpuTensor, shape: readonly number[]): CpuTensor {
  return new CpuTensor(a.dtype, shape, a.buffer);
}

/** A scalar int input as a JS number. */
export function scalarInt(a: NDArray, what: string): number {
  if (a.size !== 1) throw new InvalidArgumentError(null, null, `${what} must be a scalar, got shape [${a.shape.join(',')}]`);
  return Number(a.data[0]);
}

/** A 1-D int input as JS numbers. */
export function intList(a: NDArray): number[] {
  return Array.from(a.data as ArrayLike<number | bigint>, Number);
}

export { sameShape } from '../../core/shape.js';
