// The tf.math-ns namespace. See README.md.
export { addN } from './autodiff.js';
import { reportingBuildSite as reportingBuildSiteNn } from '../graph/build-site.js';
import { softplus as softplusNn_, softsign as softsignNn_ } from '../ops/defs/nn/activations.js';
import { logSoftmax as logSoftmaxNn_, softmax as softmaxNn_ } from '../ops/defs/nn/softmax.js';
export const softplus = reportingBuildSiteNn(softplusNn_);
export const softsign = reportingBuildSiteNn(softsignNn_);
export const softmax = reportingBuildSiteNn(softmaxNn_);
export const logSoftmax = reportingBuildSiteNn(logSoftmaxNn_);
export {
  abs,
  sign,
  sqrt,
  rsqrt,
  exp,
  log,
  log1p,
  expm1,
  sin,
  cos,
  tanh,
  sigmoid,
  erf,
  floor,
  ceil,
  round,
  reciprocal,
  isNan,
  isFinite,
} from './math.js';
export {
  maximum,
  minimum,
  pow,
  squaredDifference,
  floordiv,
  floormod,
  mod,
  truncatediv,
  truediv,
  scalarMul,
  equal,
  notEqual,
  lessEqual,
  greater,
  greaterEqual,
  logicalOr,
  logicalXor,
} from './math.js';
export { add, subtract, multiply, divide, negative, square, less, logicalAnd, logicalNot } from '../api-v1.js';
import { reportingBuildSite as reportingBuildSite_array } from '../graph/build-site.js';
import { topK as topK_ } from '../ops/defs/array/top-k.js';
import { cumsum as cumsum_ } from '../ops/defs/math/cumsum.js';
import { unsortedSegmentSum as unsortedSegmentSum_ } from '../ops/defs/math/unsorted-segment-sum.js';
export type { TopKOptions } from '../ops/defs/array/top-k.js';
export const topK = reportingBuildSite_array(topK_);
export const cumsum = reportingBuildSite_array(cumsum_);
export const unsortedSegmentSum = reportingBuildSite_array(unsortedSegmentSum_);
export { divNoNan as divideNoNan } from './math.js';
export { reduceMean, reduceMax, reduceMin, reduceProd, reduceAll, reduceAny, argmax, argmin } from './reduce.js';
export { reduceSum } from '../api-v1.js';
export { reduceLogsumexp } from './reduce.js';
export { l2Normalize, inTopK } from './nn.js';
export { logSigmoid } from './math.js';
import { reduceStd as reduceStd_, reduceVariance as reduceVariance_ } from '../ops/defs/math/statistics.js';
export type { MomentReduceOptions } from '../ops/defs/math/statistics.js';
export const reduceStd = reportingBuildSite_array(reduceStd_);
export const reduceVariance = reportingBuildSite_array(reduceVariance_);
export { cumprod, segmentSum } from './math.js';
import { reduceEuclideanNorm as reduceEuclideanNorm_ } from '../ops/defs/math/euclidean-norm.js';
export type { EuclideanNormOptions } from '../ops/defs/math/euclidean-norm.js';
export const reduceEuclideanNorm = reportingBuildSite_array(reduceEuclideanNorm_);
