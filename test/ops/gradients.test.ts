// Gradient functions on the OpDefs (DESIGN §1): a finite-difference check for every op that has
// one, `null` for TensorFlow's NotDifferentiable ops.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getOpDef, registeredOpTypes } from '../../src/ops/registry.js';
import * as tf from '../../src/v1.js';
import { checkGradient } from './helpers.js';

const A = [0.5, -1.25, 2, 3.5, -0.75, 1.5];
const B = [1.5, 0.25, -2, 0.5, 1.75, -1];

describe('gradient checks (finite differences, float64)', () => {
  for (const [name, f] of [
    ['add', tf.add],
    ['subtract', tf.subtract],
    ['multiply', tf.multiply],
    ['realdiv', tf.realdiv],
  ] as const) {
    test(`${name}: same shapes`, () => checkGradient(([x, y]) => f(x as tf.Tensor, y as tf.Tensor), [A, B], [[2, 3], [2, 3]]));
    test(`${name}: broadcasting [2,3] with [3] and [2,1]`, () => {
      checkGradient(([x, y]) => f(x as tf.Tensor, y as tf.Tensor), [A, B.slice(0, 3)], [[2, 3], [3]]);
      checkGradient(([x, y]) => f(x as tf.Tensor, y as tf.Tensor), [B.slice(0, 2), A], [[2, 1], [2, 3]]);
    });
    test(`${name}: scalar with matrix`, () => checkGradient(([x, y]) => f(x as tf.Tensor, y as tf.Tensor), [[1.5], A], [[], [2, 3]]));
  }
  test('negative and square', () => {
    checkGradient(([x]) => tf.negative(x as tf.Tensor), [A], [[2, 3]]);
    checkGradient(([x]) => tf.square(x as tf.Tensor), [A], [[6]]);
  });
  for (const [ta, tb] of [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ]) {
    test(`matmul transposeA=${ta} transposeB=${tb}`, () => {
      const a = ta ? [3, 2] : [2, 3];
      const b = tb ? [4, 3] : [3, 4];
      const bv = Array.from({ length: 12 }, (_, i) => Math.sin(i + 1));
      checkGradient(([x, y]) => tf.matmul(x as tf.Tensor, y as tf.Tensor, ta, tb), [A, bv], [a, b]);
    });
  }
  test('identity, reshape, squeeze and cast pass the gradient through', () => {
    checkGradient(([x]) => tf.identity(x as tf.Tensor), [A], [[2, 3]]);
    checkGradient(([x]) => tf.reshape(x as tf.Tensor, [3, 2]), [A], [[2, 3]]);
    checkGradient(([x]) => tf.squeeze(x as tf.Tensor), [A], [[1, 6, 1]]);
  });
  test('fill: the gradient of the value is the sum of the upstream gradient', () => {
    checkGradient(([x]) => tf.fill([2, 3], x as tf.Tensor), [[1.5]], [[]]);
  });
});

describe('gradient declarations', () => {
  // TensorFlow registers no gradient for SoftsignGrad; FusedBatchNormGradV3's (_FusedBatchNormGradGrad) is not built yet.
  const PENDING = new Set(['SoftsignGrad', 'FusedBatchNormGradV3']);
  test('every op declares its gradient, or null when TensorFlow marks it NotDifferentiable', () => {
    for (const type of registeredOpTypes()) {
      const def = getOpDef(type);
      if (PENDING.has(type)) {
        assert.equal(def?.grad, undefined, `${type}: pending gradient is still undeclared`);
        continue;
      }
      assert.ok(def?.grad === null || typeof def?.grad === 'function', `${type} declares grad`);
    }
  });
  test('not differentiable: shape, comparison-like and state ops', () => {
    for (const type of ['Shape', 'Rank', 'Range', 'ZerosLike', 'OnesLike', 'Where', 'LogicalNot', 'Const', 'VariableV2', 'Assign', 'AssignAdd']) {
      assert.equal(getOpDef(type)?.grad, null, type);
    }
  });
  test('a float cast passes the gradient back cast to the source dtype', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const y = tf.cast(tf.placeholder('float64', [2]), 'float32');
      const [dx] = (y.op.def.grad as NonNullable<typeof y.op.def.grad>)(y.op, [tf.placeholder('float32', [2])]);
      assert.equal(dx?.dtype, 'float64');
      assert.equal(dx?.op.type, 'Cast');
    });
  });
  test('an integer cast has no gradient (null, never zeros)', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.placeholder('float32', [2]);
      const y = tf.cast(x, 'int32');
      const grads = (y.op.def.grad as NonNullable<typeof y.op.def.grad>)(y.op, [tf.placeholder('int32', [2])]);
      assert.deepEqual(grads, [null]);
    });
  });
});
