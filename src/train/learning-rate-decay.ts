// TF1's learning-rate decays (training/learning_rate_decay.py over keras' schedules): in graph
// mode each returns the decayed rate as a tensor, built from the global step with TF's formulas
// and op names (`ExponentialDecay/truediv`, `…/Floor`, `…/Pow`, the result named the scope).
import { ValueError } from '../core/errors.js';
import { normalizeArgs } from '../ops/args.js';
import { add, divide, multiply, subtract } from '../ops/defs/math/binary.js';
import { minimum, pow } from '../ops/defs/math/binary-math.js';
import { cast } from '../ops/defs/math/cast.js';
import { logicalAnd } from '../ops/defs/math/compare.js';
import { equal, greater, lessEqual } from '../ops/defs/math/compare-more.js';
import { whereV2 } from '../ops/defs/math/select.js';
import { ceil, exp, floor } from '../ops/defs/math/unary.js';
import { negative } from '../ops/defs/math/neg.js';
import type { TensorInput } from '../ops/types.js';
import { getDefaultGraph } from '../graph/graph.js';
import { convertToTensor } from '../graph/graph-context.js';
import type { Tensor } from '../graph/tensor.js';

type T = Tensor;
const args = (fn: string, params: readonly string[], a: readonly unknown[]) => {
  let n = a.length;
  while (n > 0 && a[n - 1] === undefined) n -= 1;
  return normalizeArgs(fn, params, a.slice(0, n));
};

function requireStep(step: unknown): void {
  if (step === undefined || step === null) throw new ValueError('None values not supported.');
}

/** Opens the schedule's name scope; `fn` gets the scope string (the result op takes it as its exact name). */
function scope<R>(name: unknown, defaultName: string, fn: (s: string) => R): R {
  return getDefaultGraph().nameScope((name as string | null | undefined) || defaultName, fn);
}

function exponential(lr: unknown, step: unknown, decaySteps: unknown, decayRate: unknown, staircase: boolean, name: unknown): T {
  return scope(name, 'ExponentialDecay', (s) => {
    const initial = convertToTensor(lr, undefined, 'initial_learning_rate');
    const dtype = initial.dtype;
    const steps = cast(decaySteps as TensorInput, dtype);
    const rate = cast(decayRate as TensorInput, dtype);
    let p = divide(cast(step as TensorInput, dtype), steps);
    if (staircase) p = floor(p);
    return multiply(initial, pow(rate, p), s) as T;
  });
}

/**
 * `tf.train.exponentialDecay(learningRate, globalStep, decaySteps, decayRate, staircase=false, name)`:
 * `learningRate * decayRate ^ (globalStep / decaySteps)` (the exponent floored when `staircase`).
 */
export function exponentialDecay(learningRate: TensorInput, globalStep: TensorInput, decaySteps: TensorInput, decayRate: TensorInput, staircase?: boolean | DecayOptions, name?: string | DecayOptions): T;
export function exponentialDecay(...a: unknown[]): T {
  const o = args('exponentialDecay', ['learningRate', 'globalStep', 'decaySteps', 'decayRate', 'staircase', 'name'], a);
  requireStep(o.globalStep);
  return exponential(o.learningRate, o.globalStep, o.decaySteps, o.decayRate, Boolean(o.staircase ?? false), o.name);
}

/**
 * `tf.train.naturalExpDecay(learningRate, globalStep, decaySteps, decayRate, staircase=false, name)`:
 * `learningRate * exp(-decayRate * globalStep / decaySteps)` (an ExponentialDecay with rate exp(-decayRate)).
 */
export function naturalExpDecay(learningRate: TensorInput, globalStep: TensorInput, decaySteps: TensorInput, decayRate: TensorInput, staircase?: boolean | DecayOptions, name?: string | DecayOptions): T;
export function naturalExpDecay(...a: unknown[]): T {
  const o = args('naturalExpDecay', ['learningRate', 'globalStep', 'decaySteps', 'decayRate', 'staircase', 'name'], a);
  requireStep(o.globalStep);
  const rate = exp(negative(o.decayRate as TensorInput));
  return exponential(o.learningRate, o.globalStep, o.decaySteps, rate, Boolean(o.staircase ?? false), o.name);
}

/**
 * `tf.train.inverseTimeDecay(learningRate, globalStep, decaySteps, decayRate, staircase=false, name)`:
 * `learningRate / (1 + decayRate * globalStep / decaySteps)` (the quotient floored when `staircase`).
 */
