// Spec section E, feeds: items 58 (checks and their order), 59 (any tensor, every key form),
// 61 (unfed placeholders) and 66 (fed fetches are not computed).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { expectThrows } from './helpers.js';

function graphWithPlaceholder() {
  const g = new tf.Graph();
  const t = g.asDefault(() => {
    const x = tf.placeholder('float32', [2], 'x');
    const n = tf.placeholder('int32', [], 'n');
    const s = tf.placeholder('string', [], 's');
    const c = tf.constant([1, 2, 3, 4], { name: 'Const' });
    const y = tf.multiply(x, 2, { name: 'y' });
    const nop = tf.noOp({ name: 'nop' });
    return { x, n, s, c, y, nop };
  });
  return { g, ...t };
}

describe('feed checks (item 58)', () => {
  test('(a) the key must be a tensor of this graph', () => {
    const { g, y, nop } = graphWithPlaceholder();
    const other = new tf.Graph();
    const foreign = other.asDefault(() => tf.placeholder('float32', [2], 'x'));
    using sess = new tf.Session({ graph: g });
    expectThrows(
      () => sess.run(y, { nop: 1 }),
      TypeError,
      `Cannot interpret feed_dict key as Tensor: The name 'nop' refers to an Operation, not a Tensor. Tensor names must be of the form "<op_name>:<output_index>".`,
    );
    expectThrows(
      () => sess.run(y, new Map([[foreign, [1, 2]]])),
      TypeError,
      'Cannot interpret feed_dict key as Tensor: Tensor Tensor("x:0", shape=(2,), dtype=float32) is not an element of this graph.',
    );
    expectThrows(
      () => sess.run(y, new Map<unknown, unknown>([[nop, 1]])),
      TypeError,
      'Cannot interpret feed_dict key as Tensor: Can not convert a Operation into a Tensor.',
    );
    expectThrows(() => sess.run(y, new Map([[37, 1]])), TypeError, 'Cannot interpret feed_dict key as Tensor: Can not convert a number into a Tensor.');
    expectThrows(
      () => sess.run(y, { 'nope:0': 1 }),
      TypeError,
      "Cannot interpret feed_dict key as Tensor: The name 'nope:0' refers to a Tensor which does not exist. The operation, 'nope', does not exist in the graph.",
    );
    const e = expectThrows(() => sess.run(y, { nope: 1 }), TypeError);
    assert.ok(e.message.startsWith("Cannot interpret feed_dict key as Tensor: The name 'nope' "), e.message);
    assert.deepEqual(sess.run(y, { x: [1, 2] }).toArray(), [2, 4]);
  });

  test('(b) a tensor value is refused', () => {
    const { g, x, y, c } = graphWithPlaceholder();
    using sess = new tf.Session({ graph: g });
    const e = expectThrows(() => sess.run(y, new Map([[x, c]])), TypeError);
    assert.ok(e.message.startsWith('The value of a feed cannot be a tf.Tensor object. Acceptable feed values include '), e.message);
    assert.ok(
      e.message.endsWith(
        'For reference, the tensor object was Tensor("Const:0", shape=(4,), dtype=float32) which was passed to the feed with key Tensor("x:0", shape=(2,), dtype=float32).',
      ),
      e.message,
    );
    // Variables and operations are refused as values too.
    const v = g.asDefault(() => new tf.Variable([1, 2], { name: 'v' }));
    expectThrows(() => sess.run(y, new Map<unknown, unknown>([[x, v]])), TypeError, /^The value of a feed cannot be a tf\.Tensor object\./);
  });

  test('(c) a value that does not fit the dtype', () => {
    const { g, n, s } = graphWithPlaceholder();
    const doubled = g.asDefault(() => tf.multiply(n, 2));
    const sId = g.asDefault(() => tf.identity(s));
    using sess = new tf.Session({ graph: g });
    let e = expectThrows(() => sess.run(doubled, new Map([[n, 2 ** 40]])), TypeError);
    assert.ok(e.message.startsWith('Type of feed value 1099511627776 with type number is not compatible with Tensor type int32.'), e.message);
    assert.ok(e.message.includes('Try explicitly setting the type of the feed tensor to a larger type (e.g. int64)'), e.message);
    // Stricter than TF, which truncates 1.5 to 1: the port refuses a lossy conversion.
    e = expectThrows(() => sess.run(doubled, new Map([[n, 1.5]])), TypeError);
    assert.ok(e.message.startsWith('Type of feed value 1.5 with type number is not compatible with Tensor type int32.'), e.message);
    // A number fed to a string placeholder.
    e = expectThrows(() => sess.run(sId, new Map([[s, 5]])), TypeError);
    assert.ok(e.message.startsWith('Type of feed value 5 with type number is not compatible with Tensor type string.'), e.message);
    assert.equal(sess.run(doubled, new Map([[n, 21]])).item(), 42);
    assert.equal(sess.run(sId, new Map([[s, 'héllo']])).item(), 'héllo');
  });

  test('(d) a static shape mismatch, with any fed tensor', () => {
    const { g, x, y, c } = graphWithPlaceholder();
    const cPlus = g.asDefault(() => tf.add(c, 1));
    using sess = new tf.Session({ graph: g });
    expectThrows(() => sess.run(cPlus, new Map([[c, [1, 2, 3]]])), tf.ValueError, 'Cannot feed value of shape (3,) for Tensor Const:0, which has shape (4,)');
    expectThrows(() => sess.run(y, new Map([[x, [[1, 2]]]])), tf.ValueError, 'Cannot feed value of shape (1, 2) for Tensor x:0, which has shape (2,)');
    expectThrows(() => sess.run(y, new Map([[x, 3]])), tf.ValueError, 'Cannot feed value of shape () for Tensor x:0, which has shape (2,)');
  });

  test('(e) an unfeedable tensor', () => {
    const { g, y, c } = graphWithPlaceholder();
    g.preventFeeding(c);
    const cPlus = g.asDefault(() => tf.add(c, 1));
    using sess = new tf.Session({ graph: g });
    expectThrows(() => sess.run(cPlus, new Map([[c, [1, 2, 3, 4]]])), tf.ValueError, 'Tensor Const:0 may not be fed.');
    // The shape check (d) comes before the feedable check (e).
    expectThrows(() => sess.run(cPlus, new Map([[c, [1, 2]]])), tf.ValueError, /^Cannot feed value of shape \(2,\)/);
    void y;
  });

  test('checks run in TF order: key, tensor value, dtype, shape', () => {
    const { g, x, y, c } = graphWithPlaceholder();
    using sess = new tf.Session({ graph: g });
    // A bad key wins over a tensor value.
    expectThrows(() => sess.run(y, new Map<unknown, unknown>([['nope:0', c]])), TypeError, /^Cannot interpret feed_dict key as Tensor/);
    // A bad dtype wins over a bad shape.
    expectThrows(() => sess.run(y, new Map<unknown, unknown>([[x, ['a', 'b', 'c']]])), TypeError, /^Type of feed value/);
    // Feed errors happen before anything runs (the unfed-placeholder error would come later).
    expectThrows(() => sess.run(y, new Map([[x, [1, 2, 3]]])), tf.ValueError);
  });
});

