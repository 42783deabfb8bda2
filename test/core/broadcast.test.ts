import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { broadcastIndexer, broadcastShapes, broadcastStatic } from '../../src/core/broadcast.js';

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

/** Reference: for each output multi-index, the flat input index (broadcast axes read index 0). */
function reference(inShape: number[], outShape: number[]): number[] {
  const size = outShape.reduce((a, b) => a * b, 1);
  const out: number[] = [];
  const off = outShape.length - inShape.length;
  for (let k = 0; k < size; k++) {
    let rem = k;
    const idx: number[] = new Array(outShape.length).fill(0);
    for (let ax = outShape.length - 1; ax >= 0; ax--) {
      const n = outShape[ax] as number;
      idx[ax] = rem % n;
      rem = Math.floor(rem / n);
    }
    let flat = 0;
    for (let j = 0; j < inShape.length; j++) {
      const n = inShape[j] as number;
      flat = flat * n + (n === 1 ? 0 : (idx[j + off] as number));
    }
    out.push(flat);
  }
  return out;
}

describe('broadcastIndexer', () => {
  test('row vector over a matrix', () => {
    assert.deepEqual([...broadcastIndexer([3], [2, 3])], [0, 1, 2, 0, 1, 2]);
  });

  test('column vector over a matrix', () => {
    assert.deepEqual([...broadcastIndexer([2, 1], [2, 3])], [0, 0, 0, 1, 1, 1]);
  });

  test('scalar over any shape reads element 0', () => {
    assert.deepEqual([...broadcastIndexer([], [2, 2])], [0, 0, 0, 0]);
    assert.deepEqual([...broadcastIndexer([], [])], [0]);
  });

  test('same shape is the identity', () => {
    assert.deepEqual([...broadcastIndexer([2, 3], [2, 3])], [0, 1, 2, 3, 4, 5]);
  });

  test('returns an Int32Array of the output size', () => {
    const idx = broadcastIndexer([1, 3], [4, 3]);
    assert.ok(idx instanceof Int32Array);
    assert.equal(idx.length, 12);
  });

  test('empty output gives an empty index', () => {
    assert.equal(broadcastIndexer([1], [0]).length, 0);
    assert.equal(broadcastIndexer([3], [0, 3]).length, 0);
  });

  const cases: [number[], number[]][] = [
    [[3, 1], [2, 3, 4]],
    [[1, 4], [2, 3, 4]],
    [[2, 1, 4], [2, 3, 4]],
    [[1, 1, 1], [2, 3, 4]],
    [[4], [3, 2, 4]],
    [[2, 1, 3, 1], [2, 4, 3, 5]],
  ];
  for (const [inS, outS] of cases) {
    test(`[${inS}] -> [${outS}] matches the reference`, () => {
      assert.deepEqual([...broadcastIndexer(inS, outS)], reference(inS, outS));
    });
  }
});
