// TF1 tf.layers Dense, Flatten and Dropout (Keras' core layers as TF 1.15 exported them) and their
// functional forms tf.layers.dense / flatten / dropout.
import { ValueError } from '../core/errors.js';
import { TensorShape } from '../core/shape.js';
import { getDefaultGraph } from '../graph/graph.js';
import type { Tensor } from '../ops/types.js';
import { asGraphTensor } from '../graph/graph-context.js';
import type { Variable } from '../graph/variable.js';
import type { InitializerArg, Regularizer } from '../graph/variable-scope.js';
import { normalizeArgs } from '../ops/args.js';
import { constant } from '../ops/defs/array/const.js';
import { identity } from '../ops/defs/array/identity.js';
import { reshape } from '../ops/defs/array/reshape.js';
import { shape as shapeOf } from '../ops/defs/array/shape.js';
import { getItem, sl } from '../ops/defs/array/get-item.js';
import { concat } from '../ops/defs/array/concat.js';
import { transpose } from '../ops/defs/array/transpose.js';
import { biasAdd } from '../ops/defs/math/bias-add.js';
import { matmul } from '../ops/defs/math/matmul.js';
import { dropout as nnDropout } from '../ops/defs/nn/dropout.js';
import { Zeros } from '../train/initializers.js';
import { type ActivityRegularizer, Layer, type LayerOptions } from './base.js';
import { type Activation, getActivation, normalizeDataFormat, smartCond } from './util.js';

/** Checks Keras' InputSpec(min_ndim) on the input's rank. */
export function checkMinNdim(layer: Layer, x: Tensor, min: number): void {
  const r = x.shape.rank;
  if (r !== null && r < min) {
    throw new ValueError(
      `Input 0 of layer ${layer.name} is incompatible with the layer: expected min_ndim=${min}, found ndim=${r}. Full shape received: ${x.shape.toString()}`,
    );
  }
}
/** Checks Keras' InputSpec(ndim) on the input's rank. */
export function checkNdim(layer: Layer, x: Tensor, n: number): void {
  const r = x.shape.rank;
  if (r !== null && r !== n) {
    throw new ValueError(
      `Input 0 of layer ${layer.name} is incompatible with the layer: expected ndim=${n}, found ndim=${r}. Full shape received: ${x.shape.toString()}`,
    );
  }
}

/** `tf.layers.Dense`'s options (TF1 names, camelCase). */
export interface DenseOptions extends LayerOptions {
  activation?: Activation;
  useBias?: boolean;
  kernelInitializer?: InitializerArg | null;
  biasInitializer?: InitializerArg | null;
  kernelRegularizer?: Regularizer | null;
  biasRegularizer?: Regularizer | null;
  kernelConstraint?: unknown;
  biasConstraint?: unknown;
}

/** `tf.layers.Dense(units, …)`: `activation(inputs · kernel + bias)`. */
export class Dense extends Layer {
  readonly units: number;
  readonly activation: ((x: Tensor) => Tensor) | null;
  readonly useBias: boolean;
  kernel: Variable | null = null;
  bias: Variable | null = null;
  private readonly o: DenseOptions;

  constructor(units: number, options: DenseOptions = {}) {
    super('Dense', options);
    if (!Number.isInteger(units) || units <= 0) {
      throw new ValueError(`Received an invalid value for \`units\`, expected a positive integer, got ${String(units)}.`);
    }
    this.units = units;
    this.activation = getActivation(options.activation);
    this.useBias = options.useBias ?? true;
    this.o = options;
  }

