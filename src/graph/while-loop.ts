import type { DType } from '../core/dtypes.js';
import { ValueError } from '../core/errors.js';
import { type ShapeLike, TensorShape } from '../core/shape.js';
import { normalizeArgs } from '../ops/args.js';
import type { OpDef } from '../ops/opdef.js';
import { getOpDef } from '../ops/registry.js';
import { annotateBuildError } from './build-site.js';
import { matchCaptures } from './cond.js';
import { FuncGraph, uniqueFunctionName } from './func-graph.js';
import { type Graph, getDefaultGraph } from './graph.js';
import { convertToTensor, graphContext, graphOfInputs, graphOp1 } from './graph-context.js';
import { flatten, isNested, packSequenceAs, structureMismatch } from './nest.js';
import type { Operation } from './operation.js';
import { Tensor } from './tensor.js';

const op = (type: string): OpDef => getOpDef(type) as OpDef;

/** A value as a tensor of `g` (converted there, or captured from a graph `g` is traced in). */
function inGraph(g: Graph, v: unknown, dtype?: DType, name?: string): Tensor {
  const t = g.asDefault(() => convertToTensor(v, dtype, name));
  return t.graph === g ? t : g._capture(t);
}

/** TensorFlow's `_ShapeLessThanOrEqual`: `a` is at least as specific as `b`. */
function shapeLessOrEqual(a: TensorShape, b: TensorShape): boolean {
  if (b.dims === null) return true;
  if (a.dims === null || a.dims.length !== b.dims.length) return false;
  return b.dims.every((d, i) => d === null || d === a.dims?.[i]);
}

const isShapeLeaf = (v: unknown): boolean =>
  v instanceof TensorShape || v === null || (Array.isArray(v) && v.every((d) => d === null || typeof d === 'number'));

