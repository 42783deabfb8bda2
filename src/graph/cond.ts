import { TensorShape } from '../core/shape.js';
import { normalizeArgs } from '../ops/args.js';
import type { OpDef } from '../ops/opdef.js';
import { getOpDef } from '../ops/registry.js';
import { annotateBuildError } from './build-site.js';
import { FuncGraph, uniqueFunctionName } from './func-graph.js';
import type { Graph } from './graph.js';
import { convertToTensor, graphContext, graphOfInputs, graphOp1 } from './graph-context.js';
import type { Operation } from './operation.js';
import { flatten, packSequenceAs, structureMismatch } from './nest.js';
import { Tensor } from './tensor.js';

/** TensorFlow's `most_specific_compatible_shape`: the dims both shapes agree on. */
export function mostSpecificCompatibleShape(a: TensorShape, b: TensorShape): TensorShape {
  if (a.dims === null || b.dims === null || a.dims.length !== b.dims.length) return new TensorShape(null);
  return new TensorShape(a.dims.map((d, i) => (d === b.dims?.[i] ? d : null)));
}

/** A leaf of a function's result: a tensor-like value (arrays and plain objects are structures). */
const leafText = (v: unknown): string => (v instanceof Tensor ? v.toString() : String(v));

function structureText(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(structureText).join(', ')}]`;
  if (v !== null && typeof v === 'object' && !(v instanceof Tensor)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `'${k}': ${structureText((v as Record<string, unknown>)[k])}`)
      .join(', ')}}`;
  }
  return leafText(v);
}

function mismatch(trueOut: unknown, falseOut: unknown, details: string): TypeError {
  return new TypeError(
    `true_fn and false_fn arguments to tf.cond must have the same number, type, and overall structure of return values.\n\ntrue_fn output: ${structureText(trueOut)}\nfalse_fn output: ${structureText(falseOut)}\n\nError details:\n${details}`,
  );
}

/** TensorFlow's non-strict cond: a one-element list result stands for its element. */
function unpackIfSingleton(v: unknown): unknown {
  return Array.isArray(v) && v.length === 1 ? v[0] : v;
}

/**
 * Traces `fn` into a new FuncGraph of `outer`'s library; returns the graph and the raw result.
 * The function's ops belong to the FuncGraph, so they run only when the function does.
 */
export function traceBranch(outer: Graph, name: string, fn: () => unknown): { graph: FuncGraph; result: unknown } {
  const graph = new FuncGraph(name, outer);
  const result = graph.asDefault(() => fn());
  return { graph, result };
}

/**
 * Makes every function take the same captured inputs, in one order (TensorFlow's
 * `_make_inputs_match`): each captures what the others do, unused. Returns that order.
 */
export function matchCaptures(graphs: readonly FuncGraph[]): Tensor[] {
  const order: Tensor[] = [];
  for (const g of graphs) for (const t of g.capturedInputs) if (!order.includes(t)) order.push(t);
  for (const g of graphs) g.orderCaptures(order);
  return order;
}

/**
 * `tf.cond(pred, trueFn, falseFn, strict, name)` (TF1, control flow v2): traces both functions
 * once into FuncGraphs and builds one `If` (a branch has stateful ops) or `StatelessIf` op named
 * after the scope, then an `Identity` per output; returns them in the functions' structure.
 */
export function cond(pred: unknown, trueFn: unknown, falseFn: unknown, strict?: boolean | CondOptions, name?: string | CondOptions): unknown;
export function cond(...args: unknown[]): unknown {
  // A trailing options object only after the three required arguments (DESIGN §4).
  const a = args.length > 3 ? normalizeArgs('cond', ['pred', 'trueFn', 'falseFn', 'strict', 'name'], args) : { pred: args[0], trueFn: args[1], falseFn: args[2] };
  return buildCond(a.pred, a.trueFn, a.falseFn, a.strict === true, a.name as string | undefined);
}

/** `tf.cond`'s optional parameters by name. */
export interface CondOptions {
  strict?: boolean;
  name?: string;
}

function buildCond(pred: unknown, trueFn: unknown, falseFn: unknown, strict: boolean, name: string | undefined): unknown {
  if (typeof pred === 'boolean') throw new TypeError('pred must not be a Python bool');
  if (trueFn === null || trueFn === undefined) throw new TypeError("'true_fn' must not be None.");
  if (falseFn === null || falseFn === undefined) throw new TypeError("'false_fn' must not be None.");
  if (typeof trueFn !== 'function') throw new TypeError("'true_fn' must be callable.");
  if (typeof falseFn !== 'function') throw new TypeError("'false_fn' must be callable.");
  try {
    const g = graphOfInputs([pred]);
    g._checkNotFinalized();
    return g.asDefault(() =>
      g.nameScope(name || 'cond', (scope) => {
        let p = convertToTensor(pred);
        if (p.graph !== g) p = g._capture(p);
        const t = traceBranch(g, uniqueFunctionName(scope, 'true'), trueFn as () => unknown);
        const f = traceBranch(g, uniqueFunctionName(scope, 'false'), falseFn as () => unknown);
        let trueOut = t.result;
        let falseOut = f.result;
        if (!strict) {
          trueOut = unpackIfSingleton(trueOut);
          falseOut = unpackIfSingleton(falseOut);
        }
        const none = (v: unknown) => v === null || v === undefined;
        if (none(trueOut) !== none(falseOut)) throw mismatch(trueOut, falseOut, "The two structures don't have the same nested structure.");
        const shapeMismatch = none(trueOut) ? null : structureMismatch(trueOut, falseOut);
        if (shapeMismatch) throw mismatch(trueOut, falseOut, shapeMismatch);
        const flatT = none(trueOut) ? [] : flatten(trueOut);
        const flatF = none(falseOut) ? [] : flatten(falseOut);
        const outsT = t.graph.setOutputs(flatT);
        const outsF = f.graph.setOutputs(flatF);
        outsT.forEach((a, i) => {
          const b = outsF[i] as Tensor;
          if (a.dtype !== b.dtype) {
            throw mismatch(trueOut, falseOut, `${leafText(flatT[i] instanceof Tensor ? flatT[i] : a)} and ${leafText(flatF[i] instanceof Tensor ? flatF[i] : b)} have different types`);
          }
        });
        const inputs = matchCaptures([t.graph, f.graph]);
        const stateful = t.graph.hasStatefulOps || f.graph.hasStatefulOps;
        const def = getOpDef(stateful ? 'If' : 'StatelessIf') as OpDef;
        const shapes = outsT.map((a, i) => mostSpecificCompatibleShape(a.shape, (outsF[i] as Tensor).shape));
        const attrs = {
          Tout: outsT.map((a) => a.dtype),
          then_branch: t.graph.name,
          else_branch: f.graph.name,
          output_shapes: shapes,
        };
        const op = graphContext.applyOpAsOperation(def, [p, inputs], attrs, scope) as Operation;
        // Registered once the op is built, so a failed build leaves the library as it was.
        g._addFunction(t.graph.name, t.graph);
        g._addFunction(f.graph.name, f.graph);
        if (none(trueOut)) return null;
        const identity = getOpDef('Identity') as OpDef;
        const results = op.outputs.map((o) => graphOp1(identity, [o], {}, 'Identity'));
        return packSequenceAs(trueOut, results);
      }),
    );
  } catch (e) {
    throw annotateBuildError(e);
  }
}

