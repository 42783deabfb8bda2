// Replays a FuncGraph's ops into the default graph: the gradients of If and While recompute the
// forward function from its inputs (docs/control-flow-gradients.md) instead of exporting its
// intermediates, because an Operation's outputs are fixed once it is built.
import type { FuncGraph } from './func-graph.js';
import { getDefaultGraph } from './graph.js';
import type { Operation } from './operation.js';
import type { Tensor } from './tensor.js';

/** The copies made by one `copyFunctionBody`: the function's outputs and each copied op. */
export interface FunctionCopy {
  readonly outputs: Tensor[];
  /** Original op → its copy (the function's input placeholders are not copied). */
  readonly ops: Map<Operation, Operation>;
}

/**
 * Copies every op of `fn` except its input placeholders into the default graph, in creation
 * (so topological) order, with the same op types, attrs, static shapes and control edges, under
 * the current name scope; `fn.inputs[i]` is replaced by `inputs[i]`. Nested functions are shared
 * by name (the library is the outermost graph's).
 */
export function copyFunctionBody(fn: FuncGraph, inputs: readonly Tensor[]): FunctionCopy {
  if (inputs.length !== fn.inputs.length) {
    throw new Error(`internal: ${fn.name} takes ${fn.inputs.length} inputs, got ${inputs.length}`);
  }
  const g = getDefaultGraph();
  const map = new Map<Tensor, Tensor>();
  fn.inputs.forEach((t, i) => {
    map.set(t, inputs[i] as Tensor);
  });
  const inputOps = new Set(fn.inputs.map((t) => t.op));
  const ops = new Map<Operation, Operation>();
  const mapped = (t: Tensor): Tensor => {
    const m = map.get(t);
    if (!m) throw new Error(`internal: ${t.name} used before it was copied from ${fn.name}`);
    return m.graph === g ? m : g._capture(m);
  };
  for (const op of fn.getOperations()) {
    if (inputOps.has(op)) continue;
    const ins = op.inputs.map(mapped);
    const control = op.controlInputs.map((c) => ops.get(c)).filter((c): c is Operation => c !== undefined);
    const name = g._opName(op.name.replace(/^.*\//, ''), op.type);
    const copy = g._addOp(name, op.def, ins, { ...op.attrs }, op.outputs.map((o) => o.shape), control);
    ops.set(op, copy);
    op.outputs.forEach((o, i) => {
      map.set(o, copy.outputs[i] as Tensor);
    });
  }
  return { outputs: fn.outputs.map(mapped), ops };
}

/** Stateful ops that only check their inputs: running them again changes nothing. */
const REPEATABLE = new Set(['CheckNumerics', 'Assert']);

/**
 * Throws when recomputing would not reproduce the forward values: a stateful, random or
 * side-effecting op (other than a nested If/While, checked by its own gradient) among the copied
 * ops that `roots` depend on.
 */
export function checkRecomputable(copy: FunctionCopy, roots: readonly Tensor[], what: string): void {
  const copied = new Map([...copy.ops].map(([a, b]) => [b, a]));
  const seen = new Set<Operation>();
  const stack = roots.map((t) => t.op);
  while (stack.length > 0) {
    const op = stack.pop() as Operation;
    if (seen.has(op)) continue;
    seen.add(op);
    const orig = copied.get(op);
    const d = orig?.def;
    if (orig && d && (d.stateful || d.random || d.sideEffect) && d.control === undefined && !REPEATABLE.has(orig.type)) {
      if (orig.type.startsWith('Stack')) {
        throw new TypeError(`Gradients of the gradient of a tf.whileLoop are not supported by tensorgraph (the gradient loop's ${orig.type} cannot be replayed).`);
      }
      throw new TypeError(
        `tensorgraph computes the gradient of ${what} by recomputing it, which would run the stateful op ${orig.name} (op type: ${orig.type}) again; ` +
          'its gradient is not supported. Compute that value outside the function and use it inside.',
      );
    }
    for (const t of op.inputs) stack.push(t.op);
    for (const c of op.controlInputs) stack.push(c);
  }
}
