// CPU kernels of the nn ops: activations and their grad ops, Softmax/LogSoftmax, the softmax
// cross-entropies, L2Loss, FusedBatchNormV3 and its gradient. Dtypes as TensorFlow's CPU kernels.
import { broadcastShapes } from '../../../core/broadcast.js';
import type { DType } from '../../../core/dtypes.js';
import { InvalidArgumentError } from '../../../core/errors.js';
import { sameShape, shapeDebugString } from '../../../core/shape.js';
import type { Kernel } from '../../backend.js';
import { type ComputeArray, type ComputeDType, type UnaryOpName, kindOf, supportsUnary, unary } from '../compute/index.js';
import {
  batchNormApply,
  batchNormApplyChannelsLast,
  batchNormGrad,
  batchNormGradChannelsLast,
  channelLayout,
  channelMoments,
  channelMomentsChannelsLast,
  getter,
  l2Loss,
  setter,
  softmaxRows,
  softmaxXentRows,
  sparseXentRows,
} from '../compute/nn.js';
import type { CpuTensor } from '../tensor.js';
import { type KernelEntry, arr, out } from '../values.js';

const FLOATS: readonly DType[] = ['float16', 'float32', 'float64'];
const data = (t: CpuTensor) => t.data as ComputeArray;
const get = (t: CpuTensor) => getter(data(t), t.dtype as ComputeDType);
const set = (t: CpuTensor) => setter(data(t), t.dtype as ComputeDType);

/** A kernel for the dtypes in `only` (all numeric ones when absent). */
function forDtypes(only: readonly DType[] | null, make: (dtype: ComputeDType) => Kernel | undefined): KernelEntry {
  return {
    select: (sig) => {
      const dtype = sig.inputs[0] as DType;
      if (dtype === 'string' || dtype === 'bool' || (only && !only.includes(dtype))) return undefined;
      return make(dtype as ComputeDType);
    },
  };
}

/** An activation from the compute op table (so it fuses with its neighbours). */
function activation(op: UnaryOpName, only: readonly DType[] | null): KernelEntry {
  return forDtypes(only, (dtype) => {
    if (!supportsUnary(op, dtype)) return undefined;
    const loop = unary(op, dtype);
    return (inputs, ctx) => {
      const x = arr(inputs, 0);
      const o = out(ctx, 0, dtype, x.shape);
      loop(data(x), data(o), x.size);
      return [o];
    };
  });
}

/** TensorFlow's check that an elementwise grad op's two inputs have one shape. */
function checkSameShape(type: string, a: CpuTensor, b: CpuTensor): void {
  if (!sameShape(a.shape, b.shape)) {
    throw new InvalidArgumentError(
      null,
      null,
      `Inputs to operation ${type} of type ${type} must have the same size and shape.  Input 0: ${shapeDebugString(a.shape)} != input 1: ${shapeDebugString(b.shape)}`,
    );
  }
}

/**
 * A grad op `backprops = f(gradients, x)` over float values (half decoded), or, for the integer
 * dtypes Relu(6)Grad have, `cond(x) ? g : 0`.
 */
function gradOp(type: string, only: readonly DType[] | null, f: (g: number, x: number, alpha: number) => number, cond?: (x: number) => boolean): KernelEntry {
  return forDtypes(only, (dtype) => {
    const kind = kindOf(dtype);
    return (inputs, ctx) => {
      const g = arr(inputs, 0);
      const x = arr(inputs, 1);
      checkSameShape(type, g, x);
      const o = out(ctx, 0, dtype, g.shape);
      const n = g.size;
      if (kind === 'big') {
        const G = data(g) as BigInt64Array;
        const X = data(x) as BigInt64Array;
        const O = data(o) as BigInt64Array;
        for (let i = 0; i < n; i++) O[i] = (cond as (x: number) => boolean)(Number(X[i])) ? (G[i] as bigint) : 0n;
      } else if (kind === 'int') {
        const G = data(g) as Int32Array;
        const X = data(x) as Int32Array;
        const O = data(o) as Int32Array;
        for (let i = 0; i < n; i++) O[i] = (cond as (x: number) => boolean)(X[i] as number) ? (G[i] as number) : 0;
      } else {
        const alpha = Math.fround((ctx.env.attrs.alpha as number | undefined) ?? 0);
        const G = get(g);
        const X = get(x);
        const O = set(o);
        for (let i = 0; i < n; i++) O(i, f(G(i), X(i), alpha));
      }
      return [o];
    };
  });
}

