// The tf.debugging namespace. See README.md.
export {};
import { reportingBuildSite as reportingBuildSite_debugging } from '../graph/build-site.js';
import * as checkOps_debugging from '../graph/check-ops.js';
import { checkNumerics as checkNumerics_debugging } from '../ops/defs/control/check-numerics.js';
export const assertEqual = reportingBuildSite_debugging(checkOps_debugging.assertEqual);
export const assertNoneEqual = reportingBuildSite_debugging(checkOps_debugging.assertNoneEqual);
export const assertLess = reportingBuildSite_debugging(checkOps_debugging.assertLess);
export const assertLessEqual = reportingBuildSite_debugging(checkOps_debugging.assertLessEqual);
export const assertGreater = reportingBuildSite_debugging(checkOps_debugging.assertGreater);
export const assertGreaterEqual = reportingBuildSite_debugging(checkOps_debugging.assertGreaterEqual);
export const assertNegative = reportingBuildSite_debugging(checkOps_debugging.assertNegative);
export const assertPositive = reportingBuildSite_debugging(checkOps_debugging.assertPositive);
export const assertNonNegative = reportingBuildSite_debugging(checkOps_debugging.assertNonNegative);
export const assertNonPositive = reportingBuildSite_debugging(checkOps_debugging.assertNonPositive);
export const assertRank = reportingBuildSite_debugging(checkOps_debugging.assertRank);
export const assertRankAtLeast = reportingBuildSite_debugging(checkOps_debugging.assertRankAtLeast);
export const assertType = reportingBuildSite_debugging(checkOps_debugging.assertType);
export const assertInteger = reportingBuildSite_debugging(checkOps_debugging.assertInteger);
export const assertScalar = reportingBuildSite_debugging(checkOps_debugging.assertScalar);
export const assertNear = reportingBuildSite_debugging(checkOps_debugging.assertNear);
// TF1's tf.debugging.assert_all_finite is verify_tensor_all_finite (t, msg, name, x, message).
export const assertAllFinite = reportingBuildSite_debugging(checkOps_debugging.verifyTensorAllFinite);
export const checkNumerics = reportingBuildSite_debugging(checkNumerics_debugging);
