import type { Backend, ChainLink, Epilogue } from '../backends/backend.js';
import type { DType } from '../core/dtypes.js';
import type { NDArray } from '../core/ndarray.js';
import type { TensorShape } from '../core/shape.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';

/** A value while passes rewrite a run: a graph tensor's value, a feed, or a constant. */
export interface Value {
  readonly id: number;
  /** The graph tensor it stands for (its name is what the plan prints). */
  readonly tensor: Tensor;
  readonly dtype: DType;
  /** Refined by shape specialization. */
  shape: TensorShape;
  readonly isRef: boolean;
  /** Known ahead of time (a Const, or folded). */
  constant: NDArray | null;
  /** Index among the plan's feeds, or -1. */
  readonly feed: number;
}

/** One op of the run, its inputs rewired by passes. */
export interface Node {
  /** The op (for a fused chain: its last op). */
  readonly op: Operation;
  readonly inputs: Value[];
  readonly outputs: Value[];
  /** Set when the node is a fused elementwise chain: its ops in order and the chain's links. */
  readonly fused?: { readonly ops: readonly Operation[]; readonly links: readonly ChainLink[]; readonly scalar: readonly boolean[]; readonly row: readonly boolean[]; readonly column: readonly boolean[] };
  /** Set when the node is a MatMul/Conv2D with its bias and activation fused (passes/epilogue.ts). */
  readonly epilogue?: { readonly ops: readonly Operation[]; readonly spec: Epilogue };
}

/** What passes work on: the nodes in execution order, and what the run must produce. */
export interface RunIR {
  nodes: Node[];
  readonly feeds: readonly Value[];
  /** The values fetched, in the plan's fetch order (rewired by passes too). */
  fetches: Value[];
  readonly targets: ReadonlySet<Operation>;
}

/** What a pass may know of the compilation besides the IR. */
export interface PassContext {
  /** The backend the plan runs on (fusion asks it what it can fuse). */
  readonly backend: Backend;
}

/** A pass: rewrites the IR in place and says what it did (one line per change). */
export type Pass = (ir: RunIR, ctx: PassContext) => string[];

/** Replaces every use of the `from` values by `to` values (fetches included). */
export function replaceUses(ir: RunIR, map: ReadonlyMap<Value, Value>): void {
  if (map.size === 0) return;
  for (const n of ir.nodes) {
    for (let i = 0; i < n.inputs.length; i++) {
      const r = map.get(n.inputs[i] as Value);
      if (r) n.inputs[i] = r;
    }
  }
  ir.fetches = ir.fetches.map((v) => map.get(v) ?? v);
}
