// Spec section E, default sessions: items 74 (asDefault), 75 (eval/run and their errors),
// 76 (a session is not default unless made so), 77 (InteractiveSession).
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { expectThrows } from './helpers.js';

afterEach(() => {
  // Every test must leave no default session behind.
  assert.equal(tf.getDefaultSession(), null);
});

describe('default sessions (items 74–76)', () => {
  test('asDefault (callback form) sets only the default session and does not close it', () => {
    const g = new tf.Graph();
    const c = g.asDefault(() => tf.constant(5, { name: 'c' }));
    using sess = new tf.Session({ graph: g });
    const before = tf.getDefaultGraph();
    const r = sess.asDefault((s) => {
      assert.equal(s, sess);
      assert.equal(tf.getDefaultSession(), sess);
      assert.equal(tf.getDefaultGraph(), before);
      return (c.eval() as tf.NDArray).item();
    });
    assert.equal(r, 5);
    assert.equal(sess.closed, false);
    assert.equal(sess.run(c).item(), 5);
  });

  test('asDefault (using form), nesting, and op.run()', () => {
    const g = new tf.Graph();
    const { v, inc } = g.asDefault(() => {
      const v = new tf.Variable(0, { name: 'v' });
      return { v, inc: v.assignAdd(1).op };
    });
    using s1 = new tf.Session({ graph: g });
    using s2 = new tf.Session({ graph: g });
    s1.run(v.initializer);
    s2.run(v.initializer);
    {
      using _outer = s1.asDefault();
      assert.equal(tf.getDefaultSession(), s1);
      assert.equal(inc.run(), undefined);
      {
        using _inner = s2.asDefault();
        assert.equal(tf.getDefaultSession(), s2);
        inc.run();
        inc.run();
      }
      assert.equal(tf.getDefaultSession(), s1);
      // An explicit session wins over the default one.
      inc.run(undefined, s2);
    }
    assert.equal(s1.run(v).item(), 1);
    assert.equal(s2.run(v).item(), 3);
  });

  test('exiting out of order: AssertionError', () => {
    const g = new tf.Graph();
    using s1 = new tf.Session({ graph: g });
    using s2 = new tf.Session({ graph: g });
    const a = s1.asDefault();
    const b = s2.asDefault();
    expectThrows(() => a.exit(), tf.AssertionError, /^Nesting violated for default stack of .*Session.* objects$/);
    b.exit();
    a.exit();
  });

  test('eval() and run() errors (item 75)', () => {
    const g = new tf.Graph();
    const other = new tf.Graph();
    const { c, nop } = g.asDefault(() => ({ c: tf.constant(1), nop: tf.noOp() }));
    using sess = new tf.Session({ graph: g });
    using otherSess = new tf.Session({ graph: other });
    expectThrows(
      () => c.eval(),
      tf.ValueError,
      'Cannot evaluate tensor using `eval()`: No default session is registered. Use `with sess.as_default()` or pass an explicit session to `eval(session=sess)`',
    );
    expectThrows(
      () => nop.run(),
      tf.ValueError,
      'Cannot execute operation using `run()`: No default session is registered. Use `with sess.as_default():` or pass an explicit session to `run(session=sess)`',
    );
    otherSess.asDefault(() => {
      expectThrows(
        () => c.eval(),
        tf.ValueError,
        "Cannot use the default session to evaluate tensor: the tensor's graph is different from the session's graph. Pass an explicit session to `eval(session=sess)`.",
      );
      // TF's text for operations has no backticks around run(session=sess).
      expectThrows(
        () => nop.run(),
        tf.ValueError,
        "Cannot use the default session to execute operation: the operation's graph is different from the session's graph. Pass an explicit session to run(session=sess).",
      );
      assert.equal((c.eval(undefined, sess) as tf.NDArray).item(), 1);
    });
    expectThrows(
      () => c.eval(undefined, otherSess),
      tf.ValueError,
      "Cannot use the given session to evaluate tensor: the tensor's graph is different from the session's graph.",
    );
    expectThrows(
      () => nop.run(undefined, otherSess),
      tf.ValueError,
      "Cannot use the given session to execute operation: the operation's graph is different from the session's graph.",
    );
  });

  test('a session that was never made default is not the default (item 76)', () => {
    const g = new tf.Graph();
    const c = g.asDefault(() => tf.constant(2));
    using sess = new tf.Session({ graph: g });
    assert.equal(sess.run(c).item(), 2);
    assert.equal(tf.getDefaultSession(), null);
    expectThrows(() => c.eval(), tf.ValueError, /^Cannot evaluate tensor using `eval\(\)`: No default session is registered\./);
  });
});

describe('InteractiveSession (item 77)', () => {
  test('installs itself as default (and its graph) until closed', () => {
    const g = new tf.Graph();
    const c = g.asDefault(() => tf.constant(7, { name: 'c' }));
    const sess = new tf.InteractiveSession({ graph: g });
    try {
      assert.ok(sess instanceof tf.Session);
      assert.equal(tf.getDefaultSession(), sess);
      assert.equal(tf.getDefaultGraph(), g);
      assert.equal((c.eval() as tf.NDArray).item(), 7);
      const d = tf.add(c, 1);
      assert.equal(d.graph, g);
      assert.equal((d.eval() as tf.NDArray).item(), 8);
    } finally {
      sess.close();
    }
    assert.equal(tf.getDefaultSession(), null);
    assert.notEqual(tf.getDefaultGraph(), g);
    sess.close();
  });

  test('without a graph it uses the default graph and leaves it as it is', () => {
    tf.resetDefaultGraph();
    const c = tf.constant(1, { name: 'c' });
    const sess = new tf.InteractiveSession();
    try {
      assert.equal(sess.graph, c.graph);
      assert.equal((c.eval() as tf.NDArray).item(), 1);
    } finally {
      sess.close();
      tf.resetDefaultGraph();
    }
  });

  test('a second open InteractiveSession warns; closing the first does not warn again', () => {
    const warnings: unknown[][] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => {
      warnings.push(args);
    };
    const g = new tf.Graph();
    let a: tf.InteractiveSession | undefined;
    let b: tf.InteractiveSession | undefined;
    let c: tf.InteractiveSession | undefined;
    try {
      a = new tf.InteractiveSession({ graph: g });
      assert.equal(warnings.length, 0);
      b = new tf.InteractiveSession({ graph: g });
      assert.equal(warnings.length, 1);
      assert.equal(
        String(warnings[0]?.[0]),
        'An interactive session is already active. This can cause out-of-memory errors in some cases. You must explicitly call `InteractiveSession.close()` to release resources held by the other session(s).',
      );
      // Nesting is not enforced: closing the first while the second is open is fine.
      a.close();
      assert.equal(tf.getDefaultSession(), b);
      b.close();
      assert.equal(tf.getDefaultSession(), null);
      c = new tf.InteractiveSession({ graph: g });
      assert.equal(warnings.length, 1);
    } finally {
      console.warn = original;
      a?.close();
      b?.close();
      c?.close();
    }
  });
});
