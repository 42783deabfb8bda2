// The factory functions of TF1's initializer classes (`tf.zeros_initializer()` …): each returns
// a new instance, taking the class's constructor arguments (positional, or an options object).
import {
  Constant,
  GlorotNormal,
  GlorotUniform,
  Ones,
  RandomNormal,
  RandomUniform,
  TruncatedNormal,
  UniformUnitScaling,
  VarianceScaling,
  Zeros,
} from './initializers.js';

type Args<C extends abstract new (...args: never[]) => unknown> = ConstructorParameters<C>;

export const zerosInitializer = (...args: Args<typeof Zeros>): Zeros => new Zeros(...args);
export const onesInitializer = (...args: Args<typeof Ones>): Ones => new Ones(...args);
export const constantInitializer = (...args: Args<typeof Constant>): Constant => new Constant(...args);
export const randomUniformInitializer = (...args: Args<typeof RandomUniform>): RandomUniform => new RandomUniform(...args);
export const randomNormalInitializer = (...args: Args<typeof RandomNormal>): RandomNormal => new RandomNormal(...args);
export const truncatedNormalInitializer = (...args: Args<typeof TruncatedNormal>): TruncatedNormal => new TruncatedNormal(...args);
export const glorotUniformInitializer = (...args: Args<typeof GlorotUniform>): GlorotUniform => new GlorotUniform(...args);
export const glorotNormalInitializer = (...args: Args<typeof GlorotNormal>): GlorotNormal => new GlorotNormal(...args);
export const varianceScalingInitializer = (...args: Args<typeof VarianceScaling>): VarianceScaling => new VarianceScaling(...args);
export const uniformUnitScalingInitializer = (...args: Args<typeof UniformUnitScaling>): UniformUnitScaling => new UniformUnitScaling(...args);
