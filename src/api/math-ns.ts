// The tf.math-ns namespace. See README.md.
export {};
export { addN } from './autodiff.js';
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
export { reduceMean, reduceMax, reduceMin, reduceProd, reduceAll, reduceAny, argmax, argmin } from './reduce.js';
export { reduceSum } from '../api-v1.js';
export { reduceLogsumexp } from './reduce.js';
