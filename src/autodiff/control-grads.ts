// Installs the gradients of the functional control-flow ops on their OpDefs (the ops layer cannot
// import the autodiff layer). Imported by the public autodiff API.
import { setControlFlowGradient } from '../ops/defs/control/grad-hook.js';
import type { GradFn } from '../ops/opdef.js';
import { ifGrad } from './cond-grad.js';
import { whileGrad } from './while-grad.js';

setControlFlowGradient('if', ifGrad as GradFn);
setControlFlowGradient('while', whileGrad as GradFn);
