import type { TensorShape } from '../../../core/shape.js';
import type { OpDef } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import { controlFlowGrad } from './grad-hook.js';

/**
 * TensorFlow's functional `While`: `input` are the loop variables; while `cond` (a function of the
 * graph's library, stored by name) is true, `body` maps them to their next values. The outputs
 * have the loop variables' shapes (the shape invariants), which the builder puts in
 * `output_shapes`.
 */
function whileDef(type: string, stateful: boolean): OpDef {
  return registerOp({
    type,
    control: 'while',
    stateful,
    inputs: [{ name: 'input', typeListAttr: 'T' }],
    outputs: [{ name: 'output', typeListAttr: 'T' }],
    attrs: [
      { name: 'T', type: 'list(type)' },
      { name: 'cond', type: 'func' },
      { name: 'body', type: 'func' },
      { name: 'output_shapes', type: 'list(shape)', default: [] },
      { name: 'parallel_iterations', type: 'int', default: 10 },
    ],
    shape: (ctx) => [...ctx.attr<readonly TensorShape[]>('output_shapes')],
    grad: controlFlowGrad('while'),
  });
}

/** `While`: the cond or body has stateful ops. */
export const While: OpDef = whileDef('While', true);
/** `StatelessWhile`: neither has stateful ops. */
export const StatelessWhile: OpDef = whileDef('StatelessWhile', false);
