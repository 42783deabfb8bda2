// Top-level tf.* builders (reduce family). See README.md.
import { reportingBuildSite } from '../graph/build-site.js';
import * as r from '../ops/defs/math/reduce.js';
export type { ArgMaxOptions, ReduceOptions } from '../ops/defs/math/reduce.js';

export const reduceMean = reportingBuildSite(r.reduceMean);
export const reduceMax = reportingBuildSite(r.reduceMax);
export const reduceMin = reportingBuildSite(r.reduceMin);
export const reduceProd = reportingBuildSite(r.reduceProd);
export const reduceAll = reportingBuildSite(r.reduceAll);
export const reduceAny = reportingBuildSite(r.reduceAny);
export const argmax = reportingBuildSite(r.argmax);
export const argmin = reportingBuildSite(r.argmin);
import { reduceLogsumexp as reduceLogsumexp_ } from '../ops/defs/math/logsumexp.js';
export const reduceLogsumexp = reportingBuildSite(reduceLogsumexp_);
