"""Generates conv-golden.ts: TensorFlow's CPU convolution, pooling and resize ops on small inputs.

Run with a Python that has TensorFlow 2.x (checked with 2.21 CPU):
    python test/ops/golden/conv_golden.py > test/ops/golden/conv-golden.ts
Each case is one raw op (tf.raw_ops, eager) with TensorFlow's attrs; inputs are seeded random
values rounded to 1/8 (exact in every float dtype), or small integers where ties matter.
"""
import json

import numpy as np
import tensorflow as tf

rng = np.random.default_rng(1234)


def rnd(shape, dtype='float32'):
    return (np.round(rng.uniform(-2, 2, size=shape) * 8) / 8).astype(dtype)


def ints(shape, hi, dtype='float32'):
    return rng.integers(0, hi, size=shape).astype(dtype)


CASES = []


def case(op, attrs, inputs, note=''):
    tensors = [tf.constant(v) for v in inputs]
    names = {
        'Conv2D': ['input', 'filter'], 'Conv2DBackpropInput': ['input_sizes', 'filter', 'out_backprop'],
        'Conv2DBackpropFilter': ['input', 'filter_sizes', 'out_backprop'],
        'DepthwiseConv2dNative': ['input', 'filter'],
        'DepthwiseConv2dNativeBackpropInput': ['input_sizes', 'filter', 'out_backprop'],
        'DepthwiseConv2dNativeBackpropFilter': ['input', 'filter_sizes', 'out_backprop'],
        'MaxPool': ['input'], 'AvgPool': ['value'], 'MaxPoolGrad': ['orig_input', 'orig_output', 'grad'],
        'MaxPoolGradGrad': ['orig_input', 'orig_output', 'grad'], 'AvgPoolGrad': ['orig_input_shape', 'grad'],
        'ResizeBilinear': ['images', 'size'], 'ResizeBilinearGrad': ['grads', 'original_image'],
        'ResizeNearestNeighbor': ['images', 'size'], 'ResizeNearestNeighborGrad': ['grads', 'size'],
    }[op]
    out = getattr(tf.raw_ops, op)(**dict(zip(names, tensors)), **attrs).numpy()
    CASES.append({
        'op': op, 'note': note, 'attrs': attrs,
        'inputs': [{'dtype': str(np.asarray(v).dtype), 'shape': list(np.shape(v)), 'values': np.asarray(v).astype(np.float64).ravel().tolist()} for v in inputs],
        'output': {'dtype': str(out.dtype), 'shape': list(out.shape), 'values': out.astype(np.float64).ravel().tolist()},
    })
    return out


def conv_family(x, f, attrs, note, dtype='float32', backprops=True):
    x = x.astype(dtype)
    f = f.astype(dtype)
    y = case('Conv2D', attrs, [x, f], note)
    if backprops:
        dy = rnd(y.shape, dtype)
        case('Conv2DBackpropInput', attrs, [np.array(x.shape, 'int32'), f, dy], note)
        case('Conv2DBackpropFilter', attrs, [x, np.array(f.shape, 'int32'), dy], note)


C = dict(use_cudnn_on_gpu=True, explicit_paddings=[], data_format='NHWC', dilations=[1, 1, 1, 1])
conv_family(rnd([2, 5, 5, 3]), rnd([3, 3, 3, 4]), dict(C, strides=[1, 1, 1, 1], padding='SAME'), 'SAME 3x3')
conv_family(rnd([1, 6, 7, 2]), rnd([3, 2, 2, 3]), dict(C, strides=[1, 1, 1, 1], padding='VALID'), 'VALID 3x2')
conv_family(rnd([1, 7, 8, 2]), rnd([3, 3, 2, 2]), dict(C, strides=[1, 2, 3, 1], padding='SAME'), 'SAME strides 2,3')
conv_family(rnd([1, 8, 8, 1]), rnd([4, 4, 1, 2]), dict(C, strides=[1, 2, 2, 1], padding='SAME'), 'SAME even filter, stride 2')
conv_family(rnd([1, 7, 7, 2]), rnd([3, 3, 2, 2]), dict(C, strides=[1, 1, 1, 1], padding='SAME', dilations=[1, 2, 2, 1]), 'SAME dilation 2')
conv_family(rnd([1, 9, 8, 1]), rnd([2, 3, 1, 2]), dict(C, strides=[1, 2, 1, 1], padding='VALID', dilations=[1, 2, 3, 1]), 'VALID dilation 2,3 stride 2')
conv_family(rnd([1, 5, 5, 2]), rnd([3, 3, 2, 3]), dict(C, strides=[1, 1, 1, 1], padding='EXPLICIT', explicit_paddings=[0, 0, 1, 2, 0, 3, 0, 0]), 'EXPLICIT 1,2,0,3')
conv_family(rnd([2, 4, 4, 3]), rnd([1, 1, 3, 5]), dict(C, strides=[1, 1, 1, 1], padding='VALID'), '1x1 pointwise')
conv_family(rnd([1, 2, 3, 5]), rnd([3, 3, 2, 3]), dict(C, strides=[1, 1, 1, 1], padding='SAME', data_format='NCHW'), 'NCHW SAME')
conv_family(rnd([1, 2, 6, 5]), rnd([3, 3, 2, 2]), dict(C, strides=[1, 1, 2, 2], padding='VALID', data_format='NCHW'), 'NCHW VALID stride 2')
conv_family(rnd([1, 5, 5, 2]), rnd([3, 3, 2, 3]), dict(C, strides=[1, 1, 1, 1], padding='SAME'), 'float64', 'float64')
conv_family(rnd([1, 4, 4, 2]), rnd([3, 3, 2, 2]), dict(C, strides=[1, 1, 1, 1], padding='SAME'), 'float16', 'float16')
case('Conv2D', dict(C, strides=[1, 1, 1, 1], padding='SAME'), [ints([1, 4, 4, 2], 9, 'int32') - 4, ints([3, 3, 2, 2], 5, 'int32') - 2], 'int32')

