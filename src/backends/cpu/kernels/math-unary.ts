// Unary math kernels and TensorFlow's gradient ops of unary functions (SigmoidGrad, …): loops from
// the compute layer's op table, for the dtypes TensorFlow's CPU kernels register.
import type { DType } from '../../../core/dtypes.js';
import type { UnaryOpName } from '../compute/index.js';
import type { KernelEntry } from '../values.js';
import { binaryKernel, unaryKernel } from './math.js';

const FLOATS: readonly DType[] = ['float16', 'float32', 'float64'];
const FLOATS_SIGNED: readonly DType[] = [...FLOATS, 'int8', 'int16', 'int32', 'int64'];

/** The compute loop, limited to `only`. */
function limited(op: UnaryOpName, only: readonly DType[]): KernelEntry {
  const k = unaryKernel(op) as Extract<KernelEntry, { select: unknown }>;
  return { select: (sig, attrs) => (only.includes(sig.inputs[0] as DType) ? k.select(sig, attrs) : undefined) };
}

export const mathUnaryKernels: Record<string, KernelEntry> = {
  Abs: limited('Abs', FLOATS_SIGNED),
  Sign: limited('Sign', FLOATS_SIGNED),
  Sqrt: limited('Sqrt', FLOATS),
  Rsqrt: limited('Rsqrt', FLOATS),
  Exp: limited('Exp', FLOATS),
  Log: limited('Log', FLOATS),
  Log1p: limited('Log1p', FLOATS),
  Expm1: limited('Expm1', FLOATS),
  Sin: limited('Sin', FLOATS),
  Cos: limited('Cos', FLOATS),
  Tanh: limited('Tanh', FLOATS),
  Sigmoid: limited('Sigmoid', FLOATS),
  Erf: limited('Erf', FLOATS),
  Floor: limited('Floor', FLOATS),
  Ceil: limited('Ceil', FLOATS),
  // TF's CPU Round also has int32/int64 kernels; tf.round returns integers unchanged without an op.
  Round: limited('Round', FLOATS),
  Reciprocal: limited('Reciprocal', FLOATS),
  IsNan: limited('IsNan', FLOATS),
  IsFinite: limited('IsFinite', FLOATS),

  SigmoidGrad: binaryKernel('SigmoidGrad', FLOATS),
  TanhGrad: binaryKernel('TanhGrad', FLOATS),
  SqrtGrad: binaryKernel('SqrtGrad', FLOATS),
  RsqrtGrad: binaryKernel('RsqrtGrad', FLOATS),
  ReciprocalGrad: binaryKernel('ReciprocalGrad', FLOATS),
};
