import type { DType } from '../core/dtypes.js';
import type { NDArray } from '../core/ndarray.js';
import type { TensorShape } from '../core/shape.js';
import type { AttrValue, Attrs } from './types.js';

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
  | 'list(string)';

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

/** An op definition: TensorFlow's op type and attrs, typing, traits and shape function. */
export interface OpDef {
  readonly type: string;
  readonly inputs: readonly ArgDef[];
  readonly outputs: readonly ArgDef[];
  readonly attrs: readonly AttrDef[];
  /** Has state or side effects: never pruned by value, never folded, its kernel sees session state. */
  readonly stateful?: boolean;
  /** May consume an uninitialized variable (TensorFlow's IsInitializationOp: Assign). */
  readonly initializesRef?: boolean;
  /** Refuses to be fed (TensorFlow's unfeedable tensors). */
  readonly unfeedable?: boolean;
  readonly shape: ShapeFn;
}

/** How many tensors an argument takes: its `numberAttr`, its `typeListAttr`'s length, or 1. */
export function argLength(arg: ArgDef, attrs: Attrs): number {
  if (arg.numberAttr) return attrs[arg.numberAttr] as number;
  if (arg.typeListAttr) return (attrs[arg.typeListAttr] as readonly unknown[]).length;
  return 1;
}

export type { Attrs };