D = dict(explicit_paddings=[], data_format='NHWC', dilations=[1, 1, 1, 1])


def dw_family(x, f, attrs, note, dtype='float32', backprops=True):
    x = x.astype(dtype)
    f = f.astype(dtype)
    y = case('DepthwiseConv2dNative', attrs, [x, f], note)
    if not backprops:
        # TensorFlow's CPU depthwise backprops ignore `dilations` (they give the undilated result):
        # ours are checked against finite differences instead (test/ops/conv.test.ts).
        return
    dy = rnd(y.shape, dtype)
    case('DepthwiseConv2dNativeBackpropInput', attrs, [np.array(x.shape, 'int32'), f, dy], note)
    case('DepthwiseConv2dNativeBackpropFilter', attrs, [x, np.array(f.shape, 'int32'), dy], note)


dw_family(rnd([2, 5, 5, 3]), rnd([3, 3, 3, 2]), dict(D, strides=[1, 1, 1, 1], padding='SAME'), 'SAME mult 2')
dw_family(rnd([1, 7, 6, 2]), rnd([3, 2, 2, 1]), dict(D, strides=[1, 2, 2, 1], padding='VALID'), 'VALID stride 2')
dw_family(rnd([1, 7, 7, 2]), rnd([3, 3, 2, 2]), dict(D, strides=[1, 1, 1, 1], padding='SAME', dilations=[1, 2, 2, 1]), 'dilation 2', backprops=False)
dw_family(rnd([1, 3, 5, 5]), rnd([3, 3, 3, 2]), dict(D, strides=[1, 1, 1, 1], padding='SAME', data_format='NCHW'), 'NCHW')
dw_family(rnd([1, 5, 5, 2]), rnd([3, 3, 2, 2]), dict(D, strides=[1, 1, 1, 1], padding='EXPLICIT', explicit_paddings=[0, 0, 2, 1, 1, 0, 0, 0]), 'EXPLICIT')
dw_family(rnd([1, 5, 5, 2]), rnd([3, 3, 2, 1]), dict(D, strides=[1, 1, 1, 1], padding='SAME'), 'float64', 'float64')

P = dict(data_format='NHWC')


def max_family(x, attrs, note, dtype='float32', explicit=None):
    x = x.astype(dtype)
    a = dict(attrs, explicit_paddings=explicit or [])
    y = case('MaxPool', a, [x], note)
    if attrs['data_format'] == 'NCHW':
        return  # TensorFlow's CPU MaxPoolGrad refuses NCHW: test/ops/pool.test.ts checks ours against NHWC.
    dy = ints(y.shape, 7, dtype) - 3 if dtype not in ('float32', 'float64', 'float16') else rnd(y.shape, dtype)
    case('MaxPoolGrad', a, [x, y, dy], note)
    if not explicit:
        case('MaxPoolGradGrad', attrs, [x, y, rnd(x.shape, dtype) if dtype.startswith('float') else ints(x.shape, 7, dtype)], note)


def avg_family(x, attrs, note, dtype='float32'):
    x = x.astype(dtype)
    y = case('AvgPool', attrs, [x], note)
    case('AvgPoolGrad', attrs, [np.array(x.shape, 'int32'), rnd(y.shape, dtype)], note)


