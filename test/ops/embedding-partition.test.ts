// tf.nn.embeddingLookup, DynamicPartition / DynamicStitch / ParallelDynamicStitch.
// Expected values, names and messages from TensorFlow 2.21 (tf.compat.v1, graph mode).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, checkGradient, evalT, expectArray, expectClose, expectOpError, expectValueError, feed, opNames } from './helpers.js';

// P[i] = [1.5i − 2, 1.5i − 1.5, 1.5i − 1]
const P = Array.from({ length: 5 }, (_, i) => [0, 1, 2].map((j) => (3 * i + j) * 0.5 - 2));
const rows = (...ix: number[]) => ix.map((i) => P[i] as number[]);

describe('tf.nn.embeddingLookup', () => {
  test('one params tensor: 2-D ids, values and graph', () => {
    const { g, sess, out } = build(() => tf.nn.embeddingLookup(tf.constant(P, 'float32', [5, 3], 'p'), [[4, 0], [2, 2]]));
    assert.equal(out.name, 'embedding_lookup/Identity:0');
    assert.deepEqual(out.shape.dims, [2, 2, 3]);
    assert.deepEqual(opNames(g), ['p', 'embedding_lookup/ids', 'embedding_lookup/axis', 'embedding_lookup', 'embedding_lookup/Identity']);
    assert.equal(g.getOperationByName('embedding_lookup').type, 'GatherV2');
    assert.deepEqual(g.getOperationByName('embedding_lookup').colocationGroups(), ['loc:@p']);
    expectClose(sess.run(out).toArray(), [rows(4, 0), rows(2, 2)]);
  });

  test('maxNorm clips each embedding (clip_by_norm inside the scope)', () => {
    const { g, sess, out } = build(() => tf.nn.embeddingLookup(tf.constant(P), [4, 0, 1], { maxNorm: 1.0 }));
    assert.ok(opNames(g).includes('embedding_lookup/clip_by_norm'));
    expectClose(
      sess.run(out).toArray(),
      [[0.511101245880127, 0.5749889016151428, 0.6388765573501587], [-0.7427813410758972, -0.5570860505104065, -0.3713906705379486], [-0.5, 0, 0.5]],
      1e-6,
    );
  });

  test("a list of shards, 'mod' strategy: values and TensorFlow's ops", () => {
    const { g, sess, out } = build(() =>
      tf.nn.embeddingLookup([tf.placeholder('float32', [3, 3], 'p0'), tf.placeholder('float32', [2, 3], 'p1')], tf.placeholder('int32', [3, 2], 'ids')),
    );
    assert.equal(out.name, 'embedding_lookup/Reshape_1:0');
    assert.deepEqual(out.shape.dims, [3, 2, 3]);
    const types = new Map(g.getOperations().map((o) => [o.name, o.type]));
    for (const [n, t] of [
      ['embedding_lookup/Reshape', 'Reshape'],
      ['embedding_lookup/range', 'Range'],
      ['embedding_lookup/mod', 'FloorMod'],
      ['embedding_lookup/floordiv', 'FloorDiv'],
      ['embedding_lookup/DynamicPartition', 'DynamicPartition'],
      ['embedding_lookup/DynamicPartition_1', 'DynamicPartition'],
      ['embedding_lookup/GatherV2', 'GatherV2'],
      ['embedding_lookup/GatherV2_1', 'GatherV2'],
      ['embedding_lookup', 'ParallelDynamicStitch'],
      ['embedding_lookup/concat', 'ConcatV2'],
      ['embedding_lookup/Reshape_1', 'Reshape'],
    ]) {
      assert.equal(types.get(n as string), t, n);
    }
    assert.deepEqual(g.getOperationByName('embedding_lookup/GatherV2_1').colocationGroups(), ['loc:@p1']);
    const [p0, p1, ids] = ['p0', 'p1', 'ids'].map((n) => g.getTensorByName(`${n}:0`));
    const r = sess.run(out, feed([p0 as tf.Tensor, rows(0, 2, 4)], [p1 as tf.Tensor, rows(1, 3)], [ids as tf.Tensor, [[4, 0], [3, 1], [2, 2]]]));
    expectClose(r.toArray(), [rows(4, 0), rows(3, 1), rows(2, 2)]);
  });

  test("'div' strategy: static and unknown shard sizes; maxNorm with shards", () => {
    const { sess, out } = build(() => [
      tf.nn.embeddingLookup([P.slice(0, 3), P.slice(3)], [[4, 0], [3, 1], [2, 2]], 'div'),
      tf.nn.embeddingLookup([P.slice(0, 2), P.slice(2, 4), P.slice(4)], [4, 0, 3, 1, 2], { partitionStrategy: 'div' }),
      tf.nn.embeddingLookup(
        [tf.placeholderWithDefault(P.slice(0, 2), [null, 3]), tf.placeholderWithDefault(P.slice(2, 4), [null, 3]), tf.placeholderWithDefault(P.slice(4), [null, null])],
        [4, 0, 3, 1, 2],
        'div',
      ),
      tf.nn.embeddingLookup([rows(0, 2, 4), rows(1, 3)], [4, 0, 3], { maxNorm: 2.0 }),
    ]);
    const r = sess.run(out).map((x) => x.toArray());
    expectClose(r[0], [rows(4, 0), rows(3, 1), rows(2, 2)]);
    expectClose(r[1], rows(4, 0, 3, 1, 2));
    expectClose(r[2], rows(4, 0, 3, 1, 2));
    expectClose(
      r[3],
      [[1.022202491760254, 1.1499778032302856, 1.2777531147003174], [-1.4855626821517944, -1.114172101020813, -0.7427813410758972], [0.9534626007080078, 1.1441551446914673, 1.3348475694656372]],
      1e-6,
    );
  });

  test('gradients reach each shard (GatherV2 and ParallelDynamicStitch grads)', () => {
    const { sess, out } = build(() => {
      const p = tf.constant(P);
      const e = tf.nn.embeddingLookup([tf.slice(p, [0, 0], [3, 3]), tf.slice(p, [3, 0], [2, 3])], [4, 0, 4], 'div');
      return tf.gradients(tf.reduceSum(tf.square(e)), p)[0] as tf.Tensor;
    });
    expectClose(sess.run(out).toArray(), [[-4, -3, -2], [0, 0, 0], [0, 0, 0], [0, 0, 0], [16, 18, 20]]);
    checkGradient((xs) => tf.nn.embeddingLookup([xs[0] as tf.Tensor, xs[1] as tf.Tensor], [1, 0, 2, 1]), [[1, 2, 3, 4, 5, 6], [7, 8, 9, 10]], [[3, 2], [2, 2]]);
  });

  test('errors', () => {
    build(() => {
      expectValueError(() => tf.nn.embeddingLookup(null as never, [0]), 'params must be specified');
      expectValueError(() => tf.nn.embeddingLookup([], [0]), 'Length of params is currently 0. Need at least one param.');
      expectValueError(() => tf.nn.embeddingLookup([P, P], [0], 'foo' as never), 'Unrecognized partition strategy: foo.Must be one of either `mod` or `div`.');
    });
    expectOpError(() => evalT(() => tf.nn.embeddingLookup(tf.constant(P), [5])), tf.errors.InvalidArgumentError, 'embedding_lookup', 'indices[0] = 5 is not in [0, 5)');
  });
});

