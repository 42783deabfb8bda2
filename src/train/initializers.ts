// TF1's initializers (`init_ops.py`): objects whose `call(shape, dtype, partitionInfo)` builds the
// initial value's ops. The random ones build exactly TensorFlow's ops with the same seeds, so
// seeded initial values equal TensorFlow's.
import { type DType, type DTypeLike, toDType } from '../core/dtypes.js';
import { ValueError } from '../core/errors.js';
import { TensorShape } from '../core/shape.js';
import '../graph/random-seed.js';
import { constant } from '../ops/defs/array/const.js';
import { ones, zeros } from '../ops/defs/array/zeros-ones.js';
import { normalizeArgs } from '../ops/args.js';
import { given } from '../ops/defs/random/common.js';
import { randomNormal } from '../ops/defs/random/random-standard-normal.js';
import { randomUniformFrom } from '../ops/defs/random/random-uniform.js';
import { truncatedNormal } from '../ops/defs/random/truncated-normal.js';
import type { Tensor } from '../ops/types.js';

/** A shape an initializer is called with: dims or a fully known TensorShape. */
export type InitShape = readonly number[] | TensorShape;

/** TensorFlow's `PartitionInfo`: the full shape of a partitioned variable (fans use it). */
export interface PartitionInfo {
  readonly fullShape: readonly number[];
}

export type InitializerConfig = Record<string, unknown>;

function dims(shape: InitShape): number[] {
  if (shape instanceof TensorShape) {
    if (!shape.isFullyDefined()) throw new ValueError(`Initializers need a fully defined shape, got ${shape.toString()}`);
    return shape.asList() as number[];
  }
  return [...shape];
}

function dtypeOf(d: unknown, fallback: DType): DType {
  return d === undefined || d === null ? fallback : toDType(d);
}

/** TF's `_assert_float_dtype`. */
function assertFloat(d: DType): DType {
  if (d !== 'float16' && d !== 'float32' && d !== 'float64') {
    throw new ValueError(`Argument \`dtype\` is expected to be floating point. Received: <dtype: '${d}'>.`);
  }
  return d;
}

/** The base class: `call(shape, dtype?, partitionInfo?)` builds the value; `getConfig()` its parameters. */
export abstract class Initializer {
  abstract call(shape: InitShape, dtype?: DTypeLike | null, partitionInfo?: PartitionInfo | null): Tensor;
  getConfig(): InitializerConfig {
    return {};
  }
}

export class Zeros extends Initializer {
  readonly dtype: DType;
  constructor(dtype?: DTypeLike | { dtype?: DTypeLike }) {
    super();
    const a = normalizeArgs('Zeros', ['dtype'], given([dtype]));
    this.dtype = dtypeOf(a.dtype, 'float32');
  }
  call(shape: InitShape, dtype?: DTypeLike | null): Tensor {
    return zeros(dims(shape), dtypeOf(dtype, this.dtype));
  }
  override getConfig(): InitializerConfig {
    return { dtype: this.dtype };
  }
}

export class Ones extends Initializer {
  readonly dtype: DType;
  constructor(dtype?: DTypeLike | { dtype?: DTypeLike }) {
    super();
    const a = normalizeArgs('Ones', ['dtype'], given([dtype]));
    this.dtype = dtypeOf(a.dtype, 'float32');
  }
  call(shape: InitShape, dtype?: DTypeLike | null): Tensor {
    return ones(dims(shape), dtypeOf(dtype, this.dtype));
  }
  override getConfig(): InitializerConfig {
    return { dtype: this.dtype };
  }
}

export interface ConstantInitOptions {
  value?: unknown;
  dtype?: DTypeLike;
  verifyShape?: boolean;
}

