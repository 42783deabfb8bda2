// TF1's tf.train.Optimizer (training/optimizer.py): slots, non-slot variables, apply_gradients'
// scopes (`<Name>/update_<var>/`), the global step increment and the TRAIN_OP collection.
import { gradients } from '../autodiff/gradients.js';
import { type DType, isFloating } from '../core/dtypes.js';
import { ValueError } from '../core/errors.js';
import { normalizeArgs } from '../ops/args.js';
import { constant } from '../ops/defs/array/const.js';
import { ones, zeros } from '../ops/defs/array/zeros-ones.js';
import { cast } from '../ops/defs/math/cast.js';
import type { TensorInput } from '../ops/types.js';
import { group } from '../graph/api.js';
import { getDefaultGraph } from '../graph/graph.js';
import { convertToTensor } from '../graph/graph-context.js';
import { GraphKeys } from '../graph/graph-keys.js';
import type { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { type InitializerLike, getVariable, variableScope } from '../graph/variable-scope.js';
import { Variable, assignAdd } from '../graph/variable.js';

/** A learning rate or hyperparameter: a number, a tensor, or a function returning one (called at apply time). */
export type Hyper = TensorInput | (() => TensorInput);
/** One (gradient, variable) pair; a null gradient skips the variable. */
export type GradAndVar = [Tensor | null, Variable];

const VALID_DTYPES: readonly DType[] = ['float16', 'float32', 'float64'];

/** TensorFlow's zeros / ones / constant slot initializers, named as theirs (`Initializer/zeros`, …/ones, …/Const). */
export const zerosSlot: InitializerLike = { call: (shape, dtype) => zeros(shape, dtype) };
export const onesSlot: InitializerLike = { call: (shape, dtype) => ones(shape, dtype) };
export const constantSlot = (value: number): InitializerLike => ({ call: (shape, dtype) => fill(shape, value, dtype) });

function fill(shape: number[], value: number, dtype?: DType): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return constant(new Array(size).fill(value), dtype ?? 'float32', shape) as Tensor;
}

/** How apply_gradients gates the gradient computation (TensorFlow's Optimizer.GATE_*). */
export const GATE_NONE = 0;
export const GATE_OP = 1;
export const GATE_GRAPH = 2;

/** `tf.train.Optimizer`: subclasses create slots, prepare hyperparameters and apply one variable's update. */
export abstract class Optimizer {
  static readonly GATE_NONE = GATE_NONE;
  static readonly GATE_OP = GATE_OP;
  static readonly GATE_GRAPH = GATE_GRAPH;

  protected readonly useLocking: boolean;
  private readonly _name: string;
  private readonly slots = new Map<string, Map<Operation, Variable>>();
  private readonly nonSlot = new Map<string, Variable>();

  constructor(useLocking: boolean, name: string) {
    if (!name) throw new ValueError('Must specify the optimizer name');
    this.useLocking = Boolean(useLocking);
    this._name = name;
  }

  /** The optimizer's name: the name scope of its update ops. */
  getName(): string {
    return this._name;
  }

  /**
   * `minimize(loss, globalStep, varList, gateGradients, aggregationMethod,
   * colocateGradientsWithOps, name, gradLoss)`: computeGradients then applyGradients; returns the train op.
   */
  minimize(loss: Tensor, globalStep?: Variable | Tensor | null | MinimizeOptions, varList?: readonly Variable[] | null | MinimizeOptions, ...rest: unknown[]): Operation {
    const a = normalize('minimize', ['loss', 'globalStep', 'varList', 'gateGradients', 'aggregationMethod', 'colocateGradientsWithOps', 'name', 'gradLoss'], [loss, globalStep, varList, ...rest]);
    const gv = this.computeGradients(a.loss as Tensor, {
      varList: a.varList as readonly Variable[] | undefined,
      gateGradients: a.gateGradients as number | undefined,
      aggregationMethod: a.aggregationMethod,
      colocateGradientsWithOps: a.colocateGradientsWithOps as boolean | undefined,
      gradLoss: a.gradLoss as Tensor | undefined,
    });
    if (!gv.some(([g]) => g !== null)) {
      throw new ValueError(
        `No gradients provided for any variable, check your graph for ops that do not support gradients, between variables [${gv
          .map(([, v]) => `"${v.toString()}"`)
          .join(', ')}] and loss ${tensorRepr(a.loss as Tensor)}.`,
      );
    }
    return this.applyGradients(gv, (a.globalStep as Variable | Tensor | undefined) ?? null, (a.name as string | undefined) ?? null);
  }

