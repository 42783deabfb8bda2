import type { KernelContext, SessionResources } from '../backends/backend.js';
import { cpuBackend } from '../backends/cpu/backend.js';
import type { DType } from '../core/dtypes.js';
import { NDArray } from '../core/ndarray.js';
import type { TensorShape } from '../core/shape.js';
import { type OpDef, isPure } from '../ops/opdef.js';
import type { Attrs } from '../ops/types.js';
import type { Tensor } from './tensor.js';
import type { Operation } from './operation.js';

/**
 * The one constant evaluator (DESIGN §1): runs a pure op's CPU reference kernel on constant
 * inputs. Build-time shape inference and the compiler's constant-folding pass both use it.
 */

/** Values larger than this are not evaluated ahead of time (TensorFlow's folding size limit). */
export const MAX_CONSTANT_BYTES = 10 * 1024 * 1024;

const noResources: SessionResources = {
  variable: () => {
    throw new Error('internal: a constant-folded kernel asked for a variable');
  },
  opState: (_n, init) => init(),
  write: () => {
    throw new Error('internal: a constant-folded kernel tried to print');
  },
};

function bytesOf(a: NDArray): number {
  const d = a.data as { byteLength?: number; length: number };
  return d.byteLength ?? d.length * 8;
}

/** Whether an op may be evaluated ahead of time at all. */
export function isFoldable(def: OpDef): boolean {
  return isPure(def) && def.constantValue === undefined && !def.feedSource;
}

/**
 * An op's outputs computed from constant inputs, or null when it cannot be done ahead of time
 * (no CPU kernel, a kernel error — left for the run to report — or too large a result).
 */
export function evaluateOp(
  def: OpDef,
  attrs: Attrs,
  opName: string,
  inputs: readonly NDArray[],
  outputDtypes: readonly DType[],
): NDArray[] | null {
  if (!isFoldable(def)) return null;
  const kernel = cpuBackend.kernel(def.type, { inputs: inputs.map((a) => a.dtype), outputs: outputDtypes }, attrs);
  if (!kernel) return null;
  const ctx: KernelContext = {
    env: { opName, opType: def.type, attrs },
    resources: noResources,
    output: (_i, dtype, shape) => cpuBackend.allocate(dtype, shape),
  };
  let outs: unknown[];
  try {
    outs = kernel(inputs.map((a) => cpuBackend.upload(a)), ctx);
  } catch {
    return null;
  }
  const result: NDArray[] = [];
  for (const o of outs) {
    if (!(o instanceof NDArray) || bytesOf(o) > MAX_CONSTANT_BYTES) return null;
    // A plain host array: the folded value must not share a kernel buffer's reference count.
    result.push(new NDArray(o.dtype, o.shape, o.data as never));
  }
  return result;
}

/** The outputs from the inputs' static shapes, when the op defines that and they suffice. */
export function valueFromShapes(def: OpDef, attrs: Attrs, shapes: readonly TensorShape[]): NDArray[] | null {
  return def.valueFromShapes ? def.valueFromShapes(shapes, attrs) : null;
}

const cache = new WeakMap<Operation, NDArray[]>();
const MAX_DEPTH = 32;

/**
 * A graph tensor's value when it is known while building: a Const, a value from static shapes
 * (Shape, Size, Rank), or a pure op evaluated on such values (TensorFlow's EvaluateConstantTensor).
 */
export function constantValue(t: Tensor, depth = 0): NDArray | null {
  const op = t.op;
  if (op.def.constantValue) return op.def.constantValue(op.attrs);
  const fromShapes = valueFromShapes(op.def, op.attrs, op.inputs.map((x) => x.shape));
  if (fromShapes) return fromShapes[t.valueIndex] ?? null;
  const hit = cache.get(op);
  if (hit) return hit[t.valueIndex] ?? null;
  if (!isFoldable(op.def) || op.inputs.length === 0 || depth >= MAX_DEPTH) return null;
  const inputs: NDArray[] = [];
  for (const x of op.inputs) {
    const v = constantValue(x, depth + 1);
    if (!v || bytesOf(v) > MAX_CONSTANT_BYTES) return null;
    inputs.push(v);
  }
  const out = evaluateOp(op.def, op.attrs, op.name, inputs, op.outputs.map((o) => o.dtype));
  if (!out) return null;
  cache.set(op, out);
  return out[t.valueIndex] ?? null;
}
