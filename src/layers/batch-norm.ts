// TF1 tf.layers.BatchNormalization (Keras' BatchNormalizationBase with TF1 behaviour): gamma,
// beta, moving_mean, moving_variance; FusedBatchNormV3 for 4-D inputs over axis 1 or 3, else
// tf.nn.moments + tf.nn.batch_normalization; moving-average update ops (AssignSub) added to the
// layer's updates and to UPDATE_OPS, which TF1 users run with (or before) the train op.
import { ValueError } from '../core/errors.js';
import type { TensorShape } from '../core/shape.js';
import { getDefaultGraph } from '../graph/graph.js';
import type { Tensor } from '../ops/types.js';
import { assignSub, type Variable } from '../graph/variable.js';
import type { InitializerArg, Regularizer } from '../graph/variable-scope.js';
import { normalizeArgs } from '../ops/args.js';
import { constant } from '../ops/defs/array/const.js';
import { identity } from '../ops/defs/array/identity.js';
import { reshape } from '../ops/defs/array/reshape.js';
import { multiply, subtract } from '../ops/defs/math/binary.js';
import { fusedBatchNorm } from '../ops/defs/nn/batch-norm.js';
import { batchNormalization as nnBatchNormalization, moments } from '../ops/defs/nn/composite.js';
import { Ones, Zeros } from '../train/initializers.js';
import { Layer, type LayerOptions } from './base.js';
import { baseDType } from './core.js';
import { constantBool, smartCond } from './util.js';

/** `tf.layers.BatchNormalization`'s options. */
export interface BatchNormalizationOptions extends LayerOptions {
  axis?: number | readonly number[];
  momentum?: number;
  epsilon?: number;
  center?: boolean;
  scale?: boolean;
  betaInitializer?: InitializerArg | null;
  gammaInitializer?: InitializerArg | null;
  movingMeanInitializer?: InitializerArg | null;
  movingVarianceInitializer?: InitializerArg | null;
  betaRegularizer?: Regularizer | null;
  gammaRegularizer?: Regularizer | null;
  betaConstraint?: unknown;
  gammaConstraint?: unknown;
  renorm?: boolean;
  renormClipping?: unknown;
  renormMomentum?: number;
  fused?: boolean | null;
  virtualBatchSize?: number | null;
  adjustment?: unknown;
}

/** `tf.layers.BatchNormalization(axis=-1, momentum=0.99, epsilon=1e-3, center, scale, …)`. */
export class BatchNormalization extends Layer {
  axis: number[];
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  fused: boolean;
  gamma: Variable | null = null;
  beta: Variable | null = null;
  movingMean: Variable | null = null;
  movingVariance: Variable | null = null;
  private readonly o: BatchNormalizationOptions;

  constructor(options: BatchNormalizationOptions = {}) {
    super('BatchNormalization', options);
    const ax = options.axis ?? -1;
    this.axis = typeof ax === 'number' ? [ax] : [...ax];
    this.momentum = options.momentum ?? 0.99;
    this.epsilon = options.epsilon ?? 1e-3;
    this.center = options.center ?? true;
    this.scale = options.scale ?? true;
    if (options.renorm) throw new ValueError('BatchNormalization: renorm=True is not supported yet in tensorgraph.');
    if (options.virtualBatchSize !== undefined && options.virtualBatchSize !== null) {
      throw new ValueError('BatchNormalization: virtual_batch_size is not supported yet in tensorgraph.');
    }
    if (options.adjustment !== undefined && options.adjustment !== null) throw new ValueError('BatchNormalization: adjustment is not supported yet in tensorgraph.');
    // TF1 (V1 behaviour): fused=None means fused where it can be used (decided in build).
    this.fused = options.fused ?? true;
    this.o = options;
  }

  protected override build(inputShape: TensorShape): void {
    const ndims = inputShape.rank;
    if (!ndims) throw new ValueError(`Input has undefined rank: ${inputShape.toString()}`);
    this.axis = this.axis.map((x) => (x < 0 ? ndims + x : x));
    for (const x of this.axis) if (x < 0 || x >= ndims) throw new ValueError(`Invalid axis: ${x}`);
    if (new Set(this.axis).size !== this.axis.length) throw new ValueError(`Duplicate axis: [${this.axis.join(', ')}]`);
    this.fused = this.fused && ndims === 4 && this.axis.length === 1 && (this.axis[0] === 1 || this.axis[0] === 3);
    const dims = this.axis.map((a) => inputShape.dims?.[a] ?? null);
    if (dims.some((d) => d === null)) {
      throw new ValueError(`Axis value ${this.axis[0]} of input tensor should have a defined dimension but the layer received an input with shape ${inputShape.toString()}.`);
    }
    const paramShape = this.axis.length === 1 ? [dims[0] as number] : inputShape.dims?.map((d, i) => (this.axis.includes(i) ? (d as number) : 1)) ?? [];
    if (this.scale) {
      this.gamma = this.addWeight('gamma', { shape: paramShape, initializer: this.o.gammaInitializer ?? new Ones(), regularizer: this.o.gammaRegularizer ?? null, constraint: this.o.gammaConstraint });
    }
    if (this.center) {
      this.beta = this.addWeight('beta', { shape: paramShape, initializer: this.o.betaInitializer ?? new Zeros(), regularizer: this.o.betaRegularizer ?? null, constraint: this.o.betaConstraint });
    }
    this.movingMean = this.addWeight('moving_mean', { shape: paramShape, initializer: this.o.movingMeanInitializer ?? new Zeros(), trainable: false });
    this.movingVariance = this.addWeight('moving_variance', { shape: paramShape, initializer: this.o.movingVarianceInitializer ?? new Ones(), trainable: false });
  }