  protected override build(inputShape: TensorShape): void {
    const last = inputShape.rank === null ? null : inputShape.dims?.[inputShape.rank - 1];
    if (last === null || last === undefined) throw new ValueError('The last dimension of the inputs to `Dense` should be defined. Found `None`.');
    this.kernel = this.addWeight('kernel', {
      shape: [last, this.units],
      initializer: this.o.kernelInitializer ?? null,
      regularizer: this.o.kernelRegularizer ?? null,
      constraint: this.o.kernelConstraint,
    });
    if (this.useBias) {
      this.bias = this.addWeight('bias', {
        shape: [this.units],
        initializer: this.o.biasInitializer ?? new Zeros(),
        regularizer: this.o.biasRegularizer ?? null,
        constraint: this.o.biasConstraint,
      });
    }
  }

  protected override call(x: Tensor): Tensor {
    checkMinNdim(this, x, 2);
    const kernel = this.kernel as Variable;
    const rank = x.shape.rank;
    let y = rank === 2 || rank === null ? matmul(x, kernel) : tensordotLast(x, kernel, this.units);
    if (this.bias) y = biasAdd(y, this.bias);
    return this.activation ? this.activation(y) : y;
  }
}

/** core_ops.dense's `tensordot(inputs, kernel, [[rank - 1], [0]])` for rank > 2. */
function tensordotLast(x: Tensor, kernel: Variable, units: number): Tensor {
  const dims = x.shape.dims as (number | null)[];
  const inner = dims[dims.length - 1] as number;
  return getDefaultGraph().nameScope('Tensordot', (scope) => {
    const outer = dims.slice(0, -1);
    if (outer.every((d) => d !== null)) {
      const rows = (outer as number[]).reduce((a, b) => a * b, 1);
      const flat = reshape(x, constant([rows, inner], 'int32', undefined, 'Reshape/shape'), 'Reshape');
      const mm = matmul(flat, kernel, { name: 'MatMul' });
      // The result is named after the scope itself (`dense/Tensordot`), as TensorFlow names it.
      return reshape(mm, constant([...(outer as number[]), units], 'int32', undefined, 'shape'), scope);
    }
    // Unknown outer dims: reshape with the run-time shape (TensorFlow builds Gather/Prod ops here).
    const flat = reshape(x, constant([-1, inner], 'int32', undefined, 'Reshape/shape'), 'Reshape');
    const mm = matmul(flat, kernel, { name: 'MatMul' });
    const outShape = concat([getItem(shapeOf(x), sl(null, -1)), constant([units], 'int32')], 0);
    const out = asGraphTensor(reshape(mm, outShape, scope));
    out.setShape(new TensorShape([...outer, units]));
    return out;
  });
}

/** `tf.layers.Flatten`: `[batch, …] → [batch, prod(…)]` (channels_first transposes the channels last first). */
export class Flatten extends Layer {
  readonly dataFormat: 'channels_last' | 'channels_first';
  constructor(options: LayerOptions & { dataFormat?: string | null } = {}) {
    super('Flatten', options);
    this.dataFormat = normalizeDataFormat(options.dataFormat);
  }

  protected override call(input: Tensor): Tensor {
    let x = input;
    const rank = x.shape.rank;
    if (this.dataFormat === 'channels_first' && rank !== null && rank > 1) {
      const perm = [0];
      for (let i = 2; i < rank; i++) perm.push(i);
      perm.push(1);
      x = transpose(x, perm);
    }
    if (rank === null) throw new ValueError('Flatten: the input rank must be known.');
    if (rank === 1) throw new ValueError('Flatten: a rank-1 input (ExpandDims) is not supported yet.');
    const dims = x.shape.dims as (number | null)[];
    const rest = dims.slice(1);
    let shape: unknown;
    if (rest.every((d) => d !== null)) shape = constant([-1, (rest as number[]).reduce((a, b) => a * b, 1)], 'int32');
    else if (dims[0] !== null) shape = constant([dims[0], -1], 'int32');
    else shape = [getItem(shapeOf(x), 0), -1];
    return reshape(x, shape as Tensor);
  }
}

/** `tf.layers.Dropout`'s options. */
export interface DropoutLayerOptions extends LayerOptions {
  rate?: number;
  noiseShape?: readonly (number | null)[] | null;
  seed?: number | null;
}

