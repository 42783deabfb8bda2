// TF1 variable scopes and get_variable (TensorFlow's variable_scope.py): a per-graph store of the
// variables get_variable created, by full name, and a per-graph stack of VariableScope objects.
import { type DType, type DTypeLike, isFloating, toDType } from '../core/dtypes.js';
import { RuntimeError, ValueError } from '../core/errors.js';
import { jsTypeName } from '../core/convert.js';
import { type ShapeLike, TensorShape } from '../core/shape.js';
import { normalizeArgs } from '../ops/args.js';
import { zeros } from '../ops/defs/array/zeros-ones.js';
import type { TensorInput } from '../ops/types.js';
import { getDefaultGraph, type Graph } from './graph.js';
import { convertToTensor, graphOfInputs } from './graph-context.js';
import { GraphKeys } from './graph-keys.js';
import { type Scope, scoped } from './stack.js';
import type { Tensor } from './tensor.js';
import { Variable } from './variable.js';

/** `tf.AUTO_REUSE`: get_variable creates the variable when missing and returns it otherwise. */
export const AUTO_REUSE: unique symbol = Symbol('AUTO_REUSE');
export type Reuse = boolean | typeof AUTO_REUSE | null;

/** An initializer object (`tf.initializers.*`, `tf.glorotUniformInitializer()`…): `call(shape, dtype)`. */
export interface InitializerLike {
  call(shape: number[], dtype?: DType, partitionInfo?: unknown): Tensor;
}
/** A plain initializer function, `(shape, dtype) => value`. */
export type InitializerFn = (shape: number[], dtype: DType) => TensorInput;
/** What `initializer` may be: an initializer object or function, or an initial value (shape omitted). */
export type InitializerArg = InitializerLike | InitializerFn | TensorInput;
/** A regularizer: the loss of a variable, or null for none. */
export type Regularizer = (v: Variable) => Tensor | null | undefined;
/** `customGetter(getter, name, options)`: wraps get_variable (TensorFlow's custom_getter). */
export type CustomGetter = (getter: (name: string, options?: GetVariableOptions) => Variable, name: string, options: GetVariableOptions) => Variable;

/** `tf.getVariable`'s parameters by name. */
export interface GetVariableOptions {
  shape?: ShapeLike | null;
  dtype?: DTypeLike | null;
  initializer?: InitializerArg | null;
  regularizer?: Regularizer | null;
  trainable?: boolean | null;
  collections?: readonly string[] | null;
  cachingDevice?: string | null;
  partitioner?: unknown;
  validateShape?: boolean;
  useResource?: boolean | null;
  customGetter?: CustomGetter | null;
  constraint?: unknown;
  synchronization?: unknown;
  aggregation?: unknown;
  /** Set by the scope (TensorFlow passes it to the store); not a tf.getVariable parameter. */
  reuse?: Reuse;
}

const GET_VARIABLE_PARAMS = [
  'name', 'shape', 'dtype', 'initializer', 'regularizer', 'trainable', 'collections', 'cachingDevice', 'partitioner',
  'validateShape', 'useResource', 'customGetter', 'constraint', 'synchronization', 'aggregation',
];

/** The default initializer for floating-point variables (glorot_uniform), registered by the train layer. */
let defaultFloatInitializer: (() => InitializerLike) | null = null;
/** @internal Registers the default float initializer (train/initializers' GlorotUniform). */
export function _setDefaultFloatInitializer(f: () => InitializerLike): void {
  defaultFloatInitializer = f;
}

const isInitializerObject = (x: unknown): x is InitializerLike =>
  typeof x === 'object' && x !== null && typeof (x as { call?: unknown }).call === 'function' && !(x instanceof Variable);
const isCallableInit = (x: unknown): boolean => typeof x === 'function' || isInitializerObject(x);

/** A TF1 variable scope: the name prefix and defaults (reuse, initializer, …) for getVariable. */
export class VariableScope {
  constructor(
    public reuse: Reuse,
    readonly name = '',
    public initializer: InitializerArg | null = null,
    public regularizer: Regularizer | null = null,
    public cachingDevice: string | null = null,
    public partitioner: unknown = null,
    public customGetter: CustomGetter | null = null,
    private readonly nameScope = '',
    public dtype: DType = 'float32',
    public useResource: boolean | null = null,
    public constraint: unknown = null,
  ) {}

  /** The name scope opened when this scope was first entered (`dense/`). */
  get originalNameScope(): string {
    return this.nameScope;
  }

