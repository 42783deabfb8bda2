// TF1's streaming metrics (ops/metrics_impl.py): local variables `<name>/total` and `<name>/count`,
// a value op and an update op, as TensorFlow builds them.
import { jsTypeName } from '../core/convert.js';
import { RuntimeError, ValueError } from '../core/errors.js';
import type { TensorShape } from '../core/shape.js';
import { normalizeArgs } from '../ops/args.js';
import { executingEagerly } from '../ops/context.js';
import { expandDims } from '../ops/defs/array/expand-dims.js';
import { onesLike } from '../ops/defs/array/like.js';
import { size } from '../ops/defs/array/size.js';
import { squeeze } from '../ops/defs/array/squeeze.js';
import { zeros } from '../ops/defs/array/zeros-ones.js';
import { multiply } from '../ops/defs/math/binary.js';
import { maximum } from '../ops/defs/math/binary-math.js';
import { cast } from '../ops/defs/math/cast.js';
import { equal } from '../ops/defs/math/compare-more.js';
import { divNoNan } from '../ops/defs/math/div-no-nan.js';
import { reduceSum } from '../ops/defs/math/sum.js';
import type { TensorInput } from '../ops/types.js';
import { getDefaultGraph } from '../graph/graph.js';
import { convertToTensor } from '../graph/graph-context.js';
import { GraphKeys } from '../graph/graph-keys.js';
import type { Tensor } from '../graph/tensor.js';
import { variableScope } from '../graph/variable-scope.js';
import { Variable, assignAdd } from '../graph/variable.js';

/** tf.metrics' trailing options. */
export interface MetricOptions {
  weights?: TensorInput | null;
  metricsCollections?: readonly string[] | null;
  updatesCollections?: readonly string[] | null;
  name?: string | null;
}

/** A local, non-trainable float32 variable of zeros in LOCAL_VARIABLES and METRIC_VARIABLES. */
export function metricVariable(shape: number[], dtype: 'float32' | 'float64', name: string): Variable {
  return new Variable(() => zeros(shape, dtype), {
    trainable: false,
    collections: [GraphKeys.LOCAL_VARIABLES, GraphKeys.METRIC_VARIABLES],
    name,
  });
}

const lastDimIsOne = (s: TensorShape): boolean => {
  const d = s.dims?.[s.dims.length - 1];
  return d === null || d === 1;
};

/** confusion_matrix.remove_squeezable_dimensions for statically known ranks. */
function removeSqueezable(labels: Tensor, predictions: Tensor): [Tensor, Tensor] {
  return getDefaultGraph().nameScope('remove_squeezable_dimensions', () => {
    const pr = predictions.shape.rank;
    const lr = labels.shape.rank;
    if (pr === null || lr === null) {
      throw new ValueError('tf.metrics: predictions and labels of unknown rank are not supported (their ranks must be known when building).');
    }
    if (pr - lr === 1 && lastDimIsOne(predictions.shape)) return [labels, squeeze(predictions, [-1])];
    if (pr - lr === -1 && lastDimIsOne(labels.shape)) return [squeeze(labels, [-1]), predictions];
    return [labels, predictions];
  });
}

/** metrics_impl._remove_squeezable_dimensions's weights part (static ranks). */
function adjustWeights(predictions: Tensor, weights: Tensor): Tensor {
  const wr = weights.shape.rank;
  const pr = predictions.shape.rank;
  if (wr === 0) return weights;
  if (wr === null || pr === null) {
    throw new ValueError('tf.metrics: weights or values of unknown rank are not supported (their ranks must be known when building).');
  }
  if (wr - pr === 1) return squeeze(weights, [-1]);
  if (pr - wr === 1) return expandDims(weights, [-1]);
  return weights;
}

/** weights_broadcast_ops.broadcast_weights: `weights * onesLike(values)` unless the shapes already match. */
function broadcastWeights(weights: Tensor, values: Tensor): Tensor {
  return getDefaultGraph().nameScope('broadcast_weights', (scope) => {
    const ws = weights.shape;
    const vs = values.shape;
    if (ws.isFullyDefined() && vs.isFullyDefined() && ws.isCompatibleWith(vs)) return weights;
    return multiply(weights, onesLike(values), scope);
  });
}

