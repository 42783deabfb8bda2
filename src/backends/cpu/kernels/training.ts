// TensorFlow's dense training kernels (training_ops.cc) for float32/float64, and CountUpTo: each
// updates its ref inputs' buffers in place (as AssignAdd does), so every read aliasing them sees it.
import type { DType } from '../../../core/dtypes.js';
import { FailedPreconditionError, InvalidArgumentError, OutOfRangeError } from '../../../core/errors.js';
import { shapeDebugString } from '../../../core/shape.js';
import type { Attrs } from '../../../ops/types.js';
import type { Kernel, KernelValue } from '../../backend.js';
import type { CpuTensor } from '../tensor.js';
import { type KernelEntry, arr, cell, out, sameShape } from '../values.js';
import { binaryKernel } from './math.js';

type F = Float32Array | Float64Array;
/** One input: a ref (variable or slot), a scalar hyperparameter, or the gradient. */
type Role = 'ref' | 'scalar' | 'grad';
/** Updates element `i` of the refs (`r[0]` is the variable) from the scalars and the gradient. */
type Update = (r: F[], s: number[], g: F, n: number, attrs: Attrs) => void;

const FLOAT_KERNELS: readonly DType[] = ['float32', 'float64'];

function applyKernel(spec: readonly [string, Role][], update: Update): KernelEntry {
  const kernel: Kernel = (inputs, { env }) => {
    const refs: F[] = [];
    const scalars: number[] = [];
    let grad: CpuTensor | null = null;
    let varShape: readonly number[] = [];
    spec.forEach(([name, role], i) => {
      if (role === 'ref') {
        const c = cell(inputs, i);
        const t = c.value as CpuTensor | null;
        if (!t) throw new FailedPreconditionError(null, null, `Attempting to use uninitialized value ${c.name}`);
        if (i === 0) varShape = t.shape;
        else if (!sameShape(varShape, t.shape)) {
          throw new InvalidArgumentError(null, null, `var and ${name} do not have the same shape${shapeDebugString(varShape)} ${shapeDebugString(t.shape)}`);
        }
        refs.push(t.data as F);
      } else if (role === 'scalar') {
        const t = arr(inputs, i);
        if (t.shape.length !== 0) throw new InvalidArgumentError(null, null, `${name} is not a scalar: ${shapeDebugString(t.shape)}`);
        scalars.push(Number(t.data[0]));
      } else {
        const t = arr(inputs, i);
        if (!sameShape(varShape, t.shape)) {
          throw new InvalidArgumentError(null, null, `var and ${name} do not have the same shape${shapeDebugString(varShape)} ${shapeDebugString(t.shape)}`);
        }
        grad = t;
      }
    });
    const g = (grad as CpuTensor | null)?.data as F;
    update(refs, scalars, g, g.length, env.attrs);
    return [inputs[0] as KernelValue];
  };
  return { select: (sig) => (FLOAT_KERNELS.includes(sig.inputs[0] as DType) ? kernel : undefined) };
}

