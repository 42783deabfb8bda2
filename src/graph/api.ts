import { jsTypeName } from '../core/convert.js';
import { OperatorNotAllowedInGraphError, ValueError } from '../core/errors.js';
import { type DTypeLike, toDType } from '../core/dtypes.js';
import { isOptionsObject, normalizeArgs } from '../ops/args.js';
import { applyOpAsOperation } from '../ops/builder.js';
import { Identity, NoOp } from '../ops/defs/array/identity.js';
import { booleanMask } from '../ops/defs/array/boolean-mask.js';
import { constant } from '../ops/defs/array/const.js';
import { Pack } from '../ops/defs/array/pack.js';
import { LogicalNot } from '../ops/defs/math/logical-not.js';
import { IsVariableInitialized } from '../ops/defs/state/variable-v2.js';
import { withBuildSite } from './build-site.js';
import { getDefaultGraph } from './graph.js';
import { asGraphTensor, convertToTensor as convertValue, graphOfInputs, graphOp1 } from './graph-context.js';
import { GraphKeys } from './graph-keys.js';
import { Operation } from './operation.js';
import type { Scope } from './stack.js';
import { Tensor } from './tensor.js';
import { Variable } from './variable.js';

/** `tf.controlDependencies(controlInputs, fn?)` on the default graph. */
export function controlDependencies(controlInputs: readonly unknown[] | null): Scope<void>;
export function controlDependencies<R>(controlInputs: readonly unknown[] | null, fn: () => R): R;
export function controlDependencies<R>(controlInputs: readonly unknown[] | null, fn?: () => R): R | Scope<void> {
  const g = getDefaultGraph();
  return fn ? g.controlDependencies(controlInputs, fn) : g.controlDependencies(controlInputs);
}

/**
 * `tf.nameScope(name, defaultName?, values?, fn?)` (TF1's `tf.compat.v1.name_scope`): enters the
 * graph of `values` (or the default graph) and opens a name scope; the scope string (`'foo/'`) is
 * the value. `defaultName` is used only when `name` is null or undefined; both missing with
 * `values` given is TensorFlow's ValueError, and both missing without values resets to the root
 * scope. `defaultName` and `values` may also come in a trailing `{ defaultName, values }` object.
 */
export function nameScope<R>(name: string | null, fn: (scope: string) => R): R;
export function nameScope<R>(name: string | null, defaultName: string | null, fn: (scope: string) => R): R;
export function nameScope<R>(name: string | null, defaultName: string | null, values: readonly unknown[] | null, fn: (scope: string) => R): R;
export function nameScope<R>(name: string | null, options: NameScopeOptions, fn: (scope: string) => R): R;
export function nameScope(name: string | null, defaultName?: string | null, values?: readonly unknown[] | null): Scope<string>;
export function nameScope(name: string | null, options: NameScopeOptions): Scope<string>;
export function nameScope(...args: unknown[]): unknown {
  const fn = typeof args[args.length - 1] === 'function' ? (args.pop() as (s: string) => unknown) : undefined;
  const a = normalizeArgs('nameScope', ['name', 'defaultName', 'values'], args);
  const name = a.name ?? null;
  const defaultName = a.defaultName ?? null;
  // TensorFlow's internal_name_scope_v1 checks, in its order.
  if (defaultName !== null && typeof defaultName !== 'string') {
    throw new TypeError(
      `\`default_name\` type (${jsTypeName(defaultName)}) is not a string type. You likely meant to pass this into the \`values\` kwarg.`,
    );
  }
  if (name === null && defaultName === null && a.values !== undefined && a.values !== null) {
    throw new ValueError('At least one of name (None) and default_name (None) must be provided.');
  }
  const values = a.values === undefined || a.values === null ? null : valuesList(a.values);
  if (name !== null && typeof name !== 'string') throw new TypeError(`expected string or bytes-like object, got '${jsTypeName(name)}'`);
  return enterNameScope((name ?? defaultName) as string | null, name as string | null, defaultName, values, fn);
}

/** `tf.nameScope`'s trailing options. */
export interface NameScopeOptions {
  defaultName?: string | null;
  values?: readonly unknown[] | null;
}

