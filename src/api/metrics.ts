// The tf.metrics namespace. See README.md.
import { reportingBuildSite } from '../graph/build-site.js';
import { accuracy as accuracy_, mean as mean_ } from '../train/metrics.js';

export type { MetricOptions } from '../train/metrics.js';
export const accuracy = reportingBuildSite(accuracy_);
export const mean = reportingBuildSite(mean_);