export const trainingKernels: Record<string, KernelEntry> = {
  ApplyGradientDescent: applyKernel([['var', 'ref'], ['alpha', 'scalar'], ['delta', 'grad']], ([v], [alpha], g, n) => {
    const a = alpha as number;
    const x = v as F;
    for (let i = 0; i < n; i++) x[i] = (x[i] as number) - a * (g[i] as number);
  }),

  ApplyMomentum: applyKernel(
    [['var', 'ref'], ['accum', 'ref'], ['lr', 'scalar'], ['grad', 'grad'], ['momentum', 'scalar']],
    ([v, acc], [lr, mom], g, n, attrs) => {
      const x = v as F;
      const a = acc as F;
      const l = lr as number;
      const m = mom as number;
      const nesterov = attrs.use_nesterov === true;
      for (let i = 0; i < n; i++) {
        const gi = g[i] as number;
        const ai = (a[i] as number) * m + gi;
        a[i] = ai;
        x[i] = (x[i] as number) - (nesterov ? gi * l + ai * m * l : l * ai);
      }
    },
  ),

  ApplyAdam: applyKernel(
    [['var', 'ref'], ['m', 'ref'], ['v', 'ref'], ['beta1_power', 'scalar'], ['beta2_power', 'scalar'], ['lr', 'scalar'], ['beta1', 'scalar'], ['beta2', 'scalar'], ['epsilon', 'scalar'], ['grad', 'grad']],
    ([x, m, v], [b1p, b2p, lr, b1, b2, eps], g, n, attrs) => {
      const X = x as F;
      const M = m as F;
      const V = v as F;
      const beta1 = b1 as number;
      const beta2 = b2 as number;
      const e = eps as number;
      const lrT = ((lr as number) * Math.sqrt(1 - (b2p as number))) / (1 - (b1p as number));
      const nesterov = attrs.use_nesterov === true;
      for (let i = 0; i < n; i++) {
        const gi = g[i] as number;
        const mi = (M[i] as number) + (gi - (M[i] as number)) * (1 - beta1);
        const vi = (V[i] as number) + (gi * gi - (V[i] as number)) * (1 - beta2);
        M[i] = mi;
        V[i] = vi;
        const num = nesterov ? (gi * (1 - beta1) + beta1 * mi) * lrT : mi * lrT;
        X[i] = (X[i] as number) - num / (Math.sqrt(vi) + e);
      }
    },
  ),

  ApplyRMSProp: applyKernel(
    [['var', 'ref'], ['ms', 'ref'], ['mom', 'ref'], ['lr', 'scalar'], ['rho', 'scalar'], ['momentum', 'scalar'], ['epsilon', 'scalar'], ['grad', 'grad']],
    ([x, ms, mom], [lr, rho, momentum, eps], g, n) => {
      const X = x as F;
      const MS = ms as F;
      const MOM = mom as F;
      for (let i = 0; i < n; i++) {
        const gi = g[i] as number;
        const msi = (MS[i] as number) + (gi * gi - (MS[i] as number)) * (1 - (rho as number));
        MS[i] = msi;
        const mi = (MOM[i] as number) * (momentum as number) + ((lr as number) * gi) / Math.sqrt(msi + (eps as number));
        MOM[i] = mi;
        X[i] = (X[i] as number) - mi;
      }
    },
  ),

  ApplyCenteredRMSProp: applyKernel(
    [['var', 'ref'], ['mg', 'ref'], ['ms', 'ref'], ['mom', 'ref'], ['lr', 'scalar'], ['rho', 'scalar'], ['momentum', 'scalar'], ['epsilon', 'scalar'], ['grad', 'grad']],
    ([x, mg, ms, mom], [lr, rho, momentum, eps], g, n) => {
      const X = x as F;
      const MG = mg as F;
      const MS = ms as F;
      const MOM = mom as F;
      const r = 1 - (rho as number);
      for (let i = 0; i < n; i++) {
        const gi = g[i] as number;
        const msi = (MS[i] as number) + (gi * gi - (MS[i] as number)) * r;
        const mgi = (MG[i] as number) + (gi - (MG[i] as number)) * r;
        MS[i] = msi;
        MG[i] = mgi;
        const denom = msi - mgi * mgi + (eps as number);
        const mi = (MOM[i] as number) * (momentum as number) + ((lr as number) * gi) / Math.sqrt(denom);
        MOM[i] = mi;
        X[i] = (X[i] as number) - mi;
      }
    },
  ),

  ApplyAdagrad: applyKernel([['var', 'ref'], ['accum', 'ref'], ['lr', 'scalar'], ['grad', 'grad']], ([x, acc], [lr], g, n, attrs) => {
    const X = x as F;
    const A = acc as F;
    const update = attrs.update_slots !== false;
    for (let i = 0; i < n; i++) {
      const gi = g[i] as number;
      if (update) A[i] = (A[i] as number) + gi * gi;
      X[i] = (X[i] as number) - ((lr as number) * gi) / Math.sqrt(A[i] as number);
    }
  }),

  // tf.metrics' value and update ops divide with DivNoNan.
  DivNoNan: binaryKernel('DivNoNan', ['float16', 'float32', 'float64']),

  CountUpTo: (inputs, ctx) => {
    const c = cell(inputs, 0);
    const t = c.value as CpuTensor | null;
    if (!t) throw new FailedPreconditionError(null, null, `Attempting to use uninitialized value ${c.name}`);
    if (t.shape.length !== 0) throw new InvalidArgumentError(null, null, `input is not a scalar: ${shapeDebugString(t.shape)}`);
    const limit = ctx.env.attrs.limit as number;
    const o = out(ctx, 0, t.dtype, []);
    if (t.dtype === 'int64') {
      const d = t.data as BigInt64Array;
      const before = d[0] as bigint;
      if (before >= BigInt(limit)) throw new OutOfRangeError(null, null, `Reached limit of ${limit}`);
      (o.data as BigInt64Array)[0] = before;
      d[0] = before + 1n;
    } else {
      const d = t.data as Int32Array;
      const before = d[0] as number;
      if (before >= limit) throw new OutOfRangeError(null, null, `Reached limit of ${limit}`);
      (o.data as Int32Array)[0] = before;
      d[0] = before + 1;
    }
    return [o];
  },
};
