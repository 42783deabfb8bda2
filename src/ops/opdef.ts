import type { DType } from '../core/dtypes.js';
import type { NDArray } from '../core/ndarray.js';
import type { TensorShape } from '../core/shape.js';
import type { AttrValue, Attrs, Tensor } from './types.js';

/** One input or output of an op, as an OpDef ArgDef. */
export interface ArgDef {
  readonly name: string;
  /** The dtype comes from this `type` attr (`T`). */
  readonly typeAttr?: string;
  /** Or the dtype is fixed. */
  readonly dtype?: DType;
  /** A list of `numberAttr` tensors, all of `typeAttr`'s dtype (e.g. Pack's `values: N * T`). */
  readonly numberAttr?: string;
  /** A list of tensors whose dtypes are the `list(type)` attr (e.g. Print's `data: U`). */
  readonly typeListAttr?: string;
  /** A reference to a mutable variable (TF's `Ref(T)`). */
  readonly isRef?: boolean;
}

export type AttrType =
  | 'type'
  | 'shape'
  | 'int'
  | 'float'
  | 'bool'
  | 'string'
  | 'tensor'
  | 'list(type)'
  | 'list(int)'
  | 'list(shape)'
  | 'list(string)'
  /** A function of the graph's library (If's branches, While's cond and body): stored by name. */
  | 'func';

export interface AttrDef {
  readonly name: string;
  readonly type: AttrType;
  /** Default when the builder does not set it; absent = required. */
  readonly default?: AttrValue;
  /** For `type` attrs: the dtypes the op accepts. */
  readonly allowed?: readonly DType[];
}

/** What a shape function sees of the op being built. */
export interface InferContext {
  readonly opType: string;
  readonly numInputs: number;
  inputShape(i: number): TensorShape;
  inputDtype(i: number): DType;
  attr<T extends AttrValue>(name: string): T;
  /** The input's value when it is known at build time (a Const, or a Shape of a known shape). */
  inputValue(i: number): NDArray | null;
  /** A 1-D shape tensor read as a partially known shape (TensorFlow's MakeShapeFromShapeTensor). */
  inputAsShape(i: number): TensorShape;
  /** Raises TensorFlow's build-time ValueError, naming the node and its input shapes. */
  fail(message: string): never;
}

/** Build-time shape inference: one static shape per output. */
export type ShapeFn = (ctx: InferContext) => TensorShape[];

/**
 * What a gradient function sees of the op it differentiates: a graph Operation and an eager tape
 * record both satisfy it.
 */
export interface OpView {
  readonly type: string;
  readonly attrs: Attrs;
  readonly inputs: readonly Tensor[];
  readonly outputs: readonly Tensor[];
}

/**
 * An op's gradient: the gradients of its inputs given those of its outputs (`null` where an
 * output has none), built with the op builders. `null` for an input means "no gradient".
 */
export type GradFn = (op: OpView, dys: readonly (Tensor | null)[]) => (Tensor | null)[];

/**
 * An op definition: TensorFlow's op type and attrs, typing, traits, shape function and gradient.
 * The traits tell the compiler's passes what they may do; a pass never guesses from the op type.
 */
export interface OpDef {
  readonly type: string;
  readonly inputs: readonly ArgDef[];
  readonly outputs: readonly ArgDef[];
  readonly attrs: readonly AttrDef[];
  /** Has or sees session state (variables, counters): never folded, never merged by CSE. */
  readonly stateful?: boolean;
  /** Draws random numbers: never folded or merged (each op is its own stream). */
  readonly random?: boolean;
  /** Elementwise over (broadcast) inputs: a candidate for fusion. */
  readonly elementwise?: boolean;
  /** Output 0 may share input 0's buffer (Identity, Reshape, a same-dtype Cast): an alias, not a copy. */
  readonly forwardsInput?: boolean | ((attrs: Attrs) => boolean);
  /** The output shapes depend on input values, not only shapes (Where): planned at run time. */
  readonly dataDependentShape?: boolean;
  /**
   * Running it matters beyond its outputs (Print, Assert, a Placeholder's missing-feed error, a
   * value that may come from a feed): never folded, never merged, never removed once needed.
   */
  readonly sideEffect?: boolean;
  /**
   * Its value may come from a feed (Placeholder, PlaceholderWithDefault): never evaluated ahead of
   * time, though a run that does not need it drops it.
   */
  readonly feedSource?: boolean;
  /** May consume an uninitialized variable (TensorFlow's IsInitializationOp: Assign). */
  readonly initializesRef?: boolean;
  /** Refuses to be fed (TensorFlow's unfeedable tensors). */
  readonly unfeedable?: boolean;
  readonly shape: ShapeFn;
  /** For an op whose output is fixed by its attrs (Const): that value. Plans upload it once. */
  readonly constantValue?: (attrs: Attrs) => NDArray;
  /**
   * The outputs computed from the inputs' static shapes alone, or null when those do not tell
   * (Shape needs a fully known shape, Rank only the rank): the constant folder uses it.
   */
  readonly valueFromShapes?: (shapes: readonly TensorShape[], attrs: Attrs) => NDArray[] | null;
  /**
   * The gradient (TensorFlow's RegisterGradient); `null` when the op is not differentiable
   * (TensorFlow's NotDifferentiable); absent while no gradient is defined yet.
   */
  readonly grad?: GradFn | null;
  /**
   * A functional control-flow op (If, While): the compiler makes it a control step running
   * sub-plans of its functions; never folded or merged.
   */
  readonly control?: 'if' | 'while';
}

/** Whether output 0 of an op with these attrs aliases its input 0. */
export function forwardsInput(def: OpDef, attrs: Attrs): boolean {
  const f = def.forwardsInput;
  return typeof f === 'function' ? f(attrs) : f === true;
}

/** Whether a pass may evaluate the op ahead of time or merge equal copies of it. */
export function isPure(def: OpDef): boolean {
  return !def.stateful && !def.random && !def.sideEffect && def.control === undefined;
}

/** How many tensors an argument takes: its `numberAttr`, its `typeListAttr`'s length, or 1. */
export function argLength(arg: ArgDef, attrs: Attrs): number {
  if (arg.numberAttr) return attrs[arg.numberAttr] as number;
  if (arg.typeListAttr) return (attrs[arg.typeListAttr] as readonly unknown[]).length;
  return 1;
}

export type { Attrs };