/** `values` as TensorFlow iterates it: an array (or any iterable); a tensor or a non-iterable is refused. */
function valuesList(v: unknown): readonly unknown[] {
  if (Array.isArray(v)) return v;
  if (v instanceof Tensor || v instanceof Variable) {
    throw new OperatorNotAllowedInGraphError(
      'Using a symbolic `tf.Tensor` as a Python `bool` is not allowed. (tf.nameScope takes `values` as an array: pass [t], not t.)',
    );
  }
  if (typeof v === 'string') return [...v];
  if (typeof v === 'object' && v !== null && typeof (v as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function') {
    return [...(v as Iterable<unknown>)];
  }
  throw new TypeError(`'${jsTypeName(v)}' object is not iterable`);
}

function enterNameScope<R>(
  scopeName: string | null,
  name: string | null,
  defaultName: string | null,
  values: readonly unknown[] | null,
  fn?: (scope: string) => R,
): R | Scope<string> {
  if (name === null && defaultName === null && values !== null) {
    throw new ValueError('At least one of name (None) and default_name (None) must be provided.');
  }
  const g = graphOfInputs(values ?? []);
  if (g === getDefaultGraph()) return fn ? g._atomically(() => g.nameScope(scopeName, fn)) : g.nameScope(scopeName);
  // The values' graph becomes the default graph inside the scope, as TensorFlow's v1 name_scope does.
  if (fn) return g.asDefault(() => g._atomically(() => g.nameScope(scopeName, fn)));
  const outer = g.asDefault();
  const inner = g.nameScope(scopeName);
  const exit = () => {
    inner.exit();
    outer.exit();
  };
  return { value: inner.value, exit, [Symbol.dispose]: exit };
}

/** Nested arrays of group inputs, flattened; an array that contains itself is refused. */
function flattenInputs(xs: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  const path = new Set<unknown>();
  const walk = (v: unknown) => {
    if (!Array.isArray(v)) {
      out.push(v);
      return;
    }
    if (path.has(v)) throw new TypeError('tf.group: the inputs contain themselves (a cyclic array).');
    path.add(v);
    for (const x of v) walk(x);
    path.delete(v);
  };
  walk(xs);
  return out;
}

/** What `tf.group` takes: ops, tensors, variables, or arrays of them. */
export type GroupInput = Tensor | Operation | Variable | readonly GroupInput[];

/** `tf.group(...inputs, { name })`: one NoOp that runs all inputs (named `group_deps` by default). */
export function group(...inputs: (GroupInput | { name?: string })[]): Operation;
export function group(...args: (GroupInput | { name?: string })[]): Operation {
  const last = args[args.length - 1];
  const opts = (isOptionsObject(last) ? last : {}) as Record<string, unknown>;
  const unknown = Object.keys(opts).filter((k) => k !== 'name');
  if (unknown.length > 0) throw new ValueError(`Unknown keyword arguments: ${unknown.join(', ')}`);
  const inputs = flattenInputs(opts === last ? args.slice(0, -1) : args);
  for (const x of inputs) {
    if (!(x instanceof Tensor || x instanceof Operation || x instanceof Variable)) {
      throw new TypeError(`Expected tf.group() expected Tensor arguments not '${String(x)}' with type '${typeof x}'`);
    }
  }
  const name = (opts.name as string | undefined) ?? null;
  return enterNameScope(name ?? 'group_deps', name, 'group_deps', inputs, (scope) => {
    const g = getDefaultGraph();
    if (inputs.length === 0) return applyOpAsOperation(NoOp, [], {}, scope);
    return g.controlDependencies(inputs, () => applyOpAsOperation(NoOp, [], {}, scope));
  }) as Operation;
}

/** `tf.withDependencies(dependencies, outputTensor, name)`: `identity(t)` that runs after the deps. */
export function withDependencies(dependencies: readonly unknown[], outputTensor: Tensor, name?: string): Tensor {
  return enterNameScope(name ?? 'control_dependency', name ?? null, 'control_dependency', [...dependencies, outputTensor], (scope) =>
    getDefaultGraph().controlDependencies(dependencies, () => graphOp1(Identity, [outputTensor], {}, scope)),
  ) as Tensor;
}

/** `tf.convertToTensor`'s parameters by name, for an options object at any position after `value`. */
export interface ConvertToTensorOptions {
  dtype?: DTypeLike | null;
  name?: string | null;
  preferredDtype?: DTypeLike | null;
  /** TensorFlow 2's name for `preferredDtype`. */
  dtypeHint?: DTypeLike | null;
}

/**
 * `tf.convertToTensor(value, dtype, name, preferredDtype, dtypeHint)`: a tensor, variable or JS
 * value as a tensor of the default graph (JS values become a Const).
 */
export function convertToTensor(
  value: unknown,
  dtype?: DTypeLike | null | ConvertToTensorOptions,
  name?: string | null | ConvertToTensorOptions,
  preferredDtype?: DTypeLike | null | ConvertToTensorOptions,
  dtypeHint?: DTypeLike | null | ConvertToTensorOptions,
): Tensor;
export function convertToTensor(...args: unknown[]): Tensor {
  const a = normalizeArgs('convertToTensor', ['value', 'dtype', 'name', 'preferredDtype', 'dtypeHint'], args);
  const dt = (x: unknown) => (x === undefined || x === null ? undefined : toDType(x));
  return withBuildSite(() => convertValue(a.value, dt(a.dtype), (a.name as string | undefined) ?? undefined, dt(a.preferredDtype ?? a.dtypeHint)));
}

// ---- collections on the default graph ----------------------------------------------------------

export const getCollection = <T = unknown>(key: string, scope?: string | null): T[] => getDefaultGraph().getCollection<T>(key, scope);
export const getCollectionRef = <T = unknown>(key: string): T[] => getDefaultGraph().getCollectionRef<T>(key);
export const addToCollection = (name: string, value: unknown): void => getDefaultGraph().addToCollection(name, value);
export const addToCollections = (names: string | readonly string[], value: unknown): void =>
  getDefaultGraph().addToCollections(names, value);

// ---- variables ------------------------------------------------------------------------------------

export const globalVariables = (scope?: string | null): Variable[] => getCollection<Variable>(GraphKeys.GLOBAL_VARIABLES, scope);
export const localVariables = (scope?: string | null): Variable[] => getCollection<Variable>(GraphKeys.LOCAL_VARIABLES, scope);
export const trainableVariables = (scope?: string | null): Variable[] =>
  getCollection<Variable>(GraphKeys.TRAINABLE_VARIABLES, scope);
export const modelVariables = (scope?: string | null): Variable[] => getCollection<Variable>(GraphKeys.MODEL_VARIABLES, scope);

/** `tf.variablesInitializer(varList, name='init')`: a group of the initializers (a NoOp when empty). */
export function variablesInitializer(varList: readonly Variable[], name = 'init'): Operation {
  if (varList.length > 0) return group(...varList.map((v) => v.initializer), { name });
  return applyOpAsOperation(NoOp, [], {}, name);
}

/** `tf.globalVariablesInitializer()`: the op named `init` that initializes every global variable. */
export const globalVariablesInitializer = (): Operation => variablesInitializer(globalVariables());
export const localVariablesInitializer = (): Operation => variablesInitializer(localVariables(), 'init');
/** The TF 0.x name of `globalVariablesInitializer`. */
export const initializeAllVariables = globalVariablesInitializer;

/** `tf.isVariableInitialized(variable)`: a bool scalar; never fails. */
export function isVariableInitialized(variable: Variable): Tensor {
  return graphOp1(IsVariableInitialized, [variable], {}, 'IsVariableInitialized');
}

/**
 * `tf.reportUninitializedVariables(varList, name)`: a 1-D string tensor of the op names of the
 * variables not yet initialized in the session that runs it (empty when all are).
 */
export function reportUninitializedVariables(varList?: readonly Variable[] | null, name = 'report_uninitialized_variables'): Tensor {
  const list = varList ?? [...globalVariables(), ...localVariables()];
  const g = getDefaultGraph();
  return g.nameScope(name, () => {
    if (list.length === 0) return asGraphTensor(constant([], 'string'));
    const inits = list.map((v) => graphOp1(IsVariableInitialized, [v], {}, 'IsVariableInitialized'));
    const mask = graphOp1(LogicalNot, [graphOp1(Pack, [inits], {}, 'stack')], {});
    const names = constant(list.map((v) => v.op.name), 'string');
    return asGraphTensor(booleanMask(names, mask));
  });
}
