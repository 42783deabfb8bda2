// The tf.losses namespace. See README.md.
import { reportingBuildSite } from '../graph/build-site.js';
import * as l from '../layers/losses.js';
export { Reduction, type LossOptions, type ReductionKey } from '../layers/losses.js';
export const computeWeightedLoss = reportingBuildSite(l.computeWeightedLoss);
export const sparseSoftmaxCrossEntropy = reportingBuildSite(l.sparseSoftmaxCrossEntropy);
export const softmaxCrossEntropy = reportingBuildSite(l.softmaxCrossEntropy);
export const sigmoidCrossEntropy = reportingBuildSite(l.sigmoidCrossEntropy);
export const meanSquaredError = reportingBuildSite(l.meanSquaredError);
export const absoluteDifference = reportingBuildSite(l.absoluteDifference);
export const huberLoss = reportingBuildSite(l.huberLoss);
export const addLoss = reportingBuildSite(l.addLoss);
export const getLosses = reportingBuildSite(l.getLosses);
export const getRegularizationLosses = reportingBuildSite(l.getRegularizationLosses);
export const getRegularizationLoss = reportingBuildSite(l.getRegularizationLoss);
export const getTotalLoss = reportingBuildSite(l.getTotalLoss);
