// Spec item 87: partialRunSetup + partialRun.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { expectThrows } from './helpers.js';

function graph() {
  const g = new tf.Graph();
  const t = g.asDefault(() => {
    const a = tf.placeholder('float32', [], 'a');
    const b = tf.placeholder('float32', [], 'b');
    const c = tf.placeholder('float32', [], 'c');
    const r1 = tf.add(a, b, { name: 'r1' });
    const r2 = tf.multiply(r1, c, { name: 'r2' });
    return { a, b, c, r1, r2 };
  });
  return { g, ...t };
}

describe('partial runs (item 87)', () => {
  test('feed and fetch incrementally: 3, then 153', () => {
    const { g, a, b, c, r1, r2 } = graph();
    using sess = new tf.Session({ graph: g });
    const h = sess.partialRunSetup([r1, r2], [a, b, c]);
    assert.equal(typeof h, 'string');
    const res = sess.partialRun(h, r1, { a: 1, b: 2 });
    assert.equal(res.item(), 3);
    const out = sess.partialRun(h, r2, new Map([[c, Number(res.item()) * 17]]));
    assert.equal(out.item(), 153);
  });

  test('names as keys and fetches; structures are preserved', () => {
    const { g, r1, r2 } = graph();
    using sess = new tf.Session({ graph: g });
    const h = sess.partialRunSetup(['r1:0', r2], ['a:0', 'b', 'c:0']);
    const first = sess.partialRun(h, { sum: 'r1:0' }, { 'a:0': 2, b: 3 });
    assert.equal((first.sum as tf.NDArray).item(), 5);
    const second = sess.partialRun(h, [r2], { c: 2 });
    assert.equal(second[0].item(), 10);
    void r1;
  });

  test('setup without feeds', () => {
    const g = new tf.Graph();
    const { k, k2 } = g.asDefault(() => {
      const k = tf.constant(4, { name: 'k' });
      return { k, k2: tf.multiply(k, k, { name: 'k2' }) };
    });
    using sess = new tf.Session({ graph: g });
    const h = sess.partialRunSetup([k, k2]);
    assert.equal(sess.partialRun(h, k).item(), 4);
    assert.equal(sess.partialRun(h, k2, null).item(), 16);
  });

  test('several handles can be open at once', () => {
    const { g, a, b, c, r1, r2 } = graph();
    using sess = new tf.Session({ graph: g });
    const h1 = sess.partialRunSetup([r1, r2], [a, b, c]);
    const h2 = sess.partialRunSetup([r1, r2], [a, b, c]);
    assert.notEqual(h1, h2);
    assert.equal(sess.partialRun(h1, r1, { a: 1, b: 1 }).item(), 2);
    assert.equal(sess.partialRun(h2, r1, { a: 10, b: 10 }).item(), 20);
    assert.equal(sess.partialRun(h1, r2, { c: 3 }).item(), 6);
    assert.equal(sess.partialRun(h2, r2, { c: 3 }).item(), 60);
  });

  test('intermediate values persist: a stateful step runs once per partial run', () => {
    const g = new tf.Graph();
    const { a, c, v, r1, r2 } = g.asDefault(() => {
      const a = tf.placeholder('float32', [], 'a');
      const c = tf.placeholder('float32', [], 'c');
      const v = new tf.Variable(0, { name: 'v' });
      const r1 = v.assignAdd(a);
      const r2 = tf.multiply(r1, c, { name: 'r2' });
      return { a, c, v, r1, r2 };
    });
    using sess = new tf.Session({ graph: g });
    sess.run(v.initializer);
    const h = sess.partialRunSetup([r1, r2], [a, c]);
    assert.equal(sess.partialRun(h, r1, { a: 5 }).item(), 5);
    assert.equal(sess.partialRun(h, r2, { c: 2 }).item(), 10);
    assert.equal(sess.run(v).item(), 5);
  });

  test('feeds of any shape and dtype can be declared at setup', () => {
    const g = new tf.Graph();
    const { x, s, y, sl } = g.asDefault(() => {
      const x = tf.placeholder('float32', [2, 3], 'x');
      const s = tf.placeholder('string', [], 's');
      return { x, s, y: tf.reduceSum(x), sl: tf.identity(s, { name: 'sl' }) };
    });
    using sess = new tf.Session({ graph: g });
    const h = sess.partialRunSetup([y, sl], [x, s]);
    assert.equal(sess.partialRun(h, y, new Map([[x, [[1, 2, 3], [4, 5, 6]]]])).item(), 21);
    assert.equal(sess.partialRun(h, sl, new Map([[s, 'hi']])).item(), 'hi');
  });
});

