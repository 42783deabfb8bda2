// The tf.layers namespace. See README.md.
import { reportingBuildSite } from '../graph/build-site.js';
import { dense as dense_, dropout as dropout_, flatten as flatten_ } from '../layers/core.js';
export { Layer, type LayerOptions } from '../layers/base.js';
export { Dense, type DenseOptions, type DenseFnOptions, Dropout, type DropoutLayerOptions, Flatten } from '../layers/core.js';
export const dense = reportingBuildSite(dense_);
export const dropout = reportingBuildSite(dropout_);
export const flatten = reportingBuildSite(flatten_);
