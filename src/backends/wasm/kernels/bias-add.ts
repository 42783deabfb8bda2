import { InvalidArgumentError } from '../../../core/errors.js';
import { shapeDebugString } from '../../../core/shape.js';
import { input } from '../backend.js';
import type { WasmTensor } from '../tensor.js';
import { type WasmKernelFactory, broadcastBinary } from './elementwise.js';

/**
 * BiasAdd of float32: value + bias along the channel dimension (last for NHWC, 1 for NCHW), as
 * a broadcast AddV2 over a view of the bias (no copy).
 */
export const biasAddKernel: WasmKernelFactory = (be, sig) => {
  if (sig.inputs[0] !== 'float32' || sig.inputs[1] !== 'float32') return undefined;
  return (inputs, ctx) => {
    const x = input(inputs, 0);
    const b = input(inputs, 1);
    const nchw = ctx.env.attrs.data_format === 'NCHW';
    const rank = x.shape.length;
    if (rank < 2) throw new InvalidArgumentError(null, null, `Input tensor must be at least 2D: ${shapeDebugString(x.shape)}`);
    if (b.shape.length !== 1) throw new InvalidArgumentError(null, null, `Biases must be 1D: ${shapeDebugString(b.shape)}`);
    const channelAxis = nchw ? 1 : rank - 1;
    const channels = x.shape[channelAxis] as number;
    if (b.shape[0] !== channels) {
      throw new InvalidArgumentError(
        null,
        null,
        `Must provide as many biases as the last dimension of the input tensor: ${shapeDebugString(b.shape)} vs. ${shapeDebugString(x.shape)}`,
      );
    }
    const o = ctx.output(0, 'float32', x.shape) as WasmTensor;
    const bv = be.view(b, nchw ? [channels, ...new Array<number>(rank - 2).fill(1)] : [channels]);
    if (o.size > 0) broadcastBinary(be, 'AddV2', x, bv, o);
    return [o];
  };
};
