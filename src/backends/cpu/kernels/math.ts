import { broadcastShapes } from '../../../core/broadcast.js';
import type { DType } from '../../../core/dtypes.js';
import { InvalidArgumentError } from '../../../core/errors.js';
import { shapeDebugString } from '../../../core/shape.js';
import type { Kernel } from '../../backend.js';
import { type BinaryOpName, type ComputeArray, type ComputeDType, type UnaryOpName, binary, matmul, supportsBinary, supportsUnary, unary } from '../compute/index.js';
import type { CpuTensor } from '../tensor.js';
import { type KernelEntry, arr, out, sameShape } from '../values.js';
import { reduceKernel } from './reduce.js';

const data = (t: CpuTensor) => t.data as ComputeArray;

// The dtypes TensorFlow's CPU kernels have where they are fewer than the OpDef allows.
const FLOAT_KERNELS: readonly DType[] = ['float16', 'float32', 'float64'];
const MATMUL_KERNELS: readonly DType[] = ['float16', 'float32', 'float64', 'int32', 'int64'];

/**
 * An elementwise binary op with numpy broadcasting: a loop generated for the dtype (compute/).
 * `only` limits it to the dtypes TensorFlow's CPU kernel has (RealDiv: floats only).
 */
export function binaryKernel(op: BinaryOpName, only?: readonly DType[]): KernelEntry {
  return {
    select: (sig) => {
      const dtype = sig.inputs[0] as DType;
      if (dtype === 'string' || (only && !only.includes(dtype)) || !supportsBinary(op, dtype)) return undefined;
      const loop = binary(op, dtype);
      const outDtype = sig.outputs[0] as DType;
      const k: Kernel = (inputs, ctx) => {
        const x = arr(inputs, 0);
        const y = arr(inputs, 1);
        const shape = sameShape(x.shape, y.shape) ? x.shape : broadcastShapes(x.shape, y.shape);
        if (shape === null) {
          throw new InvalidArgumentError(null, null, `Incompatible shapes: ${shapeDebugString(x.shape)} vs. ${shapeDebugString(y.shape)}`);
        }
        const o = out(ctx, 0, outDtype, shape);
        const err = loop(data(x), x.shape, data(y), y.shape, data(o), shape);
        if (err !== null) throw new InvalidArgumentError(null, null, err);
        return [o];
      };
      return k;
    },
  };
}

/** `dst op= src` elementwise, same shapes (AssignAdd, AssignSub): the variable's buffer in place. */
export function binaryInPlace(op: 'AddV2' | 'Sub', dst: CpuTensor, src: CpuTensor): void {
  const err = binary(op, dst.dtype as never)(data(dst), dst.shape, data(src), src.shape, data(dst), dst.shape);
  if (err !== null) throw new InvalidArgumentError(null, null, err);
}

export function unaryKernel(op: UnaryOpName): KernelEntry {
  return {
    select: (sig) => {
      const dtype = sig.inputs[0] as DType;
      if (dtype === 'string' || !supportsUnary(op, dtype)) return undefined;
      const loop = unary(op, dtype);
      const outDtype = sig.outputs[0] as DType;
      return (inputs, ctx) => {
        const x = arr(inputs, 0);
        const o = out(ctx, 0, outDtype, x.shape);
        loop(data(x), data(o));
        return [o];
      };
    },
  };
}

export const mathKernels: Record<string, KernelEntry> = {
  AddV2: binaryKernel('AddV2'),
  Sub: binaryKernel('Sub'),
  Mul: binaryKernel('Mul'),
  // TensorFlow's CPU RealDiv is float-only; integer division goes through tf.divide (a cast first).
  RealDiv: binaryKernel('RealDiv', FLOAT_KERNELS),
  Less: binaryKernel('Less'),
  LogicalAnd: binaryKernel('LogicalAnd'),

  Neg: unaryKernel('Neg'),
  Square: unaryKernel('Square'),
  LogicalNot: unaryKernel('LogicalNot'),

  MatMul: {
    select: (sig) => {
      const dtype = sig.inputs[0] as DType;
      if (!MATMUL_KERNELS.includes(dtype)) return undefined;
      const mm = matmul(dtype as ComputeDType);
      return (inputs, ctx) => {
        const a = arr(inputs, 0);
        const b = arr(inputs, 1);
        const ta = ctx.env.attrs.transpose_a === true;
        const tb = ctx.env.attrs.transpose_b === true;
        if (a.rank !== 2 || b.rank !== 2) {
          throw new InvalidArgumentError(null, null, `In[0] and In[1] has different ndims: ${shapeDebugString(a.shape)} vs. ${shapeDebugString(b.shape)}`);
        }
        const [m, k] = ta ? [a.shape[1] as number, a.shape[0] as number] : [a.shape[0] as number, a.shape[1] as number];
        const [k2, n] = tb ? [b.shape[1] as number, b.shape[0] as number] : [b.shape[0] as number, b.shape[1] as number];
        if (k !== k2) {
          throw new InvalidArgumentError(null, null, `Matrix size-incompatible: In[0]: ${shapeDebugString(a.shape)}, In[1]: ${shapeDebugString(b.shape)}`);
        }
        const o = out(ctx, 0, dtype, [m, n]);
        mm(data(a), data(b), data(o), m, n, k, ta, tb);
        return [o];
      };
    },
  },

  // Axes checked as TensorFlow's ReductionHelper (range, duplicates): kernels/reduce.ts.
  Sum: reduceKernel('Sum'),
};
