// Ref variables of float32, int32 and int64 on the wasm backend: the variable's buffer is a block of the wasm heap,
// so reads need no transfer and updates run in place (as the CPU kernels in
// backends/cpu/kernels/state.ts, with the same checks and messages). Other dtypes stay on the CPU.
import type { DType } from '../../../core/dtypes.js';
import { FailedPreconditionError, InvalidArgumentError } from '../../../core/errors.js';
import { type TensorShape, sameShape, shapeDebugString } from '../../../core/shape.js';
import { type KernelSignature, type KernelValue, RefCell } from '../../backend.js';
import type { WasmBackend } from '../backend.js';
import { input } from '../backend.js';
import type { WasmTensor } from '../tensor.js';
import { heapCopy } from './copy.js';
import { type WasmKernelFactory, ewModule, runSplit } from './elementwise.js';

/** The variable dtypes kept on the heap: float32, and int32/int64 (counters such as the global step). */
const HEAP_DTYPES = new Set<string>(['float32', 'int32', 'int64']);
const f32Ref = (sig: KernelSignature) => HEAP_DTYPES.has((sig.inputs[0] ?? sig.outputs[0] ?? '').replace(/_ref$/, ''));

/** Input `i` as a variable cell whose storage this backend owns (the executor moved it here). */
export function wasmCell(be: WasmBackend, inputs: readonly KernelValue[], i: number): RefCell {
  const c = inputs[i];
  if (!(c instanceof RefCell) || c.backend !== be) throw new Error(`internal: input ${i} is not a ref of this wasm backend`);
  return c;
}

/** The cell's value, or TensorFlow's uninitialized error. */
export function cellValue(c: RefCell): WasmTensor {
  if (!c.value) throw new FailedPreconditionError(null, null, `Attempting to use uninitialized value ${c.name}`);
  return c.value as WasmTensor;
}

/** Copies a tensor's bytes within the heap (wasm's memory.copy). */
function copy(be: WasmBackend, src: WasmTensor, dst: WasmTensor): void {
  heapCopy(be, dst.ptr, src.ptr, src.byteLength);
}

/**
 * `cur op= v` on int32/int64 heap views (wrapping as TensorFlow's two's-complement kernels do):
 * these variables are counters, one or a few elements, where a wasm loop would gain nothing.
 */
function integerUpdate(op: 'AddV2' | 'Sub', cur: WasmTensor, v: WasmTensor): void {
  const d = cur.data() as Int32Array | BigInt64Array;
  const s = v.data() as Int32Array | BigInt64Array;
  if (d instanceof BigInt64Array) {
    const b = s as BigInt64Array;
    for (let i = 0; i < d.length; i++) d[i] = op === 'AddV2' ? (d[i] as bigint) + (b[i] as bigint) : (d[i] as bigint) - (b[i] as bigint);
  } else {
    const b = s as Int32Array;
    for (let i = 0; i < d.length; i++) d[i] = op === 'AddV2' ? (d[i] as number) + (b[i] as number) : (d[i] as number) - (b[i] as number);
  }
}

function updateKernel(op: 'AddV2' | 'Sub'): WasmKernelFactory {
  return (be, sig) => {
    if (!f32Ref(sig)) return undefined;
    return (inputs) => {
      const c = wasmCell(be, inputs, 0);
      const v = input(inputs, 1);
      const cur = cellValue(c);
      if (!sameShape(cur.shape, v.shape)) {
        throw new InvalidArgumentError(null, null, `Must have the same shape. lhs shape= ${shapeDebugString(cur.shape)} rhs shape= ${shapeDebugString(v.shape)}`);
      }
      if (cur.size === 0) return [c];
      if (cur.dtype === 'float32') runSplit(be, ewModule(), `${op}_vv`, [cur.ptr, v.ptr], [false, false], cur.ptr, cur.size);
      else integerUpdate(op, cur, v);
      return [c];
    };
  };
}

export const STATE_KERNELS: Record<string, WasmKernelFactory> = {
  VariableV2: (be, sig) =>
    f32Ref(sig)
      ? (_inputs, { env, resources }) => {
          const name = (env.attrs.shared_name as string) || env.opName;
          return [resources.variable(env.attrs.container as string, name, env.attrs.dtype as DType, env.attrs.shape as TensorShape, be)];
        }
      : undefined,

  Assign: (be, sig) =>
    f32Ref(sig)
      ? (inputs, { env }) => {
          const c = wasmCell(be, inputs, 0);
          const v = input(inputs, 1);
          const cur = c.value as WasmTensor | null;
          if (env.attrs.validate_shape === true) {
            const declared = c.declaredShape;
            if (!(cur ? sameShape(cur.shape, v.shape) : declared.isCompatibleWith(v.shape))) {
              const lhs = cur ? shapeDebugString(cur.shape) : declared.toDebugString();
              throw new InvalidArgumentError(null, null, `Assign requires shapes of both tensors to match. lhs shape= ${lhs} rhs shape= ${shapeDebugString(v.shape)}`);
            }
          }
          if (cur && cur.buffer !== v.buffer && sameShape(cur.shape, v.shape)) copy(be, v, cur);
          else if (!cur || cur.buffer !== v.buffer) {
            // First assignment, or a new shape (validate_shape=false): the variable gets its own buffer.
            const fresh = be.allocate(v.dtype, v.shape);
            copy(be, v, fresh);
            c.replace(fresh);
          }
          return [c];
        }
      : undefined,

  AssignAdd: updateKernel('AddV2'),
  AssignSub: updateKernel('Sub'),

  IsVariableInitialized: (be, sig) =>
    f32Ref(sig)
      ? (inputs, ctx) => {
          const c = wasmCell(be, inputs, 0);
          const o = ctx.output(0, 'bool', []) as WasmTensor;
          (o.data() as Uint8Array)[0] = c.value ? 1 : 0;
          return [o];
        }
      : undefined,
};
