// TF1 variable scopes: tf.variableScope, tf.getVariable, tf.AUTO_REUSE, tf.getVariableScope.
import { reportingBuildSite } from '../graph/build-site.js';
import { _setDefaultFloatInitializer, getVariable as getVariable_, variableScope as variableScope_ } from '../graph/variable-scope.js';
import { GlorotUniform } from '../train/initializers.js';

// getVariable's default for floating-point variables, as TensorFlow's: glorot_uniform.
_setDefaultFloatInitializer(() => new GlorotUniform());

export {
  AUTO_REUSE,
  type CustomGetter,
  type GetVariableOptions,
  getVariableScope,
  type InitializerArg,
  type InitializerFn,
  type InitializerLike,
  type Regularizer,
  type Reuse,
  VariableScope,
  type VariableScopeOptions,
} from '../graph/variable-scope.js';

export const getVariable = reportingBuildSite(getVariable_);
export const variableScope = reportingBuildSite(variableScope_);
import { scatterAdd as scatterAdd_, scatterSub as scatterSub_, scatterUpdate as scatterUpdate_ } from '../ops/defs/state/scatter.js';
export type { ScatterOptions } from '../ops/defs/state/scatter.js';
export const scatterUpdate = reportingBuildSite(scatterUpdate_);
export const scatterAdd = reportingBuildSite(scatterAdd_);
export const scatterSub = reportingBuildSite(scatterSub_);
