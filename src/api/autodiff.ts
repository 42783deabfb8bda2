// Top-level tf.* builders (autodiff family). See README.md.
import { reportingBuildSite } from '../graph/build-site.js';
import { gradients as gradients_ } from '../autodiff/gradients.js';
import { addN as addN_ } from '../ops/defs/math/add-n.js';
import { stopGradient as stopGradient_ } from '../ops/defs/array/stop-gradient.js';
export { AggregationMethod } from '../autodiff/aggregate.js';
export { type GradientsOptions, UnconnectedGradients } from '../autodiff/gradients.js';
export const gradients = reportingBuildSite(gradients_);
export const addN = reportingBuildSite(addN_);
export const stopGradient = reportingBuildSite(stopGradient_);
import { hessians as hessians_ } from '../autodiff/hessians.js';
export type { HessiansOptions } from '../autodiff/hessians.js';
export const hessians = reportingBuildSite(hessians_);
import '../autodiff/control-grads.js';
