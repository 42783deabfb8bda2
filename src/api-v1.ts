// The TF1 API surface (graph mode): shared by `tensorgraph/v1` and `tensorgraph`'s `compat.v1`.
import './ops/defs/index.js';

export * as errors from './core/errors.js';
export { AssertionError, KeyError, RuntimeError, ValueError } from './core/errors.js';
export { NDArray } from './core/ndarray.js';
export { TensorShape } from './core/shape.js';
export type { Dim, ShapeLike } from './core/shape.js';
export type { DType } from './core/dtypes.js';
export { formatNDArray } from './core/format.js';

export { Graph, getDefaultGraph, resetDefaultGraph } from './graph/graph.js';
export { Operation } from './graph/operation.js';
export { Tensor } from './graph/tensor.js';
export {
  type AssignAddOptions,
  type AssignOptions,
  type AssignSubOptions,
  Variable,
  type VariableOptions,
  type VariableUpdateOptions,
  assign,
  assignAdd,
  assignSub,
} from './graph/variable.js';
export { GraphKeys } from './graph/graph-keys.js';
export { getDefaultSession } from './graph/default-session.js';
export { type ConvertToTensorOptions, convertToTensor } from './graph/api.js';
export type { Scope } from './graph/stack.js';
export {
  addToCollection,
  addToCollections,
  controlDependencies,
  getCollection,
  getCollectionRef,
  globalVariables,
  globalVariablesInitializer,
  group,
  type GroupInput,
  initializeAllVariables,
  isVariableInitialized,
  localVariables,
  localVariablesInitializer,
  modelVariables,
  nameScope,
  reportUninitializedVariables,
  trainableVariables,
  variablesInitializer,
  withDependencies,
} from './graph/api.js';

export { cond } from './graph/cond.js';
export { whileLoop } from './graph/while-loop.js';
export { FuncGraph } from './graph/func-graph.js';
export { less, logicalAnd } from './ops/defs/math/compare.js';
export { InteractiveSession, Session, type SessionOptions } from './runtime/session.js';
export { ConfigProto, RunMetadata, RunOptions } from './runtime/run-options.js';

export { type ConstantOptions, constant } from './ops/defs/array/const.js';
export { fill } from './ops/defs/array/fill.js';
export { type GatherOptions, gather } from './ops/defs/array/gather.js';
export { identity, noOp } from './ops/defs/array/identity.js';
export { type LikeOptions, onesLike, zerosLike } from './ops/defs/array/like.js';
export { type StackOptions, stack } from './ops/defs/array/pack.js';
export { type PlaceholderOptions, placeholder, placeholderWithDefault } from './ops/defs/array/placeholder.js';
export { type RangeOptions, range, rank } from './ops/defs/array/range.js';
export { reshape } from './ops/defs/array/reshape.js';
export { type FilledOptions, ones, zeros } from './ops/defs/array/zeros-ones.js';
export { type ShapeOptions, shape } from './ops/defs/array/shape.js';
export { type SqueezeOptions, squeeze } from './ops/defs/array/squeeze.js';
export { type WhereOptions, where } from './ops/defs/array/where.js';
export { type BooleanMaskOptions, booleanMask } from './ops/defs/array/boolean-mask.js';
export { Assert_ as Assert, type AssertOptions } from './ops/defs/control/assert.js';
export { type LegacyPrintOptions, Print_ as Print, type PrintOptions, print } from './ops/defs/control/print.js';
export { add, divide, multiply, realdiv, subtract } from './ops/defs/math/binary.js';
export { cast } from './ops/defs/math/cast.js';
export { logicalNot } from './ops/defs/math/logical-not.js';
export { type MatmulOptions, matmul } from './ops/defs/math/matmul.js';
export { negative } from './ops/defs/math/neg.js';
export { square } from './ops/defs/math/square.js';
export { type ReduceSumOptions, reduceSum } from './ops/defs/math/sum.js';
export { registeredOpTypes } from './ops/registry.js';
export { executingEagerly } from './ops/context.js';
export type { TensorInput } from './ops/types.js';
export type { ArrayLikeValue, ArrayLikeValue as FeedValue } from './core/convert.js';
export type { DTypeLike } from './core/dtypes.js';

export const float16 = 'float16' as const;
/** TensorFlow's alias of float16. */
export const half = 'float16' as const;
export const float32 = 'float32' as const;
export const float64 = 'float64' as const;
export const int8 = 'int8' as const;
export const int16 = 'int16' as const;
export const int32 = 'int32' as const;
export const int64 = 'int64' as const;
export const uint8 = 'uint8' as const;
export const uint16 = 'uint16' as const;
export const uint32 = 'uint32' as const;
export const uint64 = 'uint64' as const;
export const bool = 'bool' as const;
export const string = 'string' as const;
