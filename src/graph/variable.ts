import { type DType, type DTypeLike, toDType } from '../core/dtypes.js';
import { ValueError } from '../core/errors.js';
import { type ShapeLike, TensorShape } from '../core/shape.js';
import { normalizeArgs } from '../ops/args.js';
import { Identity } from '../ops/defs/array/identity.js';
import { Assign, AssignAdd, AssignSub, IsVariableInitialized, VariableV2 } from '../ops/defs/state/variable-v2.js';
import { CountUpTo } from '../ops/defs/state/count-up-to.js';
import { cond } from './cond.js';
import type { OpDef } from '../ops/opdef.js';
import type { TensorInput } from '../ops/types.js';
import { withBuildSite } from './build-site.js';
import { getDefaultGraph, type Graph, _setGraphElementHook } from './graph.js';
import { _setVariableAdapter, convertToTensor, graphOp1 } from './graph-context.js';
import { GraphKeys } from './graph-keys.js';
import type { Operation } from './operation.js';
import { type SessionLike, evalUsingDefaultSession } from './default-session.js';
import type { NDArray } from '../core/ndarray.js';
import type { Tensor } from './tensor.js';

export interface VariableOptions {
  trainable?: boolean;
  collections?: readonly string[];
  validateShape?: boolean;
  cachingDevice?: string;
  name?: string;
  dtype?: DTypeLike;
  shape?: ShapeLike;
  /** Accepted for porting; constraints apply to optimizers, which come later. */
  constraint?: unknown;
}

/** `Variable.assign` / `assignAdd` / `assignSub` parameters by name, for an options object after the value. */
export interface VariableUpdateOptions {
  useLocking?: boolean | null;
  name?: string | null;
  /** False: the call returns the update op itself rather than the new value (as TensorFlow 1 does). */
  readValue?: boolean;
}
/** Options of an update that yields the new value. */
type ValueUpdateOptions = VariableUpdateOptions & { readValue?: true };
/** Options of an update that yields the op (`readValue: false`). */
type OpUpdateOptions = VariableUpdateOptions & { readValue: false };

const PARAMS = ['initialValue', 'trainable', 'collections', 'validateShape', 'cachingDevice', 'name', 'variableDef', 'dtype', 'expectedShape', 'importScope', 'constraint', 'useResource', 'synchronization', 'aggregation', 'shape'];

/**
 * A TF1 ref variable (`tf.Variable` in tensorgraph/v1). The graph holds only its definition: the
 * VariableV2 op `foo`, the initial value `foo/initial_value`, the initializer `foo/Assign` and the
 * snapshot `foo/read`. Its value lives in each session that runs the initializer.
 */
export class Variable {
  private readonly ref: Tensor;
  private readonly initializerOp: Operation;
  private readonly initial: Tensor;
  private readonly snapshot: Tensor;
  readonly trainable: boolean;

  /**
   * TensorFlow's positional order, `Variable(initial_value, trainable, collections, validate_shape,
   * caching_device, name, variable_def, dtype)`, and an options object at any position after the
   * initial value (`new tf.Variable(0, { name: 'v' })`, `new tf.Variable(0, false, { name: 'v' })`).
   */
  constructor(
    initialValue?: TensorInput | (() => TensorInput),
    trainable?: boolean | null | VariableOptions,
    collections?: readonly string[] | null | VariableOptions,
    validateShape?: boolean | null | VariableOptions,
    cachingDevice?: string | null | VariableOptions,
    name?: string | null | VariableOptions,
    variableDef?: null | VariableOptions,
    dtype?: DTypeLike | null | VariableOptions,
  );
  constructor(...args: unknown[]) {
    const a = normalizeArgs('Variable', PARAMS, args);
    if (a.initialValue === undefined || a.initialValue === null) throw new ValueError('initial_value must be specified.');
    for (const unsupported of ['variableDef', 'importScope', 'useResource']) {
      if (a[unsupported] !== undefined && a[unsupported] !== null && a[unsupported] !== false) {
        throw new TypeError(`Variable: '${unsupported}' is not supported yet.`);
      }
    }
    const collections = (a.collections ?? [GraphKeys.GLOBAL_VARIABLES]) as unknown;
    if (!Array.isArray(collections) && !(collections instanceof Set)) {
      throw new ValueError(
        `collections argument to Variable constructor must be a list, tuple, or set. Got ${String(collections)} of type ${typeof collections}`,
      );
    }
    const trainable = a.trainable === undefined || a.trainable === null ? true : Boolean(a.trainable);
    const colls = [...(collections as Iterable<string>)];
    if (trainable && !colls.includes(GraphKeys.TRAINABLE_VARIABLES)) colls.push(GraphKeys.TRAINABLE_VARIABLES);
    const validateShape = a.validateShape === undefined ? true : Boolean(a.validateShape);
    const dtype = a.dtype === undefined || a.dtype === null ? undefined : toDType(a.dtype);
    const init = a.initialValue;
    const graph = getDefaultGraph();
    this.trainable = trainable;

    // A build error (a bad initial value, say) names the user's line (build-site.ts).
    const built = withBuildSite(() => graph._atomically(() => graph.controlDependencies(null, () =>
      graph.nameScope((a.name as string | undefined) || 'Variable', (scope) => {
        // A callable's ops and the variable op are colocated with the variable-to-be, through an
        // attr scope since the variable does not exist yet (TensorFlow's RefVariable does the same).
        const colocation = typeof init === 'function' ? [`loc:@${scope.slice(0, -1)}`] : null;
        const inScope = <R>(fn: () => R): R => (colocation ? graph._withColocation(colocation, fn) : fn());
        let initial: Tensor;
        if (typeof init === 'function') {
          initial = inScope(() => graph.nameScope('Initializer', () => convertToTensor((init as () => unknown)(), dtype, 'initial_value')));
        } else {
          initial = convertToTensor(init, dtype, 'initial_value');
        }
        let shape: TensorShape;
        if (a.shape !== undefined && a.shape !== null) shape = TensorShape.from(a.shape as ShapeLike);
        else if (validateShape) {
          if (!initial.shape.isFullyDefined()) {
            throw new ValueError(`initial_value must have a shape specified: ${initial.toString()}`);
          }
          shape = initial.shape;
        } else shape = new TensorShape(null);
        const ref = inScope(() => graphOp1(VariableV2, [], { shape, dtype: initial.dtype }, scope));
        const initializer = graphOp1(Assign, [ref, initial], { validate_shape: validateShape }, 'Assign').op;
        const snapshot = graph._withColocation(ref.op.colocationGroups(), () => graphOp1(Identity, [ref], {}, 'read'));
        return { ref, initializer, initial, snapshot };
      }),
    )));
    this.ref = built.ref;
    this.initializerOp = built.initializer;
    this.initial = built.initial;
    this.snapshot = built.snapshot;
    graph.addToCollections(colls, this);
  }

