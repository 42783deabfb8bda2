// Cumprod, SegmentSum, ScatterUpdate / ScatterAdd / ScatterSub.
// Expected values and messages from TensorFlow 2.21 (tf.compat.v1, ref variables).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, checkGradient, evalT, expectOpError, expectValueError } from './helpers.js';

const pw = (v: number[], dtype: tf.DType = 'int32') => tf.placeholderWithDefault(tf.constant(v, dtype), [null]);

describe('tf.cumprod (Cumprod)', () => {
  test('values: axis, exclusive, reverse, int wrapping, int64', () => {
    const { sess, out } = build(() => [
      tf.cumprod([[1, 2, 3], [4, 5, 6]], 1),
      tf.cumprod([1, 2, 3], { exclusive: true, reverse: true }),
      tf.math.cumprod(tf.constant([65536, 65536, 3], 'int32')),
      tf.cumprod(tf.constant([3n, 4n], 'int64'), 0, true),
    ]);
    assert.equal(out[0]?.op.type, 'Cumprod');
    assert.equal(out[0]?.name, 'Cumprod:0');
    assert.deepEqual(sess.run(out).map((x) => x.toArray()), [[[1, 2, 6], [4, 20, 120]], [6, 3, 1], [65536, 0, 0], [1n, 3n]]);
  });

  test('gradient (TensorFlow: 0 where x is 0) and errors', () => {
    const { sess, out } = build(() => {
      const x = tf.constant([2, 0, 3, -1], 'float64');
      return tf.gradients(tf.reduceSum(tf.multiply(tf.cumprod(x, 0, true), tf.constant([1, 2, 3, 4], 'float64'))), x)[0] as tf.Tensor;
    });
    assert.deepEqual(sess.run(out).toArray(), [2, 0, 0, -0]);
    checkGradient((xs) => tf.cumprod(xs[0] as tf.Tensor, 1), [[1.5, -2, 3, 0.5, 4, -1]], [[2, 3]]);
    checkGradient((xs) => tf.cumprod(xs[0] as tf.Tensor, 0, true, true), [[1.5, -2, 3, 0.5]], [[4]]);
    expectOpError(() => evalT(() => tf.cumprod([1, 2], 1)), tf.errors.InvalidArgumentError, 'Cumprod', 'ScanOp: Expected scan axis in the range [-1, 1), but got 1');
  });
});

describe('tf.math.segmentSum (SegmentSum)', () => {
  test('values: repeated ids, gaps are zeros', () => {
    const { sess, out } = build(() => tf.math.segmentSum([[1, 2], [3, 4], [5, 6]], [0, 0, 2]));
    assert.equal(out.shape.toString(), '(?, 2)');
    assert.deepEqual(sess.run(out).toArray(), [[4, 6], [0, 0], [5, 6]]);
    assert.equal(tf.segmentSum, tf.math.segmentSum);
  });

  test('errors and gradient', () => {
    const E = tf.errors.InvalidArgumentError;
    const d = [[1, 2], [3, 4], [5, 6]];
    expectOpError(() => evalT(() => tf.math.segmentSum(d, pw([0, 2, 1]))), E, 'SegmentSum', 'segment ids are not increasing');
    expectOpError(() => evalT(() => tf.math.segmentSum(d, pw([0, 1]))), E, 'SegmentSum', 'segment_ids should be the same size as dimension 0 of input.');
    expectOpError(
      () => evalT(() => tf.math.segmentSum(d, pw([-1, 0, 1]))),
      E,
      'SegmentSum',
      "Segment id -1 out of range [0, 2), possibly because 'segment_ids' input is not sorted.",
    );
    checkGradient((xs) => tf.reshape(tf.math.segmentSum(xs[0] as tf.Tensor, [0, 0, 1, 3]), [4, 2]), [[1, 2, 3, 4, 5, 6, 7, 8]], [[4, 2]]);
  });
});

