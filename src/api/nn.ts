// The tf.nn namespace. See README.md.
export { sigmoid, tanh } from './math.js';
import { reportingBuildSite as reportingBuildSite_dropout } from '../graph/build-site.js';
import { dropout as dropout_ } from '../ops/defs/nn/dropout.js';
export type { DropoutOptions } from '../ops/defs/nn/dropout.js';
export const dropout = reportingBuildSite_dropout(dropout_);
