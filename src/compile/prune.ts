import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';

/**
 * The ops a run needs, in a valid execution order: everything the fetches and targets reach
 * backwards through data and control inputs, stopping at fed tensors (TensorFlow's
 * PruneForTargets with FeedInputs). Iterative, so long chains cannot overflow the stack.
 */
export function pruneAndOrder(
  fetches: readonly Tensor[],
  targets: readonly Operation[],
  fed: ReadonlySet<Tensor>,
  executed: ReadonlySet<Operation> = new Set(),
): Operation[] {
  const order: Operation[] = [];
  // Ops reached so far; `executed` ones (earlier steps of a partial run) count as reached.
  const seen = new Set<Operation>(executed);
  // A control dependency on an op with a fed output waits for the feed instead (TensorFlow's
  // FeedInputs rewires control edges to the feed's _Recv), so that op need not run.
  const fedOps = new Set<Operation>([...fed].map((t) => t.op));
  const roots: Operation[] = [...targets, ...fetches.filter((t) => !fed.has(t)).map((t) => t.op)];
  for (const root of roots) {
    if (seen.has(root)) continue;
    const stack: [Operation, number][] = [[root, 0]];
    seen.add(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as [Operation, number];
      const [op, i] = top;
      const deps = op.inputs.length + op.controlInputs.length;
      if (i < deps) {
        top[1] = i + 1;
        let dep: Operation | null;
        if (i < op.inputs.length) {
          const t = op.inputs[i] as Tensor;
          dep = fed.has(t) ? null : t.op;
        } else {
          const c = op.controlInputs[i - op.inputs.length] as Operation;
          dep = fedOps.has(c) ? null : c;
        }
        if (dep && !seen.has(dep)) {
          seen.add(dep);
          stack.push([dep, 0]);
        }
      } else {
        stack.pop();
        order.push(op);
      }
    }
  }
  return order;
}