describe('tf.scatterUpdate / scatterAdd / scatterSub', () => {
  test('in place on the variable; duplicates add up; scalar updates', () => {
    const { sess, out } = build(() => {
      const v = new tf.Variable([[1, 2], [3, 4], [5, 6]], { name: 'v' });
      const w = new tf.Variable([1, 2, 3], { name: 'w' });
      return {
        v,
        w,
        upd: tf.scatterUpdate(v, [2, 0], [[9, 9], [8, 8]]),
        add: tf.scatterAdd(w, [0, 0, 2], [1, 2, 3]),
        sub: tf.scatterSub(w, [1], [5]),
        one: tf.scatterUpdate(w, 1, 7),
        init: tf.globalVariablesInitializer(),
      };
    });
    assert.equal(out.upd.name, 'ScatterUpdate:0');
    assert.equal(out.upd.op.getAttr('use_locking'), true);
    assert.equal(out.add.op.getAttr('use_locking'), false);
    assert.equal(out.upd.op.getAttr('Tindices'), 'int32');
    sess.run(out.init);
    assert.deepEqual(sess.run(out.upd).toArray(), [[8, 8], [3, 4], [9, 9]]);
    assert.deepEqual(sess.run(out.v).toArray(), [[8, 8], [3, 4], [9, 9]]);
    assert.deepEqual(sess.run(out.add).toArray(), [4, 2, 6]);
    assert.deepEqual(sess.run(out.sub).toArray(), [4, -3, 6]);
    assert.deepEqual(sess.run(out.one).toArray(), [4, 7, 6]);
    assert.deepEqual(sess.run(out.w).toArray(), [4, 7, 6]);
  });

  test('errors: build-time shapes, run-time indices and shapes, uninitialized variable', () => {
    build(() => {
      const v = new tf.Variable([1, 2, 3], { name: 'v' });
      expectValueError(
        () => tf.scatterUpdate(v, [1, 2], [5]),
        "Dimension 0 in both shapes must be equal, but are 1 and 2. Shapes are [1] and [2]. for '{{node ScatterUpdate}} = ScatterUpdate[T=DT_FLOAT, Tindices=DT_INT32, use_locking=true](v, ScatterUpdate/indices, ScatterUpdate/updates)' with input shapes: [3], [2], [1].",
      );
    });
    const run = (f: (v: tf.Variable) => tf.Tensor) => () => {
      const { sess, out } = build(() => {
        const v = new tf.Variable([1, 2, 3], { name: 'v' });
        return { t: f(v), init: v.initializer };
      });
      sess.run(out.init);
      sess.run(out.t);
    };
    const E = tf.errors.InvalidArgumentError;
    expectOpError(run((v) => tf.scatterUpdate(v, [3], [5])), E, 'ScatterUpdate', 'indices[0] = 3 is not in [0, 3)');
    expectOpError(
      run((v) => tf.scatterUpdate(v, pw([1, 2]), tf.placeholderWithDefault(tf.constant([5]), [null]))),
      E,
      'ScatterUpdate',
      'Must have updates.shape = indices.shape + params.shape[1:] or updates.shape = [], got updates.shape [1], indices.shape [2], params.shape [3]',
    );
    expectOpError(
      () => evalT(() => tf.scatterAdd(new tf.Variable([1, 2], { name: 'u' }), [0], [1])),
      tf.errors.FailedPreconditionError,
      'ScatterAdd',
      'Attempting to use uninitialized value u',
    );
  });
});

describe('tf.linspace (LinSpace)', () => {
  test('values as TensorFlow (float32 steps, the last exactly stop), names, errors', () => {
    const { sess, out } = build(() => [tf.linspace(0, 1, 5), tf.linspace(1, -2, 1), tf.linSpace(0.1, 0.7, 4), tf.linspace(tf.constant(0, 'float64'), 1, tf.constant(3n, 'int64'))]);
    assert.equal(out[0]?.name, 'LinSpace:0');
    assert.deepEqual(out[0]?.shape.dims, [5]);
    const r = sess.run(out).map((x) => x.toArray());
    assert.deepEqual(r.slice(0, 2), [[0, 0.25, 0.5, 0.75, 1], [1]]);
    assert.deepEqual(r[2], [0.1, 0.29999998, 0.49999997, 0.7].map(Math.fround));
    assert.deepEqual(r[3], [0, 0.5, 1]);
    build(() => {
      expectValueError(
        () => tf.linspace(0, 1, 0),
        "Requires num > 0: 0 for '{{node LinSpace}} = LinSpace[T=DT_FLOAT, Tidx=DT_INT32](LinSpace/start, LinSpace/stop, LinSpace/num)' with input shapes: [], [], [] and with computed input tensors: input[2] = <0>.",
      );
    });
    expectOpError(() => evalT(() => tf.linspace(0, 1, tf.placeholderWithDefault(tf.constant([3], 'int32'), null))), tf.errors.InvalidArgumentError, 'LinSpace', 'num must be a scalar, not shape [1]');
  });
});