describe('DynamicPartition / DynamicStitch', () => {
  test('values, shapes, dtypes', () => {
    const { sess, out } = build(() => [
      tf.dynamicPartition(tf.constant([1, 2, 3, 4], 'int32'), [0, 1, 0, 2], 3),
      tf.dynamicPartition(tf.constant([[1, 2], [3, 4]], 'int32'), [0, 1], 2),
      tf.dynamicPartition(tf.constant([1n, 2n], 'int64'), [1, 1], 2),
    ]);
    assert.deepEqual(out[0].map((t) => t.shape.toString()), ['(?,)', '(?,)', '(?,)']);
    assert.deepEqual(out[1].map((t) => t.shape.toString()), ['(?, 2)', '(?, 2)']);
    const [a, b, c] = out.map((ts) => sess.run(ts));
    assert.deepEqual(a?.map((x) => x.toArray()), [[1, 3], [2], [4]]);
    assert.deepEqual(b?.map((x) => x.toArray()), [[[1, 2]], [[3, 4]]]);
    expectArray(c?.[0] as tf.NDArray, 'int64', [0], []);
    expectArray(c?.[1] as tf.NDArray, 'int64', [2], [1n, 2n]);
  });

  test('stitch: gaps are zeros, the last write wins, constant indices give the static shape', () => {
    const { sess, out } = build(() => [
      tf.dynamicStitch([[0, 2], [1, 3]], [[1, 2], [3, 4]]),
      tf.dynamicStitch([[0, 2], [1, 5]], [[[1, 2], [5, 6]], [[3, 4], [7, 8]]]),
      tf.dynamicStitch([[0, 2], [0]], [[1, 2], [3]]),
    ]);
    assert.deepEqual(out.map((t) => t.shape.toString()), ['(4,)', '(6, 2)', '(3,)']);
    const r = sess.run(out).map((x) => x.toArray());
    assert.deepEqual(r, [[1, 3, 2, 4], [[1, 2], [3, 4], [5, 6], [0, 0], [0, 0], [7, 8]], [3, 0, 2]]);
  });

  test('errors: build time and run time', () => {
    build(() => {
      expectValueError(
        () => tf.dynamicPartition(tf.constant([1, 2, 3, 4], 'int32'), [0, 1, 0], 3),
        "Dimensions must be equal, but are 4 and 3 for '{{node DynamicPartition}} = DynamicPartition[T=DT_INT32, num_partitions=3](Const, DynamicPartition/partitions)' with input shapes: [4], [3].",
      );
    });
    const dyn = (v: number[]) => tf.placeholderWithDefault(tf.constant(v, 'int32'), [null]);
    expectOpError(() => evalT(() => tf.dynamicPartition([1, 2, 3, 4], dyn([0, 1, 0, 3]), 3)[0] as tf.Tensor), tf.errors.InvalidArgumentError, 'DynamicPartition', 'partitions[3] = 3 is not in [0, 3)');
    expectOpError(
      () => evalT(() => tf.dynamicPartition([1, 2, 3, 4], dyn([0, 1, 0]), 3)[0] as tf.Tensor),
      tf.errors.InvalidArgumentError,
      'DynamicPartition',
      'data.shape must start with partitions.shape, got data.shape = [4], partitions.shape = [3]',
    );
    expectOpError(() => evalT(() => tf.dynamicStitch([dyn([0, -2]), [1]], [[1, 2], [3]])), tf.errors.InvalidArgumentError, 'DynamicStitch', 'indices[1] is out of range');
    expectOpError(
      () => evalT(() => tf.dynamicStitch([dyn([0, 2]), [1]], [[1, 2, 3], [3]])),
      tf.errors.InvalidArgumentError,
      'DynamicStitch',
      'data[0].shape = [3] does not start with indices[0].shape = [2]',
    );
  });

  test('gradients', () => {
    checkGradient((xs) => tf.reshape(tf.dynamicPartition(xs[0] as tf.Tensor, [1, 0, 1, 1], 2)[1] as tf.Tensor, [3, 2]), [[1, 2, 3, 4, 5, 6, 7, 8]], [[4, 2]]);
    checkGradient((xs) => tf.dynamicStitch([[0, 2], [3, 1]], [xs[0] as tf.Tensor, xs[1] as tf.Tensor]), [[1, 2], [3, 4]], [[2], [2]]);
  });
});