  /** `computeGradients(loss, varList, gateGradients, aggregationMethod, colocateGradientsWithOps, gradLoss)`. */
  computeGradients(loss: Tensor, varList?: readonly Variable[] | null | ComputeGradientsOptions, ...rest: unknown[]): GradAndVar[] {
    const a = normalize('computeGradients', ['loss', 'varList', 'gateGradients', 'aggregationMethod', 'colocateGradientsWithOps', 'gradLoss'], [loss, varList, ...rest]);
    const gate = (a.gateGradients as number | undefined) ?? GATE_OP;
    if (gate !== GATE_NONE && gate !== GATE_OP && gate !== GATE_GRAPH) {
      throw new ValueError(`gate_gradients must be one of: Optimizer.GATE_NONE, Optimizer.GATE_OP, Optimizer.GATE_GRAPH.  Not ${String(gate)}`);
    }
    const lossT = convertToTensor(a.loss);
    this.assertValidDtypes([lossT]);
    if (a.gradLoss !== undefined && a.gradLoss !== null) this.assertValidDtypes([a.gradLoss as Tensor]);
    const vars: Variable[] =
      a.varList === undefined || a.varList === null
        ? [...getDefaultGraph().getCollection<Variable>(GraphKeys.TRAINABLE_VARIABLES), ...getDefaultGraph().getCollection<Variable>(GraphKeys.TRAINABLE_RESOURCE_VARIABLES)]
        : (a.varList as unknown[]).flat(Number.POSITIVE_INFINITY) as Variable[];
    if (vars.length === 0) throw new ValueError('No variables to optimize.');
    const grads = gradients(lossT, vars.map((v) => v._ref), a.gradLoss === undefined || a.gradLoss === null ? undefined : [a.gradLoss as Tensor], {
      gateGradients: gate === GATE_OP,
      aggregationMethod: (a.aggregationMethod as number | null | undefined) ?? undefined,
      colocateGradientsWithOps: Boolean(a.colocateGradientsWithOps ?? false),
    }) as (Tensor | null)[];
    const out: GradAndVar[] = vars.map((v, i) => [grads[i] ?? null, v]);
    this.assertValidDtypes(out.filter(([g]) => g !== null).map(([, v]) => v));
    return out;
  }

  /**
   * `applyGradients(gradsAndVars, globalStep, name)`: creates the slots, then one update per
   * variable under `<name>/update_<var op name>/`, grouped; with a global step, the train op is
   * the step's increment, run after the updates. Added to the TRAIN_OP collection.
   */
  applyGradients(gradsAndVars: readonly (readonly [Tensor | null, Variable])[], globalStep?: Variable | Tensor | null | ApplyGradientsOptions, name?: string | null | ApplyGradientsOptions): Operation {
    const a = normalize('applyGradients', ['gradsAndVars', 'globalStep', 'name'], [gradsAndVars, globalStep, name]);
    const pairs = [...(a.gradsAndVars as (readonly [Tensor | null, Variable])[])];
    if (pairs.length === 0) throw new ValueError('No variables provided.');
    const converted: [Tensor | null, Variable][] = pairs.map(([g, v]) => {
      if (g === null || g === undefined) return [null, v];
      if (!(g instanceof Tensor)) {
        try {
          return [convertToTensor(g), v];
        } catch {
          throw new TypeError(`Gradient must be convertible to a Tensor or IndexedSlices, or None: ${String(g)}`);
        }
      }
      return [g, v];
    });
    const varList = converted.filter(([g]) => g !== null).map(([, v]) => v);
    if (varList.length === 0) {
      throw new ValueError(`No gradients provided for any variable: [${converted.map(([, v]) => `"${v.toString()}"`).join(', ')}].`);
    }
    const graph = getDefaultGraph();
    graph.controlDependencies(null, () => this.createSlots(varList));
    // A Variable, or the step's ref tensor as `getGlobalStep` may return it (`global_step:0`).
    const step = (a.globalStep as Variable | Tensor | null | undefined) ?? null;
    const given = (a.name as string | null | undefined) ?? null;
    const train = graph.nameScope(given ?? this._name, (scope) => {
      this.prepare();
      const updates: Operation[] = [];
      for (const [g, v] of converted) {
        if (g === null) continue;
        updates.push(
          graph.nameScope(`update_${v.op.name}`, () =>
            graph._withColocation(v.op.colocationGroups(), () => {
              const op = this.applyDense(g, v);
              const constraint = (v as unknown as { constraint?: unknown }).constraint;
              if (typeof constraint === 'function') {
                return graph.controlDependencies([op], () => v.assign((constraint as (x: Variable) => TensorInput)(v), { readValue: false }));
              }
              return op;
            }),
          ),
        );
      }
      if (step === null) return this.finish(updates, scope);
      return graph.controlDependencies([this.finish(updates, 'update')], () =>
        graph._withColocation(step.op.colocationGroups(), () => assignAdd(step, 1, { name: scope }).op),
      );
    });
    const trainOps = graph.getCollectionRef<Operation>(GraphKeys.TRAIN_OP);
    if (!trainOps.includes(train)) trainOps.push(train);
    return train;
  }

  /** The slot variable `name` of `v` (`getSlotNames()` lists the names), or null. */
  getSlot(v: Variable, name: string): Variable | null {
    return this.slots.get(name)?.get(v.op) ?? null;
  }