  /** Later getVariable calls in this scope reuse existing variables. */
  reuseVariables(): void {
    this.reuse = true;
  }
  setInitializer(initializer: InitializerArg | null): void {
    this.initializer = initializer;
  }
  setDtype(dtype: DTypeLike): void {
    this.dtype = toDType(dtype);
  }
  setRegularizer(regularizer: Regularizer | null): void {
    this.regularizer = regularizer;
  }
  setCachingDevice(device: string | null): void {
    this.cachingDevice = device;
  }
  setPartitioner(partitioner: unknown): void {
    this.partitioner = partitioner;
  }
  setCustomGetter(getter: CustomGetter | null): void {
    this.customGetter = getter;
  }
  setUseResource(useResource: boolean | null): void {
    this.useResource = useResource;
  }

  /** The collection's items whose names start with this scope's name. */
  getCollection<T = unknown>(name: string): T[] {
    return getDefaultGraph().getCollection<T>(name, this.name ? `${this.name}/` : '');
  }
  trainableVariables(): Variable[] {
    return this.getCollection<Variable>(GraphKeys.TRAINABLE_VARIABLES);
  }
  globalVariables(): Variable[] {
    return this.getCollection<Variable>(GraphKeys.GLOBAL_VARIABLES);
  }
  localVariables(): Variable[] {
    return this.getCollection<Variable>(GraphKeys.LOCAL_VARIABLES);
  }

  /** @internal TensorFlow's VariableScope.get_variable: the scope's defaults, the full name, the store. */
  _getVariable(store: VariableStore, name: string, o: GetVariableOptions): Variable {
    const opts: GetVariableOptions = { ...o };
    opts.regularizer ??= this.regularizer;
    opts.cachingDevice ??= this.cachingDevice;
    opts.partitioner ??= this.partitioner;
    opts.customGetter ??= this.customGetter;
    if (opts.reuse === undefined || opts.reuse === null) opts.reuse = this.reuse;
    opts.useResource ??= this.useResource;
    const fullName = this.name ? `${this.name}/${name}` : name;
    // Variable names depend only on the variable scope: the name scope is reset while creating.
    return getDefaultGraph().nameScope(null, () => {
      if (opts.dtype !== undefined && opts.dtype !== null && opts.initializer !== undefined && opts.initializer !== null && !isCallableInit(opts.initializer)) {
        const initDtype = convertToTensor(opts.initializer).dtype;
        const dtype = toDType(opts.dtype);
        if (initDtype !== dtype) {
          throw new ValueError(`Initializer type '<dtype: '${initDtype}'>' and explicit dtype '<dtype: '${dtype}'>' don't match.`);
        }
      }
      opts.initializer ??= this.initializer;
      opts.constraint ??= this.constraint;
      if (opts.dtype === undefined || opts.dtype === null) opts.dtype = this.dtype;
      return store.getVariable(fullName, opts);
    });
  }
}

/** The variables getVariable created in one graph, by full name (TensorFlow's _VariableStore). */
export class VariableStore {
  readonly vars = new Map<string, Variable>();

  getVariable(name: string, opts: GetVariableOptions): Variable {
    const trueGetter = (n: string, o: GetVariableOptions = {}): Variable => {
      const shape = o.shape;
      const isScalar = Array.isArray(shape) && shape.length === 0;
      if (o.partitioner !== undefined && o.partitioner !== null && !isScalar) {
        throw new ValueError(`getVariable: partitioned variables are not supported (variable ${n} was given a partitioner).`);
      }
      if (o.useResource === true) {
        throw new ValueError(`getVariable: resource variables are not supported in tensorgraph/v1 (variable ${n}: useResource=true).`);
      }
      return this.getSingleVariable(n, o);
    };
    const custom = opts.customGetter;
    if (custom !== undefined && custom !== null) {
      if (typeof custom !== 'function') throw new ValueError(`Passed a custom_getter which is not callable: ${String(custom)}`);
      const { customGetter: _, ...rest } = opts;
      return custom(trueGetter, name, rest);
    }
    return trueGetter(name, opts);
  }

