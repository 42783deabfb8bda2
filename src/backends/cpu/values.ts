import { InvalidArgumentError } from '../../core/errors.js';
import { NDArray } from '../../core/ndarray.js';
import { type KernelValue, RefCell } from '../backend.js';

/** Input `i` as an NDArray (the executor has already dereferenced non-ref inputs). */
export function arr(inputs: readonly KernelValue[], i: number): NDArray {
  const v = inputs[i];
  if (!(v instanceof NDArray)) throw new Error(`internal: input ${i} is not a CPU tensor`);
  return v;
}

/** Input `i` as a variable cell (ref inputs). */
export function cell(inputs: readonly KernelValue[], i: number): RefCell {
  const v = inputs[i];
  if (!(v instanceof RefCell)) throw new Error(`internal: input ${i} is not a ref`);
  return v;
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

/** Whether two concrete shapes are equal. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
