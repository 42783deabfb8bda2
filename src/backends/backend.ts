import type { DType } from '../core/dtypes.js';
import type { NDArray } from '../core/ndarray.js';
import type { TensorShape } from '../core/shape.js';
import type { Attrs } from '../ops/types.js';

/**
 * A tensor value owned by a backend. The core treats it as an opaque handle with a dtype and a
 * concrete shape; only the backend's kernels look inside.
 */
export interface BackendTensor {
  readonly dtype: DType;
  readonly shape: readonly number[];
}

/** A ref variable's storage in one session: uninitialized until an Assign sets `value`. */
export class RefCell {
  value: BackendTensor | null = null;
  constructor(
    /** The variable op's name, for "Attempting to use uninitialized value <name>". */
    readonly name: string,
    readonly dtype: DType,
    readonly declaredShape: TensorShape,
  ) {}
}

/** What flows between kernels: tensors, and refs to variable cells. */
export type KernelValue = BackendTensor | RefCell;

/** Per-session state a stateful kernel reaches (TensorFlow's resource manager and op segment). */
export interface SessionResources {
  /** The variable cell for (container, name), created on first use. */
  variable(container: string, name: string, dtype: DType, shape: TensorShape): RefCell;
  /** State kept per op per session (e.g. Print's `first_n` counter). */
  opState<T>(opName: string, init: () => T): T;
  /** Writes printed output (Print, PrintV2) to a stream: 'stdout' | 'stderr' | 'log(...)'. */
  write(stream: string, text: string): void;
}

/** What a kernel knows of its op; built once per plan step and shared by every session. */
export interface KernelEnv {
  readonly opName: string;
  readonly opType: string;
  readonly attrs: Attrs;
}

/**
 * A kernel: computes an op's outputs from its inputs; raises OpError subclasses on bad input.
 * `resources` is the running session's state (variables, per-op state) for stateful kernels.
 */
export type Kernel = (inputs: readonly KernelValue[], env: KernelEnv, resources: SessionResources) => KernelValue[];

export interface Backend {
  readonly name: string;
  /** TensorFlow's device string for step stats. */
  readonly device: string;
  kernel(opType: string): Kernel | undefined;
  /** Takes ownership of a host array as a backend tensor. */
  upload(a: NDArray): BackendTensor;
  /** A host copy of a backend tensor. */
  download(t: BackendTensor): NDArray;
}