const SELU_SCALE = 1.0507009873554805;
const SELU_SCALE_ALPHA = 1.7580993408473766;

function softmaxKernel(log: boolean): KernelEntry {
  return forDtypes(FLOATS, (dtype) => (inputs, ctx) => {
    const x = arr(inputs, 0);
    if (x.rank < 1) throw new InvalidArgumentError(null, null, `logits must have >= 1 dimension, got ${shapeDebugString(x.shape)}`);
    const o = out(ctx, 0, dtype, x.shape);
    const cols = x.shape[x.rank - 1] as number;
    softmaxRows(get(x), set(o), cols === 0 ? 0 : x.size / cols, cols, log);
    return [o];
  });
}

const xentKernel: KernelEntry = forDtypes(FLOATS, (dtype) => (inputs, ctx) => {
  const f = arr(inputs, 0);
  const l = arr(inputs, 1);
  const shape = sameShape(f.shape, l.shape) ? f.shape : broadcastShapes(f.shape, l.shape);
  if (shape === null) {
    throw new InvalidArgumentError(null, null, `logits and labels must be broadcastable: logits_size=${shapeDebugString(f.shape)} labels_size=${shapeDebugString(l.shape)}`);
  }
  if (shape.length !== 2) {
    throw new InvalidArgumentError(null, null, 'logits and labels must be either 2-dimensional, or broadcasted to be 2-dimensional');
  }
  const [rows, cols] = shape as [number, number];
  const loss = out(ctx, 0, dtype, [rows]);
  const backprop = out(ctx, 1, dtype, [rows, cols]);
  // Each operand is read through its own strides, 0 along a broadcast dimension.
  const at = (t: CpuTensor) => {
    const g = get(t);
    const pad = [...new Array(2 - t.rank).fill(1), ...t.shape] as [number, number];
    const rs = pad[0] === 1 ? 0 : pad[1];
    const cs = pad[1] === 1 ? 0 : 1;
    return (r: number, c: number) => g(r * rs + c * cs);
  };
  softmaxXentRows(at(f), at(l), set(loss), set(backprop), rows, cols);
  return [loss, backprop];
});

/**
 * SparseSoftmaxCrossEntropyWithLogits's checks of its logits' and labels' shapes and of the label
 * values, with TensorFlow's messages (the wasm kernel makes them too): the labels as numbers.
 */
export function sparseXentLabels(logitsShape: readonly number[], labelsShape: readonly number[], labelValues: ArrayLike<number | bigint>): number[] {
  if (logitsShape.length !== 2) throw new InvalidArgumentError(null, null, `logits must be 2-D, but got shape ${shapeDebugString(logitsShape)}`);
  if (labelsShape.length !== 1) throw new InvalidArgumentError(null, null, `labels must be 1-D, but got shape ${shapeDebugString(labelsShape)}`);
  if (logitsShape[0] !== labelsShape[0]) {
    throw new InvalidArgumentError(
      null,
      null,
      `logits and labels must have the same first dimension, got logits shape ${shapeDebugString(logitsShape)} and labels shape ${shapeDebugString(labelsShape)}`,
    );
  }
  const cols = logitsShape[1] as number;
  if (cols <= 0) throw new InvalidArgumentError(null, null, `Must have at least one class, but got logits shape ${shapeDebugString(logitsShape)}`);
  const labels = Array.from(labelValues, Number);
  const bad = labels.find((v) => v < 0 || v >= cols);
  if (bad !== undefined) {
    throw new InvalidArgumentError(null, null, `Received a label value of ${bad} which is outside the valid range of [0, ${cols}).  Label values: ${labels.join(' ')}`);
  }
  return labels;
}

const sparseXentKernel: KernelEntry = forDtypes(FLOATS, (dtype) => (inputs, ctx) => {
  const f = arr(inputs, 0);
  const l = arr(inputs, 1);
  const labels = sparseXentLabels(f.shape, l.shape, l.data as ArrayLike<number | bigint>);
  const [rows, cols] = f.shape as [number, number];
  const loss = out(ctx, 0, dtype, [rows]);
  const backprop = out(ctx, 1, dtype, [rows, cols]);
  sparseXentRows(get(f), (r) => labels[r] as number, set(loss), set(backprop), rows, cols);
  return [loss, backprop];
});

