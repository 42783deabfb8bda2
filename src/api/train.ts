// The tf.train namespace. See README.md.
import { reportingBuildSite } from '../graph/build-site.js';
import {
  createGlobalStep as createGlobalStep_,
  getGlobalStep as getGlobalStep_,
  getOrCreateGlobalStep as getOrCreateGlobalStep_,
} from '../train/global-step.js';

export { Optimizer, type GradAndVar, type Hyper, type MinimizeOptions, type ComputeGradientsOptions, type ApplyGradientsOptions } from '../train/optimizer.js';
export {
  AdagradOptimizer,
  type AdagradOptions,
  AdamOptimizer,
  type AdamOptions,
  GradientDescentOptimizer,
  MomentumOptimizer,
  type MomentumOptions,
  RMSPropOptimizer,
  type RMSPropOptions,
} from '../train/optimizers.js';
export { assertGlobalStep, globalStep } from '../train/global-step.js';
export const createGlobalStep = reportingBuildSite(createGlobalStep_);
export const getGlobalStep = reportingBuildSite(getGlobalStep_);
export const getOrCreateGlobalStep = reportingBuildSite(getOrCreateGlobalStep_);
import {
  exponentialDecay as exponentialDecay_,
  inverseTimeDecay as inverseTimeDecay_,
  naturalExpDecay as naturalExpDecay_,
  piecewiseConstant as piecewiseConstant_,
  polynomialDecay as polynomialDecay_,
} from '../train/learning-rate-decay.js';
export type { DecayOptions, PolynomialDecayOptions } from '../train/learning-rate-decay.js';
export const exponentialDecay = reportingBuildSite(exponentialDecay_);
export const naturalExpDecay = reportingBuildSite(naturalExpDecay_);
export const inverseTimeDecay = reportingBuildSite(inverseTimeDecay_);
export const polynomialDecay = reportingBuildSite(polynomialDecay_);
export const piecewiseConstant = reportingBuildSite(piecewiseConstant_);
export { ExponentialMovingAverage, type ExponentialMovingAverageOptions } from '../train/moving-averages.js';
import { cosineDecay as cosineDecay_ } from '../train/cosine-decay.js';
export type { CosineDecayOptions } from '../train/cosine-decay.js';
export const cosineDecay = reportingBuildSite(cosineDecay_);
export { AdadeltaOptimizer, type AdadeltaOptions } from '../train/adadelta.js';
