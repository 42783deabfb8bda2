// TF1's optimizers (training/gradient_descent.py, momentum.py, adam.py, rmsprop.py, adagrad.py):
// constructor parameters, slot names and hyperparameter tensor names as TensorFlow's.
import { ValueError } from '../core/errors.js';
import { normalizeArgs } from '../ops/args.js';
import { applyOpAsOperation } from '../ops/builder.js';
import { multiply } from '../ops/defs/math/binary.js';
import {
  ApplyAdagrad,
  ApplyAdam,
  ApplyCenteredRMSProp,
  ApplyGradientDescent,
  ApplyMomentum,
  ApplyRMSProp,
} from '../ops/defs/train/apply-ops.js';
import { group } from '../graph/api.js';
import { getDefaultGraph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import type { Variable } from '../graph/variable.js';
import { type Hyper, Optimizer, constantSlot, onesSlot } from './optimizer.js';

function opts(fn: string, params: readonly string[], args: readonly unknown[]): Record<string, unknown> {
  return normalizeArgs(fn, params, args);
}

/** `tf.train.GradientDescentOptimizer(learningRate, useLocking=false, name='GradientDescent')`. */
export class GradientDescentOptimizer extends Optimizer {
  private readonly lr: Hyper;
  private lrT: Tensor | null = null;
  constructor(learningRate: Hyper, useLocking?: boolean | { useLocking?: boolean; name?: string }, name?: string | { name?: string });
  constructor(...args: unknown[]) {
    const a = opts('GradientDescentOptimizer', ['learningRate', 'useLocking', 'name'], args);
    super(Boolean(a.useLocking ?? false), (a.name as string | undefined) ?? 'GradientDescent');
    this.lr = a.learningRate as Hyper;
  }
  protected override prepare(): void {
    this.lrT = this.hyper(this.lr, 'learning_rate');
  }
  protected applyDense(grad: Tensor, v: Variable): Operation {
    return applyOpAsOperation(ApplyGradientDescent, [v._ref, this.castTo(this.lrT as Tensor, v), grad], { use_locking: this.useLocking });
  }
}

/** `tf.train.MomentumOptimizer(learningRate, momentum, useLocking=false, name='Momentum', useNesterov=false)`. */
export class MomentumOptimizer extends Optimizer {
  private readonly lr: Hyper;
  private readonly momentum: Hyper;
  private readonly nesterov: boolean;
  private lrT: Tensor | null = null;
  private momentumT: Tensor | null = null;
  constructor(learningRate: Hyper, momentum: Hyper | MomentumOptions, useLocking?: boolean | MomentumOptions, name?: string | MomentumOptions, useNesterov?: boolean | MomentumOptions);
  constructor(...args: unknown[]) {
    const a = opts('MomentumOptimizer', ['learningRate', 'momentum', 'useLocking', 'name', 'useNesterov'], args);
    super(Boolean(a.useLocking ?? false), (a.name as string | undefined) ?? 'Momentum');
    if (a.momentum === undefined) throw new TypeError("MomentumOptimizer() missing 1 required positional argument: 'momentum'");
    this.lr = a.learningRate as Hyper;
    this.momentum = a.momentum as Hyper;
    this.nesterov = Boolean(a.useNesterov ?? false);
  }
  protected override createSlots(vars: readonly Variable[]): void {
    for (const v of vars) this.zerosSlot(v, 'momentum', this.getName());
  }
  protected override prepare(): void {
    this.lrT = this.hyper(this.lr, 'learning_rate');
    this.momentumT = this.hyper(this.momentum, 'momentum');
  }
  protected applyDense(grad: Tensor, v: Variable): Operation {
    const mom = this.getSlot(v, 'momentum') as Variable;
    return applyOpAsOperation(
      ApplyMomentum,
      [v._ref, mom._ref, this.castTo(this.lrT as Tensor, v), grad, this.castTo(this.momentumT as Tensor, v)],
      { use_locking: this.useLocking, use_nesterov: this.nesterov },
    );
  }
}
export interface MomentumOptions {
  momentum?: Hyper;
  useLocking?: boolean;
  name?: string;
  useNesterov?: boolean;
}

/**
 * `tf.train.AdamOptimizer(learningRate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8, useLocking=false,
 * name='Adam')`: slots `m` (`<var>/Adam`) and `v` (`<var>/Adam_1`), non-slot variables `beta1_power`
 * and `beta2_power`, updated after the variables.
 */
export class AdamOptimizer extends Optimizer {
  private readonly lr: Hyper;
  private readonly beta1: Hyper;
  private readonly beta2: Hyper;
  private readonly epsilon: Hyper;
  private t: Record<string, Tensor> = {};
  constructor(learningRate?: Hyper | AdamOptions, beta1?: Hyper | AdamOptions, beta2?: Hyper | AdamOptions, epsilon?: Hyper | AdamOptions, useLocking?: boolean | AdamOptions, name?: string | AdamOptions);
  constructor(...args: unknown[]) {
    const a = opts('AdamOptimizer', ['learningRate', 'beta1', 'beta2', 'epsilon', 'useLocking', 'name'], args);
    super(Boolean(a.useLocking ?? false), (a.name as string | undefined) ?? 'Adam');
    this.lr = (a.learningRate as Hyper | undefined) ?? 0.001;
    this.beta1 = (a.beta1 as Hyper | undefined) ?? 0.9;
    this.beta2 = (a.beta2 as Hyper | undefined) ?? 0.999;
    this.epsilon = (a.epsilon as Hyper | undefined) ?? 1e-8;
  }
  protected override createSlots(vars: readonly Variable[]): void {
    // The first variable by name hosts the beta powers (TensorFlow colocates them with it).
    const first = [...vars].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))[0] as Variable;
    this.nonSlotVariable(this.raw(this.beta1), 'beta1_power', first);
    this.nonSlotVariable(this.raw(this.beta2), 'beta2_power', first);
    for (const v of vars) {
      this.zerosSlot(v, 'm', this.getName());
      this.zerosSlot(v, 'v', this.getName());
    }
  }
  private raw(h: Hyper) {
    return typeof h === 'function' ? (h as () => never)() : h;
  }
  protected override prepare(): void {
    this.t = {
      lr: this.hyper(this.lr, 'learning_rate'),
      beta1: this.hyper(this.beta1, 'beta1'),
      beta2: this.hyper(this.beta2, 'beta2'),
      epsilon: this.hyper(this.epsilon, 'epsilon'),
    };
  }
  private betaPowers(): [Variable, Variable] {
    const g = getDefaultGraph();
    return [this.getNonSlotVariable('beta1_power', g) as Variable, this.getNonSlotVariable('beta2_power', g) as Variable];
  }
  protected applyDense(grad: Tensor, v: Variable): Operation {
    const [b1p, b2p] = this.betaPowers();
    const t = this.t;
    const c = (x: Tensor | Variable) => this.castTo(x, v);
    return applyOpAsOperation(
      ApplyAdam,
      [v._ref, (this.getSlot(v, 'm') as Variable)._ref, (this.getSlot(v, 'v') as Variable)._ref, c(b1p), c(b2p), c(t.lr as Tensor), c(t.beta1 as Tensor), c(t.beta2 as Tensor), c(t.epsilon as Tensor), grad],
      { use_locking: this.useLocking },
    );
  }
  protected override finish(updates: readonly Operation[], name: string): Operation {
    const g = getDefaultGraph();
    const [b1p, b2p] = this.betaPowers();
    const [u1, u2] = g.controlDependencies(updates, () =>
      g._withColocation(b1p.op.colocationGroups(), () => [
        b1p.assign(multiply(b1p, this.t.beta1 as Tensor, 'mul'), { useLocking: this.useLocking }),
        b2p.assign(multiply(b2p, this.t.beta2 as Tensor, 'mul'), { useLocking: this.useLocking }),
      ]),
    );
    return group(...updates, u1 as Tensor, u2 as Tensor, { name });
  }
}
export interface AdamOptions {
  learningRate?: Hyper;
  beta1?: Hyper;
  beta2?: Hyper;
  epsilon?: Hyper;
  useLocking?: boolean;
  name?: string;
}

