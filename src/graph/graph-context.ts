import { toNDArray } from '../core/convert.js';
import type { DType } from '../core/dtypes.js';
import { ValueError } from '../core/errors.js';
import type { NDArray } from '../core/ndarray.js';
import { TensorShape } from '../core/shape.js';
import { type TensorAdapter, inferShapes, resolveOp } from '../ops/apply.js';
import { type ExecutionContext, registerBaseContext } from '../ops/context.js';
import { type OpDef, argLength } from '../ops/opdef.js';
import { getOpDef } from '../ops/registry.js';
import type { Attrs } from '../ops/types.js';
import { type AutopackDeps, autopack, refuseOperations } from './autopack.js';
import { annotateBuildError, withBuildSites } from './build-site.js';
import { type Graph, getDefaultGraph } from './graph.js';
import { Operation } from './operation.js';
import { Tensor } from './tensor.js';
import { constantValue } from './const-eval.js';

/** Resolves a Variable (or anything else standing for a tensor); installed by variable.ts. */
let variableAdapter: (v: unknown, wantRef: boolean) => Tensor | null = () => null;
export function _setVariableAdapter(fn: (v: unknown, wantRef: boolean) => Tensor | null): void {
  variableAdapter = fn;
}

function asTensor(value: unknown, wantRef: boolean): Tensor | null {
  if (value instanceof Tensor) return value;
  return variableAdapter(value, wantRef);
}

const autopackDeps: AutopackDeps = { asTensor: (v) => asTensor(v, false), constantIn: (g, v, d, n) => constantIn(g, v, d, n) };

/**
 * Creates a Const op for a JS value in `graph` (TensorFlow's `convert_to_tensor` in graph mode);
 * an array holding tensors packs them instead (autopack.ts); an Operation is refused.
 */
export function constantIn(graph: Graph, value: unknown, dtype: DType | undefined, name?: string): Tensor {
  refuseOperations(value);
  const packed = autopack(graph, value, dtype, name ?? 'packed', autopackDeps);
  if (packed) return packed;
  const def = getOpDef('Const') as OpDef;
  const converted = toNDArray(value, dtype);
  // A const owns its value: the caller may reuse the array it passed.
  const arr = converted === value ? converted.clone() : converted;
  const opName = graph._opName(name ?? 'Const', 'Const');
  const op = graph._addOp(opName, def, [], { value: arr, dtype: arr.dtype }, [new TensorShape(arr.shape)]);
  return op.outputs[0] as Tensor;
}


function adapterFor(graph: Graph): TensorAdapter<Tensor> {
  return {
    // A tensor of an enclosing graph used inside a FuncGraph is captured (becomes a function input).
    asTensor: (value, wantRef) => {
      const t = asTensor(value, wantRef);
      return t && t.graph !== graph ? graph._capture(t) : t;
    },
    convert: (value, dtype, name) => constantIn(graph, value, dtype, name),
    dtypeOf: (t) => t.dtype,
    shapeOf: (t) => t.shape,
    isRef: (t) => t.isRef,
    constValue,
    partialShapeValue,
    inputName: (t) => (t.valueIndex === 0 ? t.op.name : t.name),
  };
}

/**
 * A 1-D shape tensor's value where only some dims are known (TensorFlow's InputTensorAsShape):
 * `Shape` of a partially known shape, `Pack` of scalars whose values may be known.
 */
export function partialShapeValue(t: Tensor): TensorShape | null {
  const op = t.op;
  if (op.type === 'Shape') return (op.inputs[0] as Tensor).shape.rank === null ? null : (op.inputs[0] as Tensor).shape;
  if (op.type === 'Identity') return partialShapeValue(op.inputs[0] as Tensor);
  if (op.type === 'Pack' && op.attrs.axis === 0 && op.inputs.every((x) => x.shape.rank === 0)) {
    return new TensorShape(
      op.inputs.map((x) => {
        const v = constValue(x);
        const n = v ? Number(v.data[0]) : -1;
        return n < 0 ? null : n;
      }),
    );
  }
  return null;
}

/** The value of a tensor when known while building (the one constant evaluator). */
export function constValue(t: Tensor): NDArray | null {
  return constantValue(t);
}

/**
 * The graph of the tensors, variables and ops among `values` (TensorFlow's
 * `_get_graph_from_inputs`), checked to be one graph; the default graph when there are none.
 */
