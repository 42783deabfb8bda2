// A MatMul or Conv2D with its bias and activation in one kernel (passes/epilogue.ts) on the CPU
// reference backend: the base kernel, then the bias and the activation applied in place with the
// unfused kernels' formulas, so fused and unfused plans give identical values.
import { InvalidArgumentError } from '../../../core/errors.js';
import { shapeDebugString } from '../../../core/shape.js';
import type { Epilogue, EpilogueActivation, Kernel, KernelValue } from '../../backend.js';

/** BiasAdd's run-time checks (TensorFlow's messages) of a bias for an output of shape `out`. */
export function checkEpilogueBias(bias: readonly number[], out: readonly number[]): void {
  if (bias.length !== 1) throw new InvalidArgumentError(null, null, `Biases must be 1D: ${shapeDebugString(bias)}`);
  if (bias[0] !== out[out.length - 1]) {
    throw new InvalidArgumentError(
      null,
      null,
      `Must provide as many biases as the last dimension of the input tensor: ${shapeDebugString(bias)} vs. ${shapeDebugString(out)}`,
    );
  }
}

/** The activations as the CPU's unfused kernels compute them (compute/ops.ts): NaN and -0 kept. */
export const ACTIVATION_FNS: Record<EpilogueActivation, (x: number) => number> = {
  // biome-ignore lint/complexity/useMathMinMax: std::max(x, 0) keeps -0 and NaN
  Relu: (x) => (x < 0 ? 0 : x),
  // biome-ignore lint/complexity/useMathMinMax: as Relu
  Relu6: (x) => (x < 0 ? 0 : x > 6 ? 6 : x),
  Elu: (x) => (x < 0 ? Math.expm1(x) : x),
  Sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  Tanh: Math.tanh,
};

type Data = Float32Array | Float64Array;

/**
 * The CPU epilogue kernel for float32/float64: `base` (the backend's MatMul or Conv2D kernel)
 * writes the product into the output buffer, then bias and activation run over it in place.
 */
export function cpuEpilogueKernel(e: Epilogue, base: Kernel | undefined): Kernel | undefined {
  if (!base || (e.dtype !== 'float32' && e.dtype !== 'float64')) return undefined;
  const act = e.activation ? ACTIVATION_FNS[e.activation] : null;
  const nBase = 2;
  return (inputs, ctx) => {
    const env = { opName: ctx.env.opName, opType: e.op, attrs: e.attrs };
    const [o] = base(inputs.slice(0, nBase), { ...ctx, env }) as [KernelValue & { shape: readonly number[]; data: Data }];
    const d = o.data;
    if (e.bias) {
      const b = inputs[nBase] as KernelValue & { shape: readonly number[]; data: Data };
      checkEpilogueBias(b.shape, o.shape);
      const bd = b.data;
      const c = bd.length;
      for (let i = 0; i < d.length; i += c) for (let j = 0; j < c; j++) d[i + j] = (d[i + j] as number) + (bd[j] as number);
    }
    if (act) for (let i = 0; i < d.length; i++) d[i] = act(d[i] as number);
    return [o];
  };
}
