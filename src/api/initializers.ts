// The tf.initializers namespace. See README.md.
export {
  constantInitializer as constant,
  glorotNormalInitializer as glorotNormal,
  glorotUniformInitializer as glorotUniform,
  onesInitializer as ones,
  randomNormalInitializer as randomNormal,
  randomUniformInitializer as randomUniform,
  truncatedNormalInitializer as truncatedNormal,
  uniformUnitScalingInitializer as uniformUnitScaling,
  varianceScalingInitializer as varianceScaling,
  zerosInitializer as zeros,
} from '../train/initializer-factories.js';
export { heNormal, heUniform, lecunNormal, lecunUniform, Initializer } from '../train/initializers.js';
export type { InitShape, InitializerConfig, PartitionInfo } from '../train/initializers.js';
export {
  globalVariablesInitializer as globalVariables,
  localVariablesInitializer as localVariables,
  variablesInitializer as variables,
} from '../graph/api.js';
