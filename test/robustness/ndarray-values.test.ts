// NDArray values at the edges: NaN, -0, infinities, int64 extremes, empty shapes, strings with
// quotes, NUL bytes and non-ASCII. Printing follows numpy's str(); toArray()/item() give JS values.
// A public NDArray constructor must refuse inconsistent arguments instead of building garbage.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '../../src/v1.js';
import { describe, expectThrows } from './helpers.js';

const run = <T>(fn: () => T): T => {
  const g = new tf.Graph();
  return g.asDefault(fn);
};
const value = (v: unknown, dtype?: tf.DTypeLike) => run(() => new tf.Session().run(tf.constant(v as never, dtype)));

test('NaN, -0 and infinities print as numpy prints them and round-trip through toArray()', () => {
  const a = value([Number.NaN, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
  assert.equal(String(a), '[ nan  -0.  inf -inf]');
  const back = a.toArray() as number[];
  assert.ok(Number.isNaN(back[0]));
  assert.ok(Object.is(back[1], -0));
  assert.deepEqual(back.slice(2), [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
  assert.equal(String(value([-0, 0])), '[-0.  0.]');
  assert.equal(String(value([[Number.NaN, 1], [2, Number.NEGATIVE_INFINITY]])), '[[ nan   1.]\n [  2. -inf]]');
  assert.ok(Object.is(value(-0).item(), -0));
  assert.equal(String(value(Number.NaN)), 'nan');
});

test('int64 extremes print exactly and come back as bigints', () => {
  const a = value([-(2n ** 63n), 2n ** 63n - 1n]);
  assert.equal(a.dtype, 'int64');
  assert.equal(String(a), '[-9223372036854775808  9223372036854775807]');
  assert.deepEqual(a.toArray(), [-(2n ** 63n), 2n ** 63n - 1n]);
  assert.equal(value(-(2n ** 63n)).item(), -(2n ** 63n));
});

test('empty shapes: print [], toArray keeps the structure, item() is numpy\'s ValueError', () => {
  const e = value([]);
  assert.equal(String(e), '[]');
  assert.deepEqual(e.toArray(), []);
  expectThrows(() => e.item(), tf.ValueError, 'can only convert an array of size 1 to a scalar, got shape (0,)');
  const z = run(() => new tf.Session().run(tf.zeros([3, 0])));
  assert.deepEqual(z.shape, [3, 0]);
  assert.deepEqual(z.toArray(), [[], [], []]);
  assert.equal(String(z), '[]');
  assert.equal(String(value([], 'string')), '[]');
});

test('strings with quotes, NUL bytes and non-ASCII print as numpy bytes and decode back exactly', () => {
  const q = value(["it's", 'say "hi"', `both ' "`]);
  assert.equal(String(q), `[b"it's" b'say "hi"' b'both \\' "']`);
  assert.deepEqual(q.toArray(), ["it's", 'say "hi"', `both ' "`]);
  const u = value(['a\0b', '😀', 'é']);
  assert.equal(String(u), `[b'a\\x00b' b'\\xf0\\x9f\\x98\\x80' b'\\xc3\\xa9']`);
  assert.deepEqual(u.toArray(), ['a\0b', '😀', 'é']);
  assert.equal(value('x\0').item(), 'x\0');
});

test('printing a numeric array with many displayed elements does not overflow the stack', () => {
  // 6^7 = 279936 float32 (1.1 MB): numpy shows all (no axis is longer than 2 * edgeitems).
  // Today: RangeError "Maximum call stack size exceeded" from Math.max(...values) in the formatter.
  for (const [dtype, shape] of [
    ['float32', [6, 6, 6, 6, 6, 6, 6]],
    ['int32', new Array(17).fill(2)],
  ] as const) {
    const a = new tf.NDArray(dtype, shape);
    let text = '';
    try {
      text = String(a);
    } catch (e) {
      assert.fail(`printing a ${dtype} array of shape [${shape.join(',')}] threw ${describe(e)}`);
    }
    assert.ok(text.startsWith('[[[['));
  }
});

test('formatNDArray with threshold Infinity on a 300000-element vector does not overflow the stack', () => {
  const a = new tf.NDArray('float32', [300_000]);
  try {
    assert.ok(tf.formatNDArray(a, { threshold: Number.POSITIVE_INFINITY }).length > 300_000);
  } catch (e) {
    assert.fail(`threw ${describe(e)}`);
  }
});

test('NDArray constructor: an unknown dtype is a TypeError naming it, not "Cannot read properties of undefined"', () => {
  expectThrows(() => new tf.NDArray('bfloat16' as never, [2]), TypeError, /bfloat16/);
});

test('NDArray constructor: negative or fractional dims are a ValueError, not a RangeError or a silent success', () => {
  expectThrows(() => new tf.NDArray('float32', [-1]), tf.ValueError, /-1/);
  // [-1, -1] multiplies to 1, so today one element is accepted as an array of shape [-1, -1].
  expectThrows(() => new tf.NDArray('float32', [-1, -1], new Float32Array(1)), tf.ValueError, /-1/);
  expectThrows(() => new tf.NDArray('float32', [1.5]), tf.ValueError, /1\.5/);
});

test('NDArray constructor: data whose type does not match the dtype is refused', () => {
  // Today all of these are accepted, and a float32 NDArray then holds unrounded float64 values.
  expectThrows(() => new tf.NDArray('float32', [2], new Float64Array(2) as never), TypeError, /float32|Float64Array/);
  expectThrows(() => new tf.NDArray('int64', [2], new Float64Array(2) as never), TypeError, /int64|Float64Array/);
  expectThrows(() => new tf.NDArray('string', [1], ['abc'] as never), TypeError, /string|Uint8Array/);
});

test('NDArray.get out of range is refused with the index and size', () => {
  const a = value([1, 2]);
  assert.throws(() => a.get(5), /index 5 is out of bounds for size 2/);
  assert.throws(() => a.get(-1), /index -1 is out of bounds for size 2/);
});

test('a scalar string with a lone UTF-16 surrogate is refused rather than silently replaced by U+FFFD', () => {
  // Python refuses to encode '\ud800' as UTF-8; TextEncoder silently writes EF BF BD instead.
  const g = new tf.Graph();
  g.asDefault(() => {
    let out: unknown;
    try {
      out = new tf.Session().run(tf.constant('\ud800')).item();
    } catch (e) {
      assert.ok(e instanceof TypeError || e instanceof tf.ValueError, describe(e));
      return;
    }
    assert.equal(out, '\ud800', 'the string came back changed');
  });
});
