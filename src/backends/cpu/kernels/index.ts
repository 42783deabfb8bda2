// Every CPU kernel table, one import and one spread line per kernels file (lines are independent,
// so branches adding files merge cleanly).
import type { KernelEntry } from '../values.js';
import { arrayKernels } from './array.js';
import { autodiffKernels } from './autodiff.js';
import { castKernels } from './cast.js';
import { controlKernels } from './control.js';
import { mathKernels } from './math.js';
import { mathUnaryKernels } from './math-unary.js';
import { mathBinaryKernels } from './math-binary.js';
import { reduceKernels } from './reduce.js';
import { linalgKernels } from './linalg.js';
import { stateKernels } from './state.js';
import { stackKernels } from './stack.js';
import { checkNumericsKernels } from './check-numerics.js';
import { slicingKernels } from './slicing.js';
import { indexingKernels } from './indexing.js';

export const KERNEL_TABLES: readonly Record<string, KernelEntry>[] = [
  arrayKernels,
  autodiffKernels,
  castKernels,
  controlKernels,
  mathKernels,
  mathUnaryKernels,
  mathBinaryKernels,
  reduceKernels,
  linalgKernels,
  stateKernels,
  stackKernels,
  checkNumericsKernels,
  slicingKernels,
  indexingKernels,
];
