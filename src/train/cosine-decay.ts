// TF1's tf.train.cosineDecay (learning_rate_decay.py over keras' CosineDecay schedule): the
// decayed rate as a tensor, with TensorFlow's ops and names in scope `CosineDecay`.
import { ValueError } from '../core/errors.js';
import { normalizeArgs } from '../ops/args.js';
import { applyOp1 } from '../ops/builder.js';
import { constant } from '../ops/defs/array/const.js';
import { Minimum } from '../ops/defs/math/binary-math.js';
import { AddV2, Mul, RealDiv, Sub } from '../ops/defs/math/binary.js';
import { cast } from '../ops/defs/math/cast.js';
import { Cos } from '../ops/defs/math/unary.js';
import type { Tensor, TensorInput } from '../ops/types.js';
import { getDefaultGraph } from '../graph/graph.js';
import { convertToTensor } from '../graph/graph-context.js';

/** `tf.train.cosineDecay`'s parameters by name. */
export interface CosineDecayOptions {
  alpha?: TensorInput;
  name?: string;
}

/**
 * `tf.train.cosineDecay(learningRate, globalStep, decaySteps, alpha=0, name)`:
 * `learningRate · ((1 − alpha)·0.5·(1 + cos(π·min(step, decaySteps)/decaySteps)) + alpha)`.
 */
export function cosineDecay(
  learningRate: TensorInput,
  globalStep: TensorInput,
  decaySteps: TensorInput,
  alpha?: TensorInput | CosineDecayOptions,
  name?: string | CosineDecayOptions,
): Tensor;
export function cosineDecay(...args: unknown[]): Tensor {
  const o = normalizeArgs('cosineDecay', ['learningRate', 'globalStep', 'decaySteps', 'alpha', 'name'], args);
  if (o.globalStep === undefined || o.globalStep === null) throw new ValueError('None values not supported.');
  return getDefaultGraph().nameScope((o.name as string | undefined) || 'CosineDecay', () => {
    const initial = convertToTensor(o.learningRate, undefined, 'initial_learning_rate');
    const dtype = initial.dtype;
    const steps = cast(o.decaySteps as TensorInput, dtype);
    const step = applyOp1(Minimum, [cast(o.globalStep as TensorInput, dtype), steps], {}, 'Minimum');
    const fraction = applyOp1(RealDiv, [step, steps], {}, 'truediv');
    const cosine = applyOp1(Cos, [applyOp1(Mul, [constant(Math.PI, dtype), fraction], {}, 'mul')], {}, 'Cos');
    const cosineDecayed = applyOp1(Mul, [0.5, applyOp1(AddV2, [1.0, cosine], {}, 'add')], {}, 'mul');
    const alpha = (o.alpha ?? 0) as TensorInput;
    // Python computes 1 − alpha for a number before TensorFlow sees it.
    const oneMinus = typeof alpha === 'number' ? 1 - alpha : applyOp1(Sub, [1, alpha], {}, 'sub');
    const decayed = applyOp1(AddV2, [applyOp1(Mul, [oneMinus, cosineDecayed], {}, 'mul'), alpha], {}, 'add');
    return applyOp1(Mul, [initial, decayed], {}, 'Mul');
  });
}
