// Feeds of the wrong kind: clear TypeError/ValueError (TensorFlow's feed checks, spec items 58–59),
// the run does not happen, and the session stays usable.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '../../src/v1.js';
import { expectThrows } from './helpers.js';

function setup() {
  const g = new tf.Graph();
  return g.asDefault(() => {
    const x = tf.placeholder('float32', [3], 'x');
    const xi = tf.placeholder('int32', [2], 'xi');
    const s = tf.placeholder('string', [], 's');
    const y = tf.multiply(x, 2, 'y');
    const c = tf.constant(5, { name: 'c' });
    const v = new tf.Variable([1, 2], { name: 'v' });
    const sess = new tf.Session({ graph: g });
    sess.run(v.initializer);
    return { g, x, xi, s, y, c, v, sess };
  });
}

const FEED_TYPE = /^Type of feed value .* is not compatible with Tensor type/;

test('strings, booleans, functions and Promises fed to a float placeholder: the feed-compatibility TypeError', () => {
  const { y, sess } = setup();
  expectThrows(() => sess.run(y, { x: 'abc' }), TypeError, FEED_TYPE);
  expectThrows(() => sess.run(y, { x: ['a', 'b', 'c'] }), TypeError, FEED_TYPE);
  expectThrows(() => sess.run(y, { x: [true, false, true] }), TypeError, FEED_TYPE);
  expectThrows(() => sess.run(y, { x: () => [1, 2, 3] }), TypeError, FEED_TYPE);
  expectThrows(() => sess.run(y, { x: Promise.resolve([1, 2, 3]) }), TypeError, FEED_TYPE);
  assert.deepEqual(sess.run(y, { x: [1, 2, 3] }).toArray(), [2, 4, 6]);
});

test('numbers fed to a string placeholder and strings to an int placeholder are refused', () => {
  const { s, xi, sess } = setup();
  expectThrows(() => sess.run(s, { s: 5 }), TypeError, /Type of feed value 5 with type number is not compatible with Tensor type string/);
  expectThrows(() => sess.run(xi, { xi: ['1', '2'] }), TypeError, FEED_TYPE);
});

test('NaN is a valid float feed; NaN, 1.5 and 2**31 are refused for int32', () => {
  const { y, xi, sess } = setup();
  const r = sess.run(y, { x: [Number.NaN, 1, 2] });
  assert.ok(Number.isNaN(r.data[0]));
  expectThrows(() => sess.run(xi, { xi: [Number.NaN, 2] }), TypeError, /Expected int32, but got NaN/);
  expectThrows(() => sess.run(xi, { xi: [1.5, 2] }), TypeError, /Expected int32, but got 1\.5/);
  expectThrows(() => sess.run(xi, { xi: [2 ** 31, 2] }), TypeError, /Expected int32, but got 2147483648/);
});

test('nested arrays of the wrong depth and typed arrays of the wrong length: TensorFlow\'s shape ValueError', () => {
  const { y, sess } = setup();
  expectThrows(() => sess.run(y, { x: [[1, 2, 3]] }), tf.ValueError, 'Cannot feed value of shape (1, 3) for Tensor x:0, which has shape (3,)');
  expectThrows(() => sess.run(y, { x: 1 }), tf.ValueError, 'Cannot feed value of shape () for Tensor x:0, which has shape (3,)');
  expectThrows(() => sess.run(y, { x: new Float32Array(2) }), tf.ValueError, 'Cannot feed value of shape (2,) for Tensor x:0, which has shape (3,)');
  expectThrows(() => sess.run(y, { x: [[1], [2, 3]] }), tf.ValueError, /Argument must be a dense tensor/);
});

test('bigint and Float64Array feeds to float32: lossless values pass, lossy ones are refused', () => {
  const { y, sess } = setup();
  assert.deepEqual(sess.run(y, { x: [1n, 2n, 3n] }).toArray(), [2, 4, 6]);
  assert.deepEqual(sess.run(y, { x: new Float64Array([1, 0.5, -2]) }).toArray(), [2, 1, -4]);
  expectThrows(() => sess.run(y, { x: new Float64Array([0.1, 0.5, -2]) }), TypeError, /without changing its values: element 0 is 0\.1/);
  expectThrows(() => sess.run(y, { x: [2n ** 60n + 1n, 2n, 3n] }), TypeError, FEED_TYPE);
  expectThrows(() => sess.run(y, { x: new BigInt64Array([2n ** 60n + 1n, 0n, 0n]) }), TypeError, /without changing its values/);
});

test('a finite number too large for float32 is refused rather than silently fed as inf', () => {
  // Float64Array([1e40]) is already refused ("without changing its values"); a plain 1e40 is not.
  const { y, sess } = setup();
  expectThrows(() => sess.run(y, { x: new Float64Array([1e40, 0, 0]) }), TypeError, /without changing its values/);
  expectThrows(() => sess.run(y, { x: [1e40, 0, 0] }), TypeError, /float32/);
});

