// The tf.random namespace (TF1's tf.compat.v1.random). See README.md.
import { reportingBuildSite } from '../graph/build-site.js';
import { categorical as categorical_ } from '../ops/defs/random/multinomial.js';
export type { CategoricalOptions } from '../ops/defs/random/multinomial.js';
export {
  getSeed,
  multinomial,
  randomNormal as normal,
  randomShuffle as shuffle,
  randomUniform as uniform,
  setRandomSeed,
  setRandomSeed as setSeed,
  truncatedNormal,
} from './random.js';

export const categorical = reportingBuildSite(categorical_);