max_family(rnd([2, 5, 5, 3]), dict(P, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding='SAME'), 'SAME 2x2/2')
max_family(rnd([1, 6, 7, 2]), dict(P, ksize=[1, 3, 3, 1], strides=[1, 2, 2, 1], padding='VALID'), 'VALID 3x3/2')
max_family(ints([1, 5, 5, 1], 3), dict(P, ksize=[1, 3, 3, 1], strides=[1, 1, 1, 1], padding='SAME'), 'ties: first maximum wins')
max_family(-ints([1, 4, 4, 1], 3) - 1, dict(P, ksize=[1, 2, 2, 1], strides=[1, 1, 1, 1], padding='EXPLICIT'), 'explicit padding never wins (negative input)', explicit=[0, 0, 1, 1, 1, 1, 0, 0])
max_family(rnd([1, 2, 5, 5]), dict(P, ksize=[1, 1, 2, 2], strides=[1, 1, 2, 2], padding='SAME', data_format='NCHW'), 'NCHW')
max_family(ints([1, 5, 5, 2], 20) - 10, dict(P, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding='SAME'), 'int32', 'int32')
max_family(rnd([1, 4, 4, 2]), dict(P, ksize=[1, 2, 3, 1], strides=[1, 1, 2, 1], padding='SAME'), 'float16', 'float16')
max_family(rnd([1, 4, 4, 2]), dict(P, ksize=[1, 2, 2, 1], strides=[1, 1, 1, 1], padding='VALID'), 'float64', 'float64')
avg_family(rnd([2, 5, 5, 3]), dict(P, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding='SAME'), 'SAME 2x2/2')
avg_family(rnd([1, 6, 7, 2]), dict(P, ksize=[1, 3, 3, 1], strides=[1, 2, 2, 1], padding='VALID'), 'VALID 3x3/2')
avg_family(rnd([1, 5, 5, 1]), dict(P, ksize=[1, 3, 3, 1], strides=[1, 1, 1, 1], padding='SAME'), 'SAME: padding not in divisor')
avg_family(rnd([1, 2, 5, 5]), dict(P, ksize=[1, 1, 2, 2], strides=[1, 1, 2, 2], padding='SAME', data_format='NCHW'), 'NCHW')
avg_family(rnd([1, 4, 4, 2]), dict(P, ksize=[1, 2, 3, 1], strides=[1, 1, 2, 1], padding='SAME'), 'float64', 'float64')
avg_family(rnd([1, 4, 4, 2]), dict(P, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding='SAME'), 'float16', 'float16')

MODES = [dict(align_corners=False, half_pixel_centers=False), dict(align_corners=True, half_pixel_centers=False),
         dict(align_corners=False, half_pixel_centers=True)]
for m in MODES:
    note = 'legacy' if not any(m.values()) else ('align_corners' if m['align_corners'] else 'half_pixel_centers')
    for (src, dst) in [((4, 5), (7, 3)), ((5, 3), (2, 8)), ((3, 3), (1, 1))]:
        x = rnd([2, src[0], src[1], 2])
        size = np.array(dst, 'int32')
        case('ResizeBilinear', m, [x, size], note)
        case('ResizeBilinearGrad', m, [rnd([2, dst[0], dst[1], 2]), x], note)
        case('ResizeNearestNeighbor', m, [x, size], note)
        case('ResizeNearestNeighborGrad', m, [rnd([2, dst[0], dst[1], 2]), np.array(src, 'int32')], note)
case('ResizeBilinear', MODES[0], [ints([1, 3, 3, 1], 255, 'uint8'), np.array([5, 4], 'int32')], 'uint8 input, float32 output')
case('ResizeNearestNeighbor', MODES[2], [ints([1, 3, 3, 1], 255, 'int32'), np.array([5, 4], 'int32')], 'int32')
case('ResizeBilinear', MODES[2], [rnd([1, 3, 3, 1], 'float64'), np.array([5, 4], 'int32')], 'float64 input')

print('// Generated by conv_golden.py with TensorFlow %s (CPU): do not edit.' % tf.__version__)
print('// One raw op per case: attrs as TensorFlow names them, inputs and the output as flat float64 values.')
print('export interface GoldenTensor { dtype: string; shape: number[]; values: number[] }')
print('export interface GoldenCase { op: string; note: string; attrs: Record<string, unknown>; inputs: GoldenTensor[]; output: GoldenTensor }')
print('export const CONV_GOLDEN: GoldenCase[] = %s;' % json.dumps(CASES))