/** `tf.layers.Dropout(rate=0.5, noiseShape, seed)`: dropout when `training` (a bool or bool tensor). */
export class Dropout extends Layer {
  readonly rate: number;
  readonly noiseShape: readonly (number | null)[] | null;
  readonly seed: number | null;
  constructor(rate: number | DropoutLayerOptions = 0.5, options: DropoutLayerOptions = {}) {
    const o = typeof rate === 'object' ? rate : options;
    super('Dropout', o);
    this.rate = typeof rate === 'number' ? rate : (o.rate ?? 0.5);
    this.noiseShape = o.noiseShape ?? null;
    this.seed = o.seed ?? null;
  }

  override apply(inputs: unknown, training: unknown = false): Tensor {
    return super.apply(inputs, training);
  }

  protected override call(x: Tensor, training: unknown = false): Tensor {
    return smartCond(
      training,
      () => nnDropout(x, { noiseShape: this.noiseShape, seed: this.seed, rate: this.rate }),
      () => identity(x),
    );
  }
}

// ---- functional forms ------------------------------------------------------------------------

/** `tf.layers.dense`'s options: Dense's plus `trainable`, `name`, `reuse`. */
export interface DenseFnOptions extends DenseOptions {
  units?: number;
  inputs?: unknown;
}

const DENSE_PARAMS = [
  'inputs', 'units', 'activation', 'useBias', 'kernelInitializer', 'biasInitializer', 'kernelRegularizer', 'biasRegularizer',
  'activityRegularizer', 'kernelConstraint', 'biasConstraint', 'trainable', 'name', 'reuse',
];

/** `tf.layers.dense(inputs, units, activation, useBias, kernelInitializer, …, trainable, name, reuse)`. */
export function dense(inputs: unknown, units: number | DenseFnOptions, ...rest: unknown[]): Tensor {
  const a = normalizeArgs('dense', DENSE_PARAMS, [inputs, units, ...rest]) as DenseFnOptions & { activityRegularizer?: ActivityRegularizer };
  const layer = new Dense(a.units as number, { ...a, dtype: (a as { dtype?: never }).dtype ?? baseDType(a.inputs) });
  return layer.apply(a.inputs);
}

/** `tf.layers.flatten(inputs, name, dataFormat)`. */
export function flatten(inputs: unknown, name?: string | null | { name?: string | null; dataFormat?: string }, dataFormat?: string | { dataFormat?: string }): Tensor {
  const a = normalizeArgs('flatten', ['inputs', 'name', 'dataFormat'], [inputs, name, dataFormat].filter((v) => v !== undefined));
  return new Flatten({ name: (a.name as string | null) ?? null, dataFormat: a.dataFormat as string | undefined }).apply(a.inputs);
}

/** `tf.layers.dropout(inputs, rate=0.5, noiseShape, seed, training=false, name)`. */
export function dropout(inputs: unknown, ...rest: unknown[]): Tensor {
  const a = normalizeArgs('dropout', ['inputs', 'rate', 'noiseShape', 'seed', 'training', 'name'], [inputs, ...rest]);
  const layer = new Dropout({
    rate: (a.rate as number | undefined) ?? 0.5,
    noiseShape: (a.noiseShape as (number | null)[] | undefined) ?? null,
    seed: (a.seed as number | undefined) ?? null,
    name: (a.name as string | undefined) ?? null,
  });
  return layer.apply(a.inputs, a.training ?? false);
}

/** The functional forms build the layer in the input's float dtype (TF1's `dtype=inputs.dtype.base_dtype`). */
export function baseDType(inputs: unknown): 'float16' | 'float32' | 'float64' | null {
  const d = (inputs as { dtype?: unknown } | null)?.dtype;
  return d === 'float16' || d === 'float32' || d === 'float64' ? d : null;
}
