import { AssertionError as AssertionErrorImpl, KeyError, RuntimeError, ValueError } from '../core/errors.js';
import { jsTypeName } from '../core/convert.js';
import type { TensorShape } from '../core/shape.js';
import type { OpDef } from '../ops/opdef.js';
import type { AttrValue } from '../ops/types.js';
import { captureStack } from './creation-site.js';
import { Operation } from './operation.js';
import { DefaultStack, type Scope, scoped } from './stack.js';
import { Tensor } from './tensor.js';

// TensorFlow's _VALID_OP_NAME_REGEX / _VALID_SCOPE_NAME_REGEX (their source text appears in messages).
const VALID_OP_NAME = /^[A-Za-z0-9.][A-Za-z0-9_.\\/>-]*$/;
const VALID_SCOPE_NAME = /^[A-Za-z0-9_.\\/>-]*$/;

/** The GraphDef-shaped plain object of `asGraphDef()`. */
export interface GraphDefObject {
  node: Operation['nodeDef'][];
  versions: { producer: number };
  library?: { function: { signature: { name: string }; nodeDef: Operation['nodeDef'][] }[] };
}

/** One `controlDependencies` block: its control inputs and the ops created inside it. */
interface ControlDepsController {
  readonly controlInputs: readonly Operation[];
  readonly seen: Set<Operation>;
}

/** Something with a `name`, for `getCollection(key, scope)` filtering. */
interface Named {
  readonly name?: unknown;
}

let graphCounter = 0;

/**
 * A TensorFlow graph: an append-only set of operations with names, name scopes, control
 * dependencies and collections. It holds no values; sessions run it.
 */
export class Graph {
  private readonly ops: Operation[] = [];
  private readonly byName = new Map<string, Operation>();
  private readonly namesInUse = new Map<string, number>();
  private nameStack = '';
  private controlStack: ControlDepsController[] = [];
  private readonly collectionMap = new Map<string, unknown[]>();
  private isFinalized = false;
  private lastId = 0;
  private readonly unfeedable = new Set<Tensor>();
  private readonly unfetchable = new Set<Operation>();
  private containerName = '';
  private colocation: readonly string[] | null = null;
  /** The graph-level random seed (`tf.setRandomSeed`), null when unset. */
  seed: number | null = null;
  /** A number unique to this graph object, for messages. */
  readonly key = ++graphCounter;
  /** The function library: FuncGraphs (If branches, While bodies) by name. */
  private readonly functions = new Map<string, Graph>();

  /** The graph a FuncGraph is traced in (null for an ordinary graph). */
  get outerGraph(): Graph | null {
    return null;
  }

  /** Whether ops of `g` may be used here: `g` is this graph or one this graph is traced in. */
  _encloses(g: Graph): boolean {
    for (let c: Graph | null = this; c !== null; c = c.outerGraph) if (c === g) return true;
    return false;
  }

  /** @internal A tensor of an enclosing graph as a tensor of this one (FuncGraph captures). */
  _capture(t: Tensor): Tensor {
    throw new ValueError(`Tensor ${t.toString()} must be from the same graph as this graph.`);
  }

  /** @internal Adds a function to the library of the outermost graph (TensorFlow's `_add_function`). */
  _addFunction(name: string, fn: Graph): void {
    const root = this.outerGraph ? this.outermost() : this;
    if (root.functions.has(name)) throw new ValueError(`Function ${name} already exists in the graph's library.`);
    root.functions.set(name, fn);
  }

  /** A function of the library by name (FuncGraphs look in their outermost graph's). */
  getFunction(name: string): Graph | undefined {
    return this.outermost().functions.get(name);
  }

  /** The names of the library's functions, in the order they were added. */
  functionNames(): string[] {
    return [...this.outermost().functions.keys()];
  }

  private outermost(): Graph {
    let c: Graph = this;
    while (c.outerGraph) c = c.outerGraph;
    return c;
  }

  // ---- default graph -------------------------------------------------------------------------

  /** Makes this the default graph inside `fn`, or until the returned scope is disposed (`using`). */
  asDefault(): Scope<Graph>;
  asDefault<R>(fn: (g: Graph) => R): R;
  asDefault<R>(fn?: (g: Graph) => R): R | Scope<Graph> {
    return scoped(() => [this, defaultGraphStack.push(this)], fn);
  }

