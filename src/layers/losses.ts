// TF1 tf.losses (tensorflow/python/ops/losses/losses_impl.py and util.py): weighted losses with
// TensorFlow's reductions, scopes (`sparse_softmax_cross_entropy_loss/value`) and the LOSSES
// collection.
import { ValueError } from '../core/errors.js';
import type { TensorShape } from '../core/shape.js';
import { getDefaultGraph } from '../graph/graph.js';
import { convertToTensor } from '../graph/graph-context.js';
import { GraphKeys } from '../graph/graph-keys.js';
import type { Tensor } from '../ops/types.js';
import { normalizeArgs } from '../ops/args.js';
import { currentContext } from '../ops/context.js';
import { getItem } from '../ops/defs/array/get-item.js';
import { onesLike, zerosLike } from '../ops/defs/array/like.js';
import { shape as shapeOf } from '../ops/defs/array/shape.js';
import { size } from '../ops/defs/array/size.js';
import { squeeze } from '../ops/defs/array/squeeze.js';
import { stopGradient } from '../ops/defs/array/stop-gradient.js';
import { where } from '../ops/defs/array/where.js';
import { add, multiply, realdiv, subtract } from '../ops/defs/math/binary.js';
import { minimum, squaredDifference } from '../ops/defs/math/binary-math.js';
import { cast } from '../ops/defs/math/cast.js';
import { equal } from '../ops/defs/math/compare-more.js';
import { divNoNan } from '../ops/defs/math/div-no-nan.js';
import { addN } from '../ops/defs/math/add-n.js';
import { reduceSum } from '../ops/defs/math/sum.js';
import { abs } from '../ops/defs/math/unary.js';
import { sigmoidCrossEntropyWithLogits } from '../ops/defs/nn/composite.js';
import { softmaxCrossEntropyWithLogitsV2, sparseSoftmaxCrossEntropyWithLogits } from '../ops/defs/nn/xent.js';
import { constant } from '../ops/defs/array/const.js';
import type { TensorInput } from '../ops/types.js';

/** `tf.losses.Reduction`: how a weighted loss is reduced. */
export const Reduction = Object.freeze({
  NONE: 'none',
  SUM: 'weighted_sum',
  SUM_OVER_BATCH_SIZE: 'weighted_sum_over_batch_size',
  MEAN: 'weighted_mean',
  SUM_BY_NONZERO_WEIGHTS: 'weighted_sum_by_nonzero_weights',
  SUM_OVER_NONZERO_WEIGHTS: 'weighted_sum_by_nonzero_weights',
  all(): string[] {
    return ['none', 'weighted_sum', 'weighted_mean', 'weighted_sum_over_batch_size', 'weighted_sum_by_nonzero_weights', 'weighted_sum_by_nonzero_weights'];
  },
  validate(key: unknown): void {
    if (!Reduction.all().includes(key as string)) {
      throw new ValueError(`Invalid Reduction Key ${String(key)}. Key should be one of (${Reduction.all().map((k) => `'${k}'`).join(', ')}).`);
    }
  },
});
export type ReductionKey = 'none' | 'weighted_sum' | 'weighted_sum_over_batch_size' | 'weighted_mean' | 'weighted_sum_by_nonzero_weights';

/** Options every weighted loss takes. */
export interface LossOptions {
  weights?: TensorInput;
  scope?: string | null;
  lossCollection?: string | null;
  reduction?: ReductionKey;
}

const pyShape = (s: TensorShape): string => (s.rank === null ? '<unknown>' : `(${(s.dims as (number | null)[]).map((d) => (d === null ? 'None' : d)).join(', ')}${s.rank === 1 ? ',' : ''})`);

/** `weights_broadcast_ops.assert_broadcastable`, static shapes only (unknown shapes pass). */
function assertBroadcastable(weights: Tensor, values: Tensor): void {
  const w = weights.shape;
  const v = values.shape;
  if (w.rank === null || v.rank === null) return;
  if (w.rank === 0) return;
  const prefix = 'weights can not be broadcast to values.';
  if (w.rank !== v.rank) {
    throw new ValueError(`${prefix} values.rank=${v.rank}. weights.rank=${w.rank}. values.shape=${pyShape(v)}. weights.shape=${pyShape(w)}.`);
  }
  const wd = w.dims as (number | null)[];
  const vd = v.dims as (number | null)[];
  for (let i = 0; i < wd.length; i++) {
    const a = wd[i] as number | null;
    const b = vd[i] as number | null;
    if (a !== null && b !== null && a !== 1 && a !== b) {
      throw new ValueError(`${prefix} Mismatch at dim ${i}. values.shape=${pyShape(v)}, weights.shape=${pyShape(w)}.`);
    }
  }
}

