import type { DType, TypedData } from '../core/dtypes.js';
import type { NDArray } from '../core/ndarray.js';
import type { TensorShape } from '../core/shape.js';
import type { Attrs } from '../ops/types.js';

/**
 * A tensor value owned by a backend. The core treats it as an opaque handle with a dtype and a
 * concrete shape; only the backend's kernels look inside. Its storage is reference counted by the
 * backend (`retain` / `release`); views of one storage (a reshape) share the count.
 */
export interface BackendTensor {
  readonly dtype: DType;
  readonly shape: readonly number[];
}

/** A ref variable's storage in one session: uninitialized until an Assign sets `value`. */
export class RefCell {
  /** The variable's buffer; the cell holds one reference on it. Assign* update it in place. */
  value: BackendTensor | null = null;
  constructor(
    /** The variable op's name, for "Attempting to use uninitialized value <name>". */
    readonly name: string,
    readonly dtype: DType,
    readonly declaredShape: TensorShape,
    /** The backend owning `value` (the VariableV2 kernel's: float32 variables live on wasm there). */
    readonly backend: Backend,
  ) {}

  /** Replaces the buffer (a new shape): takes a reference on `t`, drops the old one. */
  replace(t: BackendTensor): void {
    this.backend.retain(t);
    if (this.value) this.backend.release(this.value);
    this.value = t;
  }

  /** Drops the buffer (Session.close). */
  clear(): void {
    if (this.value) this.backend.release(this.value);
    this.value = null;
  }
}

/** What flows between kernels: tensors, and refs to variable cells. */
export type KernelValue = BackendTensor | RefCell;

/** Per-session state a stateful kernel reaches (TensorFlow's resource manager and op segment). */
export interface SessionResources {
  /** The variable cell for (container, name), created on first use. */
  variable(container: string, name: string, dtype: DType, shape: TensorShape, backend: Backend): RefCell;
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
 * Hands a kernel the buffer for output `index`: the plan's memory schedule decides which (a
 * buffer of the session's arena, reused across steps and runs), so kernels never allocate their
 * outputs themselves. The contents are unspecified: the kernel writes every element.
 */
export type OutputAllocator = (index: number, dtype: DType, shape: readonly number[]) => BackendTensor;

/** Everything a kernel gets besides its inputs. */
export interface KernelContext {
  readonly env: KernelEnv;
  readonly resources: SessionResources;
  readonly output: OutputAllocator;
}

/**
 * A kernel: computes an op's outputs from its inputs, writing into buffers from `ctx.output`, or
 * returning an input (or a view of it) where the op forwards its input. Raises OpError subclasses
 * on bad input.
 */
export type Kernel = (inputs: readonly KernelValue[], ctx: KernelContext) => KernelValue[];

/** The dtypes a kernel is chosen for: the op's flat input and output dtypes. */
export interface KernelSignature {
  readonly inputs: readonly DType[];
  readonly outputs: readonly DType[];
}

/** Allocation counters (for tests and the benchmark's "allocates nothing after warm-up" row). */
export interface BackendStats {
  /** Buffers allocated since the backend was created. */
  allocations: number;
  bytesAllocated: number;
  /** Buffers whose last reference was released. */
  frees: number;
  /** Buffers allocated and not yet freed. */
  live: number;
}

/** One link of a fused elementwise chain: a unary op, or a binary op with one extra operand. */
export interface ChainLink {
  readonly op: string;
  /** For binary ops: the kernel input holding the other operand. */
  readonly operand?: number;
  /** The running value is the op's second operand (`operand op acc`). */
  readonly reversed?: boolean;
}

/**
 * A chain of elementwise ops fused into one kernel: input 0 is the running value, inputs 1.. the
 * other operands, each of the running value's size, a scalar (`scalar[i]`), a row (`row[i]`: the
 * running value's trailing dims, repeated along its leading ones, as a bias or a per-channel scale
 * over NHWC data) or a column (`column[i]`: one value per run of the trailing dims, as a mean per
 * example). A chain's rows and columns repeat over one innermost run.
 */
export interface ElementwiseChain {
  readonly dtype: DType;
  readonly links: readonly ChainLink[];
  readonly scalar: readonly boolean[];
  readonly row?: readonly boolean[];
  readonly column?: readonly boolean[];
}

/** An activation a MatMul or Conv2D epilogue may apply (after the bias, if any). */
export type EpilogueActivation = 'Relu' | 'Relu6' | 'Elu' | 'Sigmoid' | 'Tanh';

/**
 * A MatMul or Conv2D (NHWC) whose output gets a bias along its last axis and/or an activation
 * before it is stored: the kernel's inputs are the base op's, then the bias (when `bias`).
 */
export interface Epilogue {
  readonly op: 'MatMul' | 'Conv2D';
  /** The base op's attrs (transpose_a, strides, padding, …). */
  readonly attrs: Attrs;
  readonly dtype: DType;
  readonly bias: boolean;
  readonly activation: EpilogueActivation | null;
}

export interface Backend {
  readonly name: string;
  /** TensorFlow's device string for step stats. */
  readonly device: string;
  /** The kernel for (op type, dtypes, attrs), or undefined when this backend lacks it. */
  kernel(opType: string, signature: KernelSignature, attrs: Attrs): Kernel | undefined;
  /** Whether an elementwise op of this dtype can be a link of a fused chain (optional). */
  fusible?(opType: string, dtype: DType): boolean;
  /** One kernel running a whole elementwise chain without intermediate buffers (optional). */
  fusedKernel?(chain: ElementwiseChain): Kernel | undefined;
  /** Runs `fn` with kernels using at most `threads` threads (optional: a backend with one thread has no limit to set). */
  withThreadLimit?<T>(threads: number, fn: () => T): T;
  /** One kernel running a MatMul/Conv2D with its bias and activation (optional; undefined: not fused). */
  epilogueKernel?(epilogue: Epilogue): Kernel | undefined;
  /** A new buffer with no references yet (the caller retains it). */
  allocate(dtype: DType, shape: readonly number[]): BackendTensor;
  /** The same storage seen with another shape of the same size (no copy; shares the count). */
  view(t: BackendTensor, shape: readonly number[]): BackendTensor;
  retain(t: BackendTensor): void;
  /** Drops a reference; the storage is freed when none is left. */
  release(t: BackendTensor): void;
  /** References on `t`'s storage. */
  refCount(t: BackendTensor): number;
  /**
   * A host array as a backend tensor with no references yet, never written by kernels: the
   * backend may keep using `a`'s storage (constants and feeds are uploaded this way).
   */
  upload(a: NDArray): BackendTensor;
  /** A host copy of a backend tensor. */
  download(t: BackendTensor): NDArray;
  /** Copies `src`'s elements into `dst` (same dtype and size): Assign's in-place update. */
  copyInto(src: BackendTensor, dst: BackendTensor): void;
  /**
   * `t`'s elements as a host array without a copy (optional), valid only until the backend next
   * allocates: transfers copy straight between two backends' storage with it.
   */
  hostData?(t: BackendTensor): TypedData;
  readonly stats: BackendStats;
}
