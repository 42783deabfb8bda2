// FusedBatchNormV3 and FusedBatchNormGradV3, and TF1's tf.nn.fusedBatchNorm.
import type { DType } from '../../../core/dtypes.js';
import { ValueError } from '../../../core/errors.js';
import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import type { InferContext } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';

const FORMATS = ['NHWC', 'NCHW', 'NDHWC', 'NCDHW'];
const BN_T: readonly DType[] = ['float16', 'float32'];

/** The data format's rank and channel index, or TensorFlow's attr error. */
function formatOf(ctx: InferContext): { rank: number; channel: number } {
  const f = ctx.attr<string>('data_format');
  if (!FORMATS.includes(f)) {
    ctx.fail(`Value for attr 'data_format' of "${f}" is not in the list of allowed values: "NHWC", "NCHW", "NDHWC", "NCDHW"`);
  }
  return { rank: f.length, channel: f.startsWith('NC') ? 1 : f.length - 1 };
}

function withRank(ctx: InferContext, i: number, rank: number): TensorShape {
  const s = ctx.inputShape(i);
  if (s.rank !== null && s.rank !== rank) ctx.fail(`Shape must be rank ${rank} but is rank ${s.rank}`);
  return s.rank === null ? new TensorShape(new Array(rank).fill(null)) : s;
}

/** Merges a channel count with the length of 1-D input `i` (TensorFlow's Merge of dims). */
function mergeChannel(ctx: InferContext, channel: number | null, i: number): number | null {
  const v = withRank(ctx, i, 1).dims?.[0] ?? null;
  if (channel !== null && v !== null && channel !== v) ctx.fail(`Dimensions must be equal, but are ${channel} and ${v}`);
  return channel ?? v;
}

export const FusedBatchNormGradV3 = registerOp({
  type: 'FusedBatchNormGradV3',
  inputs: [
    { name: 'y_backprop', typeAttr: 'T' },
    { name: 'x', typeAttr: 'T' },
    { name: 'scale', dtype: 'float32' },
    { name: 'reserve_space_1', typeAttr: 'U' },
    { name: 'reserve_space_2', typeAttr: 'U' },
    { name: 'reserve_space_3', typeAttr: 'U' },
  ],
  outputs: [
    { name: 'x_backprop', typeAttr: 'T' },
    { name: 'scale_backprop', typeAttr: 'U' },
    { name: 'offset_backprop', typeAttr: 'U' },
    { name: 'reserve_space_4', typeAttr: 'U' },
    { name: 'reserve_space_5', typeAttr: 'U' },
  ],
  attrs: [
    { name: 'T', type: 'type', allowed: BN_T },
    { name: 'U', type: 'type', allowed: ['float32'] },
    { name: 'epsilon', type: 'float', default: Math.fround(0.0001) },
    { name: 'data_format', type: 'string', default: 'NHWC' },
    { name: 'is_training', type: 'bool', default: true },
  ],
  shape: (ctx) => {
    const { rank, channel: ci } = formatOf(ctx);
    const dy = withRank(ctx, 0, rank);
    const x = withRank(ctx, 1, rank);
    let c: number | null = dy.dims?.[ci] ?? null;
    const xc = x.dims?.[ci] ?? null;
    if (c !== null && xc !== null && c !== xc) ctx.fail(`Dimensions must be equal, but are ${c} and ${xc}`);
    c = c ?? xc;
    for (let i = 2; i < 5; i++) c = mergeChannel(ctx, c, i);
    const dims = [...(dy.dims as (number | null)[])];
    dims[ci] = c;
    return [new TensorShape(dims), new TensorShape([c]), new TensorShape([c]), new TensorShape([0]), new TensorShape([0])];
  },
});

