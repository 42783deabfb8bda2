// The tf.math-ns namespace. See README.md.
export {};
import { reportingBuildSite as reportingBuildSiteNn } from '../graph/build-site.js';
import { softplus as softplusNn_, softsign as softsignNn_ } from '../ops/defs/nn/activations.js';
import { logSoftmax as logSoftmaxNn_, softmax as softmaxNn_ } from '../ops/defs/nn/softmax.js';
export const softplus = reportingBuildSiteNn(softplusNn_);
export const softsign = reportingBuildSiteNn(softsignNn_);
export const softmax = reportingBuildSiteNn(softmaxNn_);
export const logSoftmax = reportingBuildSiteNn(logSoftmaxNn_);
