// MatMul / Conv2D with a bias and an activation in one kernel (passes/epilogue.ts): the GEMM adds
// the bias and applies the activation to each register tile as it stores it (gemm-module.ts), so
// no pass over the output follows (all five of passes/epilogue.ts's activations, with the unfused
// kernels' code from ops.ts). A grouped convolution (no GEMM path)
// gets its epilogue from the unfused kernels, run in place.
import type { Epilogue, Kernel, KernelContext } from '../../backend.js';
import { checkEpilogueBias } from '../../cpu/kernels/epilogue.js';
import type { WasmBackend } from '../backend.js';
import { input } from '../backend.js';
import type { WasmTensor } from '../tensor.js';
import { biasAddRowsKernel } from './bias-add-rows.js';
import { runConv2D } from './conv.js';
import { unaryKernel } from './elementwise.js';
import { GEMM_ACTIVATIONS, type GemmActivation } from './gemm-module.js';
import { GemmJobs, runMatMul } from './matmul.js';

const SIG = { inputs: ['float32', 'float32'], outputs: ['float32'] } as const;

/** bias and activation over `o` in place with the unfused kernels (their exact values). */
function inPlace(be: WasmBackend, o: WasmTensor, bias: WasmTensor | null, act: GemmActivation | null, ctx: KernelContext): void {
  const same = { ...ctx, output: () => o };
  if (bias) (biasAddRowsKernel(be, SIG, {}) as Kernel)([o, bias], same);
  if (act) (unaryKernel(act)(be, { inputs: ['float32'], outputs: ['float32'] }, {}) as Kernel)([o], same);
}

export function wasmEpilogueKernel(be: WasmBackend, e: Epilogue): Kernel | undefined {
  if (e.dtype !== 'float32' || (e.activation !== null && !Object.hasOwn(GEMM_ACTIVATIONS, e.activation))) return undefined;
  if (e.op === 'Conv2D' && ((e.attrs.data_format as string | undefined) ?? 'NHWC') !== 'NHWC') return undefined;
  const act = e.activation as GemmActivation | null;
  const cache = new GemmJobs();
  return (inputs, ctx) => {
    const a = input(inputs, 0);
    const b = input(inputs, 1);
    const bias = e.bias ? input(inputs, 2) : null;
    // BiasAdd's checks, on the output's shape before the product runs (it reads n bias floats)
    const checked: KernelContext = {
      ...ctx,
      output: (i, dtype, shape) => {
        if (bias) checkEpilogueBias(bias.shape, shape);
        return ctx.output(i, dtype, shape);
      },
    };
    const epilogue = { bias: bias ? bias.ptr : null, act };
    if (e.op === 'MatMul') return [runMatMul(be, a, b, e.attrs, checked, epilogue, cache)];
    const [o, applied] = runConv2D(be, a, b, e.attrs, checked, epilogue);
    if (!applied) inPlace(be, o, bias, act, ctx);
    return [o];
  };
}