const l2LossKernel: KernelEntry = forDtypes(FLOATS, (dtype) => (inputs, ctx) => {
  const x = arr(inputs, 0);
  const o = out(ctx, 0, dtype, []);
  set(o)(0, l2Loss(get(x), x.size));
  return [o];
});

// ---- batch norm -------------------------------------------------------------------------------

const BN_T: readonly DType[] = ['float16', 'float32'];

function bnFormat(attrs: Record<string, unknown>): { channelsLast: boolean; rank: number } {
  const f = String(attrs.data_format ?? 'NHWC');
  return { channelsLast: f === 'NHWC' || f === 'NDHWC', rank: f.length };
}

/** A tensor's shape and element count, as the batch-norm checks read them. */
interface Sized {
  readonly shape: readonly number[];
  readonly size: number;
}

const check1DShape = (t: Sized, what: string) => {
  if (t.shape.length !== 1) throw new InvalidArgumentError(null, null, `${what} must be 1-dimensional${shapeDebugString(t.shape)}`);
};

/**
 * FusedBatchNormV3's checks as TensorFlow's kernel makes them (its messages), and what the
 * kernels read from its attrs: the mode, epsilon, the averaging factor, the layout and C.
 */
export function fusedBatchNormChecks(x: Sized, scale: Sized, offset: Sized, mean: Sized, variance: Sized, attrs: Record<string, unknown>): { training: boolean; epsilon: number; factor: number; channelsLast: boolean; C: number } {
  const training = attrs.is_training !== false;
  const epsilon = attrs.epsilon as number;
  const factor = (attrs.exponential_avg_factor as number | undefined) ?? 1;
  const { channelsLast, rank } = bnFormat(attrs);
  const xRank = x.shape.length;
  if (xRank !== 4 && xRank !== 5) throw new InvalidArgumentError(null, null, `input must be 4 or 5-dimensional${shapeDebugString(x.shape)}`);
  check1DShape(scale, 'scale');
  check1DShape(offset, 'offset');
  check1DShape(mean, 'estimated_mean');
  check1DShape(variance, 'estimated_variance');
  if (xRank !== rank) throw new InvalidArgumentError(null, null, `input must be ${rank}-dimensional for data_format ${String(attrs.data_format)}`);
  const C = channelLayout(x.shape, channelsLast).channels;
  const sameC = (t: Sized, what: string, prefix = '') => {
    if (t.size !== C) {
      throw new InvalidArgumentError(null, null, `${prefix}${what} must have the same number of elements as the channels of x, got ${t.size} and ${C}`);
    }
  };
  sameC(scale, 'scale');
  sameC(offset, 'offset');
  if (!training || factor !== 1) {
    const prefix = training ? 'When exponential_avg_factor != 1, ' : 'When is_training=false, ';
    sameC(mean, 'mean', prefix);
    sameC(variance, 'variance', prefix);
  }
  return { training, epsilon, factor, channelsLast, C };
}

/** FusedBatchNormGradV3's checks as TensorFlow's kernel makes them; the mode, layout and C. */
export function fusedBatchNormGradChecks(dy: Sized, x: Sized, scale: Sized, rs1: Sized, rs2: Sized, attrs: Record<string, unknown>): { training: boolean; channelsLast: boolean; C: number } {
  const training = attrs.is_training !== false;
  const { channelsLast } = bnFormat(attrs);
  if (dy.shape.length !== 4 && dy.shape.length !== 5) throw new InvalidArgumentError(null, null, `input must be 4 or 5-dimensional${shapeDebugString(dy.shape)}`);
  if (x.shape.length !== 4 && x.shape.length !== 5) throw new InvalidArgumentError(null, null, `input must be 4 or 5-dimensional${shapeDebugString(x.shape)}`);
  check1DShape(scale, 'scale');
  check1DShape(rs1, 'saved mean');
  check1DShape(rs2, 'saved variance');
  if (!sameShape(dy.shape, x.shape)) {
    throw new InvalidArgumentError(null, null, `x and y_backprop must have same shape, but x has shape ${shapeDebugString(x.shape)} and y_backprop has shape ${shapeDebugString(dy.shape)}`);
  }
  const C = channelLayout(x.shape, channelsLast).channels;
  for (const [t, what] of [
    [scale, 'scale'],
    [rs1, 'reserve_space_1 (mean)'],
    [rs2, 'reserve_space_2 (variance)'],
  ] as const) {
    if (t.size !== C) throw new InvalidArgumentError(null, null, `${what} must have the same number of elements as the channels of x, got ${t.size} and ${C}`);
  }
  return { training, channelsLast, C };
}