describe('any tensor can be fed, under every key form (item 59)', () => {
  test('Tensor keys, "name:0" strings, { opName } objects and Maps', () => {
    const { g, x, y } = graphWithPlaceholder();
    using sess = new tf.Session({ graph: g });
    const expected = [2, 4];
    assert.deepEqual(sess.run(y, new Map([[x, [1, 2]]])).toArray(), expected);
    assert.deepEqual(sess.run(y, new Map([['x:0', [1, 2]]])).toArray(), expected);
    assert.deepEqual(sess.run(y, new Map([['x', [1, 2]]])).toArray(), expected);
    assert.deepEqual(sess.run(y, { 'x:0': [1, 2] }).toArray(), expected);
    assert.deepEqual(sess.run(y, { x: [1, 2] }).toArray(), expected);
    assert.deepEqual(sess.run(y, { x: Float32Array.of(1, 2) }).toArray(), expected);
    assert.deepEqual(sess.run(y, { x: new tf.NDArray('float32', [2], Float32Array.of(1, 2)) }).toArray(), expected);
    assert.deepEqual(sess.run(y, new Map([[x, [3, 4]]]), null, null).toArray(), [6, 8]);
  });

  test('feeding a constant or an intermediate overrides it for one run only', () => {
    const g = new tf.Graph();
    const { a, b, c } = g.asDefault(() => {
      const a = tf.constant(2, { name: 'a' });
      const b = tf.multiply(a, 10, { name: 'b' });
      const c = tf.add(b, 1, { name: 'c' });
      return { a, b, c };
    });
    using sess = new tf.Session({ graph: g });
    assert.equal(sess.run(c).item(), 21);
    assert.equal(sess.run(c, new Map([[a, 5]])).item(), 51);
    assert.equal(sess.run(c, { 'b:0': 100 }).item(), 101);
    assert.equal(sess.run(c, { b: 7 }).item(), 8);
    assert.equal(sess.run(c).item(), 21);
    // Tensor.eval with a feed dict uses the same rules.
    assert.equal((c.eval({ a: 0 }, sess) as tf.NDArray).item(), 1);
    void b;
  });

  test("a fed tensor's producers are pruned: an unfed placeholder upstream is fine", () => {
    const g = new tf.Graph();
    const { mid, out } = g.asDefault(() => {
      const p = tf.placeholder('float32', [], 'p');
      const mid = tf.multiply(p, 3, { name: 'mid' });
      return { mid, out: tf.add(mid, 1, { name: 'out' }) };
    });
    using sess = new tf.Session({ graph: g });
    assert.equal(sess.run(out, new Map([[mid, 9]])).item(), 10);
  });

  test('a control dependency on a fed placeholder waits for the feed (TF rewires it to the feed)', () => {
    const g = new tf.Graph();
    const { d, m, j } = g.asDefault(() => {
      const d = tf.placeholder('float32', null, 'd');
      const k = tf.controlDependencies([d], () => tf.constant(1));
      const j = tf.controlDependencies([d], () => tf.constant(2));
      return { d, m: tf.multiply(k, d), j };
    });
    using sess = new tf.Session({ graph: g });
    assert.equal(sess.run(m, new Map([[d, 5]])).item(), 5);
    assert.equal(sess.run(j, new Map([[d, 1]])).item(), 2);
    assert.throws(() => sess.run(j), /You must feed a value for placeholder tensor 'd'/);
  });
});

