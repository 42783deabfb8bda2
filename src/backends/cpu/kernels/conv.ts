// CPU kernels of Conv2D, its backprops and the depthwise convolutions. The compute layer works on
// NHWC float32/float64/int32 data; float16 is computed in float32 and NCHW is transposed in and
// out here (TensorFlow's own CPU kernel refuses NCHW for most dtypes; ours accepts it).
import type { DType } from '../../../core/dtypes.js';
import type { Kernel } from '../../backend.js';
import {
  conv2d,
  conv2dBackpropFilter,
  conv2dBackpropInput,
  conv2dGrouped,
  depthwiseConv2d,
  depthwiseConv2dBackpropFilter,
  depthwiseConv2dBackpropInput,
} from '../compute/conv.js';
import { type ComputeDType, matmul } from '../compute/index.js';
import type { CpuTensor } from '../tensor.js';
import { type KernelEntry, arr, intList, out } from '../values.js';
import { checkOutBackprop, convGeometry } from '../../../ops/conv-geometry.js';
import { fromNHWC, invalid, need4D, newWork, nhwcOf, storeNHWC, storeWork, toNHWC, workDType, workOf } from './nn-common.js';

const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/** The NHWC input shape named by an `input_sizes` tensor (4 values, or the 2 spatial ones). */
function inputSizes(t: CpuTensor, fmt: string, batch: number, depth: number, label: string): [number, number, number, number] {
  const v = intList(t);
  if (t.rank !== 1 || (v.length !== 4 && v.length !== 2)) {
    invalid(`${label}: input_sizes input must be 1-dim, not ${t.rank}`);
  }
  if (v.length === 2) return [batch, v[0] as number, v[1] as number, depth];
  return toNHWC(v, fmt);
}

function forward(depthwise: boolean): KernelEntry {
  return {
    select: (sig) => {
      const dtype = sig.inputs[0] as DType;
      const mm = matmul(workDType(dtype) as ComputeDType);
      const k: Kernel = (inputs, ctx) => {
        const attrs = ctx.env.attrs;
        const fmt = attrs.data_format as string;
        const x = arr(inputs, 0);
        const f = arr(inputs, 1);
        need4D(x, 'input');
        need4D(f, 'filter');
        const g = convGeometry(attrs, toNHWC(x.shape, fmt), f.shape, depthwise);
        const o = out(ctx, 0, dtype, fromNHWC(g.batch, g.outH, g.outW, g.outC, fmt));
        const n = size(o.shape);
        const work = fmt === 'NHWC' && dtype !== 'float16' ? (workOf(o, n) as ReturnType<typeof newWork>) : newWork(dtype, n);
        const xw = nhwcOf(x, fmt);
        const fw = workOf(f, size(f.shape));
        if (depthwise) depthwiseConv2d(xw, fw, work, g);
        else if (g.groups > 1) conv2dGrouped('forward', mm, xw, fw, work, g, g.groups);
        else conv2d(mm, xw, fw, work, g);
        storeNHWC(work, o, fmt);
        return [o];
      };
      return k;
    },
  };
}

function backpropInput(depthwise: boolean): KernelEntry {
  const label = depthwise ? 'DepthwiseConv2DBackpropInput' : 'Conv2DBackpropInput';
  return {
    select: (sig) => {
      const dtype = sig.inputs[1] as DType;
      const mm = matmul(workDType(dtype) as ComputeDType);
      return (inputs, ctx) => {
        const attrs = ctx.env.attrs;
        const fmt = attrs.data_format as string;
        const f = arr(inputs, 1);
        const dy = arr(inputs, 2);
        need4D(f, 'filter');
        need4D(dy, 'out_backprop');
        const dyN = toNHWC(dy.shape, fmt);
        const xN = inputSizes(arr(inputs, 0), fmt, dyN[0], f.shape[2] as number, label);
        const g = convGeometry(attrs, xN, f.shape, depthwise);
        checkOutBackprop(label, g, dyN);
        const o = out(ctx, 0, dtype, fromNHWC(xN[0], xN[1], xN[2], xN[3], fmt));
        const n = size(o.shape);
        const work = newWork(dtype, n);
        const fw = workOf(f, size(f.shape));
        const dyw = nhwcOf(dy, fmt);
        if (depthwise) depthwiseConv2dBackpropInput(fw, dyw, work, g);
        else if (g.groups > 1) conv2dGrouped('input', mm, fw, dyw, work, g, g.groups);
        else conv2dBackpropInput(mm, fw, dyw, work, g);
        storeNHWC(work, o, fmt);
        return [o];
      };
    },
  };
}

function backpropFilter(depthwise: boolean): KernelEntry {
  const label = depthwise ? 'DepthwiseConv2DBackpropFilter' : 'Conv2DBackpropFilter';
  return {
    select: (sig) => {
      const dtype = sig.inputs[0] as DType;
      const mm = matmul(workDType(dtype) as ComputeDType);
      return (inputs, ctx) => {
        const attrs = ctx.env.attrs;
        const fmt = attrs.data_format as string;
        const x = arr(inputs, 0);
        const fsT = arr(inputs, 1);
        const dy = arr(inputs, 2);
        need4D(x, 'input');
        need4D(dy, 'out_backprop');
        const fs = intList(fsT);
        if (fsT.rank !== 1 || fs.length !== 4) invalid(`${label}: filter_sizes input must be 1-dim, not ${fsT.rank}`);
        const g = convGeometry(attrs, toNHWC(x.shape, fmt), fs, depthwise);
        const dyN = toNHWC(dy.shape, fmt);
        checkOutBackprop(label, g, dyN);
        const o = out(ctx, 0, dtype, fs);
        const n = size(fs);
        const work = newWork(dtype, n);
        const xw = nhwcOf(x, fmt);
        const dyw = nhwcOf(dy, fmt);
        if (depthwise) depthwiseConv2dBackpropFilter(xw, dyw, work, g);
        else if (g.groups > 1) conv2dGrouped('filter', mm, xw, dyw, work, g, g.groups);
        else conv2dBackpropFilter(mm, xw, dyw, work, g);
        storeWork(work, o, n);
        return [o];
      };
    },
  };
}

export const convKernels: Record<string, KernelEntry> = {
  Conv2D: forward(false),
  Conv2DBackpropInput: backpropInput(false),
  Conv2DBackpropFilter: backpropFilter(false),
  DepthwiseConv2dNative: forward(true),
  DepthwiseConv2dNativeBackpropInput: backpropInput(true),
  DepthwiseConv2dNativeBackpropFilter: backpropFilter(true),
};
