// The tf.image namespace. See README.md.
import { reportingBuildSite } from '../graph/build-site.js';
import { resizeBilinear as resizeBilinear_, resizeNearestNeighbor as resizeNearestNeighbor_ } from '../ops/defs/image/resize.js';
export type { ResizeOptions } from '../ops/defs/image/resize.js';
export const resizeBilinear = reportingBuildSite(resizeBilinear_);
export const resizeNearestNeighbor = reportingBuildSite(resizeNearestNeighbor_);
import { flipLeftRight as flipLeftRight_, flipUpDown as flipUpDown_, perImageStandardization as perImageStandardization_ } from '../ops/defs/image/flip.js';
export const flipLeftRight = reportingBuildSite(flipLeftRight_);
export const flipUpDown = reportingBuildSite(flipUpDown_);
export const perImageStandardization = reportingBuildSite(perImageStandardization_);
