// The gradient of `If` / `StatelessIf` (TensorFlow's cond_v2 `_IfGrad`), by recomputation: each
// gradient branch replays the forward branch from the If's inputs and differentiates the copy, so
// the forward If needs no extra outputs (see docs/control-flow-gradients.md).
import type { OpDef } from '../ops/opdef.js';
import type { Tensor as AnyTensor } from '../ops/types.js';
import { getOpDef } from '../ops/registry.js';
import { ZerosLike } from '../ops/defs/array/like.js';
import { matchCaptures } from '../graph/cond.js';
import { checkRecomputable, copyFunctionBody } from '../graph/func-copy.js';
import { FuncGraph, uniqueFunctionName } from '../graph/func-graph.js';
import { graphContext, graphOp1 } from '../graph/graph-context.js';
import type { Graph } from '../graph/graph.js';
import { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { gradients } from './gradients.js';
import { isTrainable } from './graph-walk.js';

/** The graph Operation a gradient function was handed (control-flow gradients are graph-only). */
export function graphOperation(op: unknown, what: string): Operation {
  if (!(op instanceof Operation)) throw new Error(`The gradient of ${what} is only built in graph mode (tf.gradients)`);
  return op;
}

/** A function of `op`'s library by attr name. */
export function libraryFunction(op: Operation, attr: string): FuncGraph {
  const fn = op.graph.getFunction(op.attrs[attr] as string);
  if (!(fn instanceof FuncGraph)) throw new Error(`internal: function ${String(op.attrs[attr])} of ${op.name} is not in the library`);
  return fn;
}

/**
 * Traces the gradient of one branch: a FuncGraph capturing the If's inputs and the output
 * gradients, replaying `branch`, and differentiating its outputs (`ysIdx`) with respect to the
 * inputs `xsIdx`. Returns the graph and the gradients (null where unconnected).
 */
function branchGradient(g: Graph, name: string, branch: FuncGraph, inputs: readonly Tensor[], dys: readonly Tensor[], ysIdx: readonly number[], xsIdx: readonly number[]) {
  const fg = new FuncGraph(name, g);
  const grads = fg.asDefault(() => {
    const inner = inputs.map((t) => fg._capture(t));
    const copy = copyFunctionBody(branch, inner);
    const ys = ysIdx.map((i) => copy.outputs[i] as Tensor);
    const gys = ysIdx.map((i) => fg._capture(dys[i] as Tensor));
    const xs = xsIdx.map((j) => inner[j] as Tensor);
    const result = ys.length === 0 ? xs.map(() => null) : (gradients(ys, xs, gys) as (Tensor | null)[]);
    checkRecomputable(copy, result.filter((t): t is Tensor => t !== null), `the tf.cond branch ${branch.name}`);
    return result;
  });
  return { fg, grads };
}

/**
 * `_IfGrad`: one gradient If on the same predicate whose branches compute the gradients of the
 * forward branches' inputs; an input one branch does not differentiate gets zeros there, and an
 * input neither branch does (or an integer one) gets null.
 */
export function ifGrad(opView: unknown, dys: readonly (AnyTensor | null)[]): (AnyTensor | null)[] {
  const op = graphOperation(opView, 'If');
  const g = op.graph;
  const pred = op.inputs[0] as Tensor;
  const inputs = op.inputs.slice(1);
  const thenFn = libraryFunction(op, 'then_branch');
  const elseFn = libraryFunction(op, 'else_branch');
  const ysIdx = op.outputs.map((_, i) => i).filter((i) => dys[i] !== null && dys[i] !== undefined && isTrainable(op.outputs[i] as Tensor));
  const xsIdx = inputs.map((_, j) => j).filter((j) => isTrainable(inputs[j] as Tensor));
  const result: (Tensor | null)[] = op.inputs.map(() => null);
  if (ysIdx.length === 0 || xsIdx.length === 0) return result;
  const scope = g.getNameScope();
  const dysT = dys as readonly Tensor[];
  const t = branchGradient(g, uniqueFunctionName(scope ? `${scope}/` : '', 'true_grad'), thenFn, inputs, dysT, ysIdx, xsIdx);
  const f = branchGradient(g, uniqueFunctionName(scope ? `${scope}/` : '', 'false_grad'), elseFn, inputs, dysT, ysIdx, xsIdx);
  // Inputs with a gradient in either branch; zeros in the other.
  const keep = xsIdx.map((_, k) => k).filter((k) => t.grads[k] !== null || f.grads[k] !== null);
  if (keep.length === 0) return result;
  const outputs = (b: typeof t) =>
    b.fg.setOutputs(
      b.fg.asDefault(() =>
        keep.map((k) => b.grads[k] ?? graphOp1(ZerosLike, [b.fg._capture(inputs[xsIdx[k] as number] as Tensor)], {}, 'zeros_like')),
      ),
    );
  const outsT = outputs(t);
  outputs(f);
  const captured = matchCaptures([t.fg, f.fg]);
  const stateful = t.fg.hasStatefulOps || f.fg.hasStatefulOps;
  const attrs = {
    Tout: outsT.map((o) => o.dtype),
    then_branch: t.fg.name,
    else_branch: f.fg.name,
    output_shapes: keep.map((k) => (inputs[xsIdx[k] as number] as Tensor).shape),
  };
  const gradIf = graphContext.applyOpAsOperation(getOpDef(stateful ? 'If' : 'StatelessIf') as OpDef, [pred, captured], attrs, 'If') as Operation;
  g._addFunction(t.fg.name, t.fg);
  g._addFunction(f.fg.name, f.fg);
  keep.forEach((k, i) => {
    result[1 + (xsIdx[k] as number)] = gradIf.outputs[i] as Tensor;
  });
  return result;
}