  // ---- naming ---------------------------------------------------------------------------------

  /**
   * TensorFlow's `unique_name`: prefixes the name scope, then appends `_N` until unused.
   * Keys are case-insensitive; the returned name keeps the caller's capitalization.
   */
  uniqueName(name: string, markAsUsed = true): string {
    let full = this.nameStack ? `${this.nameStack}/${name}` : name;
    let key = full.toLowerCase();
    let i = this.namesInUse.get(key) ?? 0;
    if (markAsUsed) this.namesInUse.set(key, i + 1);
    if (i > 0) {
      const base = key;
      while (this.namesInUse.has(key)) {
        key = `${base}_${i}`;
        i += 1;
      }
      if (markAsUsed) this.namesInUse.set(key, 1);
      full = `${full}_${i - 1}`;
    }
    return full;
  }

  /** The current name scope, without trailing slash ('' at the root). */
  getNameScope(): string {
    return this.nameStack;
  }

  /**
   * TensorFlow's `Graph.name_scope`: `'foo'` opens `foo/` (uniquified), a name ending in `/`
   * re-enters that exact scope, `''`/null returns to the root. The value is the scope string.
   */
  nameScope(name: string | null): Scope<string>;
  nameScope<R>(name: string | null, fn: (scope: string) => R): R;
  nameScope<R>(name: string | null, fn?: (scope: string) => R): R | Scope<string> {
    if (name !== null && name !== undefined && typeof name !== 'string') {
      throw new TypeError(`A name scope must be a string or null, got ${typeof name}`);
    }
    return scoped(() => {
      if (name) {
        if (this.nameStack) {
          if (!VALID_SCOPE_NAME.test(name)) {
            throw new ValueError(
              `'${name}' is not a valid scope name. A scope name has to match the following pattern: ${VALID_SCOPE_NAME.source}`,
            );
          }
        } else if (!VALID_OP_NAME.test(name)) {
          throw new ValueError(
            `'${name}' is not a valid root scope name. A root scope name has to match the following pattern: ${VALID_OP_NAME.source}`,
          );
        }
      }
      const old = this.nameStack;
      let scope: string;
      if (!name) {
        this.nameStack = '';
        scope = '';
      } else if (name.endsWith('/')) {
        this.nameStack = name.slice(0, -1);
        scope = name;
      } else {
        this.nameStack = this.uniqueName(name);
        scope = `${this.nameStack}/`;
      }
      return [
        scope,
        () => {
          this.nameStack = old;
        },
      ];
    }, fn);
  }

  /** TensorFlow's `Graph.container`: stateful ops created inside get this `container` attr. */
  container(name: string): Scope<string>;
  container<R>(name: string, fn: (name: string) => R): R;
  container<R>(name: string, fn?: (name: string) => R): R | Scope<string> {
    return scoped(() => {
      const old = this.containerName;
      this.containerName = name;
      return [
        name,
        () => {
          this.containerName = old;
        },
      ];
    }, fn);
  }

  /** @internal the container for new stateful ops. */
  get _container(): string {
    return this.containerName;
  }

  // ---- control dependencies -------------------------------------------------------------------

  /**
   * Ops created inside get control inputs on `controlInputs` (ops, or tensors meaning their ops).
   * `null` clears the enclosing dependencies until the block ends.
   */
  controlDependencies(controlInputs: readonly unknown[] | null): Scope<void>;
  controlDependencies<R>(controlInputs: readonly unknown[] | null, fn: () => R): R;
  controlDependencies<R>(controlInputs: readonly unknown[] | null, fn?: () => R): R | Scope<void> {
    if (controlInputs !== null && !Array.isArray(controlInputs)) {
      throw new TypeError(`control_inputs must be an array of ops or tensors, or null; got ${typeof controlInputs}`);
    }
    return scoped(() => {
      if (controlInputs === null) {
        const saved = this.controlStack;
        this.controlStack = [];
        return [
          undefined,
          () => {
            this.controlStack = saved;
          },
        ];
      }
      const current = new Set(this.controlStack.flatMap((c) => c.controlInputs));
      const ops: Operation[] = [];
      for (const c of controlInputs) {
        const op = this.controlInputOf(c);
        if (!current.has(op)) {
          ops.push(op);
          current.add(op);
        }
      }
      const controller: ControlDepsController = { controlInputs: ops, seen: new Set() };
      this.controlStack.push(controller);
      return [
        undefined,
        () => {
          const i = this.controlStack.lastIndexOf(controller);
          if (i >= 0) this.controlStack.splice(i, 1);
        },
      ];
    }, fn);
  }

