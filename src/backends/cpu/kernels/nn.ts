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
  batchNormGrad,
  channelLayout,
  channelMoments,
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

function check1D(t: CpuTensor, what: string): void {
  if (t.rank !== 1) throw new InvalidArgumentError(null, null, `${what} must be 1-dimensional${shapeDebugString(t.shape)}`);
}

const fusedBatchNormKernel: KernelEntry = forDtypes(BN_T, (dtype) => (inputs, ctx) => {
  const [x, scale, offset, mean, variance] = [0, 1, 2, 3, 4].map((i) => arr(inputs, i)) as [CpuTensor, CpuTensor, CpuTensor, CpuTensor, CpuTensor];
  const attrs = ctx.env.attrs;
  const training = attrs.is_training !== false;
  const epsilon = attrs.epsilon as number;
  const factor = (attrs.exponential_avg_factor as number | undefined) ?? 1;
  const { channelsLast, rank } = bnFormat(attrs);
  if (x.rank !== 4 && x.rank !== 5) throw new InvalidArgumentError(null, null, `input must be 4 or 5-dimensional${shapeDebugString(x.shape)}`);
  check1D(scale, 'scale');
  check1D(offset, 'offset');
  check1D(mean, 'estimated_mean');
  check1D(variance, 'estimated_variance');
  if (x.rank !== rank) throw new InvalidArgumentError(null, null, `input must be ${rank}-dimensional for data_format ${String(attrs.data_format)}`);
  const layout = channelLayout(x.shape, channelsLast);
  const C = layout.channels;
  const sameC = (t: CpuTensor, what: string, prefix = '') => {
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
  const y = out(ctx, 0, dtype, x.shape);
  const batchMean = out(ctx, 1, 'float32', [C]);
  const batchVar = out(ctx, 2, 'float32', [C]);
  const rs1 = out(ctx, 3, 'float32', [C]);
  const rs2 = out(ctx, 4, 'float32', [C]);
  const rs3 = out(ctx, 5, 'float32', [0]);
  void rs3;
  const bm = data(batchMean) as Float32Array;
  const bv = data(batchVar) as Float32Array;
  if (!training) {
    batchNormApply(get(x), set(y), layout, get(mean), get(variance), get(scale), get(offset), epsilon);
    bm.set(data(mean) as Float32Array);
    bv.set(data(variance) as Float32Array);
    (data(rs1) as Float32Array).set(data(mean) as Float32Array);
    (data(rs2) as Float32Array).set(data(variance) as Float32Array);
    return [y, batchMean, batchVar, rs1, rs2, rs3];
  }
  const m = channelMoments(get(x), layout);
  // y uses the biased variance; batch_variance is Bessel-corrected (TensorFlow's kernel).
  batchNormApply(get(x), set(y), layout, (c) => m.mean[c] as number, (c) => m.variance[c] as number, get(scale), get(offset), epsilon);
  const bessel = m.count / (m.count > 1 ? m.count - 1 : 1);
  const oldMean = data(mean) as Float32Array;
  const oldVar = data(variance) as Float32Array;
  for (let c = 0; c < C; c++) {
    const bmc = m.mean[c] as number;
    const bvc = (m.variance[c] as number) * bessel;
    bm[c] = factor === 1 ? bmc : (1 - factor) * (oldMean[c] as number) + factor * bmc;
    bv[c] = factor === 1 ? bvc : (1 - factor) * (oldVar[c] as number) + factor * bvc;
    // An empty batch: NaN statistics, zero reserve spaces (as TensorFlow's CPU kernel).
    (data(rs1) as Float32Array)[c] = m.count === 0 ? 0 : bmc;
    (data(rs2) as Float32Array)[c] = m.count === 0 ? 0 : (m.variance[c] as number);
  }
  return [y, batchMean, batchVar, rs1, rs2, rs3];
});

const fusedBatchNormGradKernel: KernelEntry = forDtypes(BN_T, (dtype) => (inputs, ctx) => {
  const [dy, x, scale, rs1, rs2] = [0, 1, 2, 3, 4].map((i) => arr(inputs, i)) as [CpuTensor, CpuTensor, CpuTensor, CpuTensor, CpuTensor];
  const attrs = ctx.env.attrs;
  const training = attrs.is_training !== false;
  const { channelsLast } = bnFormat(attrs);
  if (dy.rank !== 4 && dy.rank !== 5) throw new InvalidArgumentError(null, null, `input must be 4 or 5-dimensional${shapeDebugString(dy.shape)}`);
  if (x.rank !== 4 && x.rank !== 5) throw new InvalidArgumentError(null, null, `input must be 4 or 5-dimensional${shapeDebugString(x.shape)}`);
  check1D(scale, 'scale');
  check1D(rs1, 'saved mean');
  check1D(rs2, 'saved variance');
  if (!sameShape(dy.shape, x.shape)) {
    throw new InvalidArgumentError(null, null, `x and y_backprop must have same shape, but x has shape ${shapeDebugString(x.shape)} and y_backprop has shape ${shapeDebugString(dy.shape)}`);
  }
  const layout = channelLayout(x.shape, channelsLast);
  const C = layout.channels;
  for (const [t, what] of [
    [scale, 'scale'],
    [rs1, 'reserve_space_1 (mean)'],
    [rs2, 'reserve_space_2 (variance)'],
  ] as const) {
    if (t.size !== C) throw new InvalidArgumentError(null, null, `${what} must have the same number of elements as the channels of x, got ${t.size} and ${C}`);
  }
  const dx = out(ctx, 0, dtype, x.shape);
  const dscale = out(ctx, 1, 'float32', [C]);
  const doffset = out(ctx, 2, 'float32', [C]);
  const rs4 = out(ctx, 3, 'float32', [0]);
  const rs5 = out(ctx, 4, 'float32', [0]);
  batchNormGrad(get(dy), get(x), get(scale), get(rs1), get(rs2), set(dx), set(dscale), set(doffset), layout, attrs.epsilon as number, training);
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
