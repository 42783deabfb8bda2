// TF1 tf.layers Conv2D, MaxPooling2D, AveragePooling2D (Keras' layers as TF 1.15 exported them)
// and the functional forms tf.layers.conv2d / maxPooling2d / averagePooling2d.
import { ValueError } from '../core/errors.js';
import type { TensorShape } from '../core/shape.js';
import type { Tensor } from '../ops/types.js';
import type { Variable } from '../graph/variable.js';
import type { InitializerArg, Regularizer } from '../graph/variable-scope.js';
import { normalizeArgs } from '../ops/args.js';
import { biasAdd } from '../ops/defs/math/bias-add.js';
import { conv2d as nnConv2d } from '../ops/defs/nn/conv2d.js';
import { avgPool, maxPool } from '../ops/defs/nn/pool.js';
import { Zeros } from '../train/initializers.js';
import { Layer, type LayerOptions } from './base.js';
import { baseDType, checkNdim } from './core.js';
import { type Activation, getActivation, normalizeDataFormat, normalizePadding, normalizeTuple } from './util.js';

/** `tf.layers.Conv2D`'s options. */
export interface Conv2DOptions extends LayerOptions {
  strides?: number | readonly number[];
  padding?: string;
  dataFormat?: string;
  dilationRate?: number | readonly number[];
  activation?: Activation;
  useBias?: boolean;
  kernelInitializer?: InitializerArg | null;
  biasInitializer?: InitializerArg | null;
  kernelRegularizer?: Regularizer | null;
  biasRegularizer?: Regularizer | null;
  kernelConstraint?: unknown;
  biasConstraint?: unknown;
}

/** `tf.layers.Conv2D(filters, kernelSize, …)`: a 2-D convolution, bias and activation. */
export class Conv2D extends Layer {
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly dataFormat: 'channels_last' | 'channels_first';
  readonly dilationRate: number[];
  readonly activation: ((x: Tensor) => Tensor) | null;
  readonly useBias: boolean;
  kernel: Variable | null = null;
  bias: Variable | null = null;
  private readonly o: Conv2DOptions;

  constructor(filters: number, kernelSize: number | readonly number[], options: Conv2DOptions = {}) {
    super('Conv2D', options);
    if (!Number.isInteger(filters) || filters <= 0) {
      throw new ValueError(`Invalid value for argument \`filters\`. Expected a strictly positive value. Received filters=${String(filters)}.`);
    }
    this.filters = filters;
    this.kernelSize = normalizeTuple(kernelSize, 2, 'kernel_size');
    this.strides = normalizeTuple(options.strides ?? 1, 2, 'strides');
    this.padding = normalizePadding(options.padding ?? 'valid');
    this.dataFormat = normalizeDataFormat(options.dataFormat);
    this.dilationRate = normalizeTuple(options.dilationRate ?? 1, 2, 'dilation_rate');
    this.activation = getActivation(options.activation);
    this.useBias = options.useBias ?? true;
    this.o = options;
  }

  private get channelAxis(): number {
    return this.dataFormat === 'channels_first' ? 1 : 3;
  }

  protected override build(inputShape: TensorShape): void {
    const ch = inputShape.rank === null ? null : inputShape.dims?.[this.channelAxis];
    if (ch === null || ch === undefined) throw new ValueError('The channel dimension of the inputs should be defined. Found `None`.');
    this.kernel = this.addWeight('kernel', {
      shape: [...this.kernelSize, ch, this.filters],
      initializer: this.o.kernelInitializer ?? null,
      regularizer: this.o.kernelRegularizer ?? null,
      constraint: this.o.kernelConstraint,
    });
    if (this.useBias) {
      this.bias = this.addWeight('bias', {
        shape: [this.filters],
        initializer: this.o.biasInitializer ?? new Zeros(),
        regularizer: this.o.biasRegularizer ?? null,
        constraint: this.o.biasConstraint,
      });
    }
  }

  protected override call(x: Tensor): Tensor {
    checkNdim(this, x, 4);
    const nchw = this.dataFormat === 'channels_first';
    const [sh, sw] = this.strides as [number, number];
    const [dh, dw] = this.dilationRate as [number, number];
    let y = nnConv2d(x, this.kernel as Variable, {
      strides: nchw ? [1, 1, sh, sw] : [1, sh, sw, 1],
      padding: this.padding.toUpperCase() as 'SAME' | 'VALID',
      dataFormat: nchw ? 'NCHW' : 'NHWC',
      dilations: nchw ? [1, 1, dh, dw] : [1, dh, dw, 1],
      name: 'Conv2D',
    });
    if (this.bias) y = biasAdd(y, this.bias, nchw ? 'NCHW' : 'NHWC');
    return this.activation ? this.activation(y) : y;
  }
}

