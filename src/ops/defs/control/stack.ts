import { TensorShape } from '../../../core/shape.js';
import { registerOp } from '../../registry.js';
import { ALL } from '../dtype-sets.js';

// TensorFlow's stack ops (StackV2 / StackPushV2 / StackPopV2), which While's gradient uses to hand
// the loop variables of each forward iteration to the backward loop in reverse order. The handle
// is a string scalar naming the session's stack (TensorFlow's is a resource tensor; tensorgraph
// has no resource dtype). Not differentiable.

/** `StackV2(max_size)`: a new, empty stack of `elem_type` elements for this run; its handle. */
export const StackV2 = registerOp({
  type: 'StackV2',
  stateful: true,
  grad: null,
  inputs: [{ name: 'max_size', dtype: 'int32' }],
  outputs: [{ name: 'handle', dtype: 'string' }],
  attrs: [
    { name: 'elem_type', type: 'type' },
    { name: 'stack_name', type: 'string', default: '' },
  ],
  shape: () => [TensorShape.scalar()],
});

/** `StackPushV2(handle, elem)`: pushes a copy of `elem`; outputs `elem`. */
export const StackPushV2 = registerOp({
  type: 'StackPushV2',
  stateful: true,
  grad: null,
  inputs: [
    { name: 'handle', dtype: 'string' },
    { name: 'elem', typeAttr: 'T' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [
    { name: 'T', type: 'type', allowed: ALL },
    { name: 'swap_memory', type: 'bool', default: false },
  ],
  shape: (ctx) => [ctx.inputShape(1)],
});

/** `StackPopV2(handle)`: removes and outputs the last element pushed. */
export const StackPopV2 = registerOp({
  type: 'StackPopV2',
  stateful: true,
  grad: null,
  inputs: [{ name: 'handle', dtype: 'string' }],
  outputs: [{ name: 'elem', typeAttr: 'elem_type' }],
  attrs: [{ name: 'elem_type', type: 'type', allowed: ALL }],
  shape: () => [new TensorShape(null)],
});
