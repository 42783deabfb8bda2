// Top-level tf.* builders (math family). See README.md.
import { reportingBuildSite } from '../graph/build-site.js';
import * as u from '../ops/defs/math/unary.js';

export const abs = reportingBuildSite(u.abs);
export const sign = reportingBuildSite(u.sign);
export const sqrt = reportingBuildSite(u.sqrt);
export const rsqrt = reportingBuildSite(u.rsqrt);
export const exp = reportingBuildSite(u.exp);
export const log = reportingBuildSite(u.log);
export const log1p = reportingBuildSite(u.log1p);
export const expm1 = reportingBuildSite(u.expm1);
export const sin = reportingBuildSite(u.sin);
export const cos = reportingBuildSite(u.cos);
export const tanh = reportingBuildSite(u.tanh);
export const sigmoid = reportingBuildSite(u.sigmoid);
export const erf = reportingBuildSite(u.erf);
export const floor = reportingBuildSite(u.floor);
export const ceil = reportingBuildSite(u.ceil);
export const round = reportingBuildSite(u.round);
export const reciprocal = reportingBuildSite(u.reciprocal);
export const isNan = reportingBuildSite(u.isNan);
const isFiniteBuilder = reportingBuildSite(u.isFinite_);
export { isFiniteBuilder as isFinite };