describe('feeding a variable', () => {
  test('a Variable key feeds its ref tensor: reads see the fed value, even uninitialized', () => {
    const g = new tf.Graph();
    const { v, y } = g.asDefault(() => {
      const v = new tf.Variable(1, { name: 'v' });
      return { v, y: tf.add(v, 1, { name: 'y' }) };
    });
    using sess = new tf.Session({ graph: g });
    assert.equal(sess.run(y, new Map([[v, 10]])).item(), 11);
    assert.equal(sess.run(y, { 'v:0': 20 }).item(), 21);
    assert.equal(sess.run(y, { 'v/read:0': 30 }).item(), 31);
    // The feed did not initialize the variable.
    expectThrows(() => sess.run(y), tf.errors.FailedPreconditionError);
  });
});

describe('unfed placeholder (item 61)', () => {
  test('message with dtype and known shape; e.op is the placeholder', () => {
    const g = new tf.Graph();
    const { p, y } = g.asDefault(() => {
      const p = tf.placeholder('float32', [2, 3], 'Placeholder');
      return { p, y: tf.multiply(p, 2) };
    });
    using sess = new tf.Session({ graph: g });
    const e = expectThrows(() => sess.run(y), tf.errors.InvalidArgumentError);
    assert.equal(e.baseMessage, "You must feed a value for placeholder tensor 'Placeholder' with dtype float and shape [2,3]");
    assert.ok(e.message.startsWith(`${e.baseMessage}\n\t [[{{node Placeholder}}]]`), e.message);
    assert.equal(e.op, p.op);
    assert.equal(e.code, 3);
  });

  test('without a known shape the shape is not mentioned', () => {
    const g = new tf.Graph();
    const { y, q } = g.asDefault(() => {
      const p = tf.placeholder('int32', { name: 'p' });
      const q = tf.placeholder('float32', [], 'q');
      return { y: tf.identity(p), q };
    });
    using sess = new tf.Session({ graph: g });
    const e = expectThrows(() => sess.run(y), tf.errors.InvalidArgumentError);
    assert.equal(e.baseMessage, "You must feed a value for placeholder tensor 'p' with dtype int32");
    const e2 = expectThrows(() => sess.run(q), tf.errors.InvalidArgumentError);
    assert.equal(e2.baseMessage, "You must feed a value for placeholder tensor 'q' with dtype float");
  });
});

describe('fetching a fed tensor (item 66)', () => {
  test('returns the fed value (converted to the dtype) without computing it', () => {
    const g = new tf.Graph();
    const { v, set, n } = g.asDefault(() => {
      const v = new tf.Variable(0, { name: 'v' });
      const n = tf.placeholder('int32', [], 'n');
      return { v, set: v.assign(5), n };
    });
    using sess = new tf.Session({ graph: g });
    sess.run(v.initializer);
    // The assign is fetched and fed: it does not run.
    const r = sess.run(set, new Map([[set, 99]]));
    assert.equal(r.item(), 99);
    assert.equal(r.dtype, 'float32');
    assert.equal(sess.run(v).item(), 0);
    const fedInt = sess.run(n, { n: 7 });
    assert.equal(fedInt.dtype, 'int32');
    assert.equal(fedInt.item(), 7);
  });

  test('when every fetch is fed, nothing runs (not even an unfed placeholder or an uninitialized variable)', () => {
    const g = new tf.Graph();
    const { v, p } = g.asDefault(() => ({ v: new tf.Variable(1, { name: 'v' }), p: tf.placeholder('float32', [], 'p') }));
    using sess = new tf.Session({ graph: g });
    const md = new tf.RunMetadata();
    const out = sess.run([v.value(), p], new Map<unknown, unknown>([[v.value(), 3], [p, 4]]), { traceLevel: 'FULL_TRACE' }, md);
    assert.deepEqual(out.map((x) => x.item()), [3, 4]);
    assert.equal(md.stepStats, null);
  });

  test('the fed value is a copy: changing the input array later does not change the result', () => {
    const g = new tf.Graph();
    const p = g.asDefault(() => tf.placeholder('float32', [2], 'p'));
    using sess = new tf.Session({ graph: g });
    const arr = new tf.NDArray('float32', [2], Float32Array.of(1, 2));
    const out = sess.run([p, p], new Map([[p, arr]]));
    (arr.data as Float32Array)[0] = 9;
    assert.deepEqual(out[0].toArray(), [1, 2]);
    (out[0].data as Float32Array)[1] = 7;
    assert.deepEqual(out[1].toArray(), [1, 2]);
  });
});
