// clip_ops.py composites: tf.clipByGlobalNorm, tf.globalNorm, tf.clipByNorm, tf.clipByAverageNorm.
// Expected values, op names and types from TensorFlow 2.21 (tf.compat.v1, graph mode).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import * as tf2 from '../../src/index.js';
import { build, checkGradient, expectClose, expectTypeError, opNames } from '../ops/helpers.js';

const A = [[1, -2, 3], [0.5, 4, -1]];
const B = [3, -4, 0, 1];

describe('tf.clipByGlobalNorm / tf.globalNorm', () => {
  test('values, null entries kept, global norm', () => {
    const { sess, out } = build(() => tf.clipByGlobalNorm([tf.constant(A), null, tf.constant(B)], 5.0));
    const [list, norm] = out;
    assert.equal(list[1], null);
    const [c0, c2, n] = sess.run([list[0] as tf.Tensor, list[2] as tf.Tensor, norm]);
    expectClose(n?.item(), 7.566373, 1e-6);
    expectClose(c0?.toArray(), [[0.6608186, -1.3216372, 1.9824557], [0.3304093, 2.6432743, -0.6608186]], 1e-6);
    expectClose(c2?.toArray(), [1.9824557, -2.6432743, 0, 0.6608186], 1e-6);
  });

  test('under the clip norm the values pass unchanged; an infinite norm makes them NaN', () => {
    const { sess, out } = build(() => [
      tf.clipByGlobalNorm([tf.constant(A), tf.constant(B)], 50.0),
      tf.clipByGlobalNorm([tf.constant(A), tf.constant([Infinity])], 5.0),
    ]);
    const [same, nan] = out;
    expectClose(sess.run(same[0][0] as tf.Tensor).toArray(), A);
    const [v, n] = sess.run([nan[0][0] as tf.Tensor, nan[1]]);
    assert.ok(((v as tf.NDArray).toArray() as number[][]).flat().every(Number.isNaN));
    assert.equal(n?.item(), Infinity);
  });

  test("TensorFlow's graph: op names, types, colocation and dtypes", () => {
    const { g, out } = build(() => {
      const a = tf.placeholder('float32', [2, 3], 'a');
      const b = tf.placeholder('float32', [4], 'b');
      return tf.clipByGlobalNorm([a, null, b], 5.0);
    });
    const [list, norm] = out;
    assert.equal(norm.name, 'global_norm/global_norm:0');
    assert.equal((list[0] as tf.Tensor).name, 'clip_by_global_norm/clip_by_global_norm/_0:0');
    assert.equal((list[2] as tf.Tensor).name, 'clip_by_global_norm/clip_by_global_norm/_2:0');
    const ops = g.getOperations().filter((o) => o.type !== 'Placeholder');
    assert.deepEqual(ops.map((o) => `${o.name} ${o.type}`), [
      'global_norm/L2Loss L2Loss',
      'global_norm/L2Loss_1 L2Loss',
      'global_norm/stack Pack',
      'global_norm/Const Const',
      'global_norm/Sum Sum',
      'global_norm/Const_1 Const',
      'global_norm/mul Mul',
      'global_norm/global_norm Sqrt',
      'clip_by_global_norm/truediv/x Const',
      'clip_by_global_norm/truediv RealDiv',
      'clip_by_global_norm/Const Const',
      'clip_by_global_norm/truediv_1/y Const',
      'clip_by_global_norm/truediv_1 RealDiv',
      'clip_by_global_norm/Minimum Minimum',
      'clip_by_global_norm/mul/x Const',
      'clip_by_global_norm/mul Mul',
      'clip_by_global_norm/sub Sub',
      'clip_by_global_norm/add AddV2',
      'clip_by_global_norm/mul_1 Mul',
      'clip_by_global_norm/clip_by_global_norm/_0 Identity',
      'clip_by_global_norm/mul_2 Mul',
      'clip_by_global_norm/clip_by_global_norm/_2 Identity',
    ]);
    assert.deepEqual(g.getOperationByName('global_norm/L2Loss').colocationGroups(), ['loc:@a']);
    assert.deepEqual(g.getOperationByName('clip_by_global_norm/clip_by_global_norm/_2').colocationGroups(), ['loc:@b']);
  });

  test('a name: the norm in scope `name`, the clipping in `name_1`; float64 kept', () => {
    const { out } = build(() => tf.clipByGlobalNorm([tf.placeholder('float64', [2], 'x')], 1.0, { name: 'foo' }));
    assert.equal(out[1].name, 'foo/global_norm:0');
    assert.equal(out[1].dtype, 'float64');
    assert.equal((out[0][0] as tf.Tensor).name, 'foo_1/foo_1/_0:0');
    assert.equal((out[0][0] as tf.Tensor).dtype, 'float64');
  });

  test('useNorm replaces the computed norm', () => {
    const { g, sess, out } = build(() => tf.clipByGlobalNorm([tf.constant([3, 4])], 1.0, tf.constant(10.0)));
    expectClose(sess.run(out[0][0] as tf.Tensor).toArray(), [0.3, 0.4], 1e-6);
    assert.ok(!opNames(g).some((n) => n.startsWith('global_norm')));
  });

  test('errors: tList not a list; integer tensors', () => {
    build(() => {
      const x = tf.placeholder('float32', [2], 'x');
      expectTypeError(
        () => tf.clipByGlobalNorm(x as never, 1.0),
        "`t_list` should be a sequence of tensors. Received <class 'tensorflow.python.framework.ops.SymbolicTensor'>.",
      );
      expectTypeError(() => tf.globalNorm(x as never), /^`t_list` should be a sequence of tensors/);
      expectTypeError(
        () => tf.clipByGlobalNorm([tf.placeholder('int32', [2], 'i')], 1.0),
        /^Value passed to parameter 't' has DataType int32 not in list of allowed values: float16, /,
      );
    });
  });

  test('globalNorm of only nulls is 0; exported as tf.linalg.globalNorm and in compat.v1', () => {
    const { sess, out } = build(() => tf.linalg.globalNorm([null]));
    assert.equal(sess.run(out).item(), 0);
    assert.equal(tf2.compat.v1.clipByGlobalNorm, tf.clipByGlobalNorm);
    assert.equal(tf.linalg.globalNorm, tf.globalNorm);
  });

  test('gradient of the clipped values (through the global norm)', () => {
    checkGradient((xs) => tf.multiply(tf.clipByGlobalNorm(xs, 2.0)[0][0] as tf.Tensor, tf.clipByGlobalNorm(xs, 2.0)[0][1] as tf.Tensor), [[1, -2, 3], [0.5, 4, -1]], [[3], [3]], 1e-5);
  });

  test('computeGradients → clipByGlobalNorm → applyGradients trains as TensorFlow does', () => {
    const { sess, out } = build(() => {
      const w = new tf.Variable([[1, 2], [3, 4]], { name: 'w' });
      const b = new tf.Variable([1, -1], { name: 'b' });
      const loss = tf.reduceSum(tf.square(tf.add(tf.matmul([[1, 2]], w), b)));
      const opt = new tf.train.GradientDescentOptimizer(0.1);
      const gv = opt.computeGradients(loss);
      const [grads] = tf.clipByGlobalNorm(gv.map(([gr]) => gr), 1.0);
      const train = opt.applyGradients(grads.map((gr, i) => [gr, (gv[i] as tf.train.GradAndVar)[1]] as tf.train.GradAndVar));
      return { w, b, train, init: tf.globalVariablesInitializer() };
    });
    sess.run(out.init);
    sess.run(out.train);
    expectClose(sess.run(out.w).toArray(), [[0.97287744, 1.9694872], [2.945755, 3.9389744]], 1e-6);
    expectClose(sess.run(out.b).toArray(), [0.97287744, -1.0305128], 1e-6);
  });
});

