import type { DType } from '../../../core/dtypes.js';
import { FailedPreconditionError, InvalidArgumentError } from '../../../core/errors.js';
import { NDArray } from '../../../core/ndarray.js';
import { type TensorShape, shapeDebugString } from '../../../core/shape.js';
import type { Kernel } from '../../backend.js';
import { arr, cell, sameShape } from '../values.js';
import { mathKernels } from './math.js';


function updateKernel(op: 'AddV2' | 'Sub'): Kernel {
  const combine = mathKernels[op] as Kernel;
  return (inputs, env, resources) => {
    const c = cell(inputs, 0);
    const v = arr(inputs, 1);
    const cur = c.value as NDArray | null;
    if (!cur) throw new FailedPreconditionError(null, null, `Attempting to use uninitialized value ${c.name}`);
    if (!sameShape(cur.shape, v.shape)) {
      throw new InvalidArgumentError(
        null,
        null,
        `Must have the same shape. lhs shape= ${shapeDebugString(cur.shape)} rhs shape= ${shapeDebugString(v.shape)}`,
      );
    }
    c.value = combine([cur, v], env, resources)[0] as NDArray;
    return [c];
  };
}

export const stateKernels: Record<string, Kernel> = {
  VariableV2: (_inputs, env, resources) => {
    const name = (env.attrs.shared_name as string) || env.opName;
    return [resources.variable(env.attrs.container as string, name, env.attrs.dtype as DType, env.attrs.shape as TensorShape)];
  },

  Assign: (inputs, env) => {
    const c = cell(inputs, 0);
    const v = arr(inputs, 1);
    if (env.attrs.validate_shape === true) {
      const cur = c.value as NDArray | null;
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
    // The variable keeps its own copy: the assigned value may be a constant or a fed array.
    c.value = v.clone();
    return [c];
  },

  AssignAdd: updateKernel('AddV2'),
  AssignSub: updateKernel('Sub'),

  IsVariableInitialized: (inputs) => {
    const c = cell(inputs, 0);
    return [new NDArray('bool', [], Uint8Array.of(c.value ? 1 : 0))];
  },
};