/** `tf.constant_initializer(value=0, dtype, verify_shape)`: `tf.constant(value, dtype, shape)`. */
export class Constant extends Initializer {
  readonly value: unknown;
  readonly dtype: DType;
  private readonly verifyShape: boolean;
  constructor(value?: unknown, dtype?: DTypeLike | ConstantInitOptions, verifyShape?: boolean | ConstantInitOptions) {
    super();
    const a = normalizeArgs('Constant', ['value', 'dtype', 'verifyShape'], given([value, dtype, verifyShape]));
    const v = a.value ?? 0;
    const ok = typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' || typeof v === 'string' || Array.isArray(v) || ArrayBuffer.isView(v) || (typeof v === 'object' && v !== null && 'shape' in v && 'dtype' in v && 'data' in v);
    if (!ok) {
      throw new TypeError(`Invalid type for initial value=${String(v)} of type: ${typeof v}. Expected Python scalar, list or tuple of values, or numpy.ndarray.`);
    }
    this.value = v;
    this.dtype = dtypeOf(a.dtype, 'float32');
    this.verifyShape = (a.verifyShape as boolean | undefined) ?? false;
  }
  call(shape: InitShape, dtype?: DTypeLike | null, _partitionInfo?: PartitionInfo | null, verifyShape?: boolean | null): Tensor {
    return constant(this.value as never, dtypeOf(dtype, this.dtype), dims(shape), undefined, verifyShape ?? this.verifyShape);
  }
  override getConfig(): InitializerConfig {
    return { value: this.value, dtype: this.dtype };
  }
}

export interface RandomInitOptions {
  seed?: number | null;
  dtype?: DTypeLike;
}

/** `tf.random_uniform_initializer(minval=0.0, maxval=null, seed, dtype)`. */
export class RandomUniform extends Initializer {
  readonly minval: unknown;
  readonly maxval: unknown;
  readonly seed: number | null;
  readonly dtype: DType;
  private readonly floatMin: boolean;
  constructor(minval?: unknown, maxval?: unknown, seed?: number | null | RandomInitOptions, dtype?: DTypeLike | RandomInitOptions) {
    super();
    const a = normalizeArgs('RandomUniform', ['minval', 'maxval', 'seed', 'dtype'], given([minval, maxval, seed, dtype]));
    // TF's default minval is the float 0.0: random_uniform's [0, 1) shortcut then does not apply.
    this.floatMin = a.minval === undefined;
    this.minval = a.minval ?? 0;
    this.maxval = a.maxval ?? null;
    this.seed = (a.seed as number | null | undefined) ?? null;
    this.dtype = dtypeOf(a.dtype, 'float32');
  }
  call(shape: InitShape, dtype?: DTypeLike | null): Tensor {
    return randomUniformFrom({ shape: dims(shape), minval: this.minval, maxval: this.maxval, dtype: dtypeOf(dtype, this.dtype), seed: this.seed }, this.floatMin);
  }
  override getConfig(): InitializerConfig {
    return { minval: this.minval, maxval: this.maxval, seed: this.seed, dtype: this.dtype };
  }
}

/** `tf.random_normal_initializer(mean=0, stddev=1, seed, dtype)`. */
export class RandomNormal extends Initializer {
  readonly mean: unknown;
  readonly stddev: unknown;
  readonly seed: number | null;
  readonly dtype: DType;
  constructor(mean?: unknown, stddev?: unknown, seed?: number | null | RandomInitOptions, dtype?: DTypeLike | RandomInitOptions) {
    super();
    const a = normalizeArgs(new.target.name, ['mean', 'stddev', 'seed', 'dtype'], given([mean, stddev, seed, dtype]));
    this.mean = a.mean ?? 0.0;
    this.stddev = a.stddev ?? 1.0;
    this.seed = (a.seed as number | null | undefined) ?? null;
    this.dtype = assertFloat(dtypeOf(a.dtype, 'float32'));
  }
  call(shape: InitShape, dtype?: DTypeLike | null): Tensor {
    return randomNormal(dims(shape), this.mean as number, this.stddev as number, dtypeOf(dtype, this.dtype), this.seed);
  }
  override getConfig(): InitializerConfig {
    return { mean: this.mean, stddev: this.stddev, seed: this.seed, dtype: this.dtype };
  }
}

/** `tf.truncated_normal_initializer(mean=0, stddev=1, seed, dtype)`. */
export class TruncatedNormal extends RandomNormal {
  override call(shape: InitShape, dtype?: DTypeLike | null): Tensor {
    return truncatedNormal(dims(shape), this.mean as number, this.stddev as number, dtypeOf(dtype, this.dtype), this.seed);
  }
}