  /** `foo:0`. */
  get name(): string {
    return this.ref.name;
  }

  /** The VariableV2 op. */
  get op(): Operation {
    return this.ref.op;
  }

  get graph(): Graph {
    return this.ref.graph;
  }

  get dtype(): DType {
    return this.ref.dtype;
  }

  get shape(): TensorShape {
    return this.ref.shape;
  }

  getShape(): TensorShape {
    return this.ref.shape;
  }

  get device(): string {
    return '';
  }

  /** The Assign op that sets the initial value. */
  get initializer(): Operation {
    return this.initializerOp;
  }

  get initialValue(): Tensor {
    return this.initial;
  }

  /** The snapshot `foo/read:0`: the variable's value, read in the session that runs it. */
  value(): Tensor {
    return this.snapshot;
  }

  /** A new Identity op reading the value (named `read` in the current name scope). */
  readValue(): Tensor {
    return graphOp1(Identity, [this.ref], {}, 'read');
  }

  /**
   * The value once initialized: `cond(isVariableInitialized(v), readValue, initialValue)`, built
   * outside any control dependencies (TensorFlow 2's RefVariable.initialized_value), so another
   * variable's initializer can use it whether or not this one has run.
   */
  initializedValue(): Tensor {
    const g = this.graph;
    return g.controlDependencies(null, () => {
      const initialized = graphOp1(IsVariableInitialized, [this.ref], {}, 'IsVariableInitialized');
      return cond(initialized, () => this.readValue(), () => this.initial) as Tensor;
    });
  }

  /**
   * `v.countUpTo(limit)`: an op that yields the value and then increments it; once the value has
   * reached `limit`, running it raises OutOfRangeError "Reached limit of <limit>". int32/int64 only.
   */
  countUpTo(limit: number): Tensor {
    return graphOp1(CountUpTo, [this.ref], { limit }, 'CountUpTo');
  }

  /** The ref tensor `foo:0` (what ops with ref inputs take). */
  get _ref(): Tensor {
    return this.ref;
  }

  /**
   * An op that sets the value each time it runs and yields the new value (with
   * `{ readValue: false }`, the Assign op itself, as TensorFlow 1 returns).
   */
  assign(value: TensorInput, useLocking?: boolean | null | ValueUpdateOptions, name?: string | null | ValueUpdateOptions, readValue?: true | ValueUpdateOptions): Tensor;
  assign(value: TensorInput, useLocking?: boolean | null | OpUpdateOptions, name?: string | null | OpUpdateOptions, readValue?: false | OpUpdateOptions): Operation;
  assign(value: TensorInput, useLocking?: boolean | null | VariableUpdateOptions, name?: string | null | VariableUpdateOptions, readValue?: boolean | VariableUpdateOptions): Tensor | Operation;
  assign(...args: unknown[]): Tensor | Operation {
    return this.update('assign', Assign, args);
  }

  /** An op that adds `delta` each time it runs and yields the new value (`readValue: false`: the op). */
  assignAdd(delta: TensorInput, useLocking?: boolean | null | ValueUpdateOptions, name?: string | null | ValueUpdateOptions, readValue?: true | ValueUpdateOptions): Tensor;
  assignAdd(delta: TensorInput, useLocking?: boolean | null | OpUpdateOptions, name?: string | null | OpUpdateOptions, readValue?: false | OpUpdateOptions): Operation;
  assignAdd(delta: TensorInput, useLocking?: boolean | null | VariableUpdateOptions, name?: string | null | VariableUpdateOptions, readValue?: boolean | VariableUpdateOptions): Tensor | Operation;
  assignAdd(...args: unknown[]): Tensor | Operation {
    return this.update('assignAdd', AssignAdd, args);
  }

