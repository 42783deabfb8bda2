// The wasm backend's kernel table: op type → factory (undefined for a signature it lacks: the
// CPU backend runs that op through transfer steps).
import { type WasmKernelFactory, binaryKernel, unaryKernel } from './elementwise.js';
import { biasAddKernel } from './bias-add.js';
import { matmulKernel } from './matmul.js';
import { batchMatMulKernel } from './batch-matmul.js';
import { fusedBatchNormGradKernel, fusedBatchNormKernel } from './batch-norm.js';
import { resizeBilinearKernel } from './resize.js';
import { castKernel } from './cast.js';
import { transposeKernel } from './transpose.js';
import { onesLikeKernel, zerosLikeKernel } from './fill.js';
import { argMaxKernel } from './argmax.js';
import { reduceKernel } from './reduce.js';
import { maxMinKernel } from './maxmin.js';
import { logSoftmaxKernel, softmaxKernel, sparseXentKernel } from './softmax.js';
import { HOSTED_KERNELS } from './hosted.js';
import { BINARY, UNARY } from './ops.js';
import { CNN_KERNELS } from './cnn.js';
import { STATE_KERNELS } from './state.js';
import { APPLY_KERNELS } from './apply.js';
import { ACTIVATION_GRAD_KERNELS } from './nn-grads.js';

export const WASM_KERNELS: Record<string, WasmKernelFactory> = {
  // first: the kernels below replace these host loops where both exist
  ...HOSTED_KERNELS,
  ...Object.fromEntries(Object.keys(BINARY).map((op) => [op, binaryKernel(op)])),
  ...Object.fromEntries(Object.keys(UNARY).map((op) => [op, unaryKernel(op)])),
  // the gradient ops in BINARY need one shape, not a broadcast: these replace binaryKernel's
  ...ACTIVATION_GRAD_KERNELS,
  MatMul: matmulKernel,
  BatchMatMulV2: batchMatMulKernel,
  FusedBatchNormV3: fusedBatchNormKernel,
  FusedBatchNormGradV3: fusedBatchNormGradKernel,
  ResizeBilinear: resizeBilinearKernel,
  Cast: castKernel,
  Transpose: transposeKernel,
  ZerosLike: zerosLikeKernel,
  OnesLike: onesLikeKernel,
  ArgMax: argMaxKernel,
  BiasAdd: biasAddKernel,
  Sum: reduceKernel('Sum'),
  Mean: reduceKernel('Mean'),
  Max: maxMinKernel('Max'),
  Min: maxMinKernel('Min'),
  Softmax: softmaxKernel,
  LogSoftmax: logSoftmaxKernel,
  SparseSoftmaxCrossEntropyWithLogits: sparseXentKernel,
  ...CNN_KERNELS,
  ...STATE_KERNELS,
  ...APPLY_KERNELS,
};
