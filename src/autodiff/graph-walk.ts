// The graph walks of TensorFlow's `_GradientsHelper` (gradients_util.py): which ops lie between
// the xs and the ys, how many backprop inputs each waits for, and the inputs and consumers of an
// op across FuncGraph captures (a function body differentiated with respect to outer tensors).
import { isFloating } from '../core/dtypes.js';
import { FuncGraph } from '../graph/func-graph.js';
import type { Graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';

/**
 * TensorFlow's `IsTrainable`: whether a tensor's dtype supports infinitesimal changes. Gradients
 * flow only along float tensors (TensorFlow also lists complex, bfloat16, resource and variant,
 * which tensorgraph does not have); an integer or bool path carries none.
 */
export function isTrainable(t: Tensor): boolean {
  return isFloating(t.dtype);
}

/** The FuncGraphs from `g` outwards (TensorFlow's `func_graphs` of `_GradientsHelper`). */
export function enclosingFuncGraphs(g: Graph): FuncGraph[] {
  const out: FuncGraph[] = [];
  for (let c: Graph | null = g; c instanceof FuncGraph; c = c.outerGraph) out.push(c);
  return out;
}

/** A captured value's placeholder inside a function as the outer tensor it stands for (`_MaybeCaptured`). */
function maybeCaptured(t: Tensor): Tensor {
  const g = t.op.graph;
  if (g instanceof FuncGraph && t.op.type === 'Placeholder') {
    for (const [outer, inner] of g.captures) if (inner === t) return maybeCaptured(outer);
  }
  return t;
}

/** An op's inputs, crossing closure boundaries unless the input is itself an x (`_Inputs`). */
export function opInputs(op: Operation, xs: ReadonlySet<Tensor>): readonly Tensor[] {
  if (!(op.graph instanceof FuncGraph)) return op.inputs;
  return op.inputs.map((t) => (xs.has(t) ? t : maybeCaptured(t)));
}

/** The consumers of `t`, including those inside functions that captured it (`_Consumers`). */
function consumers(t: Tensor, funcGraphs: readonly FuncGraph[]): Operation[] {
  const out = t.consumers();
  for (const fn of funcGraphs) {
    for (const [outer, inner] of fn.captures) if (outer === t) out.push(...consumers(inner, funcGraphs));
  }
  return out;
}

export interface PendingCounts {
  /** The ys' ops reachable from the xs' ops along trainable tensors. */
  readonly reachableToOps: ReadonlySet<Operation>;
  /** For each op between xs and ys: how many of its consumers still owe it a gradient. */
  readonly pending: Map<Operation, number>;
}

/** TensorFlow's `_PendingCount`: marks the ops between `fromOps` and `toOps` and counts backprop inputs. */
export function pendingCounts(toOps: readonly Operation[], fromOps: readonly Operation[], funcGraphs: readonly FuncGraph[], xs: ReadonlySet<Tensor>): PendingCounts {
  // Ops reachable from the xs along trainable tensors (`_MarkReachedOps`).
  const reached = new Set<Operation>();
  const queue: Operation[] = [...fromOps];
  for (let i = 0; i < queue.length; i++) {
    const op = queue[i] as Operation;
    if (reached.has(op)) continue;
    reached.add(op);
    for (const out of op.outputs) if (isTrainable(out)) queue.push(...consumers(out, funcGraphs));
  }
  const reachableToOps = new Set(toOps.filter((op) => reached.has(op)));
  // Ops on a path from the xs to the ys: reached, and reachable backwards from the ys.
  const between = new Set<Operation>();
  const betweenList: Operation[] = [];
  const back: Operation[] = [...toOps];
  for (let i = 0; i < back.length; i++) {
    const op = back[i] as Operation;
    if (!reached.has(op)) continue;
    between.add(op);
    betweenList.push(op);
    reached.delete(op);
    for (const t of opInputs(op, xs)) back.push(t.op);
  }
  const pending = new Map<Operation, number>();
  for (const op of betweenList) {
    for (const t of opInputs(op, xs)) if (between.has(t.op)) pending.set(t.op, (pending.get(t.op) ?? 0) + 1);
  }
  return { reachableToOps, pending };
}

/**
 * TensorFlow's `_StopOps`: the ops not differentiated: the xs' ops that have no predecessor among
 * the ops between, and the ops of `stop_gradients`.
 */
export function stopOps(fromOps: readonly Operation[], stopGradientOps: readonly Operation[], pending: ReadonlyMap<Operation, number>, xs: ReadonlySet<Tensor>): Set<Operation> {
  const out = new Set<Operation>();
  for (const op of fromOps) {
    if (opInputs(op, xs).every((t) => (pending.get(t.op) ?? 0) <= 0)) out.add(op);
  }
  for (const op of stopGradientOps) out.add(op);
  return out;
}
