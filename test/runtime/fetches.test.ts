// Spec section E, fetches: items 62 (structures), 63 (leaves), 64 (invalid fetches),
// 65 (duplicates), 67 (pruning), 68 (ops are targets), 70 (empty runs).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { expectThrows } from './helpers.js';

function simple() {
  const g = new tf.Graph();
  const t = g.asDefault(() => {
    const a = tf.constant(1, { name: 'a' });
    const b = tf.constant(2, { name: 'b' });
    const c = tf.add(a, b, { name: 'c' });
    const nop = tf.noOp({ name: 'nop' });
    return { a, b, c, nop };
  });
  return { g, ...t };
}

const items = (xs: readonly tf.NDArray[]) => xs.map((x) => x.item());

describe('fetch structures are preserved (item 62)', () => {
  test('single element, arrays, nested arrays, plain objects', () => {
    const { g, a, b, c } = simple();
    using sess = new tf.Session({ graph: g });
    const single = sess.run(c);
    assert.ok(single instanceof tf.NDArray);
    assert.equal(single.item(), 3);
    assert.deepEqual(items(sess.run([a, b, c])), [1, 2, 3]);
    const nested = sess.run([a, [b, [c]]] as const);
    assert.equal(nested[0].item(), 1);
    assert.equal(nested[1][0].item(), 2);
    assert.equal(nested[1][1][0].item(), 3);
    const obj = sess.run({ x: a, y: { z: c, w: [b] } });
    assert.deepEqual(Object.keys(obj), ['x', 'y']);
    assert.deepEqual(Object.keys(obj.y), ['z', 'w']);
    assert.equal(obj.x.item(), 1);
    assert.equal(obj.y.z.item(), 3);
    assert.equal(obj.y.w[0].item(), 2);
  });

  test('the result is a new structure, never the fetch object itself', () => {
    const { g, a } = simple();
    using sess = new tf.Session({ graph: g });
    const list = [a];
    const obj = { a };
    assert.notEqual(sess.run(list), list);
    assert.notEqual(sess.run(obj), obj);
    assert.equal(list[0], a);
    assert.equal(obj.a, a);
  });

  test('empty containers come back as empty containers, without running anything', () => {
    const { g, a } = simple();
    using sess = new tf.Session({ graph: g });
    assert.deepEqual(sess.run([]), []);
    assert.deepEqual(sess.run({}), {});
    assert.deepEqual(sess.run([[], {}, [[]]]), [[], {}, [[]]]);
    const mixed = sess.run([a, [], { e: [] }] as const);
    assert.equal(mixed[0].item(), 1);
    assert.deepEqual(mixed[1], []);
    assert.deepEqual(mixed[2], { e: [] });
  });
});

describe('fetch leaves (item 63)', () => {
  test('tensor → NDArray of its dtype; a scalar has shape []', () => {
    const g = new tf.Graph();
    const { f, i, bo, s } = g.asDefault(() => ({
      f: tf.constant([[1, 2], [3, 4]], { name: 'f' }),
      i: tf.constant(7, { dtype: 'int32', name: 'i' }),
      bo: tf.constant(true, { name: 'bo' }),
      s: tf.constant(['a\u0000b', 'ü'], { name: 's' }),
    }));
    using sess = new tf.Session({ graph: g });
    const [fv, iv, bv, sv] = sess.run([f, i, bo, s]);
    assert.equal(fv.dtype, 'float32');
    assert.deepEqual(fv.shape, [2, 2]);
    assert.deepEqual(fv.toArray(), [[1, 2], [3, 4]]);
    assert.equal(iv.dtype, 'int32');
    assert.deepEqual(iv.shape, []);
    assert.equal(iv.item(), 7);
    assert.equal(bv.dtype, 'bool');
    assert.equal(bv.item(), true);
    assert.equal(sv.dtype, 'string');
    assert.deepEqual(sv.toArray(), ['a\u0000b', 'ü']);
  });

  test('op → null; names "c:0" → value and "c" → null (the op runs)', () => {
    const { g, c, nop } = simple();
    using sess = new tf.Session({ graph: g });
    assert.equal(sess.run(nop), null);
    assert.equal(sess.run(c.op), null);
    assert.equal((sess.run('c:0') as tf.NDArray).item(), 3);
    assert.equal(sess.run('c'), null);
    assert.deepEqual(sess.run([nop, c, 'nop']).map((x) => (x === null ? null : x.item())), [null, 3, null]);
  });

  test('a variable → its value; its op → null', () => {
    const g = new tf.Graph();
    const v = g.asDefault(() => new tf.Variable([1, 2], { name: 'v' }));
    using sess = new tf.Session({ graph: g });
    sess.run(v.initializer);
    const r = sess.run({ v, op: v.op, init: v.initializer });
    assert.deepEqual(r.v.toArray(), [1, 2]);
    assert.equal(r.op, null);
    assert.equal(r.init, null);
  });
});

