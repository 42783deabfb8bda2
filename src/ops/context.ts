import type { OpDef } from './opdef.js';
import type { DType } from '../core/dtypes.js';
import type { Attrs, Operation, Tensor } from './types.js';

/**
 * Where an op goes when a builder is called: a graph (TF1, tf.function traces) or, later, the eager
 * runtime. Builders call `currentContext().applyOp(...)` and never know which one it is.
 */
export interface ExecutionContext {
  /**
   * Creates (or runs) one op. `inputs` has one entry per ArgDef of `def` (an array for list args);
   * each entry is a tensor, a variable, or any value `convertToTensor` accepts.
   */
  applyOp(def: OpDef, inputs: readonly unknown[], attrs: Attrs, name?: string): Operation;
  /** A tensor, variable or JS value as a tensor; JS values get `dtype`, else `dtypeHint` when they fit it. */
  convertToTensor(value: unknown, dtype?: DType, dtypeHint?: DType, name?: string): Tensor;
  /**
   * TensorFlow's v1 `name_scope(name, defaultName, values)`: runs `fn` in the graph of `values`
   * (the default graph when they have none), inside the scope `name` (or `defaultName`). Ops `fn`
   * created are removed again if it throws.
   */
  withNameScope<R>(name: string | undefined, defaultName: string, values: readonly unknown[], fn: (scope: string) => R): R;
  /** Runs `fn` in the graph of `values`, removing the ops it created if it throws. */
  atomic<R>(values: readonly unknown[], fn: () => R): R;
}

let provider: (() => ExecutionContext) | null = null;

/** Installed by the entry point (graph context for tensorgraph/v1). */
export function setContextProvider(p: () => ExecutionContext): void {
  provider = p;
}

export function currentContext(): ExecutionContext {
  if (!provider) throw new Error('tensorgraph: no execution context installed; import tensorgraph or tensorgraph/v1');
  return provider();
}