/** TF's `_compute_fans`: (fan_in, fan_out), convolution kernels as (..., in_depth, out_depth). */
export function computeFans(shape: readonly number[]): [number, number] {
  if (shape.length < 1) return [1, 1];
  if (shape.length === 1) return [shape[0] as number, shape[0] as number];
  if (shape.length === 2) return [shape[0] as number, shape[1] as number];
  let receptive = 1;
  for (const d of shape.slice(0, -2)) receptive *= d;
  return [(shape[shape.length - 2] as number) * receptive, (shape[shape.length - 1] as number) * receptive];
}

export type FanMode = 'fan_in' | 'fan_out' | 'fan_avg';
export type ScalingDistribution = 'normal' | 'uniform' | 'truncated_normal' | 'untruncated_normal';

export interface VarianceScalingOptions extends RandomInitOptions {
  scale?: number;
  mode?: FanMode;
  distribution?: ScalingDistribution;
}

// scipy.stats.truncnorm.std(a=-2, b=2, loc=0., scale=1.), as TF.
const TRUNCATED_STD = 0.87962566103423978;

/**
 * `tf.variance_scaling_initializer(scale=1, mode='fan_in', distribution='truncated_normal', seed,
 * dtype)`: draws with variance `scale / n`, n from the fans of the (partition's full) shape.
 */
export class VarianceScaling extends Initializer {
  readonly scale: number;
  readonly mode: FanMode;
  readonly distribution: ScalingDistribution;
  readonly seed: number | null;
  dtype: DType;
  constructor(
    scale?: number | VarianceScalingOptions,
    mode?: FanMode | VarianceScalingOptions,
    distribution?: ScalingDistribution | VarianceScalingOptions,
    seed?: number | null | VarianceScalingOptions,
    dtype?: DTypeLike | VarianceScalingOptions,
  ) {
    super();
    const a = normalizeArgs('VarianceScaling', ['scale', 'mode', 'distribution', 'seed', 'dtype'], given([scale, mode, distribution, seed, dtype]));
    const s = (a.scale as number | undefined) ?? 1.0;
    if (s <= 0) throw new ValueError(`Argument \`scale\` must be a positive float. Received: ${s}`);
    const m = (a.mode as string | undefined) ?? 'fan_in';
    if (m !== 'fan_in' && m !== 'fan_out' && m !== 'fan_avg') throw new ValueError(`Argument \`mode\` should be one of ('fan_in', 'fan_out', 'fan_avg'). Received: ${m}`);
    const d = ((a.distribution as string | undefined) ?? 'truncated_normal').toLowerCase();
    if (d !== 'normal' && d !== 'uniform' && d !== 'truncated_normal' && d !== 'untruncated_normal') {
      throw new ValueError(`Argument \`distribution\` should be one of ('normal', uniform', 'truncated_normal', 'untruncated_normal'). Received: ${d}`);
    }
    this.scale = s;
    this.mode = m;
    this.distribution = d;
    this.seed = (a.seed as number | null | undefined) ?? null;
    this.dtype = assertFloat(dtypeOf(a.dtype, 'float32'));
  }
  call(shape: InitShape, dtype?: DTypeLike | null, partitionInfo?: PartitionInfo | null): Tensor {
    const dt = dtypeOf(dtype, this.dtype);
    const d = dims(shape);
    const [fanIn, fanOut] = computeFans(partitionInfo ? [...partitionInfo.fullShape] : d);
    let scale = this.scale;
    if (this.mode === 'fan_in') scale /= Math.max(1, fanIn);
    else if (this.mode === 'fan_out') scale /= Math.max(1, fanOut);
    else scale /= Math.max(1, (fanIn + fanOut) / 2);
    if (this.distribution === 'normal' || this.distribution === 'truncated_normal') {
      return truncatedNormal(d, 0.0, Math.sqrt(scale) / TRUNCATED_STD, dt, this.seed);
    }
    if (this.distribution === 'untruncated_normal') return randomNormal(d, 0.0, Math.sqrt(scale), dt, this.seed);
    const limit = Math.sqrt(3.0 * scale);
    return randomUniformFrom({ shape: d, minval: -limit, maxval: limit, dtype: dt, seed: this.seed }, true);
  }
  override getConfig(): InitializerConfig {
    return { scale: this.scale, mode: this.mode, distribution: this.distribution, seed: this.seed, dtype: this.dtype };
  }
}

/**
 * `tf.glorot_uniform_initializer(seed, dtype)`: VarianceScaling(1, 'fan_avg', 'uniform'). As in
 * TensorFlow, the constructor's dtype is not passed on: the default dtype stays float32.
 */
