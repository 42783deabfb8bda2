import type { Backend, BackendTensor, Kernel, KernelEnv } from '../backends/backend.js';
import type { DType } from '../core/dtypes.js';
import type { TensorShape } from '../core/shape.js';
import type { Graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';

/** How one input reaches a kernel. */
export const enum InputMode {
  /** A tensor value (a ref producer is dereferenced, failing when uninitialized). */
  Value = 0,
  /** The variable cell itself, which must be initialized (AssignAdd). */
  Ref = 1,
  /** The variable cell, initialized or not (Assign, IsVariableInitialized). */
  RefMayBeUninitialized = 2,
}

/** Where a slot's value comes from. */
export type SlotKind =
  /** Computed by a step into a buffer of the session's arena (or forwarded from another slot). */
  | 'value'
  /** A variable cell (a ref): the session's state, not a buffer of the run. */
  | 'ref'
  /** A constant uploaded once per plan: a Const op, or ops folded ahead of time. */
  | 'const'
  /** Fed by the caller for this run. */
  | 'feed';

/** One value of a plan: the slot table's row. */
export interface Slot {
  readonly index: number;
  /** The graph tensor it holds (its name), or a description for transfer slots. */
  readonly name: string;
  readonly dtype: DType;
  /** The shape known when compiling: concrete where the fed shapes fix it. */
  readonly shape: TensorShape;
  readonly kind: SlotKind;
  /** The backend holding its value. */
  readonly backend: Backend;
  /** The slot whose buffer this one shares (forwarding ops), or null. */
  readonly alias: number | null;
  /** The step that produces it (-1: before the first step), and the last step that reads it. */
  readonly def: number;
  readonly lastUse: number;
  /** Kept until the run ends (fetched, or fed). */
  readonly pinned: boolean;
  /** The arena buffer it is written into (-1: none: an alias, a constant, a feed or a ref). */
  readonly buffer: number;
  /** The slot that held `buffer` before (the memory plan's reuse), or null when it is fresh. */
  readonly reuses: number | null;
}

interface StepBase {
  /** The graph ops it came from (for errors and traces); empty for transfers. */
  readonly ops: readonly Operation[];
  readonly inputSlots: readonly number[];
  readonly outputSlots: readonly number[];
  /** Slots whose last use is this step: released right after it. */
  readonly release: readonly number[];
  readonly backend: Backend;
}

/**
 * One kernel call: of one op (`kernel`), or of a fused chain of elementwise ops (`fused`: `ops`
 * lists them, `op` is the last, whose output the step writes).
 */
export interface KernelStep extends StepBase {
  readonly kind: 'kernel' | 'fused';
  readonly op: Operation;
  readonly kernel: Kernel;
  readonly inputModes: readonly InputMode[];
  /** The input strings TensorFlow prints in "uninitialized value <input>" (`foo`, `foo:1`). */
  readonly inputNames: readonly string[];
  /** The arena buffer each output is written into (-1: the kernel's own allocation). */
  readonly outputBuffers: readonly number[];
  /** What the kernel knows of its op (built once here, shared by every session). */
  readonly env: KernelEnv;
}

/** A copy of one value between backends (one lacks a kernel the other has). */
export interface TransferStep extends StepBase {
  readonly kind: 'transfer';
  readonly from: Backend;
  /** The arena buffer the copy is written into (-1: a fresh upload each run, as partial runs do). */
  readonly outputBuffers: readonly number[];
  /**
   * Set when the source is a variable's ref read by value: the input name TensorFlow prints in
   * "uninitialized value <input>" (the reading op is `ops[0]`).
   */
  readonly derefName?: string;
}

/**
 * A functional control-flow op (If, While): runs sub-plans compiled from its functions with the
 * same compiler. If: `subPlans` = [then, else]; While: [cond, body]. Its outputs are the sub-plans'
 * outputs handed over, so it has no arena buffers of its own.
 */
export interface ControlStep extends StepBase {
  readonly kind: 'control';
  readonly op: Operation;
  readonly control: 'if' | 'while';
  readonly inputModes: readonly InputMode[];
  readonly inputNames: readonly string[];
  /** The functions' names (If: then, else; While: cond, body) and their plans. */
  readonly functions: readonly string[];
  readonly subPlans: readonly Plan[];
}

export type Step = KernelStep | TransferStep | ControlStep;

/** A constant of the plan: uploaded once, shared by every run and session. */
export interface PlanConstant {
  readonly slot: number;
  readonly value: BackendTensor;
}

/** What each pass did, for the printed plan. */
export interface PassReport {
  readonly name: string;
  readonly details: readonly string[];
}

/**
 * What one run signature compiles to: pruned, rewritten by passes, ordered steps over a slot
 * table with a buffer-lifetime memory plan. A plan holds no values of a run; it is shared by
 * every session of its graph. `toString()` prints it as a readable step list.
 */
export interface Plan {
  readonly key: string;
  readonly graph: Graph;
  readonly backend: Backend;
  readonly feeds: readonly Tensor[];
  readonly feedSlots: readonly number[];
  readonly fetches: readonly Tensor[];
  readonly fetchSlots: readonly number[];
  readonly targets: readonly Operation[];
  readonly steps: readonly Step[];
  readonly slots: readonly Slot[];
  readonly constants: readonly PlanConstant[];
  /** How many arena buffers a session needs for this plan. */
  readonly numBuffers: number;
  /** The backend owning each arena buffer. */
  readonly bufferBackends: readonly Backend[];
  /** The fed shapes the plan is specialized for (null: a generic plan). */
  readonly fedShapes: readonly (readonly number[])[] | null;
  readonly passes: readonly PassReport[];
  toString(): string;
}
