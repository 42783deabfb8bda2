// The tf.math-ns namespace. See README.md.
export {};
import { reportingBuildSite as reportingBuildSite_array } from '../graph/build-site.js';
import { topK as topK_ } from '../ops/defs/array/top-k.js';
import { cumsum as cumsum_ } from '../ops/defs/math/cumsum.js';
import { unsortedSegmentSum as unsortedSegmentSum_ } from '../ops/defs/math/unsorted-segment-sum.js';
export type { TopKOptions } from '../ops/defs/array/top-k.js';
export const topK = reportingBuildSite_array(topK_);
export const cumsum = reportingBuildSite_array(cumsum_);
export const unsortedSegmentSum = reportingBuildSite_array(unsortedSegmentSum_);
