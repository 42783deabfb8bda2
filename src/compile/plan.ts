import type { Backend, Kernel, KernelEnv } from '../backends/backend.js';
import { NotFoundError } from '../core/errors.js';
import type { Graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { type ArgDef, argLength } from '../ops/opdef.js';
import { describeNode } from '../ops/node-desc.js';
import { pruneAndOrder } from './prune.js';

/** How one input reaches a kernel. */
export const enum InputMode {
  /** A tensor value (a ref producer is dereferenced, failing when uninitialized). */
  Value = 0,
  /** The variable cell itself, which must be initialized (AssignAdd). */
  Ref = 1,
  /** The variable cell, initialized or not (Assign, IsVariableInitialized). */
  RefMayBeUninitialized = 2,
}

/** One kernel call of a plan. */
export interface Step {
  readonly op: Operation;
  readonly kernel: Kernel;
  readonly inputSlots: readonly number[];
  readonly inputModes: readonly InputMode[];
  /** The input strings TensorFlow prints in "uninitialized value <input>" (`foo`, `foo:1`). */
  readonly inputNames: readonly string[];
  readonly outputSlots: readonly number[];
  /** Slots whose last use is this step: released right after it (the buffer-lifetime schedule). */
  readonly release: readonly number[];
  /** What the kernel knows of its op (built once here, shared by every session). */
  readonly env: KernelEnv;
}

/**
 * What one run signature compiles to: the pruned, ordered steps with value slots and a liveness
 * schedule. A plan holds no values; it is shared by every session of its graph.
 */
export interface Plan {
  readonly key: string;
  readonly graph: Graph;
  readonly backend: Backend;
  readonly feeds: readonly Tensor[];
  readonly feedSlots: readonly number[];
  readonly fetches: readonly Tensor[];
  readonly fetchSlots: readonly number[];
  readonly targets: readonly Operation[];
  readonly steps: readonly Step[];
  readonly numSlots: number;
}

/** The ArgDef of each flat input of an op (list args expanded). */
function flatInputArgs(op: Operation): ArgDef[] {
  return op.def.inputs.flatMap((arg) => new Array<ArgDef>(argLength(arg, op.attrs)).fill(arg));
}

export function compilePlan(
  graph: Graph,
  feeds: readonly Tensor[],
  fetches: readonly Tensor[],
  targets: readonly Operation[],
  backend: Backend,
  key: string,
  executed?: ReadonlySet<Operation>,
): Plan {
  const fed = new Set(feeds);
  const ops = pruneAndOrder(fetches, targets, fed, executed);
  const slotOf = new Map<Tensor, number>();
  const slot = (t: Tensor) => {
    let s = slotOf.get(t);
    if (s === undefined) {
      s = slotOf.size;
      slotOf.set(t, s);
    }
    return s;
  };
  const feedSlots = feeds.map(slot);
  const lastUse = new Map<number, number>();
  const steps = ops.map((op, stepIndex) => {
    const kernel = backend.kernel(op.type);
    if (!kernel) {
      throw new NotFoundError(
        null,
        op,
        `No registered '${op.type}' OpKernel for '${backend.name.toUpperCase()}' devices compatible with node ${describeNode(op.name, op.type, op.attrs, op.def.attrs, op.nodeInputs())}`,
      );
    }
    const args = flatInputArgs(op);
    const inputSlots = op.inputs.map((t) => {
      const s = slot(t);
      lastUse.set(s, stepIndex);
      return s;
    });
    const inputModes = args.map((a) =>
      a.isRef ? (op.def.initializesRef ? InputMode.RefMayBeUninitialized : InputMode.Ref) : InputMode.Value,
    );
    return {
      op,
      kernel,
      inputSlots,
      inputModes,
      inputNames: op.inputs.map((t) => (t.valueIndex === 0 ? t.op.name : t.name)),
      outputSlots: op.outputs.map(slot),
      release: [] as number[],
      env: { opName: op.name, opType: op.type, attrs: op.attrs },
    };
  });
  const fetchSlots = fetches.map(slot);
  const pinned = new Set([...fetchSlots, ...feedSlots]);
  for (const [s, i] of lastUse) if (!pinned.has(s)) (steps[i] as { release: number[] }).release.push(s);
  // Outputs nobody reads are released as soon as they are produced.
  for (const st of steps) {
    for (const s of st.outputSlots) if (!lastUse.has(s) && !pinned.has(s)) st.release.push(s);
  }
  return { key, graph, backend, feeds, feedSlots, fetches, fetchSlots, targets, steps, numSlots: slotOf.size };
}