function text(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(text).join(', ')}]`;
  return v instanceof Tensor ? v.toString() : String(v);
}

/**
 * Traces `fn` on placeholders for the loop counter, the iteration limit and the loop variables
 * (with the invariants' shapes), as while_v2's wrapped cond and body take them.
 */
function traceLoopFunction(
  g: Graph,
  name: string,
  structure: unknown,
  vars: readonly Tensor[],
  invariants: readonly TensorShape[],
  fn: (counter: Tensor, max: Tensor, args: unknown[]) => unknown[],
): FuncGraph {
  const fg = new FuncGraph(name, g);
  fg.asDefault(() => {
    const counter = fg.addArg('int32', TensorShape.scalar(), 'loop_counter');
    const max = fg.addArg('int32', TensorShape.scalar(), 'maximum_iterations');
    const args = vars.map((v, i) => fg.addArg(v.dtype, invariants[i] as TensorShape, 'placeholder'));
    const packed = packSequenceAs(structure, args) as unknown[];
    fg.setOutputs(fn(counter, max, packed));
  });
  return fg;
}

/**
 * `tf.whileLoop(cond, body, loopVars, shapeInvariants, parallelIterations, backProp, swapMemory,
 * name, maximumIterations, returnSameStructure)` (TF1, control flow v2): traces `cond` and `body`
 * once into FuncGraphs and builds one `While` (stateful ops inside) or `StatelessWhile` op whose
 * loop variables are, as while_v2's, a loop counter, the iteration limit (-1: none), the user's
 * variables and the captured tensors; an `Identity` per counter, limit and user variable follows.
 * A single loop variable comes back as a tensor unless `returnSameStructure`.
 */
export function whileLoop(
  cond: unknown,
  body: unknown,
  loopVars: unknown,
  shapeInvariants?: unknown,
  parallelIterations?: number | WhileLoopOptions,
  backProp?: boolean | WhileLoopOptions,
  swapMemory?: boolean | WhileLoopOptions,
  name?: string | WhileLoopOptions,
  maximumIterations?: unknown,
  returnSameStructure?: boolean | WhileLoopOptions,
): unknown;
export function whileLoop(...args: unknown[]): unknown {
  const params = ['cond', 'body', 'loopVars', 'shapeInvariants', 'parallelIterations', 'backProp', 'swapMemory', 'name', 'maximumIterations', 'returnSameStructure'];
  // A trailing options object only after the three required arguments: loop variables may be a
  // plain object themselves (DESIGN §4).
  const a = args.length > 3 ? normalizeArgs('whileLoop', params, args) : { cond: args[0], body: args[1], loopVars: args[2] };
  return buildWhileLoop(
    a.cond,
    a.body,
    a.loopVars,
    a.shapeInvariants,
    (a.parallelIterations as number | undefined) ?? 10,
    a.name as string | undefined,
    a.maximumIterations,
    a.returnSameStructure === true,
  );
}

/** `tf.whileLoop`'s optional parameters by name. */
export interface WhileLoopOptions {
  shapeInvariants?: unknown;
  parallelIterations?: number;
  /** Accepted for TF1 compatibility; gradients of While are not built yet. */
  backProp?: boolean;
  /** Accepted for TF1 compatibility; there is no device memory to swap. */
  swapMemory?: boolean;
  name?: string;
  maximumIterations?: unknown;
  returnSameStructure?: boolean;
}

function buildWhileLoop(
  condFn: unknown,
  bodyFn: unknown,
  loopVars: unknown,
  shapeInvariants: unknown,
  parallelIterations: number,
  name: string | undefined,
  maximumIterations: unknown,
  returnSameStructure: boolean,
): unknown {
  if (typeof condFn !== 'function') throw new TypeError("'cond' must be callable.");
  if (typeof bodyFn !== 'function') throw new TypeError("'body' must be callable.");
  try {
    const structure = Array.isArray(loopVars) ? loopVars : [loopVars];
    const flatIn = flatten(structure);
    const g = graphOfInputs(flatIn);
    g._checkNotFinalized();
    return g.asDefault(() =>
      g.nameScope(name || 'while', (scope) => {
        const vars = flatIn.map((v) => inGraph(g, v));
        const invariants =
          shapeInvariants === undefined || shapeInvariants === null
            ? vars.map((v) => v.shape)
            : flatten(Array.isArray(loopVars) ? shapeInvariants : [shapeInvariants], isShapeLeaf).map((s) => TensorShape.from(s as ShapeLike));
        if (invariants.length !== vars.length) {
          throw new ValueError("The two structures don't have the same nested structure.");
        }
        // As while_v2, only the body's outputs are checked against the invariants.
        const hasMax = maximumIterations !== undefined && maximumIterations !== null;
        const max = inGraph(g, hasMax ? maximumIterations : -1, 'int32', 'maximum_iterations');
        const counter = inGraph(g, 0, 'int32', 'loop_counter');
        const condName = uniqueFunctionName(scope, 'cond');
        const bodyName = uniqueFunctionName(scope, 'body');

        const cg = traceLoopFunction(g, condName, structure, vars, invariants, (c, m, args) => {
          let pred = inGraph(getDefaultGraph(), (condFn as (...a: unknown[]) => unknown)(...args));
          if (hasMax) {
            const less = graphOp1(op('Less'), [c, m], {}, 'Less');
            pred = graphOp1(op('LogicalAnd'), [less, pred], {}, 'LogicalAnd');
          }
          return [pred];
        });
        const bg = traceLoopFunction(g, bodyName, structure, vars, invariants, (c, m, args) => {
          let result = (bodyFn as (...a: unknown[]) => unknown)(...args);
          if (!isNested(result)) result = [result];
          const detail = structureMismatch(structure, result);
          if (detail) {
            throw new ValueError(
              `The two structures don't have the same nested structure.\n\nFirst structure: ${text(structure)}\n\nSecond structure: ${text(result)}\n\nMore specifically: ${detail}`,
            );
          }
          const outs = flatten(result).map((v) => inGraph(getDefaultGraph(), v));
          outs.forEach((o, i) => {
            const v = vars[i] as Tensor;
            if (o.dtype !== v.dtype) {
              throw new TypeError(
                `Loop var ${v.name} enters the loop with type <dtype: '${v.dtype}'> but has type <dtype: '${o.dtype}'> after 1 iteration. ${v.name} type should remain constant.`,
              );
            }
            const inv = invariants[i] as TensorShape;
            if (!shapeLessOrEqual(o.shape, inv)) {
              throw new ValueError(
                `Input tensor \`${v.name}\` enters the loop with shape ${inv.toString()}, but has shape ${o.shape.toString()} after one iteration. To allow the shape to vary across iterations, use the \`shape_invariants\` argument of tf.while_loop to specify a less-specific shape.`,
              );
            }
          });
          return [graphOp1(op('AddV2'), [c, 1], {}, 'add'), m, ...outs];
        });
        // The functions see the same captured tensors; the body passes them through unchanged.
        const extra = matchCaptures([cg, bg]);
        bg.outputs = [...bg.outputs, ...bg.captures.map((c) => c[1])];
        const stateful = cg.hasStatefulOps || bg.hasStatefulOps;
        const attrs = {
          cond: condName,
          body: bodyName,
          output_shapes: [TensorShape.scalar(), TensorShape.scalar(), ...invariants, ...extra.map((t) => t.shape)],
          parallel_iterations: parallelIterations,
        };
        const w = graphContext.applyOpAsOperation(op(stateful ? 'While' : 'StatelessWhile'), [[counter, max, ...vars, ...extra]], attrs, scope) as Operation;
        // Registered once the op is built, so a failed build leaves the library as it was.
        g._addFunction(condName, cg);
        g._addFunction(bodyName, bg);
        const identity = op('Identity');
        const outs = w.outputs.slice(0, 2 + vars.length).map((o) => graphOp1(identity, [o], {}, 'Identity'));
        const user = outs.slice(2);
        if (!returnSameStructure && user.length === 1) return user[0];
        return packSequenceAs(structure, user);
      }),
    );
  } catch (e) {
    throw annotateBuildError(e);
  }
}
