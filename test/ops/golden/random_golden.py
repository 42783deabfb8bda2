"""Generates random-golden.ts: TensorFlow's seeded random values (tf.compat.v1 graph mode, CPU).

Run with a Python that has TensorFlow 2.x (checked with 2.21 CPU):
    python test/ops/golden/random_golden.py > test/ops/golden/random-golden.ts
Values as text (Python float repr, decimal ints) so float32/float64 bits are kept exactly. The
tests rebuild the same graphs in the same order (seedless ops take per-graph op seeds in order).
"""
import json
import math

import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1
tf1.disable_eager_execution()
from tensorflow.python.framework import random_seed  # noqa: E402


def text(a):
    a = np.asarray(a)
    if a.dtype == np.float16:
        a = a.astype(np.float32)
    return [repr(float(v)) if a.dtype.kind == 'f' else str(int(v)) for v in a.reshape(-1)]


def runs(build, n_runs=2, sessions=1):
    """Values of every tensor `build` returns, per session and run: [session][run][tensor]."""
    g = tf.Graph()
    with g.as_default():
        ts = build()
    out = []
    for _ in range(sessions):
        with tf1.Session(graph=g) as s:
            out.append([[text(v) for v in s.run(ts)] for _ in range(n_runs)])
    return out


G = {}

# Raw ops with explicit seeds.
def raw():
    r = tf1.raw_ops
    return [
        r.RandomUniform(shape=[7], dtype=tf.float32, seed=1, seed2=2),
        r.RandomUniform(shape=[5], dtype=tf.float64, seed=1, seed2=2),
        r.RandomUniform(shape=[6], dtype=tf.float16, seed=1, seed2=2),
        r.RandomStandardNormal(shape=[10], dtype=tf.float32, seed=7, seed2=11),
        r.RandomStandardNormal(shape=[6], dtype=tf.float64, seed=7, seed2=11),
        r.RandomStandardNormal(shape=[8], dtype=tf.float16, seed=7, seed2=11),
        r.TruncatedNormal(shape=[9], dtype=tf.float32, seed=3, seed2=4),
        r.TruncatedNormal(shape=[5], dtype=tf.float64, seed=3, seed2=4),
        r.RandomUniformInt(shape=[9], minval=-5, maxval=7, seed=5, seed2=6),
        r.RandomUniformInt(shape=[5], minval=np.int64(-2**40), maxval=np.int64(2**40 + 3), seed=5, seed2=6),
        r.RandomUniformInt(shape=[4], minval=-2**31, maxval=2**31 - 1, seed=5, seed2=6),
        r.RandomShuffle(value=np.arange(10, dtype=np.int32), seed=8, seed2=9),
        r.RandomShuffle(value=np.arange(10, dtype=np.float32).reshape(5, 2), seed=8, seed2=9),
        r.Multinomial(logits=[[1., 2., 3.], [0.5, 0.5, -np.inf]], num_samples=5, seed=10, seed2=12),
        r.Multinomial(logits=np.array([[0., 1.]], np.float64), num_samples=7, seed=10, seed2=12, output_dtype=tf.int32),
        r.RandomUniform(shape=[3, 2], dtype=tf.float32, seed=2**40 + 5, seed2=-1),
    ]
G['raw'] = runs(raw, 2, 2)

# Builders under a graph seed: seedless ops take op seeds 0, 1, 2, ... in creation order.
def builders():
    tf1.set_random_seed(1234)
    return [
        tf1.random_uniform([3]),
        tf1.random_normal([2]),
        tf1.truncated_normal([5], 1.0, 2.0),
        tf1.random_uniform([4], 2, 5),
        tf1.random_uniform([6], -3, 9, dtype=tf.int32),
        tf1.random_uniform([3], maxval=2**40, dtype=tf.int64),
        tf1.random_shuffle(list(range(8))),
        tf1.multinomial([[1., 2., 3.], [0.5, 0.5, -np.inf]], 5),
        tf1.random_uniform([2], maxval=3.0, seed=9),
        tf1.random_normal([3], 5.0, 0.5, dtype=tf.float64, seed=9),
    ]