  /** TensorFlow resolves each control input with `as_graph_element` first (names, tensors, variables). */
  private controlInputOf(c: unknown): Operation {
    const el = this.asGraphElement(c, true, true);
    return el instanceof Tensor ? el.op : el;
  }

  /** TensorFlow's `_control_dependencies_for_inputs`: skip dominated blocks and direct data inputs. */
  private controlDepsForInputs(inputOps: readonly Operation[]): Operation[] {
    const out: Operation[] = [];
    for (const controller of this.controlStack) {
      if (inputOps.some((op) => controller.seen.has(op))) continue;
      for (const c of controller.controlInputs) if (!inputOps.includes(c) && !out.includes(c)) out.push(c);
    }
    return out;
  }

  // ---- building ---------------------------------------------------------------------------------

  /** @internal raises TensorFlow's RuntimeError once the graph is finalized. */
  _checkNotFinalized(): void {
    if (this.isFinalized) throw new RuntimeError('Graph is finalized and cannot be modified.');
  }

  /**
   * @internal The name a new op gets: TensorFlow's `_create_op_internal` naming (op type by
   * default, a trailing `/` means "use this exact scope name"), validated as a node name.
   */
  _opName(name: string | undefined, type: string): string {
    this._checkNotFinalized();
    const given = name === undefined || name === '' ? type : name;
    const full = given.endsWith('/') ? given.slice(0, -1) : this.uniqueName(given);
    if (!VALID_OP_NAME.test(full)) throw new ValueError(`'${full}' is not a valid node name`);
    if (this.byName.has(full)) throw new ValueError(`Duplicate node name in graph: '${full}'`);
    return full;
  }

  /**
   * @internal Ops created inside `fn` are colocated with `groups` (`loc:@name` entries):
   * TensorFlow's `colocate_with(op)` (pass `op.colocationGroups()`) and `_attr_scope({'_class'})`.
   */
  _withColocation<R>(groups: readonly string[], fn: () => R): R {
    const saved = this.colocation;
    this.colocation = groups;
    try {
      return fn();
    } finally {
      this.colocation = saved;
    }
  }

  /** @internal Adds an op whose name came from `_opName` and whose shapes were inferred. */
  _addOp(
    name: string,
    def: OpDef,
    inputs: readonly Tensor[],
    attrs: Record<string, AttrValue>,
    shapes: readonly TensorShape[],
    extraControlInputs: readonly Operation[] = [],
    colocateWith: readonly Operation[] = [],
  ): Operation {
    this._checkNotFinalized();
    const inputOps = inputs.map((t) => t.op);
    const control = [...this.controlDepsForInputs(inputOps)];
    for (const c of extraControlInputs) if (!control.includes(c)) control.push(c);
    // TensorFlow's `_class` attr: the colocation groups of the enclosing colocate-with scope and of
    // `colocateWith` (ops with ref inputs are colocated with their variables).
    const groups = new Set<string>(this.colocation ?? []);
    for (const c of colocateWith) for (const g of c.colocationGroups()) groups.add(g);
    const colocation = groups.size > 0 ? [...groups].sort() : null;
    const op = new Operation(this, ++this.lastId, name, def, inputs, attrs, shapes, control, captureStack(), colocation);
    this.ops.push(op);
    this.byName.set(name, op);
    for (const c of this.controlStack) c.seen.add(op);
    return op;
  }

  /**
   * @internal Runs `fn`; if it throws, removes every op it added before rethrowing, so a failed
   * builder leaves the graph as it was. Names it reserved stay reserved, as in TensorFlow.
   */
  _atomically<R>(fn: () => R): R {
    const mark = this.ops.length;
    try {
      return fn();
    } catch (e) {
      for (const op of this.ops.splice(mark)) {
        this.byName.delete(op.name);
        for (const t of op.inputs) {
          const i = t._consumers.lastIndexOf(op);
          if (i >= 0) t._consumers.splice(i, 1);
        }
        for (const c of this.controlStack) c.seen.delete(op);
      }
      throw e;
    }
  }