/**
 * `tf.train.RMSPropOptimizer(learningRate, decay=0.9, momentum=0, epsilon=1e-10, useLocking=false,
 * centered=false, name='RMSProp')`: slots `rms` (ones), `mg` (centered) and `momentum`.
 */
export class RMSPropOptimizer extends Optimizer {
  private readonly h: Record<'lr' | 'decay' | 'momentum' | 'epsilon', Hyper>;
  private readonly centered: boolean;
  private t: Record<string, Tensor> = {};
  constructor(learningRate: Hyper, decay?: Hyper | RMSPropOptions, momentum?: Hyper | RMSPropOptions, epsilon?: Hyper | RMSPropOptions, useLocking?: boolean | RMSPropOptions, centered?: boolean | RMSPropOptions, name?: string | RMSPropOptions);
  constructor(...args: unknown[]) {
    const a = opts('RMSPropOptimizer', ['learningRate', 'decay', 'momentum', 'epsilon', 'useLocking', 'centered', 'name'], args);
    super(Boolean(a.useLocking ?? false), (a.name as string | undefined) ?? 'RMSProp');
    this.h = {
      lr: a.learningRate as Hyper,
      decay: (a.decay as Hyper | undefined) ?? 0.9,
      momentum: (a.momentum as Hyper | undefined) ?? 0.0,
      epsilon: (a.epsilon as Hyper | undefined) ?? 1e-10,
    };
    this.centered = Boolean(a.centered ?? false);
  }
  protected override createSlots(vars: readonly Variable[]): void {
    for (const v of vars) {
      this.slotWithInitializer(v, onesSlot, 'rms', this.getName());
      if (this.centered) this.zerosSlot(v, 'mg', this.getName());
      this.zerosSlot(v, 'momentum', this.getName());
    }
  }
  protected override prepare(): void {
    this.t = {
      lr: this.hyper(this.h.lr, 'learning_rate'),
      decay: this.hyper(this.h.decay, 'decay'),
      momentum: this.hyper(this.h.momentum, 'momentum'),
      epsilon: this.hyper(this.h.epsilon, 'epsilon'),
    };
  }
  protected applyDense(grad: Tensor, v: Variable): Operation {
    const c = (x: Tensor) => this.castTo(x, v);
    const t = this.t as Record<'lr' | 'decay' | 'momentum' | 'epsilon', Tensor>;
    const rms = (this.getSlot(v, 'rms') as Variable)._ref;
    const mom = (this.getSlot(v, 'momentum') as Variable)._ref;
    const hyper = [c(t.lr), c(t.decay), c(t.momentum), c(t.epsilon), grad];
    const attrs = { use_locking: this.useLocking };
    if (this.centered) {
      const mg = (this.getSlot(v, 'mg') as Variable)._ref;
      return applyOpAsOperation(ApplyCenteredRMSProp, [v._ref, mg, rms, mom, ...hyper], attrs);
    }
    return applyOpAsOperation(ApplyRMSProp, [v._ref, rms, mom, ...hyper], attrs);
  }
}
export interface RMSPropOptions {
  decay?: Hyper;
  momentum?: Hyper;
  epsilon?: Hyper;
  useLocking?: boolean;
  centered?: boolean;
  name?: string;
}

