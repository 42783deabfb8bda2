// The tf.nn namespace. See README.md.
export { sigmoid, tanh } from './math.js';
import { reportingBuildSite } from '../graph/build-site.js';
import { biasAdd as biasAdd_ } from '../ops/defs/math/bias-add.js';
export type { BiasAddOptions } from '../ops/defs/math/bias-add.js';
export const biasAdd = reportingBuildSite(biasAdd_);
export {};
import { reportingBuildSite as reportingBuildSite_array } from '../graph/build-site.js';
import { topK as topK_ } from '../ops/defs/array/top-k.js';
export const topK = reportingBuildSite_array(topK_);
