// `tf.gradients`: symbolic differentiation of a graph, TensorFlow's `_GradientsHelper`
// (gradients_util.py). The gradient of each op comes from its OpDef's `grad` (DESIGN §1).
import { isFloating, isInteger } from '../core/dtypes.js';
import { LookupError, RuntimeError, ValueError } from '../core/errors.js';
import { toNDArray } from '../core/convert.js';
import { group, withDependencies } from '../graph/api.js';
import { asGraphTensor, convertToTensor, graphOfInputs, graphOp1 } from '../graph/graph-context.js';
import { type Graph, getDefaultGraph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { Variable } from '../graph/variable.js';
import { normalizeArgs } from '../ops/args.js';
import { executingEagerly } from '../ops/context.js';
import { Const } from '../ops/defs/array/const.js';
import { Fill } from '../ops/defs/array/fill.js';
import { Identity } from '../ops/defs/array/identity.js';
import { zerosLike } from '../ops/defs/array/like.js';
import { Shape } from '../ops/defs/array/shape.js';
import type { Tensor as AnyTensor } from '../ops/types.js';
import { type GradTerms, addGradTerm, aggregatedGrads } from './aggregate.js';
import { enclosingFuncGraphs, isTrainable, opInputs, pendingCounts, stopOps } from './graph-walk.js';

/** `tf.UnconnectedGradients`: what tf.gradients returns for an x the ys do not depend on. */
export const UnconnectedGradients = Object.freeze({ NONE: 'none', ZERO: 'zero' } as const);

/** `tf.gradients`' parameters after `ys, xs`, by name. */
export interface GradientsOptions {
  gradYs?: unknown;
  name?: string | null;
  colocateGradientsWithOps?: boolean;
  gateGradients?: boolean;
  aggregationMethod?: number | null;
  stopGradients?: unknown;
  unconnectedGradients?: 'none' | 'zero';
}

const PARAMS = ['ys', 'xs', 'gradYs', 'name', 'colocateGradientsWithOps', 'gateGradients', 'aggregationMethod', 'stopGradients', 'unconnectedGradients'];

const asList = (x: unknown): unknown[] => (Array.isArray(x) ? [...x] : [x]);

/** A y, grad_y or x given as a tensor, a variable or a JS value, as TensorFlow converts them. */
function convertOne(v: unknown, name: string, asRef: boolean): Tensor {
  if (v instanceof Tensor) return v;
  if (v instanceof Variable) return asRef ? v._ref : v.value();
  return convertToTensor(v, undefined, name);
}

/** TensorFlow's convert_n_to_tensor: the i-th JS value becomes a Const named `<name>_<i>`. */
function convertEach(values: readonly unknown[], name: string, asRef: boolean): Tensor[] {
  return values.map((v, i) => convertOne(v, `${name}_${i}`, asRef));
}

/** Runs `fn` colocated with `op` when `colocate` (TensorFlow's `_maybe_colocate_with`). */
function maybeColocate<R>(g: Graph, op: Operation, colocate: boolean, fn: () => R): R {
  return colocate ? g._withColocation(op.colocationGroups(), fn) : fn();
}

/**
 * TensorFlow's `_DefaultGradYs`: each y's initial gradient. A missing one is ones of y's shape
 * (`Fill(shape(y), 1)` named `grad_ys_<i>`); a given one is checked and passed through an
 * Identity named `grad_ys_<i>`.
 */
function defaultGradYs(g: Graph, given: readonly unknown[], ys: readonly Tensor[], colocate: boolean): Tensor[] {
  if (given.length !== ys.length) throw new ValueError(`Length mismatch. Passed ${given.length} grad_ys for ${ys.length} ys`);
  const gys = given.map((v, i) => (v === null || v === undefined ? null : convertOne(v, `grad_y_${i}`, false)));
  return ys.map((y, i) =>
    maybeColocate(g, y.op, colocate, () => {
      const gy = gys[i] ?? null;
      if (gy === null) {
        // array_ops.shape: a Const when y's shape is fully known, else a Shape op.
        const shape = y.shape.isFullyDefined()
          ? graphOp1(Const, [], { value: toNDArray(y.shape.dims as number[], 'int32'), dtype: 'int32' }, 'Shape')
          : graphOp1(Shape, [y], { out_type: 'int32' }, 'Shape');
        return g.nameScope(`grad_ys_${i}`, (scope) => {
          const one = graphOp1(Const, [], { value: toNDArray(y.dtype === 'bool' ? true : 1, y.dtype), dtype: y.dtype }, 'Const');
          return graphOp1(Fill, [shape, one], {}, scope);
        });
      }
      const real = (d: Tensor['dtype']) => isFloating(d) || isInteger(d);
      if (real(y.dtype)) {
        if (!real(gy.dtype)) {
          throw new TypeError(
            `Gradient type ${gy.dtype} generated for real or integer-valued tensor ${y.toString()} with type ${y.dtype} must be real or integer`,
          );
        }
      } else {
        throw new TypeError(`Tensor ${y.toString()} with type ${y.dtype} must be numeric to obtain a default gradient`);
      }
      return graphOp1(Identity, [gy], {}, `grad_ys_${i}`);
    }),
  );
}

/** TensorFlow's `control_flow_ops.tuple`: each gradient behind one NoOp that waits for all of them. */
function gateTuple(g: Graph, grads: readonly (Tensor | null)[]): (Tensor | null)[] {
  return g.nameScope('tuple', () => {
    const gating = [...new Set(grads.filter((t): t is Tensor => t !== null).map((t) => t.op))].sort((p, q) => p.id - q.id);
    // The gate is placed without colocation (TensorFlow: `colocate_with(None, ignore_existing=True)`).
    const gate = g._withColocation([], () => group(...gating));
    return grads.map((t) => (t === null ? null : g._withColocation(t.op.colocationGroups(), () => withDependencies([gate], t))));
  });
}

/** The aggregated gradients of the outputs of each op visited. */
type Done = Map<Operation, (Tensor | null)[]>;

const NO_GRADIENT_HELP =
  'In general every operation must have an associated `@tf.RegisterGradient` for correct autodiff, which this op is lacking. ' +
  'If you want to pretend this operation is a constant in your program, you may insert `tf.stop_gradient`. ' +
  'This can be useful to silence the error in cases where you know gradients are not needed, e.g. the forward pass of tf.custom_gradient. ' +
  'Please see more details in https://www.tensorflow.org/api_docs/python/tf/custom_gradient.';

/**
 * `tf.gradients(ys, xs, grad_ys, name, colocate_gradients_with_ops, gate_gradients,
 * aggregation_method, stop_gradients, unconnected_gradients)`: the symbolic partial derivatives of
 * the sum of `ys` with respect to each of `xs`, one entry per x: `null` where no float path joins
 * them (zeros with `unconnectedGradients: 'zero'`). Adds the gradient ops to the graph in the name
 * scope `gradients` (`gradients_1`, … on later calls), each op's under `<op name>_grad`.
 */
export function gradients(
  ys: unknown,
  xs: unknown,
  gradYs?: unknown,
  name?: string | null | GradientsOptions,
  colocateGradientsWithOps?: boolean | GradientsOptions,
  gateGradients?: boolean | GradientsOptions,
  aggregationMethod?: number | null | GradientsOptions,
  stopGradients?: unknown,
  unconnectedGradients?: 'none' | 'zero' | GradientsOptions,
): (Tensor | null)[];
export function gradients(...args: unknown[]): (Tensor | null)[] {
  const a = normalizeArgs('gradients', PARAMS, args);
  if (executingEagerly()) {
    throw new RuntimeError('tf.gradients is not supported when eager execution is enabled. Use tf.GradientTape instead.');
  }
  const ysIn = asList(a.ys);
  const xsIn = asList(a.xs);
  const unconnected = a.unconnectedGradients ?? UnconnectedGradients.NONE;
  if (unconnected !== UnconnectedGradients.NONE && unconnected !== UnconnectedGradients.ZERO) {
    throw new ValueError(`Unknown value for unconnected_gradients: '${String(unconnected)}'`);
  }
  const srcGraph = getDefaultGraph();
  const funcGraphs = enclosingFuncGraphs(srcGraph);
  const stopIn = a.stopGradients === undefined || a.stopGradients === null ? [] : asList(a.stopGradients);
  const gradYsIn = a.gradYs === undefined || a.gradYs === null ? ysIn.map(() => null) : asList(a.gradYs);
  const colocate = a.colocateGradientsWithOps === true;
  const gate = a.gateGradients === true;
  const name = (a.name as string | null | undefined) || 'gradients';

  const g = graphOfInputs([...ysIn, ...xsIn, ...stopIn, ...gradYsIn]);
  const { xs, done } = g.asDefault(() =>
    g._atomically(() =>
      g.nameScope(name, () => {
        // TensorFlow's gradient_uid: reserves the name `<scope>/uid`.
        g.uniqueName('uid');
        const ys = convertEach(ysIn, 'y', false);
        const xs = convertEach(xsIn, 'x', true);
        const stops = convertEach(stopIn, 'stop', false);
        const xsSet = new Set(xs);
        const gradYsT = defaultGradYs(g, gradYsIn, ys, colocate);
        const toOps = ys.map((y) => y.op);
        const fromOps = xs.map((x) => x.op);
        const { reachableToOps, pending } = pendingCounts(toOps, fromOps, funcGraphs, xsSet);
        const grads: GradTerms = new Map();
        const done: Done = new Map();
        ys.forEach((y, i) => {
          addGradTerm(grads, y, gradYsT[i] as Tensor);
        });
        const queue: Operation[] = [];
        const queued = new Set<Operation>();
        for (const op of toOps) {
          if ((pending.get(op) ?? 0) === 0 && !queued.has(op) && reachableToOps.has(op)) {
            queued.add(op);
            queue.push(op);
          }
        }
        const stop = stopOps(fromOps, stops.map((t) => t.op), pending, xsSet);
        for (let qi = 0; qi < queue.length; qi++) {
          const op = queue[qi] as Operation;
          maybeColocate(g, op, colocate, () => backpropOp(g, op, grads, done, xsSet, stop.has(op), gate, a.aggregationMethod));
          // TensorFlow's _UpdatePendingAndEnqueueReady.
          for (const t of opInputs(op, xsSet)) {
            const n = (pending.get(t.op) ?? 0) - 1;
            pending.set(t.op, n);
            if (n === 0) queue.push(t.op);
          }
        }
        return { xs, done };
      }),
    ),
  );
  // Outside the gradients scope, as TensorFlow's _GetGrad: zeros for unconnected xs on request.
  return g.asDefault(() =>
    xs.map((x) => {
      // Every op between the xs and the ys was visited; an x's op outside them has no terms.
      const t = done.get(x.op)?.[x.valueIndex] ?? null;
      if (t === null && unconnected === UnconnectedGradients.ZERO) return asGraphTensor(zerosLike(x));
      return t;
    }),
  );
}

/**
 * Differentiates one op: aggregates the gradients of its outputs, calls its OpDef's `grad` in the
 * scope `<op name>_grad`, and records the gradients of its inputs. The aggregated gradients go to
 * `done` (TensorFlow keeps them in `grads[op]`), where an x's result is read.
 */
function backpropOp(g: Graph, op: Operation, grads: GradTerms, done: Done, xs: ReadonlySet<Tensor>, isStop: boolean, gate: boolean, method: unknown): void {
  const outGrads = aggregatedGrads(g, grads, op, method);
  done.set(op, outGrads);
  const hasOutGrads = outGrads.some((t) => t !== null);
  const inputs = opInputs(op, xs);
  let gradFn = null;
  if (hasOutGrads && !isStop) {
    if (op.def.grad === undefined) {
      throw new LookupError(`No gradient defined for operation'${op.name}' (op type: ${op.type}). ${NO_GRADIENT_HELP}`);
    }
    gradFn = op.def.grad;
  }
  let inGrads: (Tensor | null)[];
  if (gradFn && hasOutGrads) {
    // An output the ys do not depend on gets a zero gradient when it is trainable.
    const dys = outGrads.map((d, i) => {
      const out = op.outputs[i] as Tensor;
      return d === null && isTrainable(out) ? asGraphTensor(zerosLike(out, undefined, { optimize: false })) : d;
    });
    inGrads = g.nameScope(`${op.name}_grad`, () => {
      const result = (gradFn as NonNullable<typeof gradFn>)(op, dys as AnyTensor[]).map((t) => (t === null || t === undefined ? null : asGraphTensor(t)));
      if (result.length !== op.inputs.length) {
        throw new ValueError(`Num gradients ${result.length} generated for op ${op.toString()} do not match num inputs ${op.inputs.length}`);
      }
      return gate && result.filter((t) => t !== null).length > 1 ? gateTuple(g, result) : result;
    });
  } else {
    inGrads = inputs.map(() => null);
  }
  inputs.forEach((tIn, i) => {
    const inGrad = inGrads[i] ?? null;
    if (inGrad === null) return;
    try {
      inGrad.setShape(tIn.shape);
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
      throw new ValueError(
        `Incompatible shapes between op input and calculated input gradient. Forward operation: ${op.name}. Input index: ${i}. ` +
          `Original input shape: ${tIn.shape.toString()}. Calculated input gradient shape: ${inGrad.shape.toString()}`,
      );
    }
    addGradTerm(grads, tIn, inGrad);
  });
}