/**
 * FusedBatchNormV3's statistics outputs in training from the batch's moments: batch_mean and
 * the Bessel-corrected batch_variance (averaged into the old values by `factor` when not 1), and
 * the reserve spaces (the mean and the biased variance; zeros for an empty batch, whose
 * statistics are NaN, as TensorFlow's CPU kernel).
 */
export function batchStatistics(
  m: { readonly mean: Float64Array; readonly variance: Float64Array; readonly count: number },
  oldMean: Float32Array,
  oldVar: Float32Array,
  factor: number,
  bm: Float32Array,
  bv: Float32Array,
  rs1: Float32Array,
  rs2: Float32Array,
): void {
  const bessel = m.count / (m.count > 1 ? m.count - 1 : 1);
  for (let c = 0; c < m.mean.length; c++) {
    const bmc = m.mean[c] as number;
    const bvc = (m.variance[c] as number) * bessel;
    bm[c] = factor === 1 ? bmc : (1 - factor) * (oldMean[c] as number) + factor * bmc;
    bv[c] = factor === 1 ? bvc : (1 - factor) * (oldVar[c] as number) + factor * bvc;
    rs1[c] = m.count === 0 ? 0 : bmc;
    rs2[c] = m.count === 0 ? 0 : (m.variance[c] as number);
  }
}

const fusedBatchNormKernel: KernelEntry = forDtypes(BN_T, (dtype) => (inputs, ctx) => {
  const [x, scale, offset, mean, variance] = [0, 1, 2, 3, 4].map((i) => arr(inputs, i)) as [CpuTensor, CpuTensor, CpuTensor, CpuTensor, CpuTensor];
  const attrs = ctx.env.attrs;
  const { training, epsilon, factor, channelsLast, C } = fusedBatchNormChecks(x, scale, offset, mean, variance, attrs);
  const layout = channelLayout(x.shape, channelsLast);
  const y = out(ctx, 0, dtype, x.shape);
  const batchMean = out(ctx, 1, 'float32', [C]);
  const batchVar = out(ctx, 2, 'float32', [C]);
  const rs1 = out(ctx, 3, 'float32', [C]);
  const rs2 = out(ctx, 4, 'float32', [C]);
  const rs3 = out(ctx, 5, 'float32', [0]);
  void rs3;
  const bm = data(batchMean) as Float32Array;
  const bv = data(batchVar) as Float32Array;
  // float32 with channels last: the same sums as plain loops
  const fast = dtype === 'float32' && layout.inner === 1;
  const apply = (mu: (c: number) => number, v: (c: number) => number) => {
    if (fast) batchNormApplyChannelsLast(data(x) as Float32Array, data(y) as Float32Array, C, mu, v, get(scale), get(offset), epsilon);
    else batchNormApply(get(x), set(y), layout, mu, v, get(scale), get(offset), epsilon);
  };
  if (!training) {
    apply(get(mean), get(variance));
    bm.set(data(mean) as Float32Array);
    bv.set(data(variance) as Float32Array);
    (data(rs1) as Float32Array).set(data(mean) as Float32Array);
    (data(rs2) as Float32Array).set(data(variance) as Float32Array);
    return [y, batchMean, batchVar, rs1, rs2, rs3];
  }
  const m = fast ? channelMomentsChannelsLast(data(x) as Float32Array, C) : channelMoments(get(x), layout);
  // y uses the biased variance; batch_variance is Bessel-corrected (TensorFlow's kernel).
  apply((c) => m.mean[c] as number, (c) => m.variance[c] as number);
  batchStatistics(m, data(mean) as Float32Array, data(variance) as Float32Array, factor, bm, bv, data(rs1) as Float32Array, data(rs2) as Float32Array);
  return [y, batchMean, batchVar, rs1, rs2, rs3];
});