export class GlorotUniform extends VarianceScaling {
  constructor(seed?: number | null | RandomInitOptions, dtype?: DTypeLike | RandomInitOptions) {
    const a = normalizeArgs('GlorotUniform', ['seed', 'dtype'], given([seed, dtype]));
    if (a.dtype !== undefined && a.dtype !== null) toDType(a.dtype);
    super(1.0, 'fan_avg', 'uniform', a.seed as number | null | undefined);
  }
  override getConfig(): InitializerConfig {
    return { seed: this.seed, dtype: this.dtype };
  }
}

/** `tf.glorot_normal_initializer(seed, dtype)`: VarianceScaling(1, 'fan_avg', 'truncated_normal'). */
export class GlorotNormal extends VarianceScaling {
  constructor(seed?: number | null | RandomInitOptions, dtype?: DTypeLike | RandomInitOptions) {
    const a = normalizeArgs('GlorotNormal', ['seed', 'dtype'], given([seed, dtype]));
    if (a.dtype !== undefined && a.dtype !== null) toDType(a.dtype);
    super(1.0, 'fan_avg', 'truncated_normal', a.seed as number | null | undefined);
  }
  override getConfig(): InitializerConfig {
    return { seed: this.seed, dtype: this.dtype };
  }
}

/** `tf.uniform_unit_scaling_initializer(factor=1, seed, dtype)` (deprecated in TF1). */
export class UniformUnitScaling extends Initializer {
  readonly factor: number;
  readonly seed: number | null;
  readonly dtype: DType;
  constructor(factor?: number | RandomInitOptions & { factor?: number }, seed?: number | null | RandomInitOptions, dtype?: DTypeLike | RandomInitOptions) {
    super();
    const a = normalizeArgs('UniformUnitScaling', ['factor', 'seed', 'dtype'], given([factor, seed, dtype]));
    this.factor = (a.factor as number | undefined) ?? 1.0;
    this.seed = (a.seed as number | null | undefined) ?? null;
    this.dtype = assertFloat(dtypeOf(a.dtype, 'float32'));
  }
  call(shape: InitShape, dtype?: DTypeLike | null, partitionInfo?: PartitionInfo | null): Tensor {
    const d = dims(shape);
    const scaleShape = partitionInfo ? partitionInfo.fullShape : d;
    let inputSize = 1.0;
    for (const x of scaleShape.slice(0, -1)) inputSize *= x;
    inputSize = Math.max(inputSize, 1.0);
    const maxVal = Math.sqrt(3 / inputSize) * this.factor;
    return randomUniformFrom({ shape: d, minval: -maxVal, maxval: maxVal, dtype: dtypeOf(dtype, this.dtype), seed: this.seed }, true);
  }
  override getConfig(): InitializerConfig {
    return { factor: this.factor, seed: this.seed, dtype: this.dtype };
  }
}

const seedOnly = (fn: string, args: unknown[]) => normalizeArgs(fn, ['seed'], given(args)).seed as number | null | undefined;

/** `he_normal(seed)`: VarianceScaling(2, 'fan_in', 'truncated_normal'). */
export const heNormal = (seed?: number | null | { seed?: number | null }): VarianceScaling => new VarianceScaling(2.0, 'fan_in', 'truncated_normal', seedOnly('he_normal', [seed]));
/** `he_uniform(seed)`: VarianceScaling(2, 'fan_in', 'uniform'). */
export const heUniform = (seed?: number | null | { seed?: number | null }): VarianceScaling => new VarianceScaling(2.0, 'fan_in', 'uniform', seedOnly('he_uniform', [seed]));
/** `lecun_normal(seed)`: VarianceScaling(1, 'fan_in', 'truncated_normal'). */
export const lecunNormal = (seed?: number | null | { seed?: number | null }): VarianceScaling => new VarianceScaling(1.0, 'fan_in', 'truncated_normal', seedOnly('lecun_normal', [seed]));
/** `lecun_uniform(seed)`: VarianceScaling(1, 'fan_in', 'uniform'). */
export const lecunUniform = (seed?: number | null | { seed?: number | null }): VarianceScaling => new VarianceScaling(1.0, 'fan_in', 'uniform', seedOnly('lecun_uniform', [seed]));
