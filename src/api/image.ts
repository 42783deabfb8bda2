// The tf.image namespace. See README.md.
import { reportingBuildSite } from '../graph/build-site.js';
import { resizeBilinear as resizeBilinear_, resizeNearestNeighbor as resizeNearestNeighbor_ } from '../ops/defs/image/resize.js';
export type { ResizeOptions } from '../ops/defs/image/resize.js';
export const resizeBilinear = reportingBuildSite(resizeBilinear_);
export const resizeNearestNeighbor = reportingBuildSite(resizeNearestNeighbor_);