/** `_num_present`: how many losses have a nonzero weight (broadcast to the losses' shape). */
function numPresent(losses: Tensor, weights: unknown): Tensor {
  if (typeof weights === 'number' && weights !== 0) return numElements(losses);
  return getDefaultGraph().nameScope('num_present', (scope) => {
    const w = cast(weights as TensorInput, 'float32');
    let present = where(equal(w, 0), zerosLike(w), onesLike(w));
    const same = present.shape.isFullyDefined() && losses.shape.isFullyDefined() && present.shape.toString() === losses.shape.toString();
    if (!same) {
      present = getDefaultGraph().nameScope('broadcast_weights', (s) => {
        assertBroadcastable(present, losses);
        return multiply(present, onesLike(losses), s);
      });
    }
    return reduceSum(present, { name: scope });
  });
}

function numElements(losses: Tensor): Tensor {
  return getDefaultGraph().nameScope('num_elements', (scope) => cast(size(losses, scope), losses.dtype));
}

const safeMean = (total: Tensor, num: Tensor): Tensor => divNoNan(reduceSum(total), num, 'value');

/** `util.add_loss`: adds the loss to a collection (LOSSES by default; null skips). */
export function addLoss(loss: Tensor, lossCollection: string | null | { lossCollection?: string | null } = GraphKeys.LOSSES): void {
  const coll = typeof lossCollection === 'object' && lossCollection !== null ? (lossCollection.lossCollection ?? null) : lossCollection;
  if (coll) getDefaultGraph().addToCollection(coll, loss);
}

/**
 * `tf.losses.computeWeightedLoss(losses, weights=1, scope, lossCollection, reduction)`: multiplies
 * by the weights (broadcast) and reduces (default: the sum over the count of nonzero weights).
 */
export function computeWeightedLoss(losses: TensorInput, ...rest: unknown[]): Tensor {
  const a = normalizeArgs('computeWeightedLoss', ['losses', 'weights', 'scope', 'lossCollection', 'reduction'], [losses, ...rest]);
  return weighted(a.losses as TensorInput, a.weights ?? 1.0, (a.scope as string | null) ?? null, lossCollectionOf(a), (a.reduction as string) ?? Reduction.SUM_BY_NONZERO_WEIGHTS);
}

const lossCollectionOf = (a: Record<string, unknown>): string | null => ('lossCollection' in a && a.lossCollection !== undefined ? (a.lossCollection as string | null) : GraphKeys.LOSSES);

function weighted(lossesIn: TensorInput, weightsIn: unknown, scope: string | null, lossCollection: string | null, reduction: string): Tensor {
  Reduction.validate(reduction);
  const ctx = currentContext();
  return ctx.withNameScope(scope ?? undefined, 'weighted_loss', [lossesIn], () => {
    const losses0 = convertToTensor(lossesIn);
    const inputDtype = losses0.dtype;
    const weights0 = typeof weightsIn === 'number' ? weightsIn : convertToTensor(weightsIn);
    if (typeof weights0 !== 'number') assertBroadcastable(weights0, losses0);
    const losses = cast(losses0, 'float32');
    const weights = cast(weights0 as TensorInput, 'float32');
    const weightedLosses = multiply(losses, weights);
    let loss: Tensor;
    if (reduction === Reduction.NONE) {
      loss = weightedLosses;
    } else {
      loss = reduceSum(weightedLosses);
      if (reduction === Reduction.MEAN) loss = safeMean(loss, reduceSum(multiply(onesLike(losses), weights)));
      else if (reduction === Reduction.SUM_BY_NONZERO_WEIGHTS) loss = safeMean(loss, numPresent(losses, weights0));
      else if (reduction === Reduction.SUM_OVER_BATCH_SIZE) loss = safeMean(loss, numElements(losses));
    }
    loss = cast(loss, inputDtype);
    addLoss(loss, lossCollection);
    return loss;
  });
}

/** A loss's scope: `scope` or the default name, then compute_weighted_loss re-enters it. */
function lossScope(scope: unknown, defaultName: string, values: unknown[], fn: (scope: string) => Tensor): Tensor {
  return currentContext().withNameScope((scope as string | null) ?? undefined, defaultName, values, fn);
}

function required(a: Record<string, unknown>, names: string[]): void {
  for (const n of names) if (a[n] === undefined || a[n] === null) throw new ValueError(`Argument \`${n}\` must not be None.`);
}

function assertCompatible(a: Tensor, b: Tensor): void {
  if (!a.shape.isCompatibleWith(b.shape)) throw new ValueError(`Shapes ${a.shape.toString()} and ${b.shape.toString()} are incompatible`);
}

