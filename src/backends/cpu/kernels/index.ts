// Every CPU kernel table, one import and one spread line per kernels file (lines are independent,
// so branches adding files merge cleanly).
import type { KernelEntry } from '../values.js';
import { arrayKernels } from './array.js';
import { autodiffKernels } from './autodiff.js';
import { castKernels } from './cast.js';
import { controlKernels } from './control.js';
import { mathKernels } from './math.js';
import { nnKernels } from './nn.js';
import { mathUnaryKernels } from './math-unary.js';
import { mathBinaryKernels } from './math-binary.js';
import { reduceKernels } from './reduce.js';
import { linalgKernels } from './linalg.js';
import { stateKernels } from './state.js';
import { trainingKernels } from './training.js';
import { stackKernels } from './stack.js';
import { checkNumericsKernels } from './check-numerics.js';
import { slicingKernels } from './slicing.js';
import { indexingKernels } from './indexing.js';
import { randomKernels } from './random.js';
import { convKernels } from './conv.js';
import { poolKernels } from './pool.js';
import { resizeKernels } from './resize.js';
import { partitionKernels } from './partition.js';
import { inTopKKernels } from './in-top-k.js';
import { scanScatterKernels } from './scan-scatter.js';
import { diagAdadeltaKernels } from './diag-adadelta.js';

export const KERNEL_TABLES: readonly Record<string, KernelEntry>[] = [
  arrayKernels,
  autodiffKernels,
  castKernels,
  controlKernels,
  mathKernels,
  nnKernels,
  mathUnaryKernels,
  mathBinaryKernels,
  reduceKernels,
  linalgKernels,
  stateKernels,
  trainingKernels,
  stackKernels,
  checkNumericsKernels,
  slicingKernels,
  indexingKernels,
  randomKernels,
  convKernels,
  poolKernels,
  resizeKernels,
  partitionKernels,
  inTopKKernels,
  scanScatterKernels,
  diagAdadeltaKernels,
];