export function inverseTimeDecay(learningRate: TensorInput, globalStep: TensorInput, decaySteps: TensorInput, decayRate: TensorInput, staircase?: boolean | DecayOptions, name?: string | DecayOptions): T;
export function inverseTimeDecay(...a: unknown[]): T {
  const o = args('inverseTimeDecay', ['learningRate', 'globalStep', 'decaySteps', 'decayRate', 'staircase', 'name'], a);
  requireStep(o.globalStep);
  return scope(o.name, 'InverseTimeDecay', (s) => {
    const initial = convertToTensor(o.learningRate, undefined, 'initial_learning_rate');
    const dtype = initial.dtype;
    const steps = cast(o.decaySteps as TensorInput, dtype);
    const rate = cast(o.decayRate as TensorInput, dtype);
    let p = divide(cast(o.globalStep as TensorInput, dtype), steps);
    if (o.staircase) p = floor(p);
    const one = cast(convertToTensor(1, 'int32', 'Const'), dtype);
    const denom = add(one, multiply(rate, p, 'Mul'), 'Add');
    return divide(initial, denom, s) as T;
  });
}

/**
 * `tf.train.polynomialDecay(learningRate, globalStep, decaySteps, endLearningRate=0.0001, power=1,
 * cycle=false, name)`: `(lr - end) * (1 - step / decaySteps) ^ power + end`, the step clipped to
 * decaySteps (or, with `cycle`, decaySteps stretched to the next multiple above the step).
 */
export function polynomialDecay(learningRate: TensorInput, globalStep: TensorInput, decaySteps: TensorInput, endLearningRate?: TensorInput | PolynomialDecayOptions, power?: TensorInput | PolynomialDecayOptions, cycle?: boolean | PolynomialDecayOptions, name?: string | PolynomialDecayOptions): T;
export function polynomialDecay(...a: unknown[]): T {
  const o = args('polynomialDecay', ['learningRate', 'globalStep', 'decaySteps', 'endLearningRate', 'power', 'cycle', 'name'], a);
  requireStep(o.globalStep);
  return scope(o.name, 'PolynomialDecay', (s) => {
    const initial = convertToTensor(o.learningRate, undefined, 'initial_learning_rate');
    const dtype = initial.dtype;
    const end = cast((o.endLearningRate ?? 0.0001) as TensorInput, dtype);
    const power = cast((o.power ?? 1.0) as TensorInput, dtype);
    let step = cast(o.globalStep as TensorInput, dtype);
    let steps = cast(o.decaySteps as TensorInput, dtype);
    if (o.cycle) {
      const multiplier = whereV2(equal(step, convertToTensor(0, dtype)), convertToTensor(1, dtype), ceil(divide(step, steps)));
      steps = multiply(steps, multiplier, 'Mul');
    } else {
      step = minimum(step, steps);
    }
    const p = divide(step, steps);
    return add(multiply(subtract(initial, end, 'sub'), pow(subtract(convertToTensor(1, dtype), p, 'sub_1'), power), 'Mul'), end, s) as T;
  });
}

/**
 * `tf.train.piecewiseConstant(x, boundaries, values, name)`: `values[0]` while x <= boundaries[0],
 * `values[i]` while boundaries[i-1] < x <= boundaries[i], the last value after the last boundary.
 * Built from the same predicates as TensorFlow's (LessEqual, Greater, and), selected with SelectV2
 * instead of TensorFlow's `case` (its If chain).
 */
export function piecewiseConstant(x: TensorInput, boundaries: readonly TensorInput[], values: readonly TensorInput[], name?: string | { name?: string }): T;
export function piecewiseConstant(...a: unknown[]): T {
  const o = args('piecewiseConstant', ['x', 'boundaries', 'values', 'name'], a);
  const bIn = o.boundaries as readonly TensorInput[];
  const vIn = o.values as readonly TensorInput[];
  if (bIn.length !== vIn.length - 1) throw new ValueError('The length of boundaries should be 1 less than the length of values');
  const xT = convertToTensor(o.x);
  const bs = bIn.map((b) => {
    const t = convertToTensor(b);
    return t.dtype === xT.dtype ? t : cast(t, xT.dtype);
  });
  const vs = vIn.map((v) => convertToTensor(v));
  const v0 = vs[0] as T;
  for (const v of vs) {
    if (v.dtype !== v0.dtype) throw new ValueError(`Values must have elements all with the same dtype (${v0.dtype} != ${v.dtype}).`);
  }
  return scope(o.name, 'PiecewiseConstant', (s) => {
    // Exclusive predicates, as TensorFlow builds them; the value is chosen from the last one back.
    const last = bs.length - 1;
    let result: T = v0;
    const preds: [T, T][] = [[lessEqual(xT, bs[0] as T), v0], [greater(xT, bs[last] as T), vs[vs.length - 1] as T]];
    for (let i = 1; i < bs.length; i++) preds.push([logicalAnd(greater(xT, bs[i - 1] as T), lessEqual(xT, bs[i] as T), 'and'), vs[i] as T]);
    for (let i = preds.length - 1; i >= 0; i--) {
      const [p, v] = preds[i] as [T, T];
      result = i === 0 ? (whereV2(p, v, result, s) as T) : (whereV2(p, v, result) as T);
    }
    return result;
  });
}

export interface DecayOptions {
  staircase?: boolean;
  name?: string | null;
}
export interface PolynomialDecayOptions {
  endLearningRate?: TensorInput;
  power?: TensorInput;
  cycle?: boolean;
  name?: string | null;
}