describe('tf.clipByNorm / tf.clipByAverageNorm', () => {
  test('values: all axes, axes=[1], zeros, a negative clip norm', () => {
    const { sess, out } = build(() => [
      tf.clipByNorm(A, 3.0),
      tf.clipByNorm(A, 3.0, [1]),
      tf.clipByNorm([0, 0], 3.0),
      tf.clipByNorm(A, -1.0),
      tf.clipByNorm(A, tf.constant(3.0)),
    ]);
    const r = sess.run(out).map((x) => x.toArray());
    const all = [[0.53665632, -1.07331264, 1.60996890], [0.26832816, 2.14662528, -0.53665632]];
    expectClose(r[0], all, 1e-6);
    expectClose(r[1], [[0.80178368, -1.60356736, 2.40535116], [0.36115757, 2.88926053, -0.72231513]], 1e-6);
    assert.deepEqual(r[2], [0, 0]);
    expectClose(r[3], [[0, 0, 0], [0, 0, 0]]);
    expectClose(r[4], all, 1e-6);
  });

  test("TensorFlow's graph for clipByNorm", () => {
    const { g, out } = build(() => tf.clipByNorm(tf.placeholder('float32', [2, 3], 'x'), 3.0));
    assert.equal(out.name, 'clip_by_norm:0');
    assert.deepEqual(opNames(g).slice(1), [
      'clip_by_norm/mul', 'clip_by_norm/Const', 'clip_by_norm/Sum', 'clip_by_norm/Greater/y', 'clip_by_norm/Greater',
      ...opNames(g).filter((n) => n.startsWith('clip_by_norm/ones_like')),
      'clip_by_norm/Select', 'clip_by_norm/Sqrt', 'clip_by_norm/Select_1', 'clip_by_norm/mul_1/y', 'clip_by_norm/mul_1',
      'clip_by_norm/Maximum/y', 'clip_by_norm/Maximum', 'clip_by_norm/truediv', 'clip_by_norm',
    ]);
  });

  test('clipByAverageNorm values and scope', () => {
    const { sess, out } = build(() => tf.clipByAverageNorm(A, 0.5));
    assert.equal(out.name, 'clip_by_average_norm:0');
    expectClose(sess.run(out).toArray(), [[0.53665632, -1.07331264, 1.60996890], [0.26832816, 2.14662528, -0.53665632]], 1e-6);
  });

  test('gradients', () => {
    checkGradient((xs) => tf.clipByNorm(xs[0] as tf.Tensor, 2.0, [1]), [[1, -2, 3, 0.1, 0.2, -0.3]], [[2, 3]], 1e-5);
  });
});
