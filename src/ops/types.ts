import type { ArrayLikeValue } from '../core/convert.js';
import type { DType } from '../core/dtypes.js';
import type { NDArray } from '../core/ndarray.js';
import type { TensorShape } from '../core/shape.js';

/**
 * The symbolic types builders return. The graph layer (and later the eager layer) fills these in
 * by declaration merging, so `tf.add` is typed to return the graph's `Tensor` without this layer
 * importing from the layers above it.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging
export interface SymbolTypes {}

/** What the ops layer needs of a tensor. */
export interface TensorLike {
  readonly dtype: DType;
  readonly shape: TensorShape;
}

/** What the ops layer needs of an operation. */
export interface OperationLike {
  readonly name: string;
  readonly type: string;
  readonly outputs: readonly TensorLike[];
}

/**
 * The tensor kinds the layers above register, by declaration merging: the graph layer adds
 * `graph: Tensor`, the eager layer will add `eager: EagerTensor`. The public `Tensor` type is
 * their union, so builders are typed for every kind without this layer importing them.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging
export interface TensorKinds {}

export type Tensor = [keyof TensorKinds] extends [never] ? TensorLike : TensorKinds[keyof TensorKinds];
export type Operation = SymbolTypes extends { operation: infer O } ? O : OperationLike;

/** An attr value, as NodeDef attrs hold them. */
export type AttrValue =
  | number
  | boolean
  | string
  | DType
  | TensorShape
  | NDArray
  | null
  | readonly number[]
  | readonly DType[]
  | readonly TensorShape[]
  | readonly string[];

export type Attrs = Readonly<Record<string, AttrValue>>;

/** A variable as the ops layer sees it (filled in by the graph layer). */
export type Variable = SymbolTypes extends { variable: infer V } ? V : never;
/**
 * Anything a builder accepts where TensorFlow accepts a tensor: tensors, variables, JS values, and
 * arrays mixing them (packed into `Pack` ops, TensorFlow's autopacking).
 */
export type TensorInput = Tensor | Variable | ArrayLikeValue | readonly TensorInput[];
/** A builder's last argument: the op name, or an options object. */
export type NameOrOptions<O = object> = string | ({ name?: string } & O);
