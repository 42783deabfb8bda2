// TF1's tf.train.ExponentialMovingAverage and assign_moving_average (training/moving_averages.py):
// shadow variables `<var>/<name>` created like optimizer slots, updates `avg -= (avg − v)·(1 − decay)`
// grouped under the EMA's name, zero-debiased averages of tensors.
import { isFloating } from '../core/dtypes.js';
import { normalizeArgs } from '../ops/args.js';
import { applyOp1 } from '../ops/builder.js';
import { currentContext } from '../ops/context.js';
import { AddV2, Mul, RealDiv, Sub } from '../ops/defs/math/binary.js';
import { Minimum, Pow } from '../ops/defs/math/binary-math.js';
import { cast } from '../ops/defs/math/cast.js';
import type { TensorInput } from '../ops/types.js';
import { getCollection, group } from '../graph/api.js';
import { getDefaultGraph } from '../graph/graph.js';
import { GraphKeys } from '../graph/graph-keys.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { getVariable, variableScope } from '../graph/variable-scope.js';
import { Variable, assign, assignAdd, assignSub } from '../graph/variable.js';
import { zerosSlot } from './optimizer.js';

type Averaged = Variable | Tensor;

/** A shadow variable `<prefix>/<name>` (TensorFlow's slot_creator), colocated with `primary`. */
function createSlot(primary: Averaged, prefix: string, name: string, init: Tensor | null): Variable {
  const g = primary.graph;
  return g.nameScope(null, () =>
    variableScope(null, `${prefix}/${name}`, () =>
      g._withColocation(primary.op.colocationGroups(), () =>
        init
          ? getVariable('', { initializer: init, trainable: false })
          : getVariable('', primary.shape.asList() as number[], primary.dtype, zerosSlot, { trainable: false }),
      ),
    ),
  );
}

/**
 * TensorFlow's `assign_moving_average(variable, value, decay, zeroDebias, name)`: in scope
 * `AssignMovingAvg`, `variable −= (variable − value)·(1 − decay)`, the AssignSub named as the scope;
 * with `zeroDebias`, through `<variable>/biased` and `<variable>/local_step` as TensorFlow's _zero_debias.
 */
export function assignMovingAverage(variable: Variable, value: TensorInput | Variable, decay: TensorInput, zeroDebias = true, name?: string): Tensor {
  const ctx = currentContext();
  return ctx.withNameScope(name, 'AssignMovingAvg', [variable, value, decay], (scope) => {
    let d = applyOp1(Sub, [1.0, decay], {}, 'sub') as Tensor;
    if (d.dtype !== variable.dtype) d = cast(d, variable.dtype) as Tensor;
    if (!zeroDebias) return assignSub(variable, applyOp1(Mul, [applyOp1(Sub, [variable, value], {}, 'sub'), d], {}, 'mul'), { name: scope });
    const g = variable.graph;
    const base = variable.op.name;
    const [biased, localStep] = g.nameScope(null, () =>
      variableScope(base, () =>
        g._withColocation(variable.op.colocationGroups(), () => [
          getVariable('biased', variable.shape.asList() as number[], variable.dtype, zerosSlot, { trainable: false }),
          getVariable('local_step', [], variable.dtype, zerosSlot, { trainable: false }),
        ]),
      ),
    ) as [Variable, Variable];
    const updateBiased = assignSub(biased, applyOp1(Mul, [applyOp1(Sub, [biased, value], {}, 'sub'), d], {}, 'mul'));
    const updateStep = assignAdd(localStep, 1);
    const biasFactor = applyOp1(Sub, [1, applyOp1(Pow, [applyOp1(Sub, [1.0, d], {}, 'sub'), updateStep], {}, 'Pow')], {}, 'sub');
    return assign(variable, applyOp1(RealDiv, [updateBiased, biasFactor], {}, 'truediv'), { name: scope });
  });
}

/** `ExponentialMovingAverage`'s options by name. */
export interface ExponentialMovingAverageOptions {
  numUpdates?: TensorInput | Variable | null;
  zeroDebias?: boolean;
  name?: string;
}

/**
 * `tf.train.ExponentialMovingAverage(decay, numUpdates, zeroDebias, name='ExponentialMovingAverage')`:
 * `apply(varList)` creates one shadow variable per variable (initialized to the variable's value,
 * or zeros for a tensor) and returns the op updating them all; `average(v)` gives the shadow.
 * With `numUpdates`, the decay is `min(decay, (1 + n)/(10 + n))`.
 */
