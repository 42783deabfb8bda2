// Top-level tf.* builders (control family). See README.md.
export {};
import { reportingBuildSite as reportingBuildSite_control } from '../graph/build-site.js';
import { case_ as case__ } from '../graph/case.js';
export type { CaseOptions } from '../graph/case.js';
const caseBuilder = reportingBuildSite_control(case__);
export { caseBuilder as case };
