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
import * as bm from '../ops/defs/math/binary-math.js';
import * as cm from '../ops/defs/math/compare-more.js';
import { clipByValue as clipByValue_ } from '../ops/defs/math/clip.js';
import { whereV2 as whereV2_ } from '../ops/defs/math/select.js';
import { divide as divide_ } from '../ops/defs/math/binary.js';
export type { ClipByValueOptions } from '../ops/defs/math/clip.js';
export type { WhereV2Options } from '../ops/defs/math/select.js';

export const maximum = reportingBuildSite(bm.maximum);
export const minimum = reportingBuildSite(bm.minimum);
export const pow = reportingBuildSite(bm.pow);
export const squaredDifference = reportingBuildSite(bm.squaredDifference);
export const floordiv = reportingBuildSite(bm.floordiv);
export const floormod = reportingBuildSite(bm.floormod);
export const mod = floormod;
export const truncatediv = reportingBuildSite(bm.truncatediv);
export const div = reportingBuildSite(bm.div);
/** `tf.truediv(x, y, name)`: Python 3 division (ints cast to float first), as `tf.divide`. */
export const truediv = reportingBuildSite(divide_);
export const scalarMul = reportingBuildSite(bm.scalarMul);
export const clipByValue = reportingBuildSite(clipByValue_);
export const equal = reportingBuildSite(cm.equal);
export const notEqual = reportingBuildSite(cm.notEqual);
export const lessEqual = reportingBuildSite(cm.lessEqual);
export const greater = reportingBuildSite(cm.greater);
export const greaterEqual = reportingBuildSite(cm.greaterEqual);
export const logicalOr = reportingBuildSite(cm.logicalOr);
export const logicalXor = reportingBuildSite(cm.logicalXor);
export const whereV2 = reportingBuildSite(whereV2_);
import { divNoNan as divNoNan_ } from '../ops/defs/math/div-no-nan.js';
/** `tf.divNoNan(x, y, name)` (TF1 `tf.div_no_nan`): x / y, 0 where y is 0. */
export const divNoNan = reportingBuildSite(divNoNan_);
import { einsum as einsum_ } from '../ops/defs/math/einsum.js';
export type { EinsumOptions } from '../ops/defs/math/einsum.js';
export const einsum = reportingBuildSite(einsum_);
