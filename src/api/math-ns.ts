// The tf.math-ns namespace. See README.md.
export {};
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
export { addN } from './autodiff.js';
export { reduceMean, reduceMax, reduceMin, reduceProd, reduceAll, reduceAny, argmax, argmin } from './reduce.js';
export { reduceSum } from '../api-v1.js';