/** `tf.train.AdagradOptimizer(learningRate, initialAccumulatorValue=0.1, useLocking=false, name='Adagrad')`. */
export class AdagradOptimizer extends Optimizer {
  private readonly lr: Hyper;
  private readonly initial: number;
  private lrT: Tensor | null = null;
  constructor(learningRate: Hyper, initialAccumulatorValue?: number | AdagradOptions, useLocking?: boolean | AdagradOptions, name?: string | AdagradOptions);
  constructor(...args: unknown[]) {
    const a = opts('AdagradOptimizer', ['learningRate', 'initialAccumulatorValue', 'useLocking', 'name'], args);
    const initial = (a.initialAccumulatorValue as number | undefined) ?? 0.1;
    if (!(initial > 0)) throw new ValueError(`initial_accumulator_value must be positive: ${pyFloat(initial)}`);
    super(Boolean(a.useLocking ?? false), (a.name as string | undefined) ?? 'Adagrad');
    this.lr = a.learningRate as Hyper;
    this.initial = initial;
  }
  protected override createSlots(vars: readonly Variable[]): void {
    for (const v of vars) this.slotWithInitializer(v, constantSlot(this.initial), 'accumulator', this.getName());
  }
  protected override prepare(): void {
    this.lrT = this.hyper(this.lr, 'learning_rate');
  }
  protected applyDense(grad: Tensor, v: Variable): Operation {
    const acc = (this.getSlot(v, 'accumulator') as Variable)._ref;
    return applyOpAsOperation(ApplyAdagrad, [v._ref, acc, this.castTo(this.lrT as Tensor, v), grad], { use_locking: this.useLocking });
  }
}
export interface AdagradOptions {
  initialAccumulatorValue?: number;
  useLocking?: boolean;
  name?: string;
}

/** A number as Python prints a float (`0.0`, `-1.5`). */
function pyFloat(x: number): string {
  return Number.isInteger(x) ? `${x}.0` : String(x);
}
