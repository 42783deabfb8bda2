"""Generates layers-golden.ts: names, shapes and values of TF1 tf.layers and tf.losses graphs.

Run with a Python that has TensorFlow 2.x (checked with 2.21 CPU):
    python test/layers/golden/layers_golden.py > test/layers/golden/layers-golden.ts
TF 2.21 ships Keras 3, so tf.compat.v1.layers is unavailable; its graph-mode implementation is
still inside TensorFlow as tensorflow.python.keras.legacy_tf_layers (the classes TF 1.15 exported as
tf.layers), which this script uses. Graphs are built with TF1 behaviour (ref variables).
Each case records the ops it adds (name and type), the global variables (name, shape), the
trainable ones, the collections, the output shape and the values run on a fixed input.
"""
import json
import os
import sys

os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
import warnings

warnings.filterwarnings('ignore')
import numpy as np
import tensorflow as tf
from tensorflow.python.keras.legacy_tf_layers import convolutional, core, pooling

tf1 = tf.compat.v1
tf1.disable_v2_behavior()

CASES = []


def arange(shape, scale=0.1, offset=0.0):
    n = int(np.prod(shape))
    return (np.arange(n, dtype=np.float64).reshape(shape) * scale + offset).astype(np.float32)


def shape_of(t):
    return None if t.shape.rank is None else [d if d is not None else -1 for d in t.shape.as_list()]


def record(name, build, feeds_fn=None, run_extra=None):
    g = tf.Graph()
    with g.as_default():
        out = build()
        outs = out if isinstance(out, (list, tuple)) else [out]
        res = {
            'name': name,
            'ops': [[op.name, op.type] for op in g.get_operations()],
            'globalVariables': [[v.name, v.shape.as_list()] for v in tf1.global_variables()],
            'trainableVariables': [v.name for v in tf1.trainable_variables()],
            'updateOps': [t.name for t in tf1.get_collection(tf1.GraphKeys.UPDATE_OPS)],
            'losses': [t.name for t in tf1.get_collection(tf1.GraphKeys.LOSSES)],
            'regularizationLosses': [t.name for t in tf1.get_collection(tf1.GraphKeys.REGULARIZATION_LOSSES)],
            'outputs': [[t.name, shape_of(t)] for t in outs],
        }
        with tf1.Session(graph=g) as sess:
            sess.run(tf1.global_variables_initializer())
            feeds = feeds_fn(g) if feeds_fn else {}
            vals = sess.run(outs, feeds)
            res['values'] = [np.asarray(v, dtype=np.float64).tolist() for v in vals]
            if run_extra:
                res['extra'] = run_extra(sess, g, feeds)
    CASES.append(res)


def ph(shape, name='x'):
    return tf1.placeholder(tf.float32, shape, name=name)


def feed_x(shape):
    return lambda g: {g.get_tensor_by_name('x:0'): arange(shape, 0.1, -0.3)}


K = lambda shape, scale=0.05, offset=-0.2: tf1.constant_initializer(arange(shape, scale, offset))

# dense
record('dense_relu_twice', lambda: [
    core.dense(ph([None, 4]), 3, activation=tf.nn.relu, kernel_initializer=K([4, 3]), bias_initializer=tf1.constant_initializer(0.1)),
    core.dense(tf1.get_default_graph().get_tensor_by_name('x:0'), 3, kernel_initializer=K([4, 3])),
], feed_x([2, 4]))
record('dense_named_nobias', lambda: core.dense(ph([2, 4]), 2, use_bias=False, name='fc', kernel_initializer=K([4, 2])), feed_x([2, 4]))
record('dense_rank3', lambda: core.dense(ph([2, 3, 4]), 2, kernel_initializer=K([4, 2])), feed_x([2, 3, 4]))
record('dense_regularizers', lambda: core.dense(ph([2, 4]), 2, kernel_initializer=K([4, 2]),
       kernel_regularizer=lambda w: tf.reduce_sum(tf.square(w)),
       bias_regularizer=lambda b: tf.reduce_sum(b), activity_regularizer=lambda a: tf.reduce_mean(a)), feed_x([2, 4]))
def _in_scope():
    x = ph([2, 4])
    with tf1.variable_scope('net'):
        a = core.dense(x, 2, kernel_initializer=K([4, 2]))
    with tf1.variable_scope('net', reuse=True):
        b = core.dense(x, 2, kernel_initializer=K([4, 2]))
    c = core.dense(x, 2, name='shared', kernel_initializer=K([4, 2]))
    d = core.dense(x, 2, name='shared', reuse=True)
    return [a, b, c, d]


record('dense_in_scope', _in_scope, feed_x([2, 4]))