/** `_remove_squeezable_dimensions` with static ranks: labels `[…, 1]` or weights one rank too many are squeezed. */
function removeSqueezable(labels: Tensor, predictions: Tensor, weights: unknown, expectedRankDiff: number): [Tensor, Tensor, unknown] {
  let l = labels;
  let p = predictions;
  const lr = l.shape.rank;
  const pr = p.shape.rank;
  if (lr !== null && pr !== null) {
    const diff = pr - lr;
    const lastP = pr > 0 ? p.shape.dims?.[pr - 1] : null;
    const lastL = lr > 0 ? l.shape.dims?.[lr - 1] : null;
    if (diff === expectedRankDiff + 1 && lastP === 1) p = squeeze(p, [-1]);
    else if (diff === expectedRankDiff - 1 && lastL === 1) l = squeeze(l, [-1]);
  }
  let w = weights;
  if (typeof w !== 'number') {
    const wt = convertToTensor(w);
    const nl = l.shape.rank;
    if (nl !== null && wt.shape.rank !== null && wt.shape.rank - nl === 1) w = squeeze(wt, [-1]);
    else w = wt;
  }
  return [l, p, w];
}

type LossArgs = [TensorInput | Record<string, unknown>, ...unknown[]];

/** `tf.losses.sparseSoftmaxCrossEntropy(labels, logits, weights=1, scope, lossCollection, reduction)`. */
export function sparseSoftmaxCrossEntropy(...args: LossArgs): Tensor {
  const a = normalizeArgs('sparseSoftmaxCrossEntropy', ['labels', 'logits', 'weights', 'scope', 'lossCollection', 'reduction'], args);
  required(a, ['labels', 'logits']);
  return lossScope(a.scope, 'sparse_softmax_cross_entropy_loss', [a.logits, a.labels], (scope) => {
    const [labels, logits, weights] = removeSqueezable(convertToTensor(a.labels), convertToTensor(a.logits), a.weights ?? 1.0, 1);
    const losses = sparseSoftmaxCrossEntropyWithLogits({ labels, logits, name: 'xentropy' });
    return weighted(losses, weights, scope, lossCollectionOf(a), (a.reduction as string) ?? Reduction.SUM_BY_NONZERO_WEIGHTS);
  });
}

/** `tf.losses.softmaxCrossEntropy(onehotLabels, logits, weights=1, labelSmoothing=0, scope, lossCollection, reduction)`. */
export function softmaxCrossEntropy(...args: LossArgs): Tensor {
  const a = normalizeArgs('softmaxCrossEntropy', ['onehotLabels', 'logits', 'weights', 'labelSmoothing', 'scope', 'lossCollection', 'reduction'], args);
  if (a.onehotLabels === undefined || a.onehotLabels === null) throw new ValueError('Argument `onehot_labels` must not be None.');
  required(a, ['logits']);
  return lossScope(a.scope, 'softmax_cross_entropy_loss', [a.logits, a.onehotLabels], (scope) => {
    const logits = convertToTensor(a.logits);
    let labels = cast(a.onehotLabels as TensorInput, logits.dtype);
    assertCompatible(logits, labels);
    const smoothing = (a.labelSmoothing as number | undefined) ?? 0;
    if (smoothing > 0) {
      const numClasses = cast(getItem(shapeOf(labels), -1), logits.dtype);
      const negatives = realdiv(constant(smoothing, logits.dtype), numClasses);
      labels = add(multiply(labels, 1 - smoothing), negatives);
    }
    labels = stopGradient(labels, 'labels_stop_gradient');
    const losses = softmaxCrossEntropyWithLogitsV2({ labels, logits, name: 'xentropy' });
    return weighted(losses, a.weights ?? 1.0, scope, lossCollectionOf(a), (a.reduction as string) ?? Reduction.SUM_BY_NONZERO_WEIGHTS);
  });
}

/** `tf.losses.sigmoidCrossEntropy(multiClassLabels, logits, weights=1, labelSmoothing=0, scope, lossCollection, reduction)`. */
export function sigmoidCrossEntropy(...args: LossArgs): Tensor {
  const a = normalizeArgs('sigmoidCrossEntropy', ['multiClassLabels', 'logits', 'weights', 'labelSmoothing', 'scope', 'lossCollection', 'reduction'], args);
  if (a.multiClassLabels === undefined || a.multiClassLabels === null) throw new ValueError('Argument `multi_class_labels` must not be None.');
  required(a, ['logits']);
  return lossScope(a.scope, 'sigmoid_cross_entropy_loss', [a.logits, a.multiClassLabels], (scope) => {
    const logits = convertToTensor(a.logits);
    let labels = cast(a.multiClassLabels as TensorInput, logits.dtype);
    assertCompatible(logits, labels);
    const smoothing = (a.labelSmoothing as number | undefined) ?? 0;
    if (smoothing > 0) labels = add(multiply(labels, 1 - smoothing), 0.5 * smoothing);
    const losses = sigmoidCrossEntropyWithLogits({ labels, logits, name: 'xentropy' });
    return weighted(losses, a.weights ?? 1.0, scope, lossCollectionOf(a), (a.reduction as string) ?? Reduction.SUM_BY_NONZERO_WEIGHTS);
  });
}

