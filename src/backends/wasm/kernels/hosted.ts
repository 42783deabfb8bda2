// Light ops run in place on the wasm heap by the CPU backend's own kernels: each input is wrapped
// as a CPU tensor viewing its heap block, each output is allocated on the wasm heap and handed to
// the CPU kernel as such a view. Values, dtypes and error messages are the CPU kernel's, and no
// transfer step is needed around them. Used for ops whose tensors are small on the training path
// (scalars, one value per example: DivNoNan, Equal…) or that only fill memory (Fill, the random
// fills), where a wasm loop would gain nothing over the host loop; for the dtypes and cases that
// the wasm kernels of ArgMax, Cast, ZerosLike, OnesLike, FusedBatchNormV3 and ResizeBilinear
// hand back (argmax.ts, cast.ts, fill.ts, batch-norm.ts, resize.ts); and the data-movement ops (Transpose, ConcatV2, Slice, Pad, GatherV2…), whose CPU
// kernels copy whole runs with `set` (compute/strided-copy.ts) straight between heap views.
import type { KernelContext, KernelSignature, KernelValue } from '../../backend.js';
import { cpuBackend } from '../../cpu/backend.js';
import { type BufferMove, withBufferMove } from '../../cpu/compute/strided-copy.js';
import { CpuBuffer, CpuTensor } from '../../cpu/tensor.js';
import type { WasmBackend } from '../backend.js';
import { WasmTensor } from '../tensor.js';
import { heapCopier } from './copy.js';
import type { WasmKernelFactory } from './elementwise.js';

/**
 * A CPU tensor over a wasm tensor's heap block. The memory is shared: an output allocated later
 * may grow it, and the views taken before stay valid (with their old length).
 */
function asCpu(w: WasmTensor, kind: 'owned' | 'external'): CpuTensor {
  return new CpuTensor(w.dtype, w.shape, new CpuBuffer(w.data(), kind));
}

const HEAP_MOVES = new WeakMap<WasmBackend, { buffer: ArrayBufferLike; move: BufferMove['move'] }>();

/** Copies within the backend's heap by wasm's memory.copy (the CPU kernels' long runs; strided-copy.ts). */
function heapMove(be: WasmBackend): BufferMove {
  let m = HEAP_MOVES.get(be);
  if (!m) {
    m = { buffer: be.heap.buffer(), move: heapCopier(be) };
    HEAP_MOVES.set(be, m);
  }
  m.buffer = be.heap.buffer();
  return m;
}

/**
 * The CPU kernel for `opType` run on heap views (undefined where the CPU backend has none, or a
 * string tensor is involved: strings live on the host). Ref inputs are not handled here.
 */
export function hostedKernel(opType: string): WasmKernelFactory {
  return (be: WasmBackend, sig: KernelSignature, attrs) => {
    if ([...sig.inputs, ...sig.outputs].some((d) => d === 'string' || d.endsWith('_ref'))) return undefined;
    const cpu = cpuBackend.kernel(opType, sig, attrs as never);
    if (!cpu) return undefined;
    return (inputs, ctx) => {
      const ins = inputs.map((v) => {
        if (!(v instanceof WasmTensor)) throw new Error(`internal: ${opType} on wasm got an input that is not a wasm tensor`);
        return v;
      });
      const wrapped = ins.map((w) => asCpu(w, 'external'));
      const outs = new Map<number, { cpu: CpuTensor; wasm: WasmTensor }>();
      const cpuCtx: KernelContext = {
        ...ctx,
        output: (i, dtype, shape) => {
          const w = ctx.output(i, dtype, shape) as WasmTensor;
          const c = asCpu(w, 'owned');
          outs.set(i, { cpu: c, wasm: w });
          return c;
        },
      };
      const res = withBufferMove(heapMove(be), () => cpu(wrapped, cpuCtx)) as KernelValue[];
      // Map each result back to its wasm tensor: an output buffer, a forwarded input, or (a
      // result the CPU kernel built itself) a copy into a new heap block.
      return res.map((r, i) => {
        const o = outs.get(i);
        if (o && r === o.cpu) return o.wasm;
        const k = wrapped.indexOf(r as CpuTensor);
        if (k >= 0) return ins[k] as WasmTensor;
        if (!(r instanceof CpuTensor)) throw new Error(`internal: ${opType} on wasm returned a value that is not a tensor`);
        if (o) throw new Error(`internal: ${opType} on wasm allocated output ${i} and returned another tensor`);
        const w = ctx.output(i, r.dtype, r.shape) as WasmTensor;
        (w.data() as Float32Array).set(r.data as Float32Array);
        return w;
      });
    };
  };
}

/** The ops of the training graphs (examples/) that run here on heap views. */
const OPS = [
  'NoOp',
  'ZerosLike',
  'OnesLike',
  'Fill',
  'DivNoNan',
  'ArgMax',
  'ArgMin',
  'Equal',
  'NotEqual',
  'Greater',
  'GreaterEqual',
  'Less',
  'LessEqual',
  'Cast',
  'SelectV2',
  'AddN',
  'Floor',
  'Pow',
  'Prod',
  'SoftmaxCrossEntropyWithLogits',
  // the generator is the session's, keyed by op name: the same values as on the CPU backend
  'RandomUniform',
  'RandomStandardNormal',
  'TruncatedNormal',
  // a Const with a control input runs as a step (the global step's increment after Adam's updates)
  'Const',
  // data movement: block copies between heap views, every dtype but string
  'Transpose',
  'ConcatV2',
  'Pack',
  'Unpack',
  'Split',
  'SplitV',
  'Slice',
  'StridedSlice',
  'StridedSliceGrad',
  'Tile',
  'BroadcastTo',
  'Pad',
  'PadV2',
  'MirrorPad',
  'ReverseV2',
  'GatherV2',
  'ResizeBilinear',
  'ResizeNearestNeighbor',
  // and the gradients of some of them (a training step's backward pass)
  'MirrorPadGrad',
  'ResizeBilinearGrad',
  'ResizeNearestNeighborGrad',
] as const;

export const HOSTED_KERNELS: Record<string, WasmKernelFactory> = Object.fromEntries(OPS.map((op) => [op, hostedKernel(op)]));