test('undefined and null feed values: the error names the tensor being fed', () => {
  const { y, sess } = setup();
  expectThrows(() => sess.run(y, { x: undefined }), Error, /x:0/);
  expectThrows(() => sess.run(y, new Map([['x:0', null]])), Error, /x:0/);
});

test('a tensor as a feed value is refused with TensorFlow\'s message', () => {
  const { y, c, sess } = setup();
  expectThrows(() => sess.run(y, { x: c }), TypeError, /^The value of a feed cannot be a tf\.Tensor object\./);
});

test('feed keys that are numbers, objects, symbols or null: "Cannot interpret feed_dict key as Tensor"', () => {
  const { y, sess } = setup();
  for (const key of [5, {}, Symbol('k'), null, Object.create(null), 'nope:0', 'x:7']) {
    expectThrows(() => sess.run(y, new Map([[key, [1, 2, 3]]])), TypeError, /^Cannot interpret feed_dict key as Tensor: /);
  }
});

test('a feed dict that is not a Map or plain object is refused, not silently ignored', () => {
  const { c, y, sess } = setup();
  // Today sess.run(c, 5) and sess.run(c, new Set([...])) return 5 as if nothing was fed, and a string
  // or an array of pairs is read through Object.entries ("The name '0' refers to an Operation...").
  expectThrows(() => sess.run(c, 5 as never), TypeError, /feed/i);
  expectThrows(() => sess.run(c, new Set([c]) as never), TypeError, /feed/i);
  expectThrows(() => sess.run(y, [['x', [1, 2, 3]]] as never), TypeError, /feed_dict|Map|object/);
  expectThrows(() => sess.run(c, 'x' as never), TypeError, /feed_dict|Map|object/);
});

test('feeding a Variable feeds its ref for this run only; the variable keeps its value', () => {
  const { v, sess } = setup();
  assert.deepEqual(sess.run(v, new Map([[v, [5, 6]]])).toArray(), [5, 6]);
  assert.deepEqual(sess.run(v.value(), new Map([[v, [7, 8]]])).toArray(), [7, 8]);
  assert.deepEqual(sess.run(v).toArray(), [1, 2]);
  expectThrows(() => sess.run(v, new Map([[v, [1, 2, 3]]])), tf.ValueError, /Cannot feed value of shape \(3,\) for Tensor v:0, which has shape \(2,\)/);
});

test('the same tensor fed under two spellings (x and "x:0"): deterministic, the last entry wins (TF dict semantics)', () => {
  const { x, y, sess } = setup();
  assert.deepEqual(sess.run(y, { x: [1, 2, 3], 'x:0': [4, 5, 6] }).toArray(), [8, 10, 12]);
  assert.deepEqual(sess.run(y, new Map<unknown, unknown>([['x:0', [4, 5, 6]], [x, [1, 2, 3]]])).toArray(), [2, 4, 6]);
});

test('a failed feed runs nothing: a fetched assign does not happen', () => {
  const { g, v, sess } = setup();
  const p = g.asDefault(() => tf.placeholder('float32', [2], 'p'));
  const inc = g.asDefault(() => v.assignAdd(p));
  expectThrows(() => sess.run(inc, { p: ['a', 'b'] }), TypeError, FEED_TYPE);
  expectThrows(() => sess.run(inc, { p: [1, 2, 3] }), tf.ValueError, /Cannot feed value of shape/);
  assert.deepEqual(sess.run(v).toArray(), [1, 2]);
});

test('an NDArray whose data does not match its dtype is refused as a feed, not fed as garbage', () => {
  const { g, sess } = setup();
  const p = g.asDefault(() => tf.placeholder('float32', null, 'p'));
  // A float32 NDArray holding Float64Array data: today the float64 values flow through unrounded.
  let r: tf.NDArray;
  try {
    const bad = new tf.NDArray('float32', [1], new Float64Array([0.1]) as never);
    r = sess.run(tf.identity(p), { p: bad });
  } catch (e) {
    // Refusing it (at construction or at the feed) is fine, with a user-facing error.
    assert.ok(e instanceof TypeError || e instanceof tf.ValueError, `unexpected ${String(e)}`);
    return;
  }
  assert.ok(r.data instanceof Float32Array, `a float32 result must hold a Float32Array, got ${r.data.constructor.name}`);
  assert.equal(r.data[0], Math.fround(0.1));
});

test('a refused big feed gives a short message (numpy summarizes), not megabytes of values', () => {
  const { g, sess } = setup();
  const p = g.asDefault(() => tf.placeholder('float32', null, 'p'));
  const big: unknown[] = new Array(1_000_000).fill(0);
  big[5] = 'a';
  // Today the message repeats all 1e6 values (3 MB); the Float64Array case is 5 MB.
  const e1 = expectThrows(() => sess.run(p, { p: big }), TypeError, FEED_TYPE);
  assert.ok(e1.message.length < 10_000, `message is ${e1.message.length} characters long`);
  const e2 = expectThrows(() => sess.run(p, { p: new Float64Array(1_000_000).fill(0.1) }), TypeError, FEED_TYPE);
  assert.ok(e2.message.length < 10_000, `message is ${e2.message.length} characters long`);
});