  override apply(inputs: unknown, training: unknown = false): Tensor {
    return super.apply(inputs, training);
  }

  /** `_assign_moving_average`: `variable -= (variable - value) * (1 - momentum)`, named `AssignMovingAvg`. */
  private assignMovingAverage(variable: Variable, value: Tensor, momentum: Tensor): Tensor {
    return getDefaultGraph().nameScope('AssignMovingAvg', (scope) => {
      const decay = subtract(1.0, momentum);
      const delta = multiply(subtract(variable, value), decay);
      return assignSub(variable, delta, { name: scope });
    });
  }

  protected override call(x: Tensor, training: unknown = false): Tensor {
    return this.fused ? this.fusedCall(x, training) : this.plainCall(x, training);
  }

  private fusedCall(x: Tensor, training: unknown): Tensor {
    const fmt = this.axis[0] === 1 ? 'NCHW' : 'NHWC';
    const n = this.movingMean?.shape.dims?.[0] as number;
    const gamma = this.gamma ?? constant(new Array<number>(n).fill(1), x.dtype);
    const beta = this.beta ?? constant(new Array<number>(n).fill(0), x.dtype);
    const mm = this.movingMean as Variable;
    const mv = this.movingVariance as Variable;
    const [out, mean, variance] = smartCond(
      training,
      () => fusedBatchNorm(x, gamma, beta, mm, mv, { epsilon: this.epsilon, dataFormat: fmt, isTraining: true }),
      () => fusedBatchNorm(x, gamma, beta, mm, mv, { epsilon: this.epsilon, dataFormat: fmt, isTraining: false }),
    );
    const tv = constantBool(training);
    if (tv === true || tv === null) {
      const momentum = tv === null ? smartCond(training, () => constant(this.momentum), () => constant(1.0)) : constant(this.momentum);
      this.addUpdate(this.assignMovingAverage(mm, mean, momentum));
      this.addUpdate(this.assignMovingAverage(mv, variance, momentum));
    }
    return out;
  }

  private plainCall(x: Tensor, training: unknown): Tensor {
    const ndims = x.shape.rank as number;
    const reductionAxes = [...Array(ndims).keys()].filter((i) => !this.axis.includes(i));
    const lastOnly = reductionAxes.length === ndims - 1 && reductionAxes.every((a, i) => a === i);
    const bshape = new Array<number>(ndims).fill(1);
    bshape[this.axis[0] as number] = x.shape.dims?.[this.axis[0] as number] as number;
    const bc = (v: Tensor | Variable | null): Tensor | Variable | null =>
      v !== null && v.shape.rank !== ndims && !lastOnly ? reshape(v as Tensor, bshape) : v;
    const scale = bc(this.gamma);
    const offset = bc(this.beta);
    const mm = this.movingMean as Variable;
    const mv = this.movingVariance as Variable;
    const tv = constantBool(training);
    let mean: Tensor | Variable;
    let variance: Tensor | Variable;
    if (tv === false) {
      mean = mm;
      variance = mv;
    } else {
      const keepDims = this.axis.length > 1;
      const [bm, bv] = moments(x, reductionAxes, { keepDims });
      mean = smartCond(training, () => bm, () => identity(mm));
      variance = smartCond(training, () => bv, () => identity(mv));
      const newMean = mean as Tensor;
      const newVariance = variance as Tensor;
      const momentum = constant(this.momentum);
      this.addUpdate(smartCond(training, () => this.assignMovingAverage(mm, newMean, momentum), () => identity(mm)));
      this.addUpdate(smartCond(training, () => this.assignMovingAverage(mv, newVariance, momentum), () => identity(mv)));
    }
    const out = nnBatchNormalization(x, bc(mean as Tensor) as Tensor, bc(variance as Tensor) as Tensor, offset as Tensor | null, scale as Tensor | null, this.epsilon);
    return out;
  }
}

const BN_PARAMS = [
  'inputs', 'axis', 'momentum', 'epsilon', 'center', 'scale', 'betaInitializer', 'gammaInitializer', 'movingMeanInitializer',
  'movingVarianceInitializer', 'betaRegularizer', 'gammaRegularizer', 'betaConstraint', 'gammaConstraint', 'training', 'trainable', 'name',
  'reuse', 'renorm', 'renormClipping', 'renormMomentum', 'fused', 'virtualBatchSize', 'adjustment',
];

/** `tf.layers.batchNormalization(inputs, axis=-1, momentum=0.99, epsilon=1e-3, …, training=false, trainable, name, reuse, renorm, …, fused)`. */
export function batchNormalization(inputs: unknown, ...rest: unknown[]): Tensor {
  const a = normalizeArgs('batchNormalization', BN_PARAMS, [inputs, ...rest]);
  const { training, inputs: x, ...o } = a;
  const layer = new BatchNormalization({ ...(o as BatchNormalizationOptions), dtype: baseDType(x) });
  return layer.apply(x, training ?? false);
}