export class ExponentialMovingAverage {
  private readonly decay: TensorInput;
  private readonly numUpdates: TensorInput | Variable | null;
  private readonly zeroDebias: boolean;
  readonly name: string;
  private readonly averages = new Map<Averaged, Variable>();
  private readonly debiased = new Set<Variable>();

  constructor(decay: TensorInput, numUpdates?: TensorInput | Variable | null | ExponentialMovingAverageOptions, zeroDebias?: boolean | ExponentialMovingAverageOptions, name?: string | ExponentialMovingAverageOptions);
  constructor(...args: unknown[]) {
    const a = normalizeArgs('ExponentialMovingAverage', ['decay', 'numUpdates', 'zeroDebias', 'name'], args);
    this.decay = a.decay as TensorInput;
    this.numUpdates = (a.numUpdates ?? null) as TensorInput | Variable | null;
    this.zeroDebias = Boolean(a.zeroDebias ?? false);
    this.name = (a.name as string | undefined) ?? 'ExponentialMovingAverage';
  }

  /** `apply(varList = tf.trainableVariables())`: creates the shadows (once per variable) and returns the update op. */
  apply(varList?: readonly Averaged[] | null): Operation {
    const list = varList ?? getCollection<Variable>(GraphKeys.TRAINABLE_VARIABLES);
    const g = getDefaultGraph();
    for (const v of list) {
      if (!isFloating(v.dtype)) throw new TypeError(`The variables must be half, float, or double: ${v.name}`);
      if (this.averages.has(v)) continue;
      let avg: Variable;
      if (v instanceof Variable) {
        const init = g.controlDependencies(null, () => v.initializedValue());
        avg = createSlot(v, v.op.name, this.name, init);
        g.addToCollection(GraphKeys.MOVING_AVERAGE_VARIABLES, v);
      } else {
        avg = g.controlDependencies(null, () => createSlot(v, v.op.name, this.name, null));
        if (this.zeroDebias) this.debiased.add(avg);
      }
      this.averages.set(v, avg);
    }
    return g.nameScope(this.name, (scope) => {
      let decay = currentContext().convertToTensor(this.decay, 'float32', undefined, 'decay') as Tensor;
      if (this.numUpdates !== null) {
        const n = cast(this.numUpdates as TensorInput, 'float32', 'num_updates') as Tensor;
        const ratio = applyOp1(RealDiv, [applyOp1(AddV2, [1.0, n], {}, 'add'), applyOp1(AddV2, [10.0, n], {}, 'add')], {}, 'truediv');
        decay = applyOp1(Minimum, [decay, ratio], {}, 'Minimum') as Tensor;
      }
      const updates = list.map((v) => {
        const avg = this.averages.get(v) as Variable;
        return assignMovingAverage(avg, v, decay, this.debiased.has(avg));
      });
      // The group takes the scope's own name (TensorFlow's `group(*updates, name=scope)`).
      return group(...updates, { name: scope.endsWith('/') ? scope : `${scope}/` });
    });
  }

  /** The shadow variable of `v`, or null when `apply` has not seen it. */
  average(v: Averaged): Variable | null {
    return this.averages.get(v) ?? null;
  }

  /** The shadow's name for `v` (what `apply` creates or created): `<v>/<name>`. */
  averageName(v: Averaged): string {
    const avg = this.averages.get(v);
    if (avg) return avg.op.name;
    return `${v.op.name}/${this.name}`;
  }

  /**
   * `variablesToRestore(movingAvgVariables)`: for a Saver restoring averages into the variables:
   * each averaged variable under its shadow's name, every other global variable under its own.
   */
  variablesToRestore(movingAvgVariables?: readonly Variable[] | null): Record<string, Variable> {
    const map: Record<string, Variable> = {};
    const avgVars = new Set(
      movingAvgVariables ?? [...getCollection<Variable>(GraphKeys.TRAINABLE_VARIABLES), ...getCollection<Variable>(GraphKeys.MOVING_AVERAGE_VARIABLES)],
    );
    for (const v of avgVars) map[this.averageName(v)] = v;
    const names = new Set([...avgVars].map((v) => v.name));
    for (const v of getCollection<Variable>(GraphKeys.GLOBAL_VARIABLES)) {
      if (!names.has(v.name) && !(v.op.name in map)) map[v.op.name] = v;
    }
    return map;
  }
}