describe('invalid fetches (item 64)', () => {
  test('null / undefined anywhere in the structure', () => {
    const { g, a } = simple();
    using sess = new tf.Session({ graph: g });
    expectThrows(() => sess.run(null), TypeError, /^Fetch argument null has invalid type/);
    expectThrows(() => sess.run([a, null]), TypeError, /^Fetch argument null has invalid type/);
    expectThrows(() => sess.run({ x: [undefined] }), TypeError, /^Fetch argument undefined has invalid type/);
  });

  test('a non-graph value', () => {
    const { g } = simple();
    using sess = new tf.Session({ graph: g });
    expectThrows(
      () => sess.run(37),
      TypeError,
      'Fetch argument 37 has invalid type number, must be a string or Tensor. (Can not convert a number into a Tensor or Operation.)',
    );
    expectThrows(() => sess.run([true]), TypeError, /^Fetch argument true has invalid type boolean, must be a string or Tensor\./);
  });

  test('a missing name or an element of another graph: ValueError', () => {
    const { g } = simple();
    const other = new tf.Graph();
    const foreign = other.asDefault(() => tf.constant(1, { name: 'a' }));
    using sess = new tf.Session({ graph: g });
    expectThrows(
      () => sess.run('nope:0'),
      tf.ValueError,
      "Fetch argument 'nope:0' cannot be interpreted as a Tensor. (The name 'nope:0' refers to a Tensor which does not exist. The operation, 'nope', does not exist in the graph.)",
    );
    expectThrows(
      () => sess.run('nope'),
      tf.ValueError,
      "Fetch argument 'nope' cannot be interpreted as a Tensor. (The name 'nope' refers to an Operation not in the graph.)",
    );
    expectThrows(
      () => sess.run('c:5'),
      tf.ValueError,
      "Fetch argument 'c:5' cannot be interpreted as a Tensor. (The name 'c:5' refers to a Tensor which does not exist. The operation, 'c', exists but only has 1 outputs.)",
    );
    expectThrows(
      () => sess.run(foreign),
      tf.ValueError,
      'Fetch argument Tensor("a:0", shape=(), dtype=float32) cannot be interpreted as a Tensor. (Tensor Tensor("a:0", shape=(), dtype=float32) is not an element of this graph.)',
    );
    expectThrows(() => sess.run(foreign.op), tf.ValueError, /cannot be interpreted as a Tensor\. \(Operation .* is not an element of this graph\.\)$/);
  });

  test('invalid fetches fail before anything runs', () => {
    const g = new tf.Graph();
    const { v, inc } = g.asDefault(() => {
      const v = new tf.Variable(0, { name: 'v' });
      return { v, inc: v.assignAdd(1) };
    });
    using sess = new tf.Session({ graph: g });
    sess.run(v.initializer);
    expectThrows(() => sess.run([inc, 'nope:0']), tf.ValueError);
    expectThrows(() => sess.run([inc, 37]), TypeError);
    assert.equal(sess.run(v).item(), 0);
  });
});

describe('duplicate fetches (item 65)', () => {
  test('are computed once; each position gets its own value', () => {
    const g = new tf.Graph();
    const { v, inc } = g.asDefault(() => {
      const v = new tf.Variable(0, { name: 'v' });
      return { v, inc: v.assignAdd(1) };
    });
    using sess = new tf.Session({ graph: g });
    sess.run(v.initializer);
    const r = sess.run([inc, inc, { again: inc }, 'AssignAdd:0'] as const);
    assert.deepEqual([r[0].item(), r[1].item(), r[2].again.item(), r[3].item()], [1, 1, 1, 1]);
    assert.equal(sess.run(v).item(), 1);
    assert.notEqual(r[0], r[1]);
    (r[0].data as Float32Array)[0] = 50;
    assert.equal(r[1].item(), 1);
    assert.equal(r[2].again.item(), 1);
  });

  test('a duplicated op runs once', () => {
    const g = new tf.Graph();
    const { v, inc } = g.asDefault(() => {
      const v = new tf.Variable(0, { name: 'v' });
      return { v, inc: v.assignAdd(1).op };
    });
    using sess = new tf.Session({ graph: g });
    sess.run(v.initializer);
    assert.deepEqual(sess.run([inc, inc, 'AssignAdd']), [null, null, null]);
    assert.equal(sess.run(v).item(), 1);
  });
});

