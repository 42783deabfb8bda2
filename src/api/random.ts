// Top-level tf.* builders (random family). See README.md.
import { reportingBuildSite } from '../graph/build-site.js';
import { getSeed as getSeed_, setRandomSeed as setRandomSeed_ } from '../graph/random-seed.js';
import { multinomial as multinomial_ } from '../ops/defs/random/multinomial.js';
import { randomNormal as randomNormal_ } from '../ops/defs/random/random-standard-normal.js';
import { randomShuffle as randomShuffle_ } from '../ops/defs/random/random-shuffle.js';
import { randomUniform as randomUniform_ } from '../ops/defs/random/random-uniform.js';
import { truncatedNormal as truncatedNormal_ } from '../ops/defs/random/truncated-normal.js';
export type { MultinomialOptions } from '../ops/defs/random/multinomial.js';
export type { RandomNormalOptions } from '../ops/defs/random/random-standard-normal.js';
export type { RandomShuffleOptions } from '../ops/defs/random/random-shuffle.js';
export type { RandomUniformOptions } from '../ops/defs/random/random-uniform.js';
export { DEFAULT_GRAPH_SEED } from '../graph/random-seed.js';

export const randomUniform = reportingBuildSite(randomUniform_);
export const randomNormal = reportingBuildSite(randomNormal_);
export const truncatedNormal = reportingBuildSite(truncatedNormal_);
export const randomShuffle = reportingBuildSite(randomShuffle_);
export const multinomial = reportingBuildSite(multinomial_);
/** `tf.set_random_seed(seed)`: the default graph's seed. */
export const setRandomSeed = setRandomSeed_;
/** `tf.get_seed(op_seed)`. */
export const getSeed = getSeed_;
export {
  constantInitializer,
  glorotNormalInitializer,
  glorotUniformInitializer,
  onesInitializer,
  randomNormalInitializer,
  randomUniformInitializer,
  truncatedNormalInitializer,
  uniformUnitScalingInitializer,
  varianceScalingInitializer,
  zerosInitializer,
} from '../train/initializer-factories.js';
