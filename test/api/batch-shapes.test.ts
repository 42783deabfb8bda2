// TF1 batch programs: a fed [None, 3] batch times a [3, 2] variable, reduce_sum over axes with
// keepdims, tf.reshape(x, [-1, 2]), tf.shape of a fed placeholder, and the small array ops a TF1
// input pipeline uses. Static shapes print with `?`, values print as numpy prints them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { show } from './helpers.js';

describe('a fed batch through a dense layer', () => {
  test('y = tf.matmul(x, W); s = tf.reduce_sum(y, 1, keepdims=True)', () => {
    tf.resetDefaultGraph();
    // x = tf.placeholder(tf.float32, [None, 3], name='x')
    const x = tf.placeholder(tf.float32, [null, 3], 'x');
    // W = tf.Variable([[1., 2.], [3., 4.], [5., 6.]], name='W')
    const W = new tf.Variable(
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      { name: 'W' },
    );
    const y = tf.matmul(x, W);
    const s = tf.reduceSum(y, 1, { keepdims: true });
    const s0 = tf.reduceSum(y, 0);
    const total = tf.reduceSum(y);
    assert.equal(String(x), 'Tensor("x:0", shape=(?, 3), dtype=float32)');
    assert.equal(String(y), 'Tensor("MatMul:0", shape=(?, 2), dtype=float32)');
    assert.equal(String(s), 'Tensor("Sum:0", shape=(?, 1), dtype=float32)');
    assert.equal(String(s0), 'Tensor("Sum_1:0", shape=(2,), dtype=float32)');
    assert.equal(String(total), 'Tensor("Sum_2:0", shape=(), dtype=float32)');

    using sess = new tf.Session();
    sess.run(tf.globalVariablesInitializer());
    const batch = [
      [1, 0, 0],
      [0, 1, 1],
    ];
    const feed = new Map([[x, batch]]);
    assert.equal(show(sess.run(y, feed)), '[[ 1.  2.]\n [ 8. 10.]]');
    assert.equal(show(sess.run(s, feed)), '[[ 3.]\n [18.]]');
    assert.equal(show(sess.run(s0, feed)), '[ 9. 12.]');
    assert.equal(show(sess.run(total, feed)), '21');
    assert.deepEqual(sess.run(s, feed).shape, [2, 1]);
    // TF1 spelling of the same reduction: reduction_indices=[1], keep_dims=True
    assert.equal(show(sess.run(tf.reduceSum(y, { reductionIndices: [1], keepDims: true }), feed)), '[[ 3.]\n [18.]]');
    // The batch as an NDArray built from a Float32Array.
    const nd = new tf.NDArray('float32', [1, 3], Float32Array.from([1, 1, 1]));
    assert.equal(show(sess.run(y, new Map([[x, nd]]))), '[[ 9. 12.]]');
    // transpose_b: x @ W^T with W^T fed as a [2, 3] constant
    const wt = tf.constant([
      [1, 3, 5],
      [2, 4, 6],
    ]);
    assert.equal(show(sess.run(tf.matmul(x, wt, { transposeB: true }), feed)), '[[ 1.  2.]\n [ 8. 10.]]');
  });

  test('tf.reshape(x, [-1, 2]) and tf.shape(x) of a fed placeholder', () => {
    tf.resetDefaultGraph();
    const x = tf.placeholder(tf.float32, [null, 3], 'x');
    const r = tf.reshape(x, [-1, 2]);
    const shp = tf.shape(x);
    assert.equal(String(r), 'Tensor("Reshape:0", shape=(?, 2), dtype=float32)');
    assert.equal(String(shp), 'Tensor("Shape:0", shape=(2,), dtype=int32)');
    using sess = new tf.Session();
    const feed = new Map([
      [
        x,
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
      ],
    ]);
    assert.equal(show(sess.run(r, feed)), '[[1. 2.]\n [3. 4.]\n [5. 6.]]');
    // sess.run(tf.shape(x), {x: np.zeros((5, 3))}) -> [5 3]
    const zeros = new tf.NDArray('float32', [5, 3]);
    assert.equal(show(sess.run(shp, new Map([[x, zeros]]))), '[5 3]');
    assert.equal(sess.run(shp, new Map([[x, zeros]])).dtype, 'int32');
    // Reshape with a fully known target: tf.reshape(tf.range(6), [2, 3])
    const m = tf.reshape(tf.range(6, { dtype: 'int32' }), [2, 3]);
    assert.equal(String(m), 'Tensor("Reshape_1:0", shape=(2, 3), dtype=int32)');
    assert.equal(show(sess.run(m)), '[[0 1 2]\n [3 4 5]]');
  });
});

describe('array ops of a TF1 input pipeline', () => {
  test('rank, range, stack, squeeze, gather, where, boolean_mask, cast, fill, zeros_like, divide', () => {
    tf.resetDefaultGraph();
    const t = tf.constant(new Int32Array([1, 2, 3, 4]), { shape: [2, 2] });
    using sess = new tf.Session();
    const run = (x: tf.Tensor) => show(sess.run(x));
    assert.equal(run(t), '[[1 2]\n [3 4]]');
    assert.equal(run(tf.rank(t)), '2');
    assert.equal(run(tf.range(1, 10, 3, { dtype: 'int32' })), '[1 4 7]');
    // tf.range(3) -> [0 1 2] (int32, as TensorFlow's range of Python ints)
    assert.equal(run(tf.range(3)), '[0 1 2]');
    const a = tf.constant([1, 4]);
    const b = tf.constant([2, 5]);
    assert.equal(run(tf.stack([a, b])), '[[1. 4.]\n [2. 5.]]');
    assert.equal(run(tf.stack([a, b], 1)), '[[1. 2.]\n [4. 5.]]');
    assert.equal(String(tf.squeeze(tf.zeros([1, 2, 1]))), 'Tensor("Squeeze:0", shape=(2,), dtype=float32)');
    assert.equal(run(tf.gather(tf.constant(new Int32Array([10, 20, 30])), new Int32Array([2, 0]))), '[30 10]');
    // tf.where(cond) gives int64 coordinates
    assert.equal(run(tf.where([true, false, true])), '[[0]\n [2]]');
    assert.equal(sess.run(tf.where([true, false, true])).dtype, 'int64');
    assert.equal(run(tf.booleanMask(new Int32Array([1, 2, 3]), [true, false, true])), '[1 3]');
    assert.equal(run(tf.cast([1.7, -1.7], tf.int32)), '[ 1 -1]');
    assert.equal(run(tf.fill([2, 3], 9)), '[[9. 9. 9.]\n [9. 9. 9.]]');
    assert.equal(run(tf.zerosLike(t)), '[[0 0]\n [0 0]]');
    assert.equal(run(tf.onesLike(a)), '[1. 1.]');
    // 7 / 2 on int32 tensors is true division in float64
    const seven = tf.constant(7, tf.int32);
    const q = tf.divide(seven, tf.constant(2, tf.int32));
    assert.equal(String(q), 'Tensor("truediv:0", shape=(), dtype=float64)');
    assert.equal(run(q), '3.5');
    assert.equal(run(tf.negative(t)), '[[-1 -2]\n [-3 -4]]');
    assert.equal(run(tf.logicalNot([true, false])), '[False  True]');
  });
});
