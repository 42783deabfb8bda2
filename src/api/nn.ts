// The tf.nn namespace. See README.md.
export { sigmoid, tanh } from './math.js';
export {};
import { reportingBuildSite as reportingBuildSite_array } from '../graph/build-site.js';
import { topK as topK_ } from '../ops/defs/array/top-k.js';
export const topK = reportingBuildSite_array(topK_);
import { reportingBuildSite as reportingBuildSite_dropout } from '../graph/build-site.js';
import { dropout as dropout_ } from '../ops/defs/nn/dropout.js';
export type { DropoutOptions } from '../ops/defs/nn/dropout.js';
export const dropout = reportingBuildSite_dropout(dropout_);
