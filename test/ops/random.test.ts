// Random ops: shapes, names, session semantics, kernel errors, builder errors and distributions
// (values against TensorFlow are in random-golden.test.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyOp1 } from '../../src/ops/builder.js';
import { Multinomial, RandomShuffle, RandomStandardNormal, RandomUniform, RandomUniformInt, TruncatedNormal } from '../../src/ops/defs/index.js';
import * as tf from '../../src/v1.js';
import { build, expectArray, expectOpError, expectValueError, feed, opNames } from './helpers.js';

const DEFS = [RandomUniform, RandomStandardNormal, TruncatedNormal, RandomUniformInt, RandomShuffle, Multinomial];
const data = (a: unknown) => Array.from((a as tf.NDArray).data as ArrayLike<number>);
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const std = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
};

describe('random ops', () => {
  test('traits: stateful, random, not differentiable; TF attrs', () => {
    for (const d of DEFS) {
      assert.equal(d.stateful, true, d.type);
      assert.equal(d.random, true, d.type);
      assert.equal(d.grad, null, d.type);
      assert.deepEqual(d.attrs.slice(0, 2).map((a) => [a.name, a.default]), [['seed', 0], ['seed2', 0]], d.type);
    }
  });

  test('static shapes from the shape input: constant, partly known, unknown', () => {
    const { out } = build(() => {
      const p3 = tf.placeholder('int32', [3]);
      const pn = tf.placeholder('int32', [null]);
      return [
        tf.randomUniform([2, 3]),
        tf.randomUniform(p3),
        tf.randomUniform(pn),
        tf.randomUniform([2, -1]),
        tf.randomNormal([]),
        tf.multinomial(tf.placeholder('float32', [null, 4]), 3),
        tf.randomShuffle(tf.placeholder('float32', [5, 2])),
      ];
    });
    assert.deepEqual(
      out.map((t) => t.shape.toString()),
      ['(2, 3)', '(?, ?, ?)', '<unknown>', '(2, ?)', '()', '(?, 3)', '(5, 2)'],
    );
  });

  test("TensorFlow's op names and seeds attrs", () => {
    const { g, out } = build(() => [
      tf.randomUniform([2, 3]),
      tf.randomUniform([2, 3], 1, 3, { seed: 4 }),
      tf.randomUniform([2], 1, 5, 'int32', null, 'x'),
      tf.randomShuffle([1, 2, 3]),
      tf.multinomial([[1, 2]], 3),
    ]);
    assert.deepEqual(out.map((t) => t.name), ['random_uniform/RandomUniform:0', 'random_uniform_1:0', 'x:0', 'RandomShuffle:0', 'multinomial/Multinomial:0']);
    assert.deepEqual(opNames(g), [
      'random_uniform/shape', 'random_uniform/RandomUniform',
      'random_uniform_1/shape', 'random_uniform_1/min', 'random_uniform_1/max', 'random_uniform_1/RandomUniform', 'random_uniform_1/sub', 'random_uniform_1/mul', 'random_uniform_1',
      'x/shape', 'x/min', 'x/max', 'x',
      'RandomShuffle/value', 'RandomShuffle',
      'multinomial/logits', 'multinomial/Multinomial/num_samples', 'multinomial/Multinomial',
    ]);
    const ru = g.getOperationByName('random_uniform_1/RandomUniform');
    assert.equal(ru.getAttr('seed'), 87654321);
    assert.equal(ru.getAttr('seed2'), 4);
    assert.equal(g.getOperationByName('x').type, 'RandomUniformInt');
    // maxval alone (min 0): one Mul, named as TF's math_ops.multiply.
    const m = build(() => tf.randomUniform([2], { maxval: 3 }));
    assert.equal(m.out.op.name, 'random_uniform/Mul');
    assert.equal(m.out.op.type, 'Mul');
  });

  test('each run draws anew; a seeded op restarts in a new session, an unseeded one does not', () => {
    const g = new tf.Graph();
    const [a, b] = g.asDefault(() => [tf.randomUniform([4], { seed: 1 }), tf.randomUniform([4])]);
    const s1 = new tf.Session({ graph: g });
    const s2 = new tf.Session({ graph: g });
    const a1 = data(s1.run(a));
    const a2 = data(s1.run(a));
    assert.notDeepEqual(a1, a2);
    assert.deepEqual(data(s2.run(a)), a1);
    assert.notDeepEqual(data(s1.run(b)), data(s2.run(b)));
    // Two ops with equal seeds give equal values (each has its own stream).
    const { sess, out } = build(() => [tf.randomNormal([3], { seed: 5 }), tf.randomNormal([3], { seed: 5 })]);
    const [x, y] = sess.run(out) as tf.NDArray[];
    assert.deepEqual(data(x), data(y));
  });

  test('a random op in a cond branch keeps its own stream, even with the name of an outer op', () => {
    const { sess, out } = build(() => {
      const outer = tf.randomUniform([2], { seed: 1 });
      const inBranch = tf.cond(tf.constant(true), () => tf.randomUniform([2], { seed: 2 }), () => tf.zeros([2]));
      return { outer, inBranch };
    });
    const ref = build(() => tf.randomUniform([2], { seed: 2 }));
    const first = data(ref.sess.run(ref.out));
    const second = data(ref.sess.run(ref.out));
    sess.run(out.outer);
    assert.deepEqual(data(sess.run(out.inBranch)), first);
    sess.run(out.outer);
    assert.deepEqual(data(sess.run(out.inBranch)), second);
  });

  test('graph seed: seedless ops get op seeds 0, 1, …; (0, 0) becomes (0, 2**31 - 1)', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      tf.setRandomSeed(0);
      const a = tf.randomUniform([1]);
      const b = tf.randomUniform([1]);
      assert.deepEqual([a.op.getAttr('seed'), a.op.getAttr('seed2')], [0, 2147483647]);
      assert.deepEqual([b.op.getAttr('seed'), b.op.getAttr('seed2')], [0, 1]);
      tf.random.setSeed(null);
      const c = tf.randomUniform([1]);
      assert.deepEqual([c.op.getAttr('seed'), c.op.getAttr('seed2')], [0, 0]);
    });
    assert.equal(g.seed, null);
    assert.equal(tf.DEFAULT_GRAPH_SEED, 87654321);
  });

  test('empty and scalar outputs', () => {
    const { sess, out } = build(() => [tf.randomUniform([0, 3]), tf.randomNormal([]), tf.randomUniform([0], 5, 2, 'int32'), tf.randomShuffle(tf.zeros([0, 2]))]);
    const [e, s, ei, es] = sess.run(out) as tf.NDArray[];
    expectArray(e as tf.NDArray, 'float32', [0, 3], []);
    assert.deepEqual([...(s as tf.NDArray).shape], []);
    expectArray(ei as tf.NDArray, 'int32', [0], []);
    expectArray(es as tf.NDArray, 'float32', [0, 2], []);
  });

  test("kernel errors: TensorFlow's messages", () => {
    const { sess, out } = build(() => {
      const shape = tf.placeholder('int32', null, 'shape');
      const lo = tf.placeholder('int32', null, 'lo');
      const logits = tf.placeholder('float32', null, 'logits');
      const n = tf.placeholder('int32', null, 'n');
      return {
        shape,
        lo,
        logits,
        n,
        u: applyOp1(RandomUniform, [shape], { dtype: 'float32' }, 'u'),
        i: applyOp1(RandomUniformInt, [tf.constant([3], 'int32'), lo, tf.constant(5, 'int32')], {}, 'i'),
        m: applyOp1(Multinomial, [logits, n], {}, 'm'),
      };
    });
    const E = tf.errors.InvalidArgumentError;
    expectOpError(() => sess.run(out.u, feed([out.shape, [[1, 2]]])), E, 'u', 'shape must be a vector of {int32,int64}, got shape [1,2]');
    expectOpError(() => sess.run(out.u, feed([out.shape, [1, -2]])), E, 'u', 'Dimension -2 must be >= 0');
    expectOpError(() => sess.run(out.i, feed([out.lo, [1]])), E, 'i', 'minval must be 0-D, got shape [1]');
    expectOpError(() => sess.run(out.i, feed([out.lo, 7])), E, 'i', 'Need minval < maxval, got 7 >= 5');
    expectOpError(() => sess.run(out.m, feed([out.logits, [1, 2]], [out.n, 3])), E, 'm', 'logits should be a matrix, got shape [2]');
    expectOpError(() => sess.run(out.m, feed([out.logits, [[1, 2]]], [out.n, -1])), E, 'm', 'num_samples should be non-negative, got -1');
    expectOpError(() => sess.run(out.m, feed([out.logits, [[1, 2]]], [out.n, [1]])), E, 'm', 'num_samples should be a scalar, got shape [1]');
    expectOpError(() => sess.run(out.m, feed([out.logits, new tf.NDArray('float32', [2, 0], new Float32Array(0))], [out.n, 3])), E, 'm', 'num_classes should be positive, got 0');
  });

  test("build errors: TensorFlow's messages", () => {
    const g = (fn: () => unknown) => () => new tf.Graph().asDefault(fn);
    expectValueError(
      g(() => tf.randomUniform([2], { dtype: 'bool' })),
      "Argument `dtype` got invalid value <dtype: 'bool'>. Accepted dtypes are (tf.float16, tf.bfloat16, tf.float32, tf.float64, tf.int32, tf.int64).",
    );
    expectValueError(g(() => tf.randomUniform([2], { dtype: 'int64' })), 'Must specify maxval for integer dtype tf.int64');
    expectValueError(g(() => tf.random.categorical([[1]], 2, 'float32')), "Argument `dtype` got invalid value <dtype: 'float32'>. Accepted dtypes are (tf.int32, tf.int64).");
    expectValueError(
      g(() => tf.randomUniform([[1, 2]])),
      "Shape must be rank 1 but is rank 2 for '{{node random_uniform/RandomUniform}} = RandomUniform[T=DT_INT32, dtype=DT_FLOAT, seed=0, seed2=0](random_uniform/shape)' with input shapes: [1,2].",
    );
    expectValueError(
      g(() => tf.randomUniform([2, -2])),
      'Invalid value in tensor used for shape: -2',
    );
  });

  test('distributions (seeded): uniform, normal, truncated normal, ints, shuffle, multinomial', () => {
    const { sess, out } = build(() => [
      tf.randomUniform([20000], -2, 3, { seed: 1 }),
      tf.randomNormal([20000], 1, 2, 'float64', 2),
      tf.truncatedNormal([20000], { seed: 3 }),
      tf.randomUniform([20000], -3, 4, 'int32', 4),
      tf.randomShuffle(tf.range(0, 100, 1, 'int32'), 5),
      tf.multinomial([[0, Math.log(3)]], 20000, 6),
      tf.randomNormal([1001], { dtype: 'float16', seed: 7 }),
    ]);
    const got = sess.run(out) as tf.NDArray[];
    const [u, n, t, i, s, m] = got.map(data);
    const half = got[6] as tf.NDArray;
    const h = Array.from({ length: half.size }, (_, k) => half.get(k) as number);
    assert.ok((u as number[]).every((x) => x >= -2 && x < 3) && Math.abs(mean(u as number[]) - 0.5) < 0.05);
    assert.ok(Math.abs(mean(n as number[]) - 1) < 0.05 && Math.abs(std(n as number[]) - 2) < 0.05);
    assert.ok((t as number[]).every((x) => Math.abs(x) < 2) && Math.abs(std(t as number[]) - 0.8796) < 0.02);
    assert.deepEqual([...new Set(i as number[])].sort((a, b) => a - b), [-3, -2, -1, 0, 1, 2, 3]);
    assert.deepEqual([...(s as number[])].sort((a, b) => a - b), Array.from({ length: 100 }, (_, k) => k));
    assert.notDeepEqual(s, Array.from({ length: 100 }, (_, k) => k));
    assert.ok(Math.abs(mean((m as unknown as bigint[]).map(Number)) - 0.75) < 0.02);
    assert.ok(Math.abs(std(h) - 1) < 0.1 && Math.abs(mean(h)) < 0.1);
  });
});