  /** An op that subtracts `delta` each time it runs and yields the new value (`readValue: false`: the op). */
  assignSub(delta: TensorInput, useLocking?: boolean | null | ValueUpdateOptions, name?: string | null | ValueUpdateOptions, readValue?: true | ValueUpdateOptions): Tensor;
  assignSub(delta: TensorInput, useLocking?: boolean | null | OpUpdateOptions, name?: string | null | OpUpdateOptions, readValue?: false | OpUpdateOptions): Operation;
  assignSub(delta: TensorInput, useLocking?: boolean | null | VariableUpdateOptions, name?: string | null | VariableUpdateOptions, readValue?: boolean | VariableUpdateOptions): Tensor | Operation;
  assignSub(...args: unknown[]): Tensor | Operation {
    return this.update('assignSub', AssignSub, args);
  }

  private update(fnName: string, def: OpDef, args: readonly unknown[]): Tensor | Operation {
    const a = normalizeArgs(fnName, ['value', 'useLocking', 'name', 'readValue'], args);
    const out = graphOp1(def, [this.ref, a.value], { use_locking: Boolean(a.useLocking ?? false) }, (a.name as string | undefined) ?? def.type);
    return a.readValue === false ? out.op : out;
  }

  /** The value, evaluated in `session` or the default session. */
  eval(session?: SessionLike | null): NDArray {
    return evalUsingDefaultSession(this.ref, undefined, session, 'tensor') as NDArray;
  }

  toString(): string {
    return `<tf.Variable '${this.name}' shape=${this.shape.toString()} dtype=${this.dtype}_ref>`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

// A variable stands for its snapshot as an op input, for its ref where a ref is required, and for
// its ref tensor as a graph element (fetch, control input): so fetching it names `foo`.
_setVariableAdapter((v, wantRef) => (v instanceof Variable ? (wantRef ? v._ref : v.value()) : null));
_setGraphElementHook((v) => (v instanceof Variable ? v._ref : undefined));

type GraphVariable = Variable;
declare module '../ops/types.js' {
  interface SymbolTypes {
    variable: GraphVariable;
  }
}

/** `tf.assign`'s parameters by name, for an options object at any position after `ref, value`. */
export interface AssignOptions {
  validateShape?: boolean | null;
  useLocking?: boolean | null;
  name?: string | null;
}

/**
 * `tf.assign(ref, value, validateShape, useLocking, name)`: an op that sets the variable (or ref
 * tensor) each time it runs and yields the new value.
 */
export function assign(
  ref: Variable | Tensor,
  value: TensorInput,
  validateShape?: boolean | null | AssignOptions,
  useLocking?: boolean | null | AssignOptions,
  name?: string | null | AssignOptions,
): Tensor;
export function assign(...args: unknown[]): Tensor {
  const a = normalizeArgs('assign', ['ref', 'value', 'validateShape', 'useLocking', 'name'], args);
  const attrs = { validate_shape: (a.validateShape as boolean | null | undefined) ?? true, use_locking: (a.useLocking as boolean | null | undefined) ?? true };
  return graphOp1(Assign, [a.ref, a.value], attrs, (a.name as string | undefined) ?? 'Assign');
}

/** `tf.assignAdd`'s parameters by name, for an options object at any position after `ref, value`. */
export interface AssignAddOptions {
  useLocking?: boolean | null;
  name?: string | null;
}
/** `tf.assignSub`'s parameters by name, for an options object at any position after `ref, value`. */
export type AssignSubOptions = AssignAddOptions;

/** `tf.assignAdd(ref, value, useLocking, name)`: adds `value` each time it runs; yields the new value. */
export function assignAdd(ref: Variable | Tensor, value: TensorInput, useLocking?: boolean | null | AssignAddOptions, name?: string | null | AssignAddOptions): Tensor;
export function assignAdd(...args: unknown[]): Tensor {
  const a = normalizeArgs('assignAdd', ['ref', 'value', 'useLocking', 'name'], args);
  return graphOp1(AssignAdd, [a.ref, a.value], { use_locking: Boolean(a.useLocking ?? false) }, (a.name as string | undefined) ?? 'AssignAdd');
}

/** `tf.assignSub(ref, value, useLocking, name)`: subtracts `value` each time it runs; yields the new value. */
export function assignSub(ref: Variable | Tensor, value: TensorInput, useLocking?: boolean | null | AssignSubOptions, name?: string | null | AssignSubOptions): Tensor;
export function assignSub(...args: unknown[]): Tensor {
  const a = normalizeArgs('assignSub', ['ref', 'value', 'useLocking', 'name'], args);
  return graphOp1(AssignSub, [a.ref, a.value], { use_locking: Boolean(a.useLocking ?? false) }, (a.name as string | undefined) ?? 'AssignSub');
}