  /** The slot names this optimizer created, sorted. */
  getSlotNames(): string[] {
    return [...this.slots.keys()].sort();
  }

  /** The optimizer's variables (slots and non-slot variables) in the default graph, sorted by name. */
  variables(): Variable[] {
    const g = getDefaultGraph();
    const out = [...this.nonSlot.values()].filter((v) => v.graph === g);
    for (const m of this.slots.values()) for (const v of m.values()) if (v.graph === g) out.push(v);
    return out.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  }

  // ---- for subclasses -------------------------------------------------------------------------

  /** Creates the slots of the variables about to be updated (before the update name scope opens). */
  protected createSlots(_vars: readonly Variable[]): void {}
  /** Converts hyperparameters to tensors, inside the update name scope. */
  protected prepare(): void {}
  /** The update of one variable. */
  protected abstract applyDense(grad: Tensor, v: Variable): Operation;
  /** Groups the updates (Adam adds its beta-power updates). */
  protected finish(updates: readonly Operation[], name: string): Operation {
    return group(...updates, { name });
  }

  /** A hyperparameter as a tensor named `name` (a function is called first). */
  protected hyper(value: Hyper, name: string): Tensor {
    const v = typeof value === 'function' ? (value as () => TensorInput)() : value;
    return convertToTensor(v, undefined, name);
  }

  /** `t` cast to the variable's dtype (no op when it already has it). */
  protected castTo(t: Tensor | Variable, v: Variable): Tensor {
    return cast(t as TensorInput, v.dtype) as Tensor;
  }

  /** The slot `slotName` of `v`, created with `initializer` as `<var>/<opName>` (then `_1`, …). */
  protected slotWithInitializer(v: Variable, initializer: InitializerLike, slotName: string, opName: string): Variable {
    let m = this.slots.get(slotName);
    if (!m) {
      m = new Map();
      this.slots.set(slotName, m);
    }
    const found = m.get(v.op);
    if (found) return found;
    if (!v.shape.isFullyDefined()) throw new ValueError(`Optimizer slots need a fully defined variable shape: ${v.toString()}`);
    const g = v.graph;
    // TensorFlow's slot_creator: a unique variable scope `<var>/<opName>`, the slot named after it.
    const slot = g.nameScope(null, () =>
      variableScope(null, `${v.op.name}/${opName}`, () =>
        g._withColocation(v.op.colocationGroups(), () =>
          getVariable('', v.shape.asList() as number[], v.dtype, initializer, { trainable: false }),
        ),
      ),
    );
    m.set(v.op, slot);
    return slot;
  }

  protected zerosSlot(v: Variable, slotName: string, opName: string): Variable {
    return this.slotWithInitializer(v, zerosSlot, slotName, opName);
  }

  /** A variable of the optimizer that is not a slot (Adam's beta powers), one per graph. */
  protected nonSlotVariable(initialValue: TensorInput, name: string, colocateWith: Variable): Variable {
    const g = colocateWith.graph;
    const key = `${g.key}/${name}`;
    let v = this.nonSlot.get(key);
    if (!v) {
      v = g._withColocation(colocateWith.op.colocationGroups(), () => new Variable(initialValue, { name, trainable: false }));
      this.nonSlot.set(key, v);
    }
    return v;
  }

  protected getNonSlotVariable(name: string, graph = getDefaultGraph()): Variable | null {
    return this.nonSlot.get(`${graph.key}/${name}`) ?? null;
  }

  private assertValidDtypes(ts: readonly (Tensor | Variable)[]): void {
    for (const t of ts) {
      if (!VALID_DTYPES.includes(t.dtype) || !isFloating(t.dtype)) {
        throw new ValueError(`Invalid type tf.${t.dtype} for ${t.name}, expected: [tf.float32, tf.float64, tf.float16, tf.bfloat16].`);
      }
    }
  }
}

function tensorRepr(t: Tensor): string {
  return `Tensor("${t.name}", shape=${t.shape.toString()}, dtype=${t.dtype})`;
}

/** normalizeArgs over a rest-parameter list: trailing undefined entries dropped so a trailing options object is seen. */
function normalize(fn: string, params: readonly string[], args: readonly unknown[]): Record<string, unknown> {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n -= 1;
  return normalizeArgs(fn, params, args.slice(0, n));
}

export interface MinimizeOptions {
  globalStep?: Variable | Tensor | null;
  varList?: readonly Variable[] | null;
  gateGradients?: number;
  aggregationMethod?: unknown;
  colocateGradientsWithOps?: boolean;
  name?: string | null;
  gradLoss?: Tensor | null;
}
export interface ComputeGradientsOptions {
  varList?: readonly Variable[] | null;
  gateGradients?: number;
  aggregationMethod?: unknown;
  colocateGradientsWithOps?: boolean;
  gradLoss?: Tensor | null;
}
export interface ApplyGradientsOptions {
  globalStep?: Variable | Tensor | null;
  name?: string | null;
}