function collections(x: unknown, what: string): readonly string[] {
  if (x === undefined || x === null) return [];
  if (!Array.isArray(x)) throw new TypeError(`tf.metrics: ${what} must be an array of collection names, got ${jsTypeName(x)}`);
  return x as string[];
}

function meanImpl(valuesIn: TensorInput, weightsIn: unknown, metricsColls: readonly string[], updatesColls: readonly string[], name: string | null): [Tensor, Tensor] {
  if (executingEagerly()) throw new RuntimeError('tf.metrics.mean is not supported when eager execution is enabled.');
  const g = getDefaultGraph();
  const inputs = weightsIn === undefined || weightsIn === null ? [valuesIn] : [valuesIn, weightsIn];
  return variableScope(name, 'mean', inputs, () => {
    let values = cast(valuesIn, 'float32');
    const total = metricVariable([], 'float32', 'total');
    const count = metricVariable([], 'float32', 'count');
    let numValues: Tensor;
    if (weightsIn === undefined || weightsIn === null) {
      numValues = cast(size(values), 'float32');
    } else {
      let w = adjustWeights(values, convertToTensor(weightsIn));
      w = broadcastWeights(cast(w, 'float32'), values);
      values = multiply(values, w);
      numValues = reduceSum(w);
    }
    const updateTotal = assignAdd(total, reduceSum(values));
    const updateCount = g.controlDependencies([values], () => assignAdd(count, numValues));
    const value = g.controlDependencies(null, () => divNoNan(total, maximum(count, 0), 'value'));
    g.addToCollections([...metricsColls], value);
    const update = divNoNan(updateTotal, maximum(updateCount, 0), 'update_op');
    g.addToCollections([...updatesColls], update);
    return [value, update] as [Tensor, Tensor];
  }) as [Tensor, Tensor];
}

/**
 * `tf.metrics.mean(values, weights, metricsCollections, updatesCollections, name)`: the running
 * (weighted) mean of `values`. Returns `[mean, updateOp]`; running `updateOp` accumulates a batch.
 */
export function mean(values: TensorInput, weights?: TensorInput | null | MetricOptions, metricsCollections?: readonly string[] | null | MetricOptions, updatesCollections?: readonly string[] | null | MetricOptions, name?: string | null | MetricOptions): [Tensor, Tensor];
export function mean(...args: unknown[]): [Tensor, Tensor] {
  const a = normalizeArgs('mean', ['values', 'weights', 'metricsCollections', 'updatesCollections', 'name'], args);
  return meanImpl(a.values as TensorInput, a.weights, collections(a.metricsCollections, 'metricsCollections'), collections(a.updatesCollections, 'updatesCollections'), (a.name as string | null | undefined) ?? null);
}

/**
 * `tf.metrics.accuracy(labels, predictions, weights, metricsCollections, updatesCollections, name)`:
 * the running fraction of `predictions` equal to `labels` (variables `accuracy/total`, `accuracy/count`).
 */
export function accuracy(labels: TensorInput, predictions: TensorInput, weights?: TensorInput | null | MetricOptions, metricsCollections?: readonly string[] | null | MetricOptions, updatesCollections?: readonly string[] | null | MetricOptions, name?: string | null | MetricOptions): [Tensor, Tensor];
export function accuracy(...args: unknown[]): [Tensor, Tensor] {
  const a = normalizeArgs('accuracy', ['labels', 'predictions', 'weights', 'metricsCollections', 'updatesCollections', 'name'], args);
  if (executingEagerly()) throw new RuntimeError('tf.metrics.accuracy is not supported when eager execution is enabled.');
  let predictions = convertToTensor(a.predictions);
  let labels = convertToTensor(a.labels);
  [labels, predictions] = removeSqueezable(labels, predictions);
  let weights: Tensor | null = null;
  if (a.weights !== undefined && a.weights !== null) weights = adjustWeights(predictions, convertToTensor(a.weights));
  if (!predictions.shape.isCompatibleWith(labels.shape)) {
    throw new ValueError(`Shapes ${predictions.shape.toString()} and ${labels.shape.toString()} are incompatible`);
  }
  if (labels.dtype !== predictions.dtype) predictions = cast(predictions, labels.dtype);
  const isCorrect = cast(equal(predictions, labels), 'float32');
  return meanImpl(isCorrect, weights, collections(a.metricsCollections, 'metricsCollections'), collections(a.updatesCollections, 'updatesCollections'), (a.name as string | null | undefined) || 'accuracy');
}
