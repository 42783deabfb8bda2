import type { TensorShape } from '../../../core/shape.js';
import { registerOp } from '../../registry.js';
import { mergeShapes, scalarShape } from '../../shape-fns.js';
import { ALL, NUMBER_TYPES } from '../dtype-sets.js';

/** A ref variable (TF1): its state lives in the session running it, keyed by container/shared_name. */
export const VariableV2 = registerOp({
  type: 'VariableV2',
  grad: null,
  inputs: [],
  outputs: [{ name: 'ref', typeAttr: 'dtype', isRef: true }],
  attrs: [
    { name: 'shape', type: 'shape' },
    { name: 'dtype', type: 'type', allowed: ALL },
    { name: 'container', type: 'string', default: '' },
    { name: 'shared_name', type: 'string', default: '' },
  ],
  stateful: true,
  shape: (ctx) => [ctx.attr<TensorShape>('shape')],
});

/** `ref = value`, validating shapes when asked; outputs the ref (the new value). */
export const Assign = registerOp({
  type: 'Assign',
  grad: null,
  inputs: [
    { name: 'ref', typeAttr: 'T', isRef: true },
    { name: 'value', typeAttr: 'T' },
  ],
  outputs: [{ name: 'output_ref', typeAttr: 'T', isRef: true }],
  attrs: [
    { name: 'T', type: 'type', allowed: ALL },
    { name: 'validate_shape', type: 'bool', default: true },
    { name: 'use_locking', type: 'bool', default: true },
  ],
  stateful: true,
  initializesRef: true,
  shape: (ctx) => {
    const ref = ctx.inputShape(0);
    const value = ctx.inputShape(1);
    if (!ctx.attr<boolean>('validate_shape')) return [value];
    const m = mergeShapes(ref, value);
    if (typeof m === 'string') return ctx.fail(m);
    return [m];
  },
});

function updateOpDef(type: string) {
  return registerOp({
    type,
    inputs: [
      { name: 'ref', typeAttr: 'T', isRef: true },
      { name: 'value', typeAttr: 'T' },
    ],
    outputs: [{ name: 'output_ref', typeAttr: 'T', isRef: true }],
    attrs: [
      { name: 'T', type: 'type', allowed: NUMBER_TYPES },
      { name: 'use_locking', type: 'bool', default: false },
    ],
    stateful: true,
    grad: null,
    shape: (ctx) => {
      const ref = ctx.inputShape(0);
      const value = ctx.inputShape(1);
      if (!ref.isCompatibleWith(value)) ctx.fail(`Shapes ${ref.toDebugString()} and ${value.toDebugString()} are incompatible`);
      return [ref];
    },
  });
}

/** `ref += value`; outputs the ref. */
export const AssignAdd = updateOpDef('AssignAdd');
/** `ref -= value`; outputs the ref. */
export const AssignSub = updateOpDef('AssignSub');

/** Whether the variable has been initialized in this session; never fails. */
export const IsVariableInitialized = registerOp({
  type: 'IsVariableInitialized',
  grad: null,
  inputs: [{ name: 'ref', typeAttr: 'dtype', isRef: true }],
  outputs: [{ name: 'is_initialized', dtype: 'bool' }],
  attrs: [{ name: 'dtype', type: 'type', allowed: ALL }],
  stateful: true,
  initializesRef: true,
  shape: scalarShape,
});
