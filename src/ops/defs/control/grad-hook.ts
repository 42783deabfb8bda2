import type { GradFn } from '../../opdef.js';

// The gradients of If and While build FuncGraphs and call tf.gradients, which live in layers above
// the ops layer; src/autodiff/control-grads.ts installs them here when it is loaded.
const impls: { if?: GradFn; while?: GradFn } = {};

/** Installs the gradient functions of the functional control-flow ops. */
export function setControlFlowGradient(kind: 'if' | 'while', fn: GradFn): void {
  impls[kind] = fn;
}

/** The OpDef's `grad` of If / While: the installed function. */
export function controlFlowGrad(kind: 'if' | 'while'): GradFn {
  return (op, dys) => {
    const fn = impls[kind];
    if (!fn) throw new Error('internal: control-flow gradients are not installed (import src/autodiff/control-grads.js)');
    return fn(op, dys);
  };
}
