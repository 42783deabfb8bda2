/**
 * TensorFlow's autopacking conversion (`array_ops._autopacking_conversion_function`): a JS array
 * that holds tensors (or variables) at any depth converts to `Pack` ops of those tensors and of
 * constants for the plain values, so `tf.reshape(x, [n, -1])` with `n` a scalar tensor works and
 * its shape inference still sees the known parts. Also TensorFlow's refusal to convert an
 * Operation, with its short message.
 */
import { pyRepr } from '../core/convert.js';
import type { DType } from '../core/dtypes.js';
import { Pack } from '../ops/defs/array/pack.js';
import { cast } from '../ops/defs/math/cast.js';
import type { Graph } from './graph.js';
import { asGraphTensor, graphOp1 } from './graph-context.js';
import { Operation } from './operation.js';
import { Tensor } from './tensor.js';

/** What autopacking needs of the graph context (passed in to keep graph-context.ts the owner). */
export interface AutopackDeps {
  asTensor(value: unknown): Tensor | null;
  constantIn(graph: Graph, value: unknown, dtype: DType | undefined, name: string): Tensor;
}

/** TensorFlow's `repr(tensor)`: `<tf.Tensor 'x:0' shape=(2,) dtype=float32>`. */
const tensorRepr = (t: Tensor): string => `<tf.Tensor '${t.name}' shape=${t.shape.toString()} dtype=${t.dtype}>`;

/** Python's repr of a list holding operations: ops as `<tf.Operation 'nop' type=NoOp>`. */
function reprWithOps(v: unknown): string {
  if (v instanceof Operation) return v.repr();
  if (Array.isArray(v)) return `[${v.map(reprWithOps).join(', ')}]`;
  return pyRepr(v);
}

/**
 * Refuses an Operation where a tensor is expected, as TensorFlow does: `can't convert Operation
 * 'nop' to Tensor`, or for an array holding one, TensorFlow's "Failed to convert elements of …".
 */
export function refuseOperations(value: unknown): void {
  if (value instanceof Operation) throw new TypeError(`can't convert Operation '${value.name}' to Tensor`);
  if (!Array.isArray(value)) return;
  const seen = new Set<unknown>();
  const hasOp = (v: unknown): boolean => {
    if (v instanceof Operation) return true;
    if (!Array.isArray(v) || seen.has(v)) return false;
    seen.add(v);
    return v.some(hasOp);
  };
  if (hasOp(value)) {
    throw new TypeError(
      `Failed to convert elements of ${reprWithOps(value)} to Tensor. Consider casting elements to a supported type. ` +
        'See https://www.tensorflow.org/api_docs/python/tf/dtypes for supported TF dtypes.',
    );
  }
}

/** The dtype of the first tensor found depth-first (TensorFlow's `_get_dtype_from_nested_lists`), else null. */
function firstTensorDType(value: readonly unknown[], deps: AutopackDeps, seen: Set<unknown>): DType | null {
  if (seen.has(value)) return null;
  seen.add(value);
  for (const v of value) {
    const t = deps.asTensor(v);
    if (t) return t.dtype;
    if (Array.isArray(v)) {
      const d = firstTensorDType(v, deps, seen);
      if (d) return d;
    }
  }
  return null;
}

/**
 * Converts `value` by packing when it is an array holding a tensor somewhere; returns null when
 * it holds none (plain conversion applies). `name` names the outer Pack (`packed` by default);
 * nested arrays pack in its scope as `packed/0`, their constants as `packed/0/1`. With `dtype`
 * different from the tensors' own, the tensors are cast first (TensorFlow's
 * `_cast_nested_seqs_to_dtype`).
 */
export function autopack(graph: Graph, value: unknown, dtype: DType | undefined, name: string, deps: AutopackDeps): Tensor | null {
  if (!Array.isArray(value)) return null;
  const inferred = firstTensorDType(value, deps, new Set());
  if (inferred === null) return null;
  let target = dtype ?? inferred;
  let v: readonly unknown[] = value;
  if (dtype !== undefined && dtype !== inferred) {
    const castAll = (xs: readonly unknown[]): unknown[] =>
      xs.map((x) => {
        const t = deps.asTensor(x);
        if (t) return t.dtype === dtype ? t : asGraphTensor(cast(t, dtype));
        return Array.isArray(x) ? castAll(x) : x;
      });
    v = castAll(value);
    target = dtype;
  }
  return pack(graph, v, target, name, deps, new Set()) as Tensor;
}

/** TensorFlow's `_autopacking_helper`: a Pack named by the scope, or the array when it held no tensor. */
function pack(
  graph: Graph,
  list: readonly unknown[],
  dtype: DType,
  name: string,
  deps: AutopackDeps,
  path: Set<unknown>,
): Tensor | unknown[] {
  if (path.has(list)) throw new TypeError('Cannot convert an array that contains itself (a cyclic value) to a tensor.');
  path.add(list);
  return graph.nameScope(name, (scope) => {
    let mustPack = false;
    const converted = list.map((elem, i) => {
      const t = deps.asTensor(elem);
      if (t) {
        if (t.dtype !== dtype) {
          throw new TypeError(
            `Cannot convert a list containing a tensor of dtype <dtype: '${t.dtype}'> to <dtype: '${dtype}'> (Tensor is: ${tensorRepr(t)})`,
          );
        }
        mustPack = true;
        return t;
      }
      if (Array.isArray(elem)) {
        const c = pack(graph, elem, dtype, String(i), deps, path);
        if (c instanceof Tensor) mustPack = true;
        return c;
      }
      return elem;
    });
    path.delete(list);
    if (!mustPack) return converted;
    const tensors = converted.map((e, i) => (e instanceof Tensor ? e : deps.constantIn(graph, e, dtype, String(i))));
    return graphOp1(Pack, [tensors], { axis: 0 }, scope);
  });
}