describe('partial run errors (item 87)', () => {
  test('a feed or fetch not specified at setup', () => {
    const { g, a, b, r1, r2 } = graph();
    using sess = new tf.Session({ graph: g });
    const h = sess.partialRunSetup([r1], [a, b]);
    let e = expectThrows(() => sess.partialRun(h, r1, { a: 1, b: 2, c: 3 }), tf.errors.InvalidArgumentError);
    assert.equal(e.message, 'The feed c:0 was not specified in partial_run_setup.');
    e = expectThrows(() => sess.partialRun(h, r2, { a: 1, b: 2 }), tf.errors.InvalidArgumentError);
    assert.equal(e.message, 'The fetch r2:0 was not specified in partial_run_setup.');
    assert.equal(e.code, 3);
    // The handle is still usable after the refused calls.
    assert.equal(sess.partialRun(h, r1, { a: 1, b: 2 }).item(), 3);
  });

  test('a feed fed twice or a fetch fetched twice', () => {
    const { g, a, b, c, r1, r2 } = graph();
    using sess = new tf.Session({ graph: g });
    const h = sess.partialRunSetup([r1, r2], [a, b, c]);
    sess.partialRun(h, r1, { a: 1, b: 2 });
    expectThrows(() => sess.partialRun(h, r2, { a: 1, c: 1 }), tf.errors.InvalidArgumentError, 'The feed a:0 has already been fed.');
    expectThrows(() => sess.partialRun(h, r1, { c: 1 }), tf.errors.InvalidArgumentError, 'The fetch r1:0 has already been fetched.');
    assert.equal(sess.partialRun(h, r2, { c: 1 }).item(), 3);
  });

  test("a fetch that can't be computed from the feeds fed so far", () => {
    const { g, a, b, c, r1, r2 } = graph();
    using sess = new tf.Session({ graph: g });
    const h = sess.partialRunSetup([r1, r2], [a, b, c]);
    // TF's CheckFetch names the pending feed the fetch needs (here c:0), after the word "Fetch".
    expectThrows(
      () => sess.partialRun(h, r2, { a: 1, b: 2 }),
      tf.errors.InvalidArgumentError,
      "Fetch c:0 can't be computed from the feeds that have been fed so far.",
    );
    const h2 = sess.partialRunSetup([r1, r2], [a, b, c]);
    expectThrows(
      () => sess.partialRun(h2, [r1, r2], { a: 1, b: 2 }),
      tf.errors.InvalidArgumentError,
      "Fetch c:0 can't be computed from the feeds that have been fed so far.",
    );
  });

  test('a refused call marks nothing as fed or fetched: the same call can be retried', () => {
    const { g, a, b, c, r1, r2 } = graph();
    using sess = new tf.Session({ graph: g });
    const h = sess.partialRunSetup([r1, r2], [a, b, c]);
    expectThrows(() => sess.partialRun(h, r2, { a: 1, b: 2 }), tf.errors.InvalidArgumentError);
    expectThrows(() => sess.partialRun(h, [r1, 'nope:0'], { a: 1, b: 2 }), tf.ValueError);
    assert.deepEqual(
      sess.partialRun(h, [r1, r2], { a: 1, b: 2, c: 3 }).map((x) => x.item()),
      [3, 9],
    );
  });

  test('once every fetch is fetched, the handle is gone', () => {
    const { g, a, b, r1 } = graph();
    using sess = new tf.Session({ graph: g });
    const h = sess.partialRunSetup([r1], [a, b]);
    assert.equal(sess.partialRun(h, r1, { a: 1, b: 2 }).item(), 3);
    expectThrows(() => sess.partialRun(h, r1, {}), tf.errors.InvalidArgumentError, "Must run 'setup' before performing partial runs!");
  });

  test("a bogus handle: Must run 'setup' before performing partial runs!", () => {
    const { g, r1 } = graph();
    using sess = new tf.Session({ graph: g });
    const e = expectThrows(() => sess.partialRun('nope', r1, { a: 1, b: 2 }), tf.errors.InvalidArgumentError);
    assert.equal(e.message, "Must run 'setup' before performing partial runs!");
    assert.equal(e.op, null);
    assert.equal(e.nodeDef, null);
    // A handle from another session is bogus here too.
    using other = new tf.Session({ graph: g });
    const h = other.partialRunSetup([r1], ['a', 'b']);
    expectThrows(() => sess.partialRun(`${h}_x`, r1, { a: 1, b: 2 }), tf.errors.InvalidArgumentError);
  });

  test('setup with nothing to fetch', () => {
    const { g, a } = graph();
    using sess = new tf.Session({ graph: g });
    expectThrows(() => sess.partialRunSetup([], [a]), tf.errors.InvalidArgumentError, 'Must specify at least one target to fetch or execute.');
  });

  test('an unfed placeholder that was not declared as a feed', () => {
    const g = new tf.Graph();
    const { a, r } = g.asDefault(() => {
      const a = tf.placeholder('float32', [], 'a');
      const d = tf.placeholder('float32', [], 'd');
      return { a, r: tf.add(a, d, { name: 'r' }) };
    });
    using sess = new tf.Session({ graph: g });
    const h = sess.partialRunSetup([r], [a]);
    const e = expectThrows(() => sess.partialRun(h, r, { a: 1 }), tf.errors.InvalidArgumentError);
    assert.equal(e.baseMessage, "You must feed a value for placeholder tensor 'd' with dtype float");
    assert.equal(e.op?.name, 'd');
  });

  test('ops cannot be fetched in a partial run', () => {
    const { g, a, b, r1 } = graph();
    using sess = new tf.Session({ graph: g });
    const h = sess.partialRunSetup([r1], [a, b]);
    expectThrows(() => sess.partialRun(h, r1.op, { a: 1, b: 2 }), tf.RuntimeError, 'partial_run() requires empty target_list.');
    expectThrows(() => sess.partialRun(h, 'r1', { a: 1, b: 2 }), tf.RuntimeError, 'partial_run() requires empty target_list.');
  });

  test('feeds are checked as in run', () => {
    const { g, a, b, r1 } = graph();
    using sess = new tf.Session({ graph: g });
    const h = sess.partialRunSetup([r1], [a, b]);
    expectThrows(() => sess.partialRun(h, r1, { a: [1, 2], b: 1 }), tf.ValueError, 'Cannot feed value of shape (2,) for Tensor a:0, which has shape ()');
    expectThrows(() => sess.partialRun(h, r1, { nope: 1 }), TypeError, /^Cannot interpret feed_dict key as Tensor/);
    expectThrows(() => sess.partialRunSetup([r1], ['nope:0']), TypeError, /^Cannot interpret feed_dict key as Tensor/);
  });
});