export const FusedBatchNormV3 = registerOp({
  type: 'FusedBatchNormV3',
  // TensorFlow's _BaseFusedBatchNormGrad: training uses the saved batch statistics
  // (reserve_space_1/2), inference the population mean and variance inputs. (TensorFlow transposes
  // NCHW to NHWC for the inference gradient; this kernel takes either format.)
  grad: (op, [dy]) => {
    if (!dy) return [null, null, null, null, null];
    const training = op.attrs.is_training !== false;
    const [x, scale] = op.inputs as [Tensor, Tensor];
    const rs1 = training ? op.outputs[3] : op.inputs[3];
    const rs2 = training ? op.outputs[4] : op.inputs[4];
    const [dx, dscale, doffset] = applyOp(FusedBatchNormGradV3, [dy, x, scale, rs1, rs2, op.outputs[5]], {
      epsilon: op.attrs.epsilon,
      data_format: op.attrs.data_format,
      is_training: training,
    }) as Tensor[];
    return [dx as Tensor, dscale as Tensor, doffset as Tensor, null, null];
  },
  inputs: [
    { name: 'x', typeAttr: 'T' },
    { name: 'scale', typeAttr: 'U' },
    { name: 'offset', typeAttr: 'U' },
    { name: 'mean', typeAttr: 'U' },
    { name: 'variance', typeAttr: 'U' },
  ],
  outputs: [
    { name: 'y', typeAttr: 'T' },
    { name: 'batch_mean', typeAttr: 'U' },
    { name: 'batch_variance', typeAttr: 'U' },
    { name: 'reserve_space_1', typeAttr: 'U' },
    { name: 'reserve_space_2', typeAttr: 'U' },
    { name: 'reserve_space_3', typeAttr: 'U' },
  ],
  attrs: [
    { name: 'T', type: 'type', allowed: BN_T },
    { name: 'U', type: 'type', allowed: ['float32'] },
    { name: 'epsilon', type: 'float', default: Math.fround(0.0001) },
    { name: 'exponential_avg_factor', type: 'float', default: 1 },
    { name: 'data_format', type: 'string', default: 'NHWC' },
    { name: 'is_training', type: 'bool', default: true },
  ],
  shape: (ctx) => {
    const { rank, channel: ci } = formatOf(ctx);
    const x = withRank(ctx, 0, rank);
    const training = ctx.attr<boolean>('is_training');
    const factor = ctx.attr<number>('exponential_avg_factor');
    // scale and offset, and mean and variance unless they may be empty (training, factor 1).
    const n = training && factor === 1 ? 3 : 5;
    let c: number | null = x.dims?.[ci] ?? null;
    for (let i = 1; i < n; i++) c = mergeChannel(ctx, c, i);
    const dims = [...(x.dims as (number | null)[])];
    dims[ci] = c;
    const v = new TensorShape([c]);
    return [new TensorShape(dims), v, v, v, v, new TensorShape(null)];
  },
});

export interface FusedBatchNormOptions {
  offset?: TensorInput;
  mean?: TensorInput | null;
  variance?: TensorInput | null;
  epsilon?: number;
  dataFormat?: string;
  isTraining?: boolean;
  name?: string;
  exponentialAvgFactor?: number;
}

/**
 * TF1's `tf.nn.fusedBatchNorm(x, scale, offset, mean, variance, epsilon = 0.001, dataFormat =
 * 'NHWC', isTraining = true, name, exponentialAvgFactor = 1)`: one FusedBatchNormV3 op; returns
 * `[y, runningMean, runningVariance]`. Without mean/variance (training), empty constants.
 */
export function fusedBatchNorm(
  x: TensorInput,
  scale: TensorInput,
  offset?: TensorInput | FusedBatchNormOptions,
  mean?: TensorInput | null | FusedBatchNormOptions,
  variance?: TensorInput | null | FusedBatchNormOptions,
  epsilon?: number | FusedBatchNormOptions,
  dataFormat?: string | FusedBatchNormOptions,
  isTraining?: boolean | FusedBatchNormOptions,
  name?: string | FusedBatchNormOptions,
  exponentialAvgFactor?: number | FusedBatchNormOptions,
): [Tensor, Tensor, Tensor];
export function fusedBatchNorm(...args: unknown[]): [Tensor, Tensor, Tensor] {
  const a = normalizeArgs(
    'fusedBatchNorm',
    ['x', 'scale', 'offset', 'mean', 'variance', 'epsilon', 'dataFormat', 'isTraining', 'name', 'exponentialAvgFactor'],
    args,
  );
  const training = (a.isTraining ?? true) as boolean;
  const factor = (a.exponentialAvgFactor ?? 1) as number;
  const absent = (v: unknown) => v === undefined || v === null;
  if ((!training || factor !== 1) && (absent(a.mean) || absent(a.variance))) {
    throw new ValueError(
      `Both \`mean\` and \`variance\` must be a 1D tensor when \`is_training\` is False or \`exponential_avg_factor\` != 1.0. Received: \`mean\` ${absent(a.mean) ? 'None' : String(a.mean)} and \`variance\` ${absent(a.variance) ? 'None' : String(a.variance)}`,
    );
  }
  if (absent(a.offset)) throw new TypeError("fusedBatchNorm() missing 1 required positional argument: 'offset'");
  const ctx = currentContext();
  return ctx.atomic([a.x, a.scale, a.offset, a.mean, a.variance], () => {
    const x = ctx.convertToTensor(a.x, undefined, undefined, 'input');
    const scale = ctx.convertToTensor(a.scale, undefined, undefined, 'scale');
    const offset = ctx.convertToTensor(a.offset, undefined, undefined, 'offset');
    const mean = absent(a.mean) ? ctx.convertToTensor(new Float32Array(0)) : a.mean;
    const variance = absent(a.variance) ? ctx.convertToTensor(new Float32Array(0)) : a.variance;
    const out = applyOp(
      FusedBatchNormV3,
      [x, scale, offset, mean, variance],
      {
        epsilon: Math.fround((a.epsilon ?? 0.001) as number),
        exponential_avg_factor: Math.fround(factor),
        data_format: (a.dataFormat ?? 'NHWC') as string,
        is_training: training,
      },
      nameArg(a),
    );
    return [out[0], out[1], out[2]] as [Tensor, Tensor, Tensor];
  });
}
