// TF1's tf.train.AdadeltaOptimizer (training/adadelta.py): slots `accum` and `accum_update`
// (zeros), hyperparameter tensors `lr`, `rho`, `epsilon`, one ApplyAdadelta per variable.
import { normalizeArgs } from '../ops/args.js';
import { applyOpAsOperation } from '../ops/builder.js';
import { ApplyAdadelta } from '../ops/defs/train/apply-adadelta.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import type { Variable } from '../graph/variable.js';
import { type Hyper, Optimizer } from './optimizer.js';

/** `tf.train.AdadeltaOptimizer`'s parameters by name. */
export interface AdadeltaOptions {
  learningRate?: Hyper;
  rho?: Hyper;
  epsilon?: Hyper;
  useLocking?: boolean;
  name?: string;
}

/** `tf.train.AdadeltaOptimizer(learningRate=0.001, rho=0.95, epsilon=1e-8, useLocking=false, name='Adadelta')`. */
export class AdadeltaOptimizer extends Optimizer {
  private readonly h: Record<'lr' | 'rho' | 'epsilon', Hyper>;
  private t: Record<string, Tensor> = {};
  constructor(learningRate?: Hyper | AdadeltaOptions, rho?: Hyper | AdadeltaOptions, epsilon?: Hyper | AdadeltaOptions, useLocking?: boolean | AdadeltaOptions, name?: string | AdadeltaOptions);
  constructor(...args: unknown[]) {
    const a = normalizeArgs('AdadeltaOptimizer', ['learningRate', 'rho', 'epsilon', 'useLocking', 'name'], args);
    super(Boolean(a.useLocking ?? false), (a.name as string | undefined) ?? 'Adadelta');
    this.h = {
      lr: (a.learningRate as Hyper | undefined) ?? 0.001,
      rho: (a.rho as Hyper | undefined) ?? 0.95,
      epsilon: (a.epsilon as Hyper | undefined) ?? 1e-8,
    };
  }
  protected override createSlots(vars: readonly Variable[]): void {
    for (const v of vars) {
      this.zerosSlot(v, 'accum', this.getName());
      this.zerosSlot(v, 'accum_update', this.getName());
    }
  }
  protected override prepare(): void {
    this.t = { lr: this.hyper(this.h.lr, 'lr'), rho: this.hyper(this.h.rho, 'rho'), epsilon: this.hyper(this.h.epsilon, 'epsilon') };
  }
  protected applyDense(grad: Tensor, v: Variable): Operation {
    const c = (x: Tensor | undefined) => this.castTo(x as Tensor, v);
    const accum = (this.getSlot(v, 'accum') as Variable)._ref;
    const accumUpdate = (this.getSlot(v, 'accum_update') as Variable)._ref;
    return applyOpAsOperation(ApplyAdadelta, [v._ref, accum, accumUpdate, c(this.t.lr), c(this.t.rho), c(this.t.epsilon), grad], { use_locking: this.useLocking });
  }
}
