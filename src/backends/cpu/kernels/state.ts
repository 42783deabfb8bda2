import type { DType } from '../../../core/dtypes.js';
import { FailedPreconditionError, InvalidArgumentError } from '../../../core/errors.js';
import { type TensorShape, shapeDebugString } from '../../../core/shape.js';
import type { KernelContext } from '../../backend.js';
import { cpuBackend } from '../backend.js';
import type { CpuTensor } from '../tensor.js';
import { type KernelEntry, arr, cell, sameShape } from '../values.js';
import { binaryInPlace } from './math.js';

/**
 * Ref-variable kernels, as TensorFlow 1 has them: a variable owns one buffer per session; Assign
 * copies into it (a new buffer only when the shape changes), AssignAdd/AssignSub update it in
 * place, so every read that aliases it sees the new value.
 */
function updateKernel(op: 'AddV2' | 'Sub'): KernelEntry {
  return (inputs) => {
    const c = cell(inputs, 0);
    const v = arr(inputs, 1);
    const cur = c.value as CpuTensor | null;
    if (!cur) throw new FailedPreconditionError(null, null, `Attempting to use uninitialized value ${c.name}`);
    if (!sameShape(cur.shape, v.shape)) {
      throw new InvalidArgumentError(
        null,
        null,
        `Must have the same shape. lhs shape= ${shapeDebugString(cur.shape)} rhs shape= ${shapeDebugString(v.shape)}`,
      );
    }
    binaryInPlace(op, cur, v);
    return [c];
  };
}

export const stateKernels: Record<string, KernelEntry> = {
  VariableV2: (_inputs, { env, resources }: KernelContext) => {
    const name = (env.attrs.shared_name as string) || env.opName;
    return [resources.variable(env.attrs.container as string, name, env.attrs.dtype as DType, env.attrs.shape as TensorShape, cpuBackend)];
  },

  Assign: (inputs, { env }) => {
    const c = cell(inputs, 0);
    const v = arr(inputs, 1);
    const cur = c.value as CpuTensor | null;
    if (env.attrs.validate_shape === true) {
      const declared = c.declaredShape;
      const ok = cur ? sameShape(cur.shape, v.shape) : declared.isCompatibleWith(v.shape);
      if (!ok) {
        const lhs = cur ? shapeDebugString(cur.shape) : declared.toDebugString();
        throw new InvalidArgumentError(
          null,
          null,
          `Assign requires shapes of both tensors to match. lhs shape= ${lhs} rhs shape= ${shapeDebugString(v.shape)}`,
        );
      }
    }
    if (cur && cur.buffer !== v.buffer && sameShape(cur.shape, v.shape)) cpuBackend.copyInto(v, cur);
    else if (!cur || cur.buffer !== v.buffer) {
      // First assignment, or a new shape (validate_shape=false): the variable gets its own buffer.
      const fresh = cpuBackend.allocate(v.dtype, v.shape);
      cpuBackend.copyInto(v, fresh);
      c.replace(fresh);
    }
    return [c];
  },

  AssignAdd: updateKernel('AddV2'),
  AssignSub: updateKernel('Sub'),

  IsVariableInitialized: (inputs, ctx) => {
    const c = cell(inputs, 0);
    const o = ctx.output(0, 'bool', []) as CpuTensor;
    (o.data as Uint8Array)[0] = c.value ? 1 : 0;
    return [o];
  },
};
