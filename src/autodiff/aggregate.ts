// Summing the gradients a tensor receives from its several consumers (TensorFlow's
// `_AggregatedGrads` and `_MultiDeviceAddN`, gradients_util.py).
import { ValueError } from '../core/errors.js';
import { asGraphTensor } from '../graph/graph-context.js';
import type { Graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { addN } from '../ops/defs/math/add-n.js';

/** `tf.AggregationMethod`: how tf.gradients combines the gradient terms of a tensor. */
export const AggregationMethod = Object.freeze({
  /** One AddN op over all terms. */
  ADD_N: 0,
  /** The system's choice: ADD_N. */
  DEFAULT: 0,
  /** Pairwise AddN ops (a running sum), in the scope `<op>_gradient_sum`. */
  EXPERIMENTAL_TREE: 1,
  /** The same as EXPERIMENTAL_TREE. */
  EXPERIMENTAL_ACCUMULATE_N: 2,
});

const VALID = [AggregationMethod.ADD_N, AggregationMethod.EXPERIMENTAL_TREE, AggregationMethod.EXPERIMENTAL_ACCUMULATE_N] as const;

/** The gradient terms each output of each op has received so far. */
export type GradTerms = Map<Operation, Tensor[][]>;

/** TensorFlow's `_SetGrad`: records one gradient term for `t`. */
export function addGradTerm(grads: GradTerms, t: Tensor, grad: Tensor): void {
  let terms = grads.get(t.op);
  if (!terms) {
    terms = t.op.outputs.map(() => []);
    grads.set(t.op, terms);
  }
  (terms[t.valueIndex] as Tensor[]).push(grad);
}

/**
 * The gradient of each output of `op`: its one term, the sum of its terms, or null when it has
 * none. Validates the aggregation method first, as TensorFlow does for every op it visits.
 */
export function aggregatedGrads(g: Graph, grads: GradTerms, op: Operation, method: unknown): (Tensor | null)[] {
  const m = method === undefined || method === null ? AggregationMethod.DEFAULT : method;
  if (!(VALID as readonly unknown[]).includes(m)) {
    throw new ValueError(`Invalid \`aggregation_method\` specified ${String(m)}. Accepted values are [${VALID.join(', ')}].`);
  }
  const terms = grads.get(op) ?? op.outputs.map(() => []);
  return terms.map((list) => {
    if (list.length === 0) return null;
    if (list.length === 1) return list[0] as Tensor;
    if (m !== AggregationMethod.ADD_N) {
      // A running sum of pairwise AddN ops.
      return g.nameScope(`${op.name}_gradient_sum`, () => {
        let sum = list[0] as Tensor;
        for (const t of list.slice(1)) sum = asGraphTensor(addN([sum, t]));
        return sum;
      });
    }
    // TensorFlow's _MultiDeviceAddN on one device: AddN colocated with the first term's op.
    const first = (list[0] as Tensor).op;
    return g._withColocation(first.colocationGroups(), () => asGraphTensor(addN(list)));
  });
}
