import { isPure } from '../../ops/opdef.js';
import type { Node, Pass, RunIR, Value } from '../ir.js';

/**
 * TensorFlow's dependency optimizer (Grappler's, on by default): a pure op whose outputs no op
 * reads and no one fetches, in the run only because another op has a control dependency on it,
 * does not run. The common case is `tf.gradients`' gate (`minimize`'s GATE_OP): all gradients of
 * an op wait on each other, so the gradient of a placeholder or a constant is computed and
 * thrown away; TensorFlow skips it (a MatMul layer fed by a placeholder loses its input-gradient
 * product). Stateful, random and side-effecting ops (Assert, CheckNumerics, assignments) always
 * run, and so do placeholders and variable reads, as in TensorFlow. The order of what remains is the graph's, so the control dependencies between kept ops
 * still hold.
 */
/** Ops TensorFlow keeps whatever consumes them: a placeholder stays so that a missing feed is still an error. */
const KEPT = new Set(['Placeholder', 'PlaceholderV2', 'PlaceholderWithDefault']);

/**
 * Whether a node's outputs go unread: not fetched, not a data input of a kept node. Ops without
 * outputs (NoOp, group) stay, as do reads of a variable (a ref input) and placeholders.
 */
function controlOnly(n: Node, used: ReadonlySet<Value>, ir: RunIR): boolean {
  return (
    n.outputs.length > 0 &&
    !n.outputs.some((v) => used.has(v)) &&
    isPure(n.op.def) &&
    !ir.targets.has(n.op) &&
    !KEPT.has(n.op.def.type) &&
    !n.inputs.some((v) => v.isRef)
  );
}

export const dependencyOptimization: Pass = (ir: RunIR) => {
  const used = new Set<Value>(ir.fetches);
  const kept: Node[] = [];
  const report: string[] = [];
  for (let i = ir.nodes.length - 1; i >= 0; i--) {
    const n = ir.nodes[i] as Node;
    if (controlOnly(n, used, ir)) {
      report.push(n.op.name);
      continue;
    }
    kept.push(n);
    for (const v of n.inputs) used.add(v);
  }
  ir.nodes = kept.reverse();
  return report.reverse();
};