const fusedBatchNormGradKernel: KernelEntry = forDtypes(BN_T, (dtype) => (inputs, ctx) => {
  const [dy, x, scale, rs1, rs2] = [0, 1, 2, 3, 4].map((i) => arr(inputs, i)) as [CpuTensor, CpuTensor, CpuTensor, CpuTensor, CpuTensor];
  const attrs = ctx.env.attrs;
  const { training, channelsLast, C } = fusedBatchNormGradChecks(dy, x, scale, rs1, rs2, attrs);
  const layout = channelLayout(x.shape, channelsLast);
  const dx = out(ctx, 0, dtype, x.shape);
  const dscale = out(ctx, 1, 'float32', [C]);
  const doffset = out(ctx, 2, 'float32', [C]);
  const rs4 = out(ctx, 3, 'float32', [0]);
  const rs5 = out(ctx, 4, 'float32', [0]);
  if (dtype === 'float32' && layout.inner === 1) {
    const f32 = (t: CpuTensor) => data(t) as Float32Array;
    batchNormGradChannelsLast(f32(dy), f32(x), get(scale), get(rs1), get(rs2), f32(dx), set(dscale), set(doffset), C, attrs.epsilon as number, training);
  } else batchNormGrad(get(dy), get(x), get(scale), get(rs1), get(rs2), set(dx), set(dscale), set(doffset), layout, attrs.epsilon as number, training);
  return [dx, dscale, doffset, rs4, rs5];
});

export const nnKernels: Record<string, KernelEntry> = {
  Relu: activation('Relu', null),
  Relu6: activation('Relu6', null),
  Elu: activation('Elu', FLOATS),
  Selu: activation('Selu', FLOATS),
  Softplus: activation('Softplus', FLOATS),
  Softsign: activation('Softsign', FLOATS),
  LeakyRelu: forDtypes(FLOATS, (dtype) => (inputs, ctx) => {
    const x = arr(inputs, 0);
    // alpha is a float attr: TensorFlow casts that float32 to T (a float64 kernel uses 0.3f, not 0.3)
    const alpha = Math.fround(ctx.env.attrs.alpha as number);
    const o = out(ctx, 0, dtype, x.shape);
    const X = get(x);
    const O = set(o);
    // TensorFlow's select(x > 0, x, alpha·x): NaN goes to alpha·NaN = NaN.
    for (let i = 0; i < x.size; i++) {
      const v = X(i);
      O(i, v > 0 ? v : alpha * v);
    }
    return [o];
  }),

  ReluGrad: gradOp('ReluGrad', null, (g, x) => g * (x > 0 ? 1 : 0), (x) => x > 0),
  Relu6Grad: gradOp('Relu6Grad', null, (g, x) => g * (x > 0 && x < 6 ? 1 : 0), (x) => x > 0 && x < 6),
  EluGrad: gradOp('EluGrad', FLOATS, (g, y) => (y < 0 ? (y + 1) * g : g)),
  SeluGrad: gradOp('SeluGrad', FLOATS, (g, y) => (y < 0 ? g * (y + SELU_SCALE_ALPHA) : g * SELU_SCALE)),
  LeakyReluGrad: gradOp('LeakyReluGrad', FLOATS, (g, x, alpha) => (x > 0 ? g : g * alpha)),
  SoftplusGrad: gradOp('SoftplusGrad', FLOATS, (g, x) => g / (Math.exp(-x) + 1)),
  SoftsignGrad: gradOp('SoftsignGrad', FLOATS, (g, x) => g / ((Math.abs(x) + 1) * (Math.abs(x) + 1))),

  Softmax: softmaxKernel(false),
  LogSoftmax: softmaxKernel(true),
  SoftmaxCrossEntropyWithLogits: xentKernel,
  SparseSoftmaxCrossEntropyWithLogits: sparseXentKernel,
  L2Loss: l2LossKernel,
  FusedBatchNormV3: fusedBatchNormKernel,
  FusedBatchNormGradV3: fusedBatchNormGradKernel,
};
