// TF1 Session usage, ported from the Session.run / make_callable / partial_run docstrings and the
// "Interactive Usage" section of the TF1 guide: singleton, list, nested dict fetches; feeding any
// tensor; callables; partial runs; InteractiveSession with t.eval() and op.run(); run metadata.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { show } from './helpers.js';

describe('Session.run fetch structures (the Session.run docstring)', () => {
  test('singleton, list, and {k1: MyData(a, b), k2: [b, a]}', () => {
    const g = new tf.Graph();
    const { a, b } = g.asDefault(() => ({
      // a = tf.constant([10, 20]); b = tf.constant([1.0, 2.0])
      a: tf.constant([10, 20], tf.int32),
      b: tf.constant([1.0, 2.0]),
    }));
    using session = new tf.Session({ graph: g });
    // v = session.run(a)  -> the numpy array [10, 20]
    const v = session.run(a);
    assert.equal(show(v), '[10 20]');
    assert.equal(v.dtype, 'int32');
    assert.deepEqual(v.toArray(), [10, 20]);
    // v = session.run([a, b])  -> [array([10, 20], dtype=int32), array([1., 2.], dtype=float32)]
    const [va, vb] = session.run([a, b]);
    assert.equal(show(va), '[10 20]');
    assert.equal(show(vb), '[1. 2.]');
    // v = session.run({'k1': MyData(a, b), 'k2': [b, a]})
    const d = session.run({ k1: { a, b }, k2: [b, a] });
    assert.deepEqual(Object.keys(d), ['k1', 'k2']);
    assert.equal(show(d.k1.a), '[10 20]');
    assert.equal(show(d.k1.b), '[1. 2.]');
    assert.deepEqual(
      d.k2.map((x) => show(x)),
      ['[1. 2.]', '[10 20]'],
    );
    // Empty containers come back empty: session.run([[], {}]) -> [[], {}]
    assert.deepEqual(session.run([[], {}]), [[], {}]);
    assert.deepEqual(session.run({ e: [], k: [a] }).e, []);
  });

  test('a training-loop style fetch: _, loss_val = sess.run([train_op, loss])', () => {
    tf.resetDefaultGraph();
    const w = new tf.Variable(5.0, { name: 'w' });
    // A hand-written "step": w -= 1; loss = w * w (read after the step)
    const trainOp = tf.group(w.assignSub(1.0), { name: 'train' });
    const loss = tf.controlDependencies([trainOp], () => {
      const r = w.readValue();
      return tf.multiply(r, r, { name: 'loss' });
    });
    using sess = new tf.Session();
    sess.run(tf.globalVariablesInitializer());
    const losses: number[] = [];
    for (let step = 0; step < 3; step++) {
      const [none, lossVal] = sess.run([trainOp, loss]);
      assert.equal(none, null);
      assert.ok(lossVal !== null); // only needed because the result type is (NDArray | null)[], see types.test
      losses.push(Number(lossVal.item()));
    }
    assert.deepEqual(losses, [16, 9, 4]);
    // Fetching an op or a tensor by name.
    assert.equal(sess.run('train'), null);
    assert.equal(show(sess.run('w:0')), '1');
    // An op name fetches the op (VariableV2 'w'): None, as TensorFlow.
    assert.equal(sess.run('w'), null);
  });

  test('feeding a non-placeholder tensor overrides it for one run', () => {
    tf.resetDefaultGraph();
    // a = tf.constant(2.0); b = tf.constant(3.0); c = a * b
    const a = tf.constant(2.0, { name: 'a' });
    const b = tf.constant(3.0, { name: 'b' });
    const c = tf.multiply(a, b);
    using sess = new tf.Session();
    assert.equal(show(sess.run(c)), '6');
    // sess.run(c, feed_dict={a: 100}) -> 300.0
    assert.equal(show(sess.run(c, new Map([[a, 100]]))), '300');
    assert.equal(show(sess.run(c, { a: 10 })), '30');
    // A fetch that is fed comes back as fed.
    assert.equal(show(sess.run([a, c], { 'a:0': 7 })), '[ 7, 21 ]');
    assert.equal(show(sess.run(c)), '6');
  });
});