  // ---- lookup -----------------------------------------------------------------------------------

  getOperations(): Operation[] {
    return [...this.ops];
  }

  /** The op with this name; TensorFlow's KeyError/ValueError/TypeError otherwise. */
  getOperationByName(name: string): Operation {
    if (typeof name !== 'string') throw new TypeError(`Operation names are strings (or similar), not ${jsTypeName(name)}.`);
    return this.asGraphElement(name, false, true) as Operation;
  }

  /** The tensor named `op:index`; TensorFlow's KeyError/ValueError/TypeError otherwise. */
  getTensorByName(name: string): Tensor {
    if (typeof name !== 'string') throw new TypeError(`Tensor names are strings (or similar), not ${jsTypeName(name)}.`);
    return this.asGraphElement(name, true, false) as Tensor;
  }

  /** TensorFlow's `as_graph_element`: resolves names, tensors, ops and variables of this graph. */
  asGraphElement(obj: unknown, allowTensor = true, allowOperation = true): Tensor | Operation {
    const types = allowTensor && allowOperation ? 'Tensor or Operation' : allowTensor ? 'Tensor' : 'Operation';
    if (typeof obj === 'string') {
      const name = obj;
      if (name.includes(':') && allowTensor) {
        const m = /^([^:]*):(\d+)$/.exec(name);
        if (!m) {
          throw new ValueError(
            `The name '${name}' looks a like a Tensor name, but is not a valid one. Tensor names must be of the form "<op_name>:<output_index>".`,
          );
        }
        const opName = m[1] as string;
        const index = Number(m[2]);
        const op = this.byName.get(opName);
        if (!op) {
          throw new KeyError(
            `The name '${name}' refers to a Tensor which does not exist. The operation, '${opName}', does not exist in the graph.`,
          );
        }
        const t = op.outputs[index];
        if (!t) {
          throw new KeyError(
            `The name '${name}' refers to a Tensor which does not exist. The operation, '${opName}', exists but only has ${op.outputs.length} outputs.`,
          );
        }
        return t;
      }
      if (name.includes(':') && !allowTensor) {
        throw new ValueError(`Name '${name}' appears to refer to a Tensor, not a ${types}.`);
      }
      if (!allowOperation) {
        if (this.byName.has(name)) {
          throw new ValueError(
            `The name '${name}' refers to an Operation, not a ${types}. Tensor names must be of the form "<op_name>:<output_index>".`,
          );
        }
        throw new ValueError(
          `The name '${name}' looks like an (invalid) Operation name, not a ${types}. Tensor names must be of the form "<op_name>:<output_index>".`,
        );
      }
      const op = this.byName.get(name);
      if (!op) throw new KeyError(`The name '${name}' refers to an Operation not in the graph.`);
      return op;
    }
    const el = obj instanceof Tensor || obj instanceof Operation ? obj : asGraphElementHook(obj);
    if (el instanceof Tensor && allowTensor) {
      if (el.graph !== this) throw new ValueError(`Tensor ${el.toString()} is not an element of this graph.`);
      return el;
    }
    if (el instanceof Operation && allowOperation) {
      if (el.graph !== this) throw new ValueError(`Operation ${el.repr()} is not an element of this graph.`);
      return el;
    }
    throw new TypeError(`Can not convert a ${jsTypeName(obj)} into a ${types}.`);
  }

  // ---- collections ----------------------------------------------------------------------------

  /** Appends `value` to the collection (duplicates allowed: collections are lists). */
  addToCollection(name: string, value: unknown): void {
    this._checkNotFinalized();
    const list = this.collectionMap.get(name);
    if (list) list.push(value);
    else this.collectionMap.set(name, [value]);
  }

  /** Adds `value` to each named collection once (duplicate names are ignored). */
  addToCollections(names: string | readonly string[], value: unknown): void {
    const list = typeof names === 'string' ? [names] : [...new Set(names)];
    for (const n of list) this.addToCollection(n, value);
  }