G['builders'] = runs(builders, 2, 2)

# Op seed only: DEFAULT_GRAPH_SEED.
G['op_seed'] = runs(lambda: [tf1.random_uniform([4], seed=3), tf1.random.categorical([[0., 1., 2.]], 4, seed=3)], 2, 2)

# Seed resolution: [graph seed, op seed, result] (None as null).
seeds = []
for gs, os_ in [(None, None), (None, 5), (None, 0), (0, 0), (0, None), (1, None), (1, 7), (2**31 - 1, 5), (2**31 + 5, -3), (-7, 2**40)]:
    with tf.Graph().as_default() as g:
        g.seed = gs
        r1 = random_seed.get_seed(os_)
        r2 = random_seed.get_seed(os_)
    seeds.append([gs, os_, list(r1), list(r2)])
G['seeds'] = seeds

# Initializers (init_ops, TF1 classes) with op seeds.
def inits():
    i = tf1.initializers
    return [
        tf1.random_uniform_initializer(seed=1)([3, 4]),
        tf1.random_uniform_initializer(-1, 2, seed=2)([5]),
        tf1.random_normal_initializer(1.0, 2.0, seed=3)([5]),
        tf1.truncated_normal_initializer(seed=4)([2, 3], dtype=tf.float64),
        tf1.variance_scaling_initializer(2.0, 'fan_out', 'uniform', seed=5)([3, 3, 4, 8]),
        tf1.glorot_uniform_initializer(seed=6)([4, 5]),
        tf1.glorot_normal_initializer(seed=7)([6, 2]),
        i.he_normal(seed=8)([3, 4]),
        i.he_uniform(seed=9)([3, 4]),
        i.lecun_normal(seed=10)([2, 2, 3]),
        i.lecun_uniform(seed=11)([7]),
        tf1.variance_scaling_initializer(0.5, 'fan_avg', 'untruncated_normal', seed=12)([4, 4]),
        tf1.uniform_unit_scaling_initializer(1.5, seed=13)([3, 5]),
    ]
G['inits'] = runs(inits, 1, 1)
with tf.Graph().as_default() as g:
    tf1.random_uniform_initializer(seed=1)([2])
    G['init_ops'] = [[op.name, op.type] for op in g.get_operations()]

# Dropout (TF1 tf.nn.dropout over the v2 implementation).
def drops():
    x = tf.reshape(tf.range(1, 13, dtype=tf.float32), [3, 4])
    return [
        tf1.nn.dropout(x, 0.5, seed=1),
        tf1.nn.dropout(x, rate=0.25, noise_shape=[3, 1], seed=2),
        tf1.nn.dropout(tf.cast(x, tf.float64), rate=tf.constant(0.75, tf.float64), seed=3),
    ]
G['dropout'] = runs(drops, 2, 1)


def op_list(build):
    with tf.Graph().as_default() as g:
        build()
    return [[op.name, op.type, [i.name for i in op.inputs]] for op in g.get_operations()]


G['dropout_ops'] = [
    op_list(lambda: tf1.nn.dropout(tf1.placeholder(tf.float32, [None, 3]), 0.5)),
    op_list(lambda: tf1.nn.dropout(tf1.placeholder(tf.float32, [None, 3]), keep_prob=tf1.placeholder(tf.float32, []))),
    op_list(lambda: tf1.nn.dropout(tf.ones([2, 3]), rate=tf1.placeholder(tf.float32, []), noise_shape=[1, 3])),
]

print('// Generated by random_golden.py with TensorFlow %s (CPU, tf.compat.v1 graph mode): do not edit.' % tf.__version__)
print('// Values as text: Python float repr (float16 widened to float32), decimal ints.')
print('/* eslint-disable */')
print('export const RANDOM_GOLDEN = %s as const;' % json.dumps(G))
