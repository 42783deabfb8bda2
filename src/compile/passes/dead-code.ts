import { isPure } from '../../ops/opdef.js';
import type { Operation } from '../../graph/operation.js';
import type { Node, Pass, RunIR, Value } from '../ir.js';

/**
 * Drops pure nodes that no longer feed anything (after folding or merging): not fetched, not a
 * target, not a control input of a kept node. Stateful and side-effecting nodes always stay.
 */
export const deadCode: Pass = (ir: RunIR) => {
  const used = new Set<Value>(ir.fetches);
  const controls = new Set<Operation>();
  const kept: Node[] = [];
  const report: string[] = [];
  for (let i = ir.nodes.length - 1; i >= 0; i--) {
    const n = ir.nodes[i] as Node;
    const live =
      !isPure(n.op.def) || ir.targets.has(n.op) || controls.has(n.op) || n.outputs.some((v) => used.has(v));
    if (!live) {
      report.push(n.op.name);
      continue;
    }
    kept.push(n);
    for (const v of n.inputs) used.add(v);
    for (const c of n.op.controlInputs) controls.add(c);
  }
  ir.nodes = kept.reverse();
  return report.reverse();
};