export function graphOfInputs(values: readonly unknown[]): Graph {
  // Inside a FuncGraph, tensors of the graphs it is traced in count as its own (they are captured).
  const dflt = getDefaultGraph();
  const home = (g: Graph): Graph => (dflt !== g && dflt._encloses(g) ? dflt : g);
  let first: Tensor | Operation | null = null;
  const seen = new Set<unknown>();
  const visit = (v: unknown) => {
    if (Array.isArray(v)) {
      // A value that contains itself is refused later, by conversion; here it is only not revisited.
      if (seen.has(v)) return;
      seen.add(v);
      for (const x of v) visit(x);
      return;
    }
    const el = v instanceof Operation ? v : asTensor(v, false);
    if (!el) return;
    if (!first) first = el;
    else if (home(el.graph) !== home((first as Tensor).graph)) {
      throw new ValueError(
        `${el instanceof Operation ? el.repr() : el.toString()} must be from the same graph as ${first instanceof Operation ? first.repr() : (first as Tensor).toString()} (graphs are ${el.graph} and ${(first as Tensor).graph}).`,
      );
    }
  };
  for (const v of values) visit(v);
  return first ? home((first as Tensor).graph) : dflt;
}

/** Adds one op to the graph of its inputs (TensorFlow's `_create_op_internal` via `_apply_op_helper`). */
function buildOp(def: OpDef, inputs: readonly unknown[], attrs: Attrs, name?: string): Operation {
  const graph = graphOfInputs(inputs);
  graph._checkNotFinalized();
  const ad = adapterFor(graph);
  // As TensorFlow's _apply_op_helper: inputs given as JS values become consts named after their
  // argument inside the op's name scope (`Reshape/shape`), and the op takes the scope's name.
  return graph.asDefault(() =>
    graph._atomically(() => graph.nameScope(name || def.type, (scope) => {
      const resolved = resolveOp(def, inputs, attrs, ad);
      if (def.stateful && 'container' in resolved.attrs && resolved.attrs.container === '') {
        resolved.attrs.container = graph._container;
      }
      const opName = graph._opName(scope, def.type);
      const shapes = inferShapes(def, opName, resolved, ad);
      // Ops taking a variable through a ref argument are colocated with it (TF's _MaybeColocateWith).
      const refOps: Operation[] = [];
      let k = 0;
      for (const arg of def.inputs) {
        const n = argLength(arg, resolved.attrs);
        if (arg.isRef) for (let j = 0; j < n; j++) refOps.push((resolved.inputs[k + j] as Tensor).op);
        k += n;
      }
      return graph._addOp(opName, def, resolved.inputs, resolved.attrs, shapes, [], refOps);
    })),
  );
}

/**
 * The graph layer's own builder: adds one op to the graph of its inputs and returns its first
 * output, typed as the graph Tensor (the ops layer's `applyOp1` returns any registered kind).
 */
export function graphOp1(def: OpDef, inputs: readonly unknown[], attrs: Attrs = {}, name?: string): Tensor {
  try {
    return buildOp(def, inputs, attrs, name).outputs[0] as Tensor;
  } catch (e) {
    throw annotateBuildError(e);
  }
}

/** A builder's result inside graph-layer code, which only ever builds graphs. */
export function asGraphTensor(t: unknown): Tensor {
  if (!(t instanceof Tensor)) throw new Error('internal: expected a graph tensor');
  return t;
}

/**
 * Builds ops into graphs: the context of tensorgraph/v1 and of tf.function traces. A build error
 * names the user's line (withBuildSites, build-site.ts).
 */
export const graphContext: ExecutionContext = withBuildSites({
  kind: 'graph',
  eager: false,
  applyOp(def: OpDef, inputs: readonly unknown[], attrs: Attrs, name?: string): readonly Tensor[] {
    return buildOp(def, inputs, attrs, name).outputs;
  },
  applyOpAsOperation(def: OpDef, inputs: readonly unknown[], attrs: Attrs, name?: string): Operation {
    return buildOp(def, inputs, attrs, name);
  },
  convertToTensor(value: unknown, dtype?: DType, dtypeHint?: DType, name?: string): Tensor {
    return convertToTensor(value, dtype, name, dtypeHint);
  },
  withNameScope<R>(name: string | undefined, defaultName: string, values: readonly unknown[], fn: (scope: string) => R): R {
    const g = graphOfInputs(values);
    return g.asDefault(() => g._atomically(() => g.nameScope(name || defaultName, fn)));
  },
  atomic<R>(values: readonly unknown[], fn: () => R): R {
    const g = graphOfInputs(values);
    return g.asDefault(() => g._atomically(fn));
  },
});

/** The graph context's converter: a tensor, variable or JS value as a tensor of the default graph. */
export function convertToTensor(value: unknown, dtype?: DType, name?: string, dtypeHint?: DType): Tensor {
  const t = asTensor(value, false);
  if (t) {
    if (dtype && t.dtype !== dtype) {
      throw new ValueError(`Tensor conversion requested dtype ${dtype} for Tensor with dtype ${t.dtype}: ${t.toString()}`);
    }
    return t;
  }
  const graph = getDefaultGraph();
  if (!dtype && dtypeHint) {
    // A hint is a preference: use it when the value fits, else infer (TensorFlow's dtype_hint).
    try {
      return constantIn(graph, value, dtypeHint, name);
    } catch (e) {
      if (!(e instanceof TypeError)) throw e;
    }
  }
  return constantIn(graph, value, dtype, name);
}


registerBaseContext(graphContext);
