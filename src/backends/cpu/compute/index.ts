// The CPU compute layer: pure functions over typed arrays that write into caller-provided outputs.
// No dependency on the backend classes; see README.md in this folder for the API.
export { type ArgKernel, argMax, argMin } from './argminmax.js';
export { type BiasAddKernel, biasAdd } from './bias-add.js';
export { codegenActive, setCodegenEnabled } from './codegen.js';
export { COMPUTE_DTYPES, type ComputeArray, type ComputeDType, allocateFor, kindOf } from './dtypes.js';
export {
  BINARY_OP_NAMES,
  type BinaryKernel,
  type BinaryOpName,
  UNARY_OP_NAMES,
  type UnaryKernel,
  type UnaryOpName,
  binary,
  binaryOutputDType,
  supportsBinary,
  supportsUnary,
  unary,
  unaryOutputDType,
} from './elementwise.js';
export { floatToHalf, halfToFloat } from './float16.js';
export { type ChainKernel, type ChainStep, fusedChain } from './fused.js';
export { type MatMulKernel, matmul } from './matmul.js';
export {
  REDUCE_OP_NAMES,
  type ReduceKernel,
  type ReduceOpName,
  reduce,
  reduceAll,
  reduceAny,
  reduceMax,
  reduceMean,
  reduceMin,
  reduceProd,
  reduceSum,
} from './reduce.js';
export { einsum } from './einsum.js';
