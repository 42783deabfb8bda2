import type { OpDef } from './opdef.js';
import type { DType } from '../core/dtypes.js';
import type { Attrs, Operation, Tensor } from './types.js';

/**
 * Where an op goes when a builder is called: a graph (TF1, tf.function traces) or, later, the eager
 * runtime. Builders call `currentContext().applyOp(...)` and never know which one it is.
 */
export interface ExecutionContext {
  /** The context's kind: `graph`, `trace` or `eager`. */
  readonly kind: 'graph' | 'trace' | 'eager';
  /** Whether ops run now (`tf.executingEagerly()`). */
  readonly eager: boolean;
  /**
   * Creates (or runs) one op and returns its outputs. `inputs` has one entry per ArgDef of `def`
   * (an array for list args); each entry is a tensor, a variable, or any value `convertToTensor` accepts.
   */
  applyOp(def: OpDef, inputs: readonly unknown[], attrs: Attrs, name?: string): readonly Tensor[];
  /**
   * Creates one op for the builders that return the op itself (`noOp`, `group`, `Assert`): the
   * graph's Operation; an eager context runs it and returns null.
   */
  applyOpAsOperation(def: OpDef, inputs: readonly unknown[], attrs: Attrs, name?: string): Operation | null;
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

/**
 * The context stack (DESIGN §1). Graph, trace and eager contexts are pushed and popped; builders
 * use the top. Below everything sits the base context: the graph context, which the graph layer
 * registers as a kind (not as a mode switch), so importing `tensorgraph` and `tensorgraph/v1` in
 * any order leaves either's behaviour as it was.
 */
const stack: ExecutionContext[] = [];
let base: ExecutionContext | null = null;

/** The graph layer registers the base context (graph building into the default graph). */
export function registerBaseContext(ctx: ExecutionContext): void {
  if (base && base !== ctx) throw new Error('internal: a second base execution context');
  base = ctx;
}

/** Makes `ctx` current until the returned function is called (contexts nest). */
export function pushContext(ctx: ExecutionContext): () => void {
  stack.push(ctx);
  let popped = false;
  return () => {
    if (popped) return;
    if (stack[stack.length - 1] !== ctx) throw new Error('internal: execution contexts popped out of order');
    stack.pop();
    popped = true;
  };
}

export function currentContext(): ExecutionContext {
  const top = stack[stack.length - 1] ?? base;
  if (!top) throw new Error('tensorgraph: no execution context; import tensorgraph or tensorgraph/v1');
  return top;
}

/** `tf.executingEagerly()`: whether the current context runs ops now (false while building graphs). */
export function executingEagerly(): boolean {
  return currentContext().eager;
}