  private getSingleVariable(name: string, o: GetVariableOptions): Variable {
    const initializer = o.initializer ?? null;
    let fromValue = initializer !== null && !isCallableInit(initializer);
    if (o.shape !== undefined && o.shape !== null && fromValue) throw new ValueError('If initializer is a constant, do not specify shape.');
    const dtype: DType = o.dtype === undefined || o.dtype === null ? 'float32' : toDType(o.dtype);
    const shape = o.shape === undefined || o.shape === null ? null : TensorShape.from(o.shape);
    const reuse = o.reuse ?? null;
    const found = this.vars.get(name);
    if (found) {
      if (reuse === false) {
        const site = found.op.creationSite;
        throw new ValueError(
          `Variable ${name} already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope? Originally defined at:\n\n${site ? `  ${site}\n` : ''}`,
        );
      }
      if (shape !== null && !shape.isCompatibleWith(found.shape)) {
        throw new ValueError(`Trying to share variable ${name}, but specified shape ${shape.toString()} and found shape ${found.shape.toString()}.`);
      }
      if (dtype !== found.dtype) {
        throw new ValueError(`Trying to share variable ${name}, but specified dtype ${dtype} and found dtype ${found.dtype}_ref.`);
      }
      return found;
    }
    if (reuse === true) {
      throw new ValueError(
        `Variable ${name} does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?`,
      );
    }
    let init: unknown = initializer;
    if (init === null) {
      if (shape === null) throw new ValueError(`Variable ${name} did not get an initializer, so its \`shape\` argument must be specified.`);
      init = defaultInitializer(name, dtype);
      fromValue = false;
    }
    let initialValue: unknown;
    let variableDtype: DType | undefined;
    if (fromValue) {
      initialValue = init;
    } else if (shape?.isFullyDefined()) {
      const dims = shape.asList() as number[];
      initialValue = isInitializerObject(init) ? () => init.call(dims, dtype) : () => (init as InitializerFn)(dims, dtype);
      variableDtype = dtype;
    } else if (typeof init === 'function' && init.length === 0) {
      initialValue = init;
    } else {
      throw new ValueError(
        "The initializer passed is not valid. It should be a callable with no arguments and the shape should not be provided or an instance of `tf.keras.initializers.*' and `shape` should be fully defined.",
      );
    }
    const v = new Variable(initialValue as TensorInput, {
      name,
      trainable: o.trainable ?? true,
      collections: o.collections ?? undefined,
      cachingDevice: o.cachingDevice ?? undefined,
      dtype: variableDtype,
      validateShape: o.validateShape ?? true,
      constraint: o.constraint ?? undefined,
      shape: shape ?? undefined,
    });
    this.vars.set(name, v);
    const regularizer = o.regularizer;
    if (regularizer) {
      const g = v.graph;
      const loss = g._withColocation(v.op.colocationGroups(), () => g.nameScope(`${name}/Regularizer/`, () => regularizer(v)));
      if (loss !== null && loss !== undefined) g.addToCollection(GraphKeys.REGULARIZATION_LOSSES, loss);
    }
    return v;
  }
}

/** TensorFlow's _get_default_initializer: glorot_uniform for floats, zeros for ints, bools, strings. */
function defaultInitializer(name: string, dtype: DType): InitializerLike {
  if (isFloating(dtype)) {
    if (!defaultFloatInitializer) throw new ValueError(`getVariable: no default initializer is registered for floating-point variable ${name}; pass one.`);
    return defaultFloatInitializer();
  }
  return { call: (shape, dt) => zeros(shape, dt ?? dtype) as Tensor };
}

/** A graph's variable-scope state (TensorFlow's _VariableScopeStore). */
class ScopeStore {
  current = new VariableScope(false);
  counts = new Map<string, number>();

  open(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }
  closeSubscopes(name: string): void {
    const prefix = `${name}/`;
    for (const k of this.counts.keys()) if (k.startsWith(prefix)) this.counts.set(k, 0);
  }
  count(name: string): number {
    return this.counts.get(name) ?? 0;
  }
}

const stores = new WeakMap<Graph, { vars: VariableStore; scopes: ScopeStore }>();
function storesOf(g: Graph): { vars: VariableStore; scopes: ScopeStore } {
  let s = stores.get(g);
  if (!s) {
    s = { vars: new VariableStore(), scopes: new ScopeStore() };
    stores.set(g, s);
  }
  return s;
}

/** `tf.getVariableScope()`: the current variable scope of the default graph. */
export function getVariableScope(): VariableScope {
  return storesOf(getDefaultGraph()).scopes.current;
}

/** @internal The default graph's variable store. */
export function _getVariableStore(): VariableStore {
  return storesOf(getDefaultGraph()).vars;
}

/**
 * `tf.getVariable(name, shape, dtype, initializer, regularizer, trainable, collections, …)`: the
 * variable `<scope>/<name>`, created (reuse false or AUTO_REUSE) or looked up (reuse true or
 * AUTO_REUSE) in the default graph's store.
 */
