"""Generates nn-golden.ts: values of TensorFlow's nn ops (CPU, eager).

Run with a Python that has TensorFlow 2.x (checked with 2.21 CPU):
    python test/ops/golden/nn_golden.py > test/ops/golden/nn-golden.ts
"""
import json

import numpy as np
import tensorflow as tf

raw = tf.raw_ops
X = [-20.0, -3.0, -1.0, -0.5, -1e-3, 0.0, 1e-3, 0.5, 1.0, 3.0, 6.0, 7.0, 14.0, 20.0]
G = [0.5, -1.5, 2.0, 1.0, -0.25, 3.0, 1.0, -2.0, 0.75, 1.25, -1.0, 2.5, 0.1, -0.3]


def lst(t):
    return np.asarray(t).astype(np.float64).tolist()


out = {'x': X, 'g': G, 'f32': {}, 'f64': {}}
for name, dt in (('f32', np.float32), ('f64', np.float64)):
    x = tf.constant(X, dt)
    g = tf.constant(G, dt)
    o = out[name]
    o['Relu'] = lst(tf.nn.relu(x))
    o['Relu6'] = lst(tf.nn.relu6(x))
    o['Elu'] = lst(tf.nn.elu(x))
    o['Selu'] = lst(tf.nn.selu(x))
    o['Softplus'] = lst(tf.nn.softplus(x))
    o['Softsign'] = lst(tf.nn.softsign(x))
    o['LeakyRelu'] = lst(tf.nn.leaky_relu(x))
    o['LeakyRelu2'] = lst(tf.nn.leaky_relu(x, alpha=2.0))
    o['ReluGrad'] = lst(raw.ReluGrad(gradients=g, features=x))
    o['Relu6Grad'] = lst(raw.Relu6Grad(gradients=g, features=x))
    o['EluGrad'] = lst(raw.EluGrad(gradients=g, outputs=tf.nn.elu(x)))
    o['SeluGrad'] = lst(raw.SeluGrad(gradients=g, outputs=tf.nn.selu(x)))
    o['LeakyReluGrad'] = lst(raw.LeakyReluGrad(gradients=g, features=x, alpha=0.3))
    o['SoftplusGrad'] = lst(raw.SoftplusGrad(gradients=g, features=x))
    o['SoftsignGrad'] = lst(raw.SoftsignGrad(gradients=g, features=x))

logits = np.array([[1.0, 2.0, 3.0, 4.0], [-1.0, 0.5, 0.0, 10.0], [100.0, 100.0, -100.0, 0.0]], np.float32)
labels = np.array([[0.1, 0.2, 0.3, 0.4], [0.0, 0.0, 1.0, 0.0], [0.5, 0.7, 0.0, 0.0]], np.float32)
out['logits'] = lst(logits)
out['labels'] = lst(labels)
out['Softmax'] = lst(tf.nn.softmax(logits))
out['LogSoftmax'] = lst(tf.nn.log_softmax(logits))
out['SoftmaxAxis0'] = lst(tf.nn.softmax(logits, axis=0))
loss, backprop = raw.SoftmaxCrossEntropyWithLogits(features=logits, labels=labels)
out['Xent'] = [lst(loss), lst(backprop)]
loss, backprop = raw.SoftmaxCrossEntropyWithLogits(features=logits, labels=labels[:1])
out['XentBroadcast'] = [lst(loss), lst(backprop)]
loss, backprop = raw.SparseSoftmaxCrossEntropyWithLogits(features=logits, labels=[3, 0, 2])
out['SparseXent'] = [lst(loss), lst(backprop)]
out['L2Loss'] = lst(raw.L2Loss(t=logits))

bx = (np.arange(24, dtype=np.float32).reshape(2, 2, 2, 3) * 0.37 - 2.0) ** 2 / 3.0
out['bn_x'] = lst(bx)
scale = [1.0, 2.0, 0.5]
offset = [0.0, 1.0, -1.0]
pmean = [1.0, 2.0, 3.0]
pvar = [2.0, 0.5, 1.0]
out['bn_params'] = {'scale': scale, 'offset': offset, 'mean': pmean, 'variance': pvar}
res = {}
res['train'] = raw.FusedBatchNormV3(x=bx, scale=scale, offset=offset, mean=[], variance=[], epsilon=0.001)
res['train_avg'] = raw.FusedBatchNormV3(x=bx, scale=scale, offset=offset, mean=pmean, variance=pvar, epsilon=0.001,
                                        exponential_avg_factor=0.25)
res['infer'] = raw.FusedBatchNormV3(x=bx, scale=scale, offset=offset, mean=pmean, variance=pvar, epsilon=0.001,
                                    is_training=False)
res['nchw'] = raw.FusedBatchNormV3(x=bx.reshape(2, 3, 2, 2), scale=scale, offset=offset, mean=[], variance=[],
                                   epsilon=0.001, data_format='NCHW')
out['bn'] = {k: [lst(t) for t in v[:5]] for k, v in res.items()}
dy = np.cos(np.arange(24, dtype=np.float32)).reshape(2, 2, 2, 3)
out['bn_dy'] = lst(dy)
tr = res['train']
g = raw.FusedBatchNormGradV3(y_backprop=dy, x=bx, scale=scale, reserve_space_1=tr[3], reserve_space_2=tr[4],
                             reserve_space_3=tr[5], epsilon=0.001)
out['bn_grad_train'] = [lst(t) for t in g[:3]]
g = raw.FusedBatchNormGradV3(y_backprop=dy, x=bx, scale=scale, reserve_space_1=pmean, reserve_space_2=pvar,
                             reserve_space_3=tr[5], epsilon=0.001, is_training=False)
out['bn_grad_infer'] = [lst(t) for t in g[:3]]

sx = [-100.0, -2.0, 0.0, 3.0, 100.0, 0.5]
sz = [0.0, 0.3, 1.0, 0.5, 1.0, 0.0]
out['sig_x'] = sx
out['sig_z'] = sz
out['SigmoidXent'] = lst(tf.nn.sigmoid_cross_entropy_with_logits(labels=np.float32(sz), logits=np.float32(sx)))
out['BatchNormalization'] = lst(tf.nn.batch_normalization(bx, np.float32(pmean), np.float32(pvar), np.float32(offset),
                                                          np.float32(scale), 0.001))
g = tf.Graph()
with g.as_default():
    x = tf.compat.v1.placeholder(tf.float32, [2, 3], name='x')
    tf.compat.v1.nn.batch_normalization(x, 1., 2., 3., 4., 0.001)
    tf.compat.v1.nn.sigmoid_cross_entropy_with_logits(labels=x, logits=x)
    out['graph_names'] = [o.name for o in g.get_operations()]
g = tf.Graph()
with g.as_default():
    x = tf.compat.v1.placeholder(tf.float32, [2, 3], name='x')
    tf.compat.v1.nn.moments(x, [0])
    out['moments_names'] = [o.name for o in g.get_operations()]
out['Moments'] = [lst(t) for t in tf.nn.moments(bx, [0, 1, 2])]
out['MomentsKeep'] = [lst(t) for t in tf.nn.moments(bx, [1], keepdims=True)]
out['XentAxis0'] = lst(tf.nn.softmax_cross_entropy_with_logits(labels=labels.T, logits=logits.T, axis=0))

print('// biome-ignore-all lint/suspicious/noApproximativeNumericConstant: values recorded from TensorFlow')
print('// Generated by nn_golden.py from TensorFlow %s (CPU, eager). Do not edit.' % tf.__version__)
print('export const NN_GOLDEN = ' + json.dumps(out) + ' as const;')