/** Options of the 2-D pooling layers. */
export interface Pooling2DOptions extends LayerOptions {
  padding?: string;
  dataFormat?: string;
}

/** Keras' Pooling2D: MaxPool/AvgPool over `poolSize` windows moved by `strides`. */
abstract class Pooling2D extends Layer {
  readonly poolSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly dataFormat: 'channels_last' | 'channels_first';
  constructor(className: string, poolSize: number | readonly number[], strides: number | readonly number[] | null, options: Pooling2DOptions) {
    super(className, options);
    this.poolSize = normalizeTuple(poolSize, 2, 'pool_size');
    this.strides = strides === null || strides === undefined ? this.poolSize : normalizeTuple(strides, 2, 'strides');
    this.padding = normalizePadding(options.padding ?? 'valid');
    this.dataFormat = normalizeDataFormat(options.dataFormat);
  }
  protected abstract readonly max: boolean;
  protected override call(x: Tensor): Tensor {
    checkNdim(this, x, 4);
    const nchw = this.dataFormat === 'channels_first';
    const [ph, pw] = this.poolSize as [number, number];
    const [sh, sw] = this.strides as [number, number];
    const o = {
      ksize: nchw ? [1, 1, ph, pw] : [1, ph, pw, 1],
      strides: nchw ? [1, 1, sh, sw] : [1, sh, sw, 1],
      padding: this.padding.toUpperCase(),
      dataFormat: (nchw ? 'NCHW' : 'NHWC') as 'NCHW' | 'NHWC',
    };
    return this.max ? maxPool(x, { ...o, name: 'MaxPool' }) : avgPool(x, { ...o, name: 'AvgPool' });
  }
}

/** `tf.layers.MaxPooling2D(poolSize, strides, {padding, dataFormat, name})`. */
export class MaxPooling2D extends Pooling2D {
  protected readonly max = true;
  constructor(poolSize: number | readonly number[], strides: number | readonly number[], options: Pooling2DOptions = {}) {
    super('MaxPooling2D', poolSize, strides, options);
  }
}
/** `tf.layers.AveragePooling2D(poolSize, strides, {padding, dataFormat, name})`. */
export class AveragePooling2D extends Pooling2D {
  protected readonly max = false;
  constructor(poolSize: number | readonly number[], strides: number | readonly number[], options: Pooling2DOptions = {}) {
    super('AveragePooling2D', poolSize, strides, options);
  }
}

const CONV_PARAMS = [
  'inputs', 'filters', 'kernelSize', 'strides', 'padding', 'dataFormat', 'dilationRate', 'activation', 'useBias', 'kernelInitializer',
  'biasInitializer', 'kernelRegularizer', 'biasRegularizer', 'activityRegularizer', 'kernelConstraint', 'biasConstraint', 'trainable', 'name', 'reuse',
];

/** `tf.layers.conv2d(inputs, filters, kernelSize, strides=1, padding='valid', dataFormat, dilationRate, activation, …, name, reuse)`. */
export function conv2d(inputs: unknown, filters: number | Record<string, unknown>, ...rest: unknown[]): Tensor {
  const a = normalizeArgs('conv2d', CONV_PARAMS, [inputs, filters, ...rest]);
  const layer = new Conv2D(a.filters as number, a.kernelSize as number, { ...(a as Conv2DOptions), dtype: baseDType(a.inputs) });
  return layer.apply(a.inputs);
}

const POOL_PARAMS = ['inputs', 'poolSize', 'strides', 'padding', 'dataFormat', 'name'];
function poolFn(fnName: string, Cls: typeof MaxPooling2D | typeof AveragePooling2D) {
  return (inputs: unknown, poolSize: number | readonly number[] | Record<string, unknown>, ...rest: unknown[]): Tensor => {
    const a = normalizeArgs(fnName, POOL_PARAMS, [inputs, poolSize, ...rest]);
    if (a.strides === undefined) throw new TypeError(`${fnName}() missing 1 required positional argument: 'strides'`);
    const layer = new Cls(a.poolSize as number, a.strides as number, {
      padding: a.padding as string | undefined,
      dataFormat: a.dataFormat as string | undefined,
      name: (a.name as string | undefined) ?? null,
    });
    return layer.apply(a.inputs);
  };
}
/** `tf.layers.maxPooling2d(inputs, poolSize, strides, padding='valid', dataFormat='channels_last', name)`. */
export const maxPooling2d = poolFn('maxPooling2d', MaxPooling2D);
/** `tf.layers.averagePooling2d(inputs, poolSize, strides, padding='valid', dataFormat='channels_last', name)`. */
export const averagePooling2d = poolFn('averagePooling2d', AveragePooling2D);