def _layer_obj():
    x = ph([2, 4])
    layer = core.Dense(3, kernel_initializer=K([4, 3]))
    a = layer.apply(x)
    b = layer(x)
    return [a, b]


record('dense_object_twice', _layer_obj, feed_x([2, 4]))

# flatten
record('flatten_known', lambda: core.flatten(ph([None, 2, 3])), feed_x([2, 2, 3]))
record('flatten_static', lambda: core.flatten(ph([2, 2, 3])), feed_x([2, 2, 3]))
record('flatten_channels_first', lambda: core.flatten(ph([2, 2, 3]), data_format='channels_first'), feed_x([2, 2, 3]))

# conv2d and pooling
record('conv2d_same_relu', lambda: convolutional.conv2d(ph([2, 5, 5, 3]), 4, 3, padding='same', activation=tf.nn.relu,
       kernel_initializer=K([3, 3, 3, 4], 0.01, -0.5), bias_initializer=tf1.constant_initializer(0.05)), feed_x([2, 5, 5, 3]))
record('conv2d_valid_strides', lambda: convolutional.conv2d(ph([None, 6, 6, 2]), 3, [3, 2], strides=2,
       kernel_initializer=K([3, 2, 2, 3], 0.02, -0.3)), feed_x([1, 6, 6, 2]))
record('conv2d_dilated', lambda: convolutional.conv2d(ph([1, 7, 7, 1]), 2, 3, dilation_rate=2, use_bias=False,
       kernel_initializer=K([3, 3, 1, 2], 0.1, -0.4)), feed_x([1, 7, 7, 1]))
record('max_pool_same', lambda: pooling.max_pooling2d(ph([2, 5, 5, 3]), 2, 2, padding='same'), feed_x([2, 5, 5, 3]))
record('avg_pool_valid', lambda: pooling.average_pooling2d(ph([2, 5, 5, 3]), [3, 2], [1, 2]), feed_x([2, 5, 5, 3]))
record('pool_names_twice', lambda: [pooling.max_pooling2d(ph([1, 4, 4, 1]), 2, 2),
       pooling.max_pooling2d(tf1.get_default_graph().get_tensor_by_name('x:0'), 2, 2),
       pooling.average_pooling2d(tf1.get_default_graph().get_tensor_by_name('x:0'), 2, 2)], feed_x([1, 4, 4, 1]))

# dropout
record('dropout_inference', lambda: core.dropout(ph([2, 3]), 0.5), feed_x([2, 3]))
record('dropout_training_bool', lambda: core.dropout(ph([2, 3]), 0.0, training=True), feed_x([2, 3]))


def _dropout_ph():
    x = ph([2, 3])
    t = tf1.placeholder_with_default(False, [], name='training')
    return core.dropout(x, 0.5, training=t)


record('dropout_training_tensor', _dropout_ph, feed_x([2, 3]))


# losses
def loss_case(name, fn, inputs, grad_of=()):
    g = tf.Graph()
    with g.as_default():
        ts = {k: tf.constant(np.asarray(v, dtype=np.int32 if k == 'labels_int' else np.float32), name=k) for k, v in inputs.items()}
        loss = fn(ts)
        grads = tf.gradients(loss, [ts[k] for k in grad_of]) if grad_of else []
        with tf1.Session(graph=g) as sess:
            lv, gv = sess.run([loss, grads])
        CASES.append({
            'name': name,
            'inputs': {k: np.asarray(v, dtype=np.float64).tolist() for k, v in inputs.items()},
            'ops': [[op.name, op.type] for op in g.get_operations()],
            'losses': [t.name for t in tf1.get_collection(tf1.GraphKeys.LOSSES)],
            'outputs': [[loss.name, shape_of(loss)]],
            'values': [np.asarray(lv, dtype=np.float64).tolist()],
            'grads': [np.asarray(x, dtype=np.float64).tolist() for x in gv],
        })


L = tf1.losses
R = L.Reduction
logits = [[1.0, 2.0, 0.5], [0.1, -1.0, 3.0], [0.0, 0.0, 0.0], [2.0, 1.0, -1.0]]
onehot = [[0, 1, 0], [0, 0, 1], [1, 0, 0], [0.2, 0.3, 0.5]]
labels_int = [1, 2, 0, 0]
w4 = [1.0, 0.0, 2.0, 0.5]
preds = [[0.5, 1.0], [2.0, -1.0], [0.0, 3.0]]
targets = [[1.0, 1.0], [1.5, 0.0], [0.0, 0.5]]
w32 = [[1.0], [0.0], [2.0]]
for red in ['none', 'weighted_sum', 'weighted_mean', 'weighted_sum_over_batch_size', 'weighted_sum_by_nonzero_weights', 'weighted_mean']:
    loss_case(f'sparse_xent_{red}', lambda t, red=red: L.sparse_softmax_cross_entropy(t['labels_int'], t['logits'], t['w'], reduction=red),
              {'labels_int': labels_int, 'logits': logits, 'w': w4}, ['logits'])
    loss_case(f'mse_{red}', lambda t, red=red: L.mean_squared_error(t['labels'], t['predictions'], t['w'], reduction=red),
              {'labels': targets, 'predictions': preds, 'w': w32}, ['predictions'])
