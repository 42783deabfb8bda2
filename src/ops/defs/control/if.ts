import type { TensorShape } from '../../../core/shape.js';
import type { OpDef } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import { controlFlowGrad } from './grad-hook.js';
import { ALL } from '../dtype-sets.js';

/**
 * TensorFlow's functional `If`: runs `then_branch` or `else_branch` (functions of the graph's
 * library, stored by name) on `input`. The outputs' shapes are the branches' merged ones, which
 * the builder (tf.cond) computes into `output_shapes`.
 */
function ifDef(type: string, stateful: boolean): OpDef {
  return registerOp({
    type,
    control: 'if',
    stateful,
    inputs: [
      { name: 'cond', typeAttr: 'Tcond' },
      { name: 'input', typeListAttr: 'Tin' },
    ],
    outputs: [{ name: 'output', typeListAttr: 'Tout' }],
    attrs: [
      { name: 'Tcond', type: 'type', allowed: ALL },
      { name: 'Tin', type: 'list(type)' },
      { name: 'Tout', type: 'list(type)' },
      { name: 'then_branch', type: 'func' },
      { name: 'else_branch', type: 'func' },
      { name: 'output_shapes', type: 'list(shape)', default: [] },
    ],
    shape: (ctx) => [...ctx.attr<readonly TensorShape[]>('output_shapes')],
    grad: controlFlowGrad('if'),
  });
}

/** `If`: a branch has stateful ops. */
export const If: OpDef = ifDef('If', true);
/** `StatelessIf`: neither branch has stateful ops. */
export const StatelessIf: OpDef = ifDef('StatelessIf', false);