export function getVariable(name: string, shape?: ShapeLike | null | GetVariableOptions, dtype?: DTypeLike | null | GetVariableOptions, initializer?: InitializerArg | null | GetVariableOptions, ...rest: unknown[]): Variable;
export function getVariable(...args: unknown[]): Variable {
  const a = normalizeArgs('getVariable', GET_VARIABLE_PARAMS, args);
  const name = a.name;
  if (typeof name !== 'string') throw new TypeError(`getVariable: name must be a string, got ${jsTypeName(name)}`);
  const { name: _, ...opts } = a;
  return getVariableScope()._getVariable(_getVariableStore(), name, opts as GetVariableOptions);
}

/** `tf.variableScope`'s parameters by name. */
export interface VariableScopeOptions {
  defaultName?: string | null;
  values?: readonly unknown[] | null;
  initializer?: InitializerArg | null;
  regularizer?: Regularizer | null;
  cachingDevice?: string | null;
  partitioner?: unknown;
  customGetter?: CustomGetter | null;
  reuse?: Reuse;
  dtype?: DTypeLike | null;
  useResource?: boolean | null;
  constraint?: unknown;
  auxiliaryNameScope?: boolean;
}

const SCOPE_PARAMS = [
  'nameOrScope', 'defaultName', 'values', 'initializer', 'regularizer', 'cachingDevice', 'partitioner', 'customGetter',
  'reuse', 'dtype', 'useResource', 'constraint', 'auxiliaryNameScope',
];

/**
 * `tf.variableScope(nameOrScope, defaultName, values, initializer, …, fn?)`: opens a variable scope
 * (and a name scope beside it, so ops inside are named `dense/MatMul`). The callback gets the
 * VariableScope; without a callback it returns a Scope for `using` (`value` is the VariableScope).
 */
export function variableScope<R>(nameOrScope: string | VariableScope | null, fn: (scope: VariableScope) => R): R;
export function variableScope<R>(nameOrScope: string | VariableScope | null, options: VariableScopeOptions, fn: (scope: VariableScope) => R): R;
export function variableScope<R>(nameOrScope: string | VariableScope | null, defaultName: string | null, fn: (scope: VariableScope) => R): R;
export function variableScope<R>(nameOrScope: string | VariableScope | null, defaultName: string | null, options: VariableScopeOptions, fn: (scope: VariableScope) => R): R;
export function variableScope<R>(nameOrScope: string | VariableScope | null, defaultName: string | null, values: readonly unknown[] | null, fn: (scope: VariableScope) => R): R;
export function variableScope(nameOrScope: string | VariableScope | null, options?: VariableScopeOptions): Scope<VariableScope>;
export function variableScope(nameOrScope: string | VariableScope | null, defaultName?: string | null, values?: readonly unknown[] | null, options?: VariableScopeOptions): Scope<VariableScope>;
export function variableScope(...args: unknown[]): unknown {
  const fn = typeof args[args.length - 1] === 'function' ? (args.pop() as (s: VariableScope) => unknown) : undefined;
  const a = normalizeArgs('variableScope', SCOPE_PARAMS, args) as VariableScopeOptions & { nameOrScope?: string | VariableScope | null };
  const nameOrScope = a.nameOrScope ?? null;
  const defaultName = a.defaultName ?? null;
  if (defaultName === null && nameOrScope === null) throw new TypeError('If default_name is None then name_or_scope is required');
  let reuse = a.reuse ?? null;
  if (reuse === false) reuse = null; // no non-inheriting scopes: False means None here
  if (!(reuse === true || reuse === null || reuse === AUTO_REUSE)) throw new ValueError('The reuse parameter must be True or False or None.');
  const aux = a.auxiliaryNameScope ?? true;
  if (typeof aux !== 'boolean') {
    throw new TypeError(`The auxiliary_name_scope must be \`True\` or \`False\`, while get ${String(aux)}`);
  }
  const g = graphOfInputs(a.values ?? []);
  return scoped(() => enterScope(g, nameOrScope, defaultName, reuse, aux, a), fn);
}