  /** A copy of the collection, optionally keeping items whose `name` matches `scope` at the start. */
  getCollection<T = unknown>(name: string, scope?: string | null): T[] {
    const list = this.collectionMap.get(name);
    if (!list) return [];
    if (scope === undefined || scope === null) return [...list] as T[];
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${scope})`);
    } catch (e) {
      throw new ValueError(`getCollection: scope '${scope}' is not a valid regular expression: ${(e as Error).message}`);
    }
    return list.filter((item) => {
      const n = (item as Named | null)?.name;
      return typeof n === 'string' && re.test(n);
    }) as T[];
  }

  /** The live collection list (created when missing); not checked by `finalize`, as TensorFlow. */
  getCollectionRef<T = unknown>(name: string): T[] {
    let list = this.collectionMap.get(name);
    if (!list) {
      list = [];
      this.collectionMap.set(name, list);
    }
    return list as T[];
  }

  /** The keys of the collections in use, in creation order (a collection cleared is gone). */
  getAllCollectionKeys(): string[] {
    return [...this.collectionMap.keys()];
  }

  /**
   * TensorFlow's `Graph.collections`: a new list of the collection keys, in creation order. (TF
   * also lists its variable-scope store key, `('__varscope',)`; tensorgraph has no variable scopes.)
   */
  get collections(): string[] {
    return [...this.collectionMap.keys()];
  }

  clearCollection(name: string): void {
    this._checkNotFinalized();
    this.collectionMap.delete(name);
  }

  // ---- state --------------------------------------------------------------------------------------

  /** Makes the graph read-only: creating ops or changing collections then raises RuntimeError. */
  finalize(): void {
    this.isFinalized = true;
  }

  get finalized(): boolean {
    return this.isFinalized;
  }

  /** True when the graph has no ops (a session refuses to run it). */
  get isEmpty(): boolean {
    return this.ops.length === 0;
  }

  /** 0 when empty, else the largest op id; grows with every op added. */
  get version(): number {
    return this.lastId;
  }

  /** Marks a tensor as not feedable (`Tensor <name> may not be fed.`). */
  preventFeeding(t: Tensor): void {
    this.unfeedable.add(t);
  }

  isFeedable(t: Tensor): boolean {
    return !this.unfeedable.has(t) && t.op.def.unfeedable !== true;
  }

  /** Marks an op as not fetchable (InaccessibleTensorError when fetched). */
  preventFetching(op: Operation): void {
    this.unfetchable.add(op);
  }

  isFetchable(el: Tensor | Operation): boolean {
    return !this.unfetchable.has(el instanceof Tensor ? el.op : el);
  }

  /** The graph as a GraphDef-shaped plain object: nodes in creation order. */
  asGraphDef(): GraphDefObject {
    const gd: GraphDefObject = { node: this.ops.map((op) => op.nodeDef), versions: { producer: 0 } };
    // The function library (If branches, While bodies), as GraphDef's `library.function`.
    if (!this.outerGraph && this.functions.size > 0) {
      gd.library = {
        function: [...this.functions].map(([name, fn]) => ({
          signature: { name },
          nodeDef: fn.ops.map((op) => op.nodeDef),
        })),
      };
    }
    return gd;
  }

  toString(): string {
    return `<tf.Graph #${this.key}>`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}


/**
 * @internal Resolves objects that stand for a graph element (a Variable means its ref tensor).
 * The variable module installs this to avoid a cycle.
 */
let asGraphElementHook: (obj: unknown) => unknown = () => undefined;
export function _setGraphElementHook(fn: (obj: unknown) => unknown): void {
  asGraphElementHook = fn;
}

// ---- the default graph --------------------------------------------------------------------------

const defaultGraphStack = new DefaultStack<Graph>('Graph');
let globalDefaultGraph: Graph | null = null;

/** The innermost `asDefault` graph, else the implicit global default graph (created lazily). */
export function getDefaultGraph(): Graph {
  const top = defaultGraphStack.top;
  if (top) return top;
  if (!globalDefaultGraph) globalDefaultGraph = new Graph();
  return globalDefaultGraph;
}

/** @internal Removes `g` from the default-graph stack wherever it is (InteractiveSession.close). */
export function _removeDefaultGraph(g: Graph): void {
  defaultGraphStack.remove(g);
}

/** Drops the global default graph; refused while a graph is pushed with `asDefault`. */
export function resetDefaultGraph(): void {
  if (defaultGraphStack.depth > 0) {
    throw new AssertionErrorImpl(
      'Do not use tf.reset_default_graph() to clear nested graphs. If you need a cleared graph, exit the nesting and create a new graph.',
    );
  }
  globalDefaultGraph = null;
}

