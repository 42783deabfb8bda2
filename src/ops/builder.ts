import { normalizeArgs } from './args.js';
import { currentContext } from './context.js';
import type { OpDef } from './opdef.js';
import type { Attrs, Operation, Tensor } from './types.js';

/** Creates (or runs) one op in the current context and returns its outputs. */
export function applyOp(def: OpDef, inputs: readonly unknown[], attrs: Attrs = {}, name?: string): readonly Tensor[] {
  return currentContext().applyOp(def, inputs, attrs, name);
}

/** Creates (or runs) one op and returns its first output. */
export function applyOp1(def: OpDef, inputs: readonly unknown[], attrs: Attrs = {}, name?: string): Tensor {
  return currentContext().applyOp(def, inputs, attrs, name)[0] as Tensor;
}

/**
 * Creates one op and returns the op itself, for the builders TensorFlow gives an Operation
 * (`noOp`, `group`, `Assert`); null in an eager context, where the op has run.
 */
export function applyOpAsOperation(def: OpDef, inputs: readonly unknown[], attrs: Attrs = {}, name?: string): Operation {
  return currentContext().applyOpAsOperation(def, inputs, attrs, name) as Operation;
}

/** The op name from a builder's normalised arguments. */
export function nameArg(a: Record<string, unknown>): string | undefined {
  const n = a.name;
  if (n !== undefined && n !== null && typeof n !== 'string') {
    throw new TypeError(`name must be a string, got ${typeof n}`);
  }
  return (n as string | null) ?? undefined;
}

/**
 * A builder for ops whose Python signature is `f(<inputs...>, name=None)`: unary and binary
 * elementwise ops and other plain wrappers.
 */
export function simpleBuilder(fnName: string, def: OpDef, inputNames: readonly string[]) {
  return (...args: unknown[]): Tensor => {
    const a = normalizeArgs(fnName, [...inputNames, 'name'], args);
    return applyOp1(
      def,
      inputNames.map((n) => a[n]),
      {},
      nameArg(a),
    );
  };
}
