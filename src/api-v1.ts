// The TF1 API surface (graph mode): shared by `tensorgraph/v1` and `tensorgraph`'s `compat.v1`.
import './ops/defs/index.js';
import { reportingBuildSite } from './graph/build-site.js';

export * as errors from './core/errors.js';
export { AssertionError, KeyError, RuntimeError, ValueError } from './core/errors.js';
export { LookupError } from './core/errors.js';
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

import { cond as cond_ } from './graph/cond.js';
import { whileLoop as whileLoop_ } from './graph/while-loop.js';
export { FuncGraph } from './graph/func-graph.js';
import { less as less_, logicalAnd as logicalAnd_ } from './ops/defs/math/compare.js';
export { InteractiveSession, Session, type SessionOptions } from './runtime/session.js';
export { ConfigProto, RunMetadata, RunOptions } from './runtime/run-options.js';

import { constant as constant_ } from './ops/defs/array/const.js';
import { fill as fill_ } from './ops/defs/array/fill.js';
import { gather as gather_ } from './ops/defs/array/gather.js';
import { identity as identity_, noOp as noOp_ } from './ops/defs/array/identity.js';
import { onesLike as onesLike_, zerosLike as zerosLike_ } from './ops/defs/array/like.js';
import { stack as stack_ } from './ops/defs/array/pack.js';
import { placeholder as placeholder_, placeholderWithDefault as placeholderWithDefault_ } from './ops/defs/array/placeholder.js';
import { range as range_, rank as rank_ } from './ops/defs/array/range.js';
import { reshape as reshape_ } from './ops/defs/array/reshape.js';
import { ones as ones_, zeros as zeros_ } from './ops/defs/array/zeros-ones.js';
import { shape as shape_ } from './ops/defs/array/shape.js';
import { squeeze as squeeze_ } from './ops/defs/array/squeeze.js';
import { where as where_ } from './ops/defs/array/where.js';
import { booleanMask as booleanMask_ } from './ops/defs/array/boolean-mask.js';
import { Assert_ } from './ops/defs/control/assert.js';
import { Print_, print as print_ } from './ops/defs/control/print.js';
import { add as add_, divide as divide_, multiply as multiply_, realdiv as realdiv_, subtract as subtract_ } from './ops/defs/math/binary.js';
import { cast as cast_ } from './ops/defs/math/cast.js';
import { logicalNot as logicalNot_ } from './ops/defs/math/logical-not.js';
import { matmul as matmul_ } from './ops/defs/math/matmul.js';
import { negative as negative_ } from './ops/defs/math/neg.js';
import { square as square_ } from './ops/defs/math/square.js';
import { reduceSum as reduceSum_ } from './ops/defs/math/sum.js';
export type { ConstantOptions } from './ops/defs/array/const.js';
export type { GatherOptions } from './ops/defs/array/gather.js';
export type { LikeOptions } from './ops/defs/array/like.js';
export type { StackOptions } from './ops/defs/array/pack.js';
export type { PlaceholderOptions } from './ops/defs/array/placeholder.js';
export type { RangeOptions } from './ops/defs/array/range.js';
export type { FilledOptions } from './ops/defs/array/zeros-ones.js';
export type { ShapeOptions } from './ops/defs/array/shape.js';
export type { SqueezeOptions } from './ops/defs/array/squeeze.js';
export type { WhereOptions } from './ops/defs/array/where.js';
export type { BooleanMaskOptions } from './ops/defs/array/boolean-mask.js';
export type { AssertOptions } from './ops/defs/control/assert.js';
export type { LegacyPrintOptions, PrintOptions } from './ops/defs/control/print.js';
export type { MatmulOptions } from './ops/defs/math/matmul.js';
export type { ReduceSumOptions } from './ops/defs/math/sum.js';

// Builders name the user's line in any build error they raise (graph/build-site.ts).
export const cond = reportingBuildSite(cond_);
export const whileLoop = reportingBuildSite(whileLoop_);
export const less = reportingBuildSite(less_);
export const logicalAnd = reportingBuildSite(logicalAnd_);
export const constant = reportingBuildSite(constant_);
export const fill = reportingBuildSite(fill_);
export const gather = reportingBuildSite(gather_);
export const identity = reportingBuildSite(identity_);
export const noOp = reportingBuildSite(noOp_);
export const onesLike = reportingBuildSite(onesLike_);
export const zerosLike = reportingBuildSite(zerosLike_);
export const stack = reportingBuildSite(stack_);
export const placeholder = reportingBuildSite(placeholder_);
export const placeholderWithDefault = reportingBuildSite(placeholderWithDefault_);
export const range = reportingBuildSite(range_);
export const rank = reportingBuildSite(rank_);
export const reshape = reportingBuildSite(reshape_);
export const ones = reportingBuildSite(ones_);
export const zeros = reportingBuildSite(zeros_);
export const shape = reportingBuildSite(shape_);
export const squeeze = reportingBuildSite(squeeze_);
export const where = reportingBuildSite(where_);
export const booleanMask = reportingBuildSite(booleanMask_);
export const Assert = reportingBuildSite(Assert_);
export const Print = reportingBuildSite(Print_);
export const print = reportingBuildSite(print_);
export const add = reportingBuildSite(add_);
export const divide = reportingBuildSite(divide_);
export const multiply = reportingBuildSite(multiply_);
export const realdiv = reportingBuildSite(realdiv_);
export const subtract = reportingBuildSite(subtract_);
export const cast = reportingBuildSite(cast_);
export const logicalNot = reportingBuildSite(logicalNot_);
export const matmul = reportingBuildSite(matmul_);
export const negative = reportingBuildSite(negative_);
export const square = reportingBuildSite(square_);
export const reduceSum = reportingBuildSite(reduceSum_);
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

// Families and namespaces (src/api/README.md).
export * from './api/math.js';
export * from './api/array.js';
export * from './api/reduce.js';
export * from './api/random.js';
export * from './api/control.js';
export * from './api/autodiff.js';
export * from './api/variables.js';
export * from './api/backend.js';
export * as nn from './api/nn.js';
export * as train from './api/train.js';
export * as layers from './api/layers.js';
export * as losses from './api/losses.js';
export * as metrics from './api/metrics.js';
export * as initializers from './api/initializers.js';
export * as random from './api/random-ns.js';
export * as debugging from './api/debugging.js';
export * as math from './api/math-ns.js';
export * as linalg from './api/linalg.js';
export * as image from './api/image.js';
export * as data from './api/data.js';
export * as keras from './api/keras.js';
export * as contrib from './api/contrib.js';
