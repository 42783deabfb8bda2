// Conformance: Less and LogicalAnd (tf.less, tf.logicalAnd): bool results with broadcasting,
// every real dtype for Less, TensorFlow's dtype errors, and no gradient (NotDifferentiable).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getOpDef } from '../../src/ops/registry.js';
import * as tf from '../../src/v1.js';
import { evalT, expectArray, expectTypeError } from './helpers.js';

describe('Less', () => {
  test('elementwise with broadcasting, a bool result; NaN compares false', () => {
    expectArray(evalT(() => tf.less(tf.constant([[1, 5], [3, Number.NaN]]), tf.constant([2, 4]))), 'bool', [2, 2], [[true, false], [false, false]]);
    expectArray(evalT(() => tf.less(tf.constant(1), tf.constant([0, 1, 2]))), 'bool', [3], [false, false, true]);
  });

  test('integers, unsigned, int64 and float16', () => {
    expectArray(evalT(() => tf.less(tf.constant([-1, 2], tf.int8), tf.constant([0, 2], tf.int8))), 'bool', [2], [true, false]);
    expectArray(evalT(() => tf.less(tf.constant([2n ** 64n - 1n], tf.uint64), tf.constant([1n], tf.uint64))), 'bool', [1], [false]);
    expectArray(evalT(() => tf.less(tf.constant([-3n], 'int64'), tf.constant([2n], 'int64'))), 'bool', [1], [true]);
    expectArray(evalT(() => tf.less(tf.constant([0.5], tf.float16), tf.constant([0.75], tf.float16))), 'bool', [1], [true]);
  });

  test('bool and string inputs are refused at build time; mismatched dtypes too', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      expectTypeError(() => tf.less(tf.constant([true]), tf.constant([false])), /has DataType bool not in list of allowed values/);
      expectTypeError(() => tf.less(tf.constant([1], 'int32'), tf.constant([1.5])), /Input 'y' of 'Less' Op has type float32 that does not match type int32/);
    });
  });
});

describe('LogicalAnd', () => {
  test('elementwise with broadcasting', () => {
    expectArray(evalT(() => tf.logicalAnd(tf.constant([[true, false], [true, true]]), tf.constant([true, false]))), 'bool', [2, 2], [[true, false], [true, false]]);
  });

  test('only bools', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      expectTypeError(() => tf.logicalAnd(tf.constant([1]), tf.constant([true])), /Input 'x' of 'LogicalAnd' Op has type float32 that does not match expected type of bool/);
    });
  });
});

test('Less and LogicalAnd are not differentiable', () => {
  assert.equal(getOpDef('Less')?.grad, null);
  assert.equal(getOpDef('LogicalAnd')?.grad, null);
});
