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