function enterScope(
  g: Graph,
  nameOrScope: string | VariableScope | null,
  defaultName: string | null,
  reuse: Reuse,
  aux: boolean,
  a: VariableScopeOptions,
): [VariableScope, () => void] {
  const exits: (() => void)[] = [];
  const leave = () => {
    // Inner first; every exit runs even if one throws (the last error wins, as nested `with`).
    let err: unknown = null;
    while (exits.length > 0) {
      try {
        (exits.pop() as () => void)();
      } catch (e) {
        err = e;
      }
    }
    if (err !== null) throw err;
  };
  try {
    if (g !== getDefaultGraph() && g.outerGraph === null) exits.push(g.asDefault().exit);
    // auxiliary_name_scope=false re-enters the current name scope instead of opening a new one.
    const reenter = (): Scope<string> => {
      const ns = g.getNameScope();
      return g.nameScope(ns ? `${ns}/` : '');
    };
    let scope: VariableScope;
    if (nameOrScope !== null) {
      if (!(typeof nameOrScope === 'string' || nameOrScope instanceof VariableScope)) {
        throw new TypeError('VariableScope: name_or_scope must be a string or VariableScope.');
      }
      const nsName = typeof nameOrScope === 'string' ? nameOrScope : (nameOrScope.name.split('/').pop() as string);
      let oldNameScope: string | null = null;
      if (nsName || !aux) {
        const ns = aux ? g.nameScope(nsName) : reenter();
        exits.push(ns.exit);
        oldNameScope = typeof nameOrScope === 'string' ? ns.value : nameOrScope.originalNameScope;
      }
      scope = enterPure(g, nameOrScope, reuse, oldNameScope, a, exits);
    } else {
      if (reuse) throw new ValueError('reuse=True cannot be used without a name_or_scope');
      const ns = aux ? g.nameScope(defaultName) : reenter();
      exits.push(ns.exit);
      const unique = uniqueVariableScope(g, defaultName as string);
      scope = enterPure(g, unique, null, ns.value, a, exits);
    }
    return [scope, leave];
  } catch (e) {
    leave();
    throw e;
  }
}

/** TensorFlow's _get_unique_variable_scope: `layer`, `layer_1`, … among the open scopes' siblings. */
function uniqueVariableScope(g: Graph, prefix: string): string {
  const { scopes } = storesOf(g);
  const cur = scopes.current;
  const name = cur.name ? `${cur.name}/${prefix}` : prefix;
  if (scopes.count(name) === 0) return prefix;
  let i = 1;
  while (scopes.count(`${name}_${i}`) > 0) i += 1;
  return `${prefix}_${i}`;
}

/** TensorFlow's _pure_variable_scope: the VariableScope object and the store's counts (no name scope). */
function enterPure(
  g: Graph,
  nameOrScope: string | VariableScope,
  reuse: Reuse,
  oldNameScope: string | null,
  a: VariableScopeOptions,
  exits: (() => void)[],
): VariableScope {
  const store = storesOf(g).scopes;
  const old = store.current;
  let scope: VariableScope;
  let newName: string;
  let restore: () => void;
  if (nameOrScope instanceof VariableScope) {
    const s = nameOrScope;
    newName = s.name;
    store.open(newName);
    const saved = new Map(store.counts);
    scope = new VariableScope(reuse ? reuse : s.reuse, newName, s.initializer, s.regularizer, s.cachingDevice, s.partitioner, s.customGetter,
      s.originalNameScope, s.dtype, s.useResource, a.constraint ?? null);
    restore = () => {
      store.counts = saved;
    };
  } else {
    newName = old.name ? `${old.name}/${nameOrScope}` : nameOrScope;
    const inherited = reuse || old.reuse; // reuse is inherited by sub-scopes
    scope = new VariableScope(inherited, newName, old.initializer, old.regularizer, old.cachingDevice, old.partitioner, old.customGetter,
      oldNameScope ?? nameOrScope, old.dtype, old.useResource, a.constraint ?? null);
    store.open(newName);
    restore = () => store.closeSubscopes(newName);
  }
  if (a.initializer !== undefined && a.initializer !== null) scope.setInitializer(a.initializer);
  if (a.regularizer !== undefined && a.regularizer !== null) scope.setRegularizer(a.regularizer);
  if (a.cachingDevice !== undefined && a.cachingDevice !== null) scope.setCachingDevice(a.cachingDevice);
  if (a.partitioner !== undefined && a.partitioner !== null) scope.setPartitioner(a.partitioner);
  if (a.customGetter !== undefined && a.customGetter !== null) {
    const inner = nameOrScope instanceof VariableScope ? nameOrScope.customGetter : old.customGetter;
    scope.setCustomGetter(wrapCustomGetter(a.customGetter, inner));
  }
  if (a.dtype !== undefined && a.dtype !== null) scope.setDtype(a.dtype);
  if (a.useResource !== undefined && a.useResource !== null) scope.setUseResource(a.useResource);
  store.current = scope;
  exits.push(() => {
    if (store.current !== scope) throw new RuntimeError('Improper nesting of variable_scope.');
    restore();
    store.current = old;
  });
  return scope;
}

/** A new custom getter that calls the enclosing scope's one (TensorFlow's _maybe_wrap_custom_getter). */
function wrapCustomGetter(getter: CustomGetter, outer: CustomGetter | null): CustomGetter {
  if (!outer) return getter;
  return (trueGetter, name, opts) => getter((n, o) => outer(trueGetter, n, o ?? {}), name, opts);
}