describe('only the needed subgraph runs (item 67)', () => {
  test('an unrelated uninitialized variable or unfed placeholder is fine', () => {
    const g = new tf.Graph();
    const { c, w, p, side, v } = g.asDefault(() => {
      const c = tf.add(tf.constant(1), tf.constant(2), { name: 'c' });
      const w = new tf.Variable(1, { name: 'w' });
      const p = tf.placeholder('float32', [], 'p');
      const v = new tf.Variable(0, { name: 'v' });
      const side = v.assign(100);
      return { c, w, p, side, v };
    });
    using sess = new tf.Session({ graph: g });
    assert.equal(sess.run(c).item(), 3);
    // The assign was neither fetched nor a dependency: it did not happen.
    const md = new tf.RunMetadata();
    sess.run(c, null, { traceLevel: 'FULL_TRACE' }, md);
    // c is folded ahead of time (as TensorFlow's grappler folds it): it shows as a Const named c.
    assert.deepEqual(md.stepStats?.devStats[0]?.nodeStats.map((n) => [n.nodeName, n.opType]), [['c', 'Const']]);
    sess.run(v.initializer);
    assert.equal(sess.run(v).item(), 0);
    void w;
    void p;
    void side;
  });

  test('control inputs are part of what a fetch needs', () => {
    const g = new tf.Graph();
    const { v, out } = g.asDefault(() => {
      const v = new tf.Variable(0, { name: 'v' });
      const inc = v.assignAdd(1);
      const out = tf.controlDependencies([inc], () => tf.constant(5, { name: 'out' }));
      return { v, out };
    });
    using sess = new tf.Session({ graph: g });
    sess.run(v.initializer);
    assert.equal(sess.run(out).item(), 5);
    assert.equal(sess.run(out).item(), 5);
    assert.equal(sess.run(v).item(), 2);
  });
});

describe('op fetches are targets (item 68)', () => {
  test('an op with outputs, fetched as an op, runs and gives null', () => {
    const g = new tf.Graph();
    const { v, inc } = g.asDefault(() => {
      const v = new tf.Variable(0, { name: 'v' });
      return { v, inc: v.assignAdd(5) };
    });
    using sess = new tf.Session({ graph: g });
    sess.run(v.initializer);
    assert.equal(sess.run(inc.op), null);
    assert.deepEqual(sess.run({ op: inc.op, value: v.value() }).op, null);
    assert.equal(sess.run(v).item(), 10);
  });
});

describe('empty runs (item 70)', () => {
  test('an empty graph: RuntimeError with its double space', () => {
    const g = new tf.Graph();
    using sess = new tf.Session({ graph: g });
    const msg = 'The Session graph is empty.  Add operations to the graph before calling run().';
    expectThrows(() => sess.run([]), tf.RuntimeError, msg);
    expectThrows(() => sess.run({}), tf.RuntimeError, msg);
    expectThrows(() => sess.run([[]]), tf.RuntimeError, msg);
    // Once the graph has an op, the same session runs.
    const c = g.asDefault(() => tf.constant(1));
    assert.deepEqual(sess.run([]), []);
    assert.equal(sess.run(c).item(), 1);
  });

  test('a non-empty graph returns empty structures without executing', () => {
    const g = new tf.Graph();
    g.asDefault(() => tf.placeholder('float32', [], 'p'));
    using sess = new tf.Session({ graph: g });
    const md = new tf.RunMetadata();
    assert.deepEqual(sess.run([], null, { traceLevel: 'FULL_TRACE' }, md), []);
    assert.equal(md.stepStats, null);
    assert.deepEqual(sess.run({}), {});
  });
});

describe('a list fetched again (a training loop) resolves as a new list would', () => {
  test('a new array of the same elements, the same array changed in place, duplicates, a fed element', () => {
    const { g, a, b, c, nop } = simple();
    using sess = new tf.Session({ graph: g });
    for (let i = 0; i < 3; i++) {
      const [x, none, y] = sess.run([c, nop, a]);
      assert.deepEqual([x.item(), none, y.item()], [3, null, 1]);
    }
    // the same array object, one element replaced: the new element is fetched
    const list: (tf.Tensor | tf.Operation)[] = [a, b];
    assert.deepEqual(items(sess.run(list) as tf.NDArray[]), [1, 2]);
    list[1] = c;
    assert.deepEqual(items(sess.run(list) as tf.NDArray[]), [1, 3]);
    list.push(b);
    assert.deepEqual(items(sess.run(list) as tf.NDArray[]), [1, 3, 2]);
    // duplicates each get their own copy, run after run
    for (let i = 0; i < 2; i++) {
      const [p, q] = sess.run([c, c]);
      assert.notEqual(p, q);
      assert.deepEqual([p.item(), q.item()], [3, 3]);
    }
    // a fed fetch comes back as fed
    assert.deepEqual(items(sess.run([a, c], new Map([[a, 10]]))), [10, 12]);
    assert.deepEqual(items(sess.run([a, c])), [1, 3]);
  });

  test('an element marked not fetchable after a run is refused the next time', () => {
    const { g, a, c } = simple();
    using sess = new tf.Session({ graph: g });
    assert.deepEqual(items(sess.run([a, c])), [1, 3]);
    g.preventFetching(c.op);
    expectThrows(() => sess.run([a, c]), tf.errors.InaccessibleTensorError, /Operation 'c' has been marked as not fetchable/);
  });
});
