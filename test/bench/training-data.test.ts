// The training benchmark's data helpers: one reproducible order per epoch and exact batch gathering.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { batchBounds, epochOrder, gatherLabels, gatherRows, median, stepBounds } from '../../bench/training-data.js';

describe('bench/training-data', () => {
  test('epochOrder is a permutation, repeatable for a seed and epoch, different across epochs and seeds', () => {
    const a = epochOrder(1000, 1, 0);
    assert.deepEqual([...a].sort((x, y) => x - y), Array.from({ length: 1000 }, (_, i) => i));
    assert.deepEqual(epochOrder(1000, 1, 0), a);
    assert.notDeepEqual(epochOrder(1000, 1, 1), a);
    assert.notDeepEqual(epochOrder(1000, 2, 0), a);
    // Not the identity: the order really is shuffled.
    assert.ok(a.some((v, i) => v !== i));
    assert.deepEqual([...epochOrder(0, 1, 0)], []);
    assert.deepEqual([...epochOrder(1, 1, 0)], [0]);
    assert.throws(() => epochOrder(-1, 1, 0), RangeError);
  });

  test('batchBounds: full batches then a short last one', () => {
    assert.deepEqual(batchBounds(10, 4), [[0, 4], [4, 8], [8, 10]]);
    assert.deepEqual(batchBounds(8, 4), [[0, 4], [4, 8]]);
    assert.deepEqual(batchBounds(0, 4), []);
    assert.throws(() => batchBounds(8, 0), RangeError);
  });

  test('gatherRows and gatherLabels take the ordered rows of a batch', () => {
    // 4 rows of 3 pixels: row r is [10r, 10r+1, 10r+2].
    const x = Uint8Array.from({ length: 12 }, (_, i) => 10 * Math.floor(i / 3) + (i % 3));
    const y = Uint8Array.of(7, 8, 9, 250);
    const order = [3, 1, 0, 2];
    assert.deepEqual([...gatherRows(x, 3, order, 1, 3)], [10, 11, 12, 0, 1, 2]);
    assert.ok(gatherRows(x, 3, order, 0, 1) instanceof Float32Array);
    assert.deepEqual([...gatherRows(x, 3, order, 0, 1)], [30, 31, 32]);
    assert.deepEqual([...gatherLabels(y, order, 0, 4)], [250, 8, 7, 9]);
    assert.ok(gatherLabels(y, order, 0, 1) instanceof Int32Array);
    assert.throws(() => gatherRows(x, 3, [4], 0, 1), RangeError);
    assert.throws(() => gatherLabels(y, [4], 0, 1), RangeError);
  });

  test('stepBounds: the batches of epoch 0, then of epoch 1, …, cut at `steps`', () => {
    assert.deepEqual(stepBounds(10, 4, 5), [[0, 0, 4], [0, 4, 8], [0, 8, 10], [1, 0, 4], [1, 4, 8]]);
    assert.deepEqual(stepBounds(10, 4, 2), [[0, 0, 4], [0, 4, 8]]);
    assert.deepEqual(stepBounds(10, 4, 0), []);
    assert.deepEqual(stepBounds(0, 4, 0), []);
    assert.throws(() => stepBounds(0, 4, 1), RangeError);
    assert.throws(() => stepBounds(10, 4, -1), RangeError);
    assert.throws(() => stepBounds(10, 4, 1.5), RangeError);
  });

  test('median', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.throws(() => median([]), RangeError);
  });
});