loss_case('sparse_xent_default', lambda t: L.sparse_softmax_cross_entropy(t['labels_int'], t['logits']), {'labels_int': labels_int, 'logits': logits}, ['logits'])
loss_case('softmax_xent_default', lambda t: L.softmax_cross_entropy(t['onehot'], t['logits']), {'onehot': onehot, 'logits': logits}, ['logits'])
loss_case('softmax_xent_smooth_w', lambda t: L.softmax_cross_entropy(t['onehot'], t['logits'], t['w'], label_smoothing=0.1),
          {'onehot': onehot, 'logits': logits, 'w': w4}, ['logits'])
loss_case('softmax_xent_scalar_w', lambda t: L.softmax_cross_entropy(t['onehot'], t['logits'], 2.5), {'onehot': onehot, 'logits': logits}, ['logits'])
loss_case('sigmoid_xent_smooth', lambda t: L.sigmoid_cross_entropy(t['labels'], t['predictions'], label_smoothing=0.2),
          {'labels': targets, 'predictions': preds}, ['predictions'])
loss_case('sigmoid_xent_w', lambda t: L.sigmoid_cross_entropy(t['labels'], t['predictions'], t['w']),
          {'labels': [[1, 0], [0, 1], [1, 1]], 'predictions': preds, 'w': w32}, ['predictions'])
loss_case('mse_default', lambda t: L.mean_squared_error(t['labels'], t['predictions']), {'labels': targets, 'predictions': preds}, ['predictions'])
loss_case('abs_diff_w', lambda t: L.absolute_difference(t['labels'], t['predictions'], t['w']),
          {'labels': targets, 'predictions': preds, 'w': w32}, ['predictions'])
loss_case('huber_default', lambda t: L.huber_loss(t['labels'], t['predictions']), {'labels': targets, 'predictions': preds}, ['predictions'])
loss_case('huber_delta', lambda t: L.huber_loss(t['labels'], t['predictions'], t['w'], delta=0.5),
          {'labels': targets, 'predictions': preds, 'w': w32}, ['predictions'])
loss_case('compute_weighted_loss', lambda t: L.compute_weighted_loss(t['predictions'], t['w']), {'predictions': preds, 'w': w32}, ['predictions'])
loss_case('compute_weighted_loss_none', lambda t: L.compute_weighted_loss(t['predictions'], t['w'], reduction='none'),
          {'predictions': preds, 'w': w32}, ['predictions'])
loss_case('compute_weighted_loss_zero_w', lambda t: L.compute_weighted_loss(t['predictions'], 0.0), {'predictions': preds}, ['predictions'])


def _total():
    L.add_loss(tf.constant(2.0, name='c'))
    L.add_loss(tf.constant(3.0, name='d'), loss_collection=None)
    tf1.add_to_collection(tf1.GraphKeys.REGULARIZATION_LOSSES, tf.constant(0.5, name='r1'))
    tf1.add_to_collection(tf1.GraphKeys.REGULARIZATION_LOSSES, tf.constant(0.25, name='r2'))
    return [L.get_total_loss(), L.get_regularization_loss(), L.get_total_loss(add_regularization_losses=False)]


record('total_loss', _total)

print('// Generated by layers_golden.py with TensorFlow %s (CPU): do not edit.' % tf.__version__)
print('// TF1 tf.layers (tensorflow.python.keras.legacy_tf_layers) and tf.losses graphs: op names and types,')
print('// variables, collections, output names/shapes (-1 = unknown) and values run on fixed inputs.')
print('export interface GoldenCase { name: string; ops: [string, string][]; outputs: [string, number[] | null][]; values: unknown[];')
print('  globalVariables?: [string, number[]][]; trainableVariables?: string[]; updateOps?: string[]; losses?: string[];')
print('  regularizationLosses?: string[]; inputs?: Record<string, unknown>; grads?: unknown[]; extra?: unknown }')
print('export const LAYERS_GOLDEN: Record<string, GoldenCase> = ' + json.dumps({c['name']: c for c in CASES}) + ';')
