// tf.data.Dataset (host side) and tf.keras.utils.Progbar.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { capture } from '../ops/helpers.js';

const arange = (n: number, shape: number[] = [n], dtype: tf.DType = 'float32') => new tf.NDArray(dtype, shape, Float32Array.from({ length: n }, (_, i) => i) as never);

describe('Dataset', () => {
  test('fromTensorSlices of a pair, batched with a short last batch or dropped', () => {
    const x = arange(10, [5, 2]);
    const y = new tf.NDArray('int32', [5], Int32Array.of(0, 1, 2, 3, 4));
    const batches = [...tf.data.Dataset.fromTensorSlices([x, y]).batch(2)];
    assert.equal(batches.length, 3);
    const [xb, yb] = batches[0] as [tf.NDArray, tf.NDArray];
    assert.deepEqual(xb.toArray(), [[0, 1], [2, 3]]);
    assert.equal(yb.dtype, 'int32');
    assert.deepEqual((batches[2] as tf.NDArray[])[1]?.toArray(), [4]);
    assert.equal(tf.data.Dataset.fromTensorSlices([x, y]).batch(2, true).size, 2);
    assert.equal([...tf.data.Dataset.fromTensorSlices([x, y]).batch(2, true)].length, 2);
  });

  test('shuffle: a permutation, the same for the same seed, reshuffled each epoch', () => {
    const ds = tf.data.Dataset.fromTensorSlices(arange(50)).shuffle(50, 3);
    const epoch = () => [...ds].map((a) => a.item() as number);
    const e1 = epoch();
    const e2 = epoch();
    assert.deepEqual([...e1].sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i));
    assert.notDeepEqual(e1, Array.from({ length: 50 }, (_, i) => i));
    assert.notDeepEqual(e1, e2);
    const again = tf.data.Dataset.fromTensorSlices(arange(50)).shuffle(50, 3);
    assert.deepEqual([...again].map((a) => a.item()), e1);
    const fixed = tf.data.Dataset.fromTensorSlices(arange(20)).shuffle(20, 1, false);
    assert.deepEqual([...fixed].map((a) => a.item()), [...fixed].map((a) => a.item()));
    const small = [...tf.data.Dataset.fromTensorSlices(arange(30)).shuffle(4, 9)].map((a) => a.item() as number);
    assert.deepEqual([...small].sort((a, b) => a - b), Array.from({ length: 30 }, (_, i) => i));
  });

  test('repeat, take, skip, map; objects of arrays', () => {
    const ds = tf.data.Dataset.fromTensorSlices({ a: arange(3) });
    assert.deepEqual([...ds.repeat(2)].map((e) => e.a.item()), [0, 1, 2, 0, 1, 2]);
    assert.deepEqual([...ds.repeat().take(4)].map((e) => e.a.item()), [0, 1, 2, 0]);
    assert.equal(ds.repeat().size, -1);
    assert.deepEqual([...ds.skip(1).map((e) => (e.a.item() as number) * 10)], [10, 20]);
  });

  test('errors: different first dimensions, scalars, bad batch sizes', () => {
    assert.throws(() => tf.data.Dataset.fromTensorSlices([arange(3), arange(4)]), /dimension 0 differs: 3 and 4/);
    assert.throws(() => tf.data.Dataset.fromTensorSlices(arange(1, [])), /a scalar cannot be sliced/);
    assert.throws(() => tf.data.Dataset.fromTensorSlices(arange(3)).batch(0), /batchSize must be a positive integer/);
    assert.throws(() => tf.data.Dataset.fromTensorSlices(arange(3)).shuffle(0), /bufferSize must be ≥ 1/);
  });
});

describe('Progbar', () => {
  test('not on a terminal: only the finished line, with averaged metrics', () => {
    const out = capture('stderr', () => {
      const bar = new tf.keras.utils.Progbar(4);
      bar.update(1, [['loss', 1]]);
      bar.update(2, { loss: 3 });
      bar.add(2, [['loss', 2]]);
      bar.update(4, [['loss', 100]]);
    });
    assert.match(out, /^4\/4 \[==============================\] - \d+s \d+(us|ms)\/step - loss: 2\.0000\n$/);
  });

  test('verbose 0 writes nothing; stateful metrics are shown as given', () => {
    assert.equal(capture('stderr', () => new tf.keras.utils.Progbar(2, { verbose: 0 }).update(2, [['a', 1]])), '');
    const out = capture('stdout', () => {
      const bar = new tf.keras.utils.Progbar(2, { statefulMetrics: ['acc'], stream: 'stdout', unitName: 'batch' });
      bar.update(1, [['acc', 0.5]]);
      bar.update(2, [['acc', 0.75]]);
    });
    assert.match(out, /^2\/2 \[=+\] - \d+s \d+(us|ms)\/batch - acc: 0\.7500\n$/);
  });
});
