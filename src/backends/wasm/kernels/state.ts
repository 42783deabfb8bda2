// Ref variables of float32 on the wasm backend: the variable's buffer is a block of the wasm heap,
// so reads need no transfer and updates run in place (as the CPU kernels in
// backends/cpu/kernels/state.ts, with the same checks and messages). Other dtypes stay on the CPU.
import type { DType } from '../../../core/dtypes.js';
import { FailedPreconditionError, InvalidArgumentError } from '../../../core/errors.js';
import { type TensorShape, sameShape, shapeDebugString } from '../../../core/shape.js';
import { type KernelSignature, type KernelValue, RefCell } from '../../backend.js';
import type { WasmBackend } from '../backend.js';
import { input } from '../backend.js';
import type { WasmTensor } from '../tensor.js';
import { type WasmKernelFactory, ewModule, runSplit } from './elementwise.js';

const f32Ref = (sig: KernelSignature) => (sig.inputs[0] ?? sig.outputs[0]) === 'float32';

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

/** Copies float32 elements within the heap (a memmove over the heap's current view). */
function copy(be: WasmBackend, src: WasmTensor, dst: WasmTensor): void {
  if (src.size > 0) be.heap.f32.copyWithin(dst.ptr >> 2, src.ptr >> 2, (src.ptr >> 2) + src.size);
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
      if (cur.size > 0) runSplit(be, ewModule(), `${op}_vv`, [cur.ptr, v.ptr], [false, false], cur.ptr, cur.size);
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
            const fresh = be.allocate('float32', v.shape);
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
