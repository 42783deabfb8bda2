import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { broadcastShapes, broadcastStatic } from '../../src/core/broadcast.js';

describe('broadcastShapes (concrete, numpy rules)', () => {
  const ok: [number[], number[], number[]][] = [
    [[], [], []],
    [[], [2, 3], [2, 3]],
    [[2, 3], [], [2, 3]],
    [[3], [2, 3], [2, 3]],
    [[2, 1], [3], [2, 3]],
    [[2, 1], [1, 3], [2, 3]],
    [[4, 1, 5], [3, 1], [4, 3, 5]],
    [[1], [0], [0]],
    [[0], [1], [0]],
    [[2, 0], [1, 0], [2, 0]],
    [[1, 1], [1], [1, 1]],
  ];
  for (const [a, b, want] of ok) {
    test(`[${a}] with [${b}] -> [${want}]`, () => {
      assert.deepEqual(broadcastShapes(a, b), want);
      assert.deepEqual(broadcastShapes(b, a), want);
    });
  }

  const bad: [number[], number[]][] = [
    [[2, 3], [4, 3]],
    [[3], [4]],
    [[2], [0]],
    [[2, 3], [3, 2]],
  ];
  for (const [a, b] of bad) {
    test(`[${a}] with [${b}] -> null`, () => {
      assert.equal(broadcastShapes(a, b), null);
      assert.equal(broadcastShapes(b, a), null);
    });
  }
});

describe('broadcastStatic (partially known)', () => {
  test('unknown vs 1 stays unknown', () => {
    assert.deepEqual(broadcastStatic([null], [1]), [null]);
    assert.deepEqual(broadcastStatic([1], [null]), [null]);
  });

  test('unknown vs known > 1 takes the known dim', () => {
    assert.deepEqual(broadcastStatic([null, 3], [2, 1]), [2, 3]);
    assert.deepEqual(broadcastStatic([5], [null]), [5]);
  });

  test('unknown vs unknown stays unknown', () => {
    assert.deepEqual(broadcastStatic([null, null], [null, 4]), [null, 4]);
    assert.deepEqual(broadcastStatic([null], [null]), [null]);
  });

  test('unknown vs 0 gives 0 (the only valid outcome, as C++ shape inference merges)', () => {
    assert.deepEqual(broadcastStatic([null], [0]), [0]);
  });

  test('lower rank is padded with 1s on the left', () => {
    assert.deepEqual(broadcastStatic([null], [2, 3, 1]), [2, 3, null]);
    assert.deepEqual(broadcastStatic([], [null, 2]), [null, 2]);
  });

  test('known mismatch is null even with unknown dims elsewhere', () => {
    assert.equal(broadcastStatic([null, 3], [2, 4]), null);
  });
});