type Pointwise = (predictions: Tensor, labels: Tensor, a: Record<string, unknown>) => Tensor;

function regressionLoss(fnName: string, scopeName: string, extra: string[], f: Pointwise) {
  return (...args: LossArgs): Tensor => {
    const a = normalizeArgs(fnName, ['labels', 'predictions', 'weights', ...extra, 'scope', 'lossCollection', 'reduction'], args);
    required(a, ['labels', 'predictions']);
    return lossScope(a.scope, scopeName, [a.predictions, a.labels], (scope) => {
      const predictions = cast(a.predictions as TensorInput, 'float32');
      const labels = cast(a.labels as TensorInput, 'float32');
      assertCompatible(predictions, labels);
      const losses = f(predictions, labels, a);
      return weighted(losses, a.weights ?? 1.0, scope, lossCollectionOf(a), (a.reduction as string) ?? Reduction.SUM_BY_NONZERO_WEIGHTS);
    });
  };
}

/** `tf.losses.meanSquaredError(labels, predictions, weights=1, scope, lossCollection, reduction)`. */
export const meanSquaredError = regressionLoss('meanSquaredError', 'mean_squared_error', [], (p, l) => squaredDifference(p, l));
/** `tf.losses.absoluteDifference(labels, predictions, weights=1, scope, lossCollection, reduction)`. */
export const absoluteDifference = regressionLoss('absoluteDifference', 'absolute_difference', [], (p, l) => abs(subtract(p, l)));
/** `tf.losses.huberLoss(labels, predictions, weights=1, delta=1, scope, lossCollection, reduction)`. */
export const huberLoss = regressionLoss('huberLoss', 'huber_loss', ['delta'], (p, l, a) => {
  const delta = (a.delta as number | undefined) ?? 1.0;
  const absError = abs(subtract(p, l));
  const quadratic = minimum(absError, delta);
  const linear = subtract(absError, quadratic);
  return add(multiply(constant(0.5, quadratic.dtype), multiply(quadratic, quadratic)), multiply(delta, linear));
});

const scopeArg = (args: unknown[], names: string[], fn: string) => normalizeArgs(fn, names, args);

/** `tf.losses.getLosses(scope, lossCollection=LOSSES)`. */
export function getLosses(...args: unknown[]): Tensor[] {
  const a = scopeArg(args, ['scope', 'lossCollection'], 'getLosses');
  return getDefaultGraph().getCollection<Tensor>((a.lossCollection as string | undefined) ?? GraphKeys.LOSSES, (a.scope as string | null) ?? null);
}
/** `tf.losses.getRegularizationLosses(scope)`. */
export function getRegularizationLosses(...args: unknown[]): Tensor[] {
  const a = scopeArg(args, ['scope'], 'getRegularizationLosses');
  return getDefaultGraph().getCollection<Tensor>(GraphKeys.REGULARIZATION_LOSSES, (a.scope as string | null) ?? null);
}
/** `tf.losses.getRegularizationLoss(scope, name='total_regularization_loss')`: their sum, or 0. */
export function getRegularizationLoss(...args: unknown[]): Tensor {
  const a = scopeArg(args, ['scope', 'name'], 'getRegularizationLoss');
  const losses = getRegularizationLosses((a.scope as string | null) ?? null);
  if (losses.length > 0) return addN(losses, (a.name as string | undefined) ?? 'total_regularization_loss');
  return constant(0.0);
}
/** `tf.losses.getTotalLoss(addRegularizationLosses=true, name='total_loss', scope)`: the sum of the losses. */
export function getTotalLoss(...args: unknown[]): Tensor {
  const a = scopeArg(args, ['addRegularizationLosses', 'name', 'scope'], 'getTotalLoss');
  const scope = (a.scope as string | null) ?? null;
  let losses = getLosses(scope);
  if ((a.addRegularizationLosses as boolean | undefined) ?? true) losses = [...losses, ...getRegularizationLosses(scope)];
  return addN(losses, (a.name as string | undefined) ?? 'total_loss');
}