describe('make_callable and partial_run', () => {
  test('f = sess.make_callable(r2, [a, b, c]); f(1, 2, 3) -> 9.0', () => {
    tf.resetDefaultGraph();
    const a = tf.placeholder(tf.float32, []);
    const b = tf.placeholder(tf.float32, []);
    const c = tf.placeholder(tf.float32, []);
    const r1 = tf.add(a, b);
    const r2 = tf.multiply(r1, c);
    using sess = new tf.Session();
    const f = sess.makeCallable(r2, [a, b, c]);
    assert.equal(show(f(1, 2, 3)), '9');
    assert.equal(f(2, 2, 2).item(), 8);
    const both = sess.makeCallable([r1, r2], [a, b, c]);
    assert.deepEqual(
      both(1, 2, 3).map((x) => x.item()),
      [3, 9],
    );
    // A callable for an op returns None.
    const v = new tf.Variable(0.0);
    sess.run(v.initializer);
    const incCallable = sess.makeCallable(v.assignAdd(1).op);
    assert.equal(incCallable(), null);
    incCallable();
    assert.equal(sess.run(v).item(), 2);
    // The wrong number of feed values.
    assert.throws(() => f(1, 2), TypeError);
  });

  test('h = sess.partial_run_setup([r1, r2], [a, b, c]); partial_run(h, r1, {a: 1, b: 2}) -> 3; partial_run(h, r2, {c: res * 17}) -> 153', () => {
    tf.resetDefaultGraph();
    const a = tf.placeholder(tf.float32, []);
    const b = tf.placeholder(tf.float32, []);
    const c = tf.placeholder(tf.float32, []);
    const r1 = tf.add(a, b);
    const r2 = tf.multiply(r1, c);
    using sess = new tf.Session();
    const h = sess.partialRunSetup([r1, r2], [a, b, c]);
    const res = sess.partialRun(h, r1, new Map([[a, 1], [b, 2]]));
    assert.equal(show(res), '3');
    const res2 = sess.partialRun(h, r2, new Map([[c, Number(res.item()) * 17]]));
    assert.equal(show(res2), '153');
    // Feeding an NDArray (what partial_run returned) directly.
    const h2 = sess.partialRunSetup([r1, r2], [a, b, c]);
    const s = sess.partialRun(h2, r1, new Map([[a, 4], [b, 5]]));
    assert.equal(show(sess.partialRun(h2, r2, new Map([[c, s]]))), '81');
    // Fetching twice is an error (TF text).
    assert.throws(() => sess.partialRun(h2, r1), { name: 'InvalidArgumentError', message: "Must run 'setup' before performing partial runs!" });
  });
});

describe('InteractiveSession (the TF1 guide, "Interactive Usage")', () => {
  test('x.initializer.run(); sub = tf.subtract(x, a); print(sub.eval())  -> [-2. -1.]', () => {
    const g = new tf.Graph();
    // sess = tf.InteractiveSession()
    const sess = new tf.InteractiveSession({ graph: g });
    try {
      // x = tf.Variable([1.0, 2.0]); a = tf.constant([3.0, 3.0])
      const x = new tf.Variable([1.0, 2.0]);
      const a = tf.constant([3.0, 3.0]);
      assert.equal(x.graph, g);
      // x.initializer.run()
      x.initializer.run();
      // sub = tf.subtract(x, a); print(sub.eval())
      const sub = tf.subtract(x, a);
      assert.equal(show(sub.eval()), '[-2. -1.]');
      // c = a * b ... print(c.eval()) -> 30.0
      const c = tf.multiply(tf.constant(5.0), tf.constant(6.0));
      assert.equal(show(c.eval()), '30');
      // eval with a feed dict
      const p = tf.placeholder(tf.float32, [2]);
      assert.equal(show(tf.add(p, x).eval(new Map([[p, [10, 20]]]))), '[11. 22.]');
      // x.eval() of a variable
      assert.equal(show(x.eval()), '[1. 2.]');
    } finally {
      sess.close();
    }
    assert.equal(tf.getDefaultSession(), null);
  });
});

describe('RunOptions and RunMetadata', () => {
  test('sess.run(c, options=RunOptions(trace_level=FULL_TRACE), run_metadata=md) fills step_stats', () => {
    tf.resetDefaultGraph();
    const a = tf.constant(1.0, { name: 'a' });
    const c = tf.add(a, a, { name: 'c' });
    using sess = new tf.Session();
    const md = new tf.RunMetadata();
    const out = sess.run(c, null, new tf.RunOptions({ traceLevel: tf.RunOptions.FULL_TRACE }), md);
    assert.equal(out.item(), 2);
    assert.ok(md.stepStats !== null);
    const names = md.stepStats.devStats.flatMap((d) => d.nodeStats.map((n) => n.nodeName));
    assert.ok(names.includes('c'), names.join(','));
    // Without tracing, no step stats.
    const md2 = new tf.RunMetadata();
    sess.run(c, null, null, md2);
    assert.equal(md2.stepStats, null);
  });
});
