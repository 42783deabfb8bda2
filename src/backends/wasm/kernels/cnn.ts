// The convolutional network's kernels (one table, registered by one line in index.ts, after the
// entries it replaces: BiasAdd's NHWC case runs the rows loop of bias-add-rows.ts).
import { biasAddRowsKernel } from './bias-add-rows.js';
import { conv2dBackpropFilterKernel, conv2dBackpropInputKernel, conv2dKernel } from './conv.js';
import { depthwiseConv2dBackpropFilterKernel, depthwiseConv2dBackpropInputKernel, depthwiseConv2dKernel } from './depthwise.js';
import type { WasmKernelFactory } from './elementwise.js';
import { FORWARD_KERNELS } from './forward.js';
import { biasAddGradKernel, reluGradKernel } from './nn-grads.js';
import { maxPoolGradKernel, maxPoolKernel } from './pool.js';
import { avgPoolGradKernel, avgPoolKernel } from './avgpool.js';

export const CNN_KERNELS: Record<string, WasmKernelFactory> = {
  Conv2D: conv2dKernel,
  Conv2DBackpropInput: conv2dBackpropInputKernel,
  Conv2DBackpropFilter: conv2dBackpropFilterKernel,
  DepthwiseConv2dNative: depthwiseConv2dKernel,
  DepthwiseConv2dNativeBackpropInput: depthwiseConv2dBackpropInputKernel,
  DepthwiseConv2dNativeBackpropFilter: depthwiseConv2dBackpropFilterKernel,
  MaxPool: maxPoolKernel,
  MaxPoolGrad: maxPoolGradKernel,
  AvgPool: avgPoolKernel,
  AvgPoolGrad: avgPoolGradKernel,
  ReluGrad: reluGradKernel,
  BiasAddGrad: biasAddGradKernel,
  ...FORWARD_KERNELS,
  BiasAdd: biasAddRowsKernel,
};
