// The tf.random-ns namespace. See README.md.
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
