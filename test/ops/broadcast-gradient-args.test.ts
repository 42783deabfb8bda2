// BroadcastGradientArgs: the reduction axes of a broadcasting binary op's gradients. Expected
// values from TensorFlow 2.21 (tf.raw_ops.BroadcastGradientArgs).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BroadcastGradientArgs } from '../../src/ops/defs/array/broadcast-gradient-args.js';
import { applyOp } from '../../src/ops/builder.js';
import * as tf from '../../src/v1.js';
import { build, expectOpError, expectValueErrorPrefix } from './helpers.js';

function bga(a: number[], b: number[], dtype: 'int32' | 'int64' = 'int32') {
  const { sess, out } = build(() => applyOp(BroadcastGradientArgs, [tf.constant(a, dtype), tf.constant(b, dtype)]));
  return sess.run([...out]).map((r) => r.toArray());
}

describe('BroadcastGradientArgs', () => {
  const cases: [number[], number[], number[], number[]][] = [
    [[1], [1], [], []],
    [[2, 3], [3], [], [0]],
    [[2, 1, 3], [4, 1], [1], [0, 2]],
    [[], [3, 2], [0, 1], []],
    [[5], [], [], [0]],
    [[1, 1], [1], [0, 1], [0, 1]],
    [[2, 1], [1, 1], [1], [0, 1]],
  ];
  for (const [a, b, r0, r1] of cases) {
    test(`[${a}] vs [${b}] → [${r0}], [${r1}]`, () => {
      assert.deepEqual(bga(a, b), [r0, r1]);
    });
  }

  test('int64 shapes give int64 axes', () => {
    assert.deepEqual(bga([2, 1], [1, 3], 'int64'), [[1n], [0n]]);
  });

  test('incompatible shapes: InvalidArgumentError with both shapes', () => {
    expectOpError(() => bga([2], [3]), tf.errors.InvalidArgumentError, 'BroadcastGradientArgs', 'Incompatible shapes: [2] vs. [3]');
  });

  test('is not differentiable and rank-1 inputs are required at build time', () => {
    assert.equal(BroadcastGradientArgs.grad, null);
    expectValueErrorPrefix(() => build(() => applyOp(BroadcastGradientArgs, [tf.constant([[1]], 'int32'), tf.constant([1], 'int32')])), 'Shape must be rank 1 but is rank 2');
  });
});
