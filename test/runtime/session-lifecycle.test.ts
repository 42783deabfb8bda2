// Spec section E, the session object: items 57 (construction), 71 (graph growth), 72 (close),
// 78–79 (independence), 91 (concurrent runAsync), runAsync, using. Default sessions: default-sessions.test.ts.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { expectRejects, expectThrows } from './helpers.js';

afterEach(() => {
  // Every test must leave no default session behind.
  assert.equal(tf.getDefaultSession(), null);
});

describe('construction (item 57)', () => {
  test('options object and positional forms', () => {
    const g = new tf.Graph();
    const c = g.asDefault(() => tf.constant(3));
    using s1 = new tf.Session({ graph: g });
    using s2 = new tf.Session('', g);
    using s3 = new tf.Session('', g, new tf.ConfigProto({ operationTimeoutInMs: 1000 }));
    using s4 = new tf.Session({ target: '', graph: g, config: { allowSoftPlacement: true } });
    for (const s of [s1, s2, s3, s4]) {
      assert.equal(s.graph, g);
      assert.equal(s.target, '');
      assert.equal(s.run(c).item(), 3);
    }
    assert.ok(s3.config instanceof tf.ConfigProto);
    assert.equal(s3.config.operationTimeoutInMs, 1000);
    assert.ok(s4.config instanceof tf.ConfigProto);
    assert.equal(s4.config.allowSoftPlacement, true);
  });

  test('graph: null means the default graph', () => {
    tf.resetDefaultGraph();
    try {
      const c = tf.constant(4);
      using sess = new tf.Session('', null);
      assert.equal(sess.graph, c.graph);
      assert.equal(sess.run(c).item(), 4);
    } finally {
      tf.resetDefaultGraph();
    }
  });

  test('a session made inside graph.asDefault keeps that graph', () => {
    const g = new tf.Graph();
    const sess = g.asDefault(() => {
      tf.constant(1, { name: 'one' });
      return new tf.Session();
    });
    try {
      assert.equal(sess.graph, g);
      assert.notEqual(tf.getDefaultGraph(), g);
      assert.equal((sess.run('one:0') as tf.NDArray).item(), 1);
    } finally {
      sess.close();
    }
  });

  test('TypeErrors for bad arguments', () => {
    expectThrows(() => new tf.Session({ graph: 5 as unknown as tf.Graph }), TypeError, 'graph must be a tf.Graph, but got number');
    expectThrows(() => new tf.Session('', new Map() as unknown as tf.Graph), TypeError, 'graph must be a tf.Graph, but got Map');
    expectThrows(() => new tf.Session(5 as unknown as string), TypeError, 'target must be a string, but got number');
    expectThrows(
      () => new tf.Session(new tf.ConfigProto() as unknown as string),
      TypeError,
      /^target must be a string, but got ConfigProto\. Did you do "Session\(config\)" instead of "Session\(/,
    );
    expectThrows(
      () => new tf.Session({ config: 5 as unknown as tf.ConfigProto }),
      TypeError,
      'config must be a tf.ConfigProto, but got number',
    );
  });

  test('an unknown target: NotFoundError', () => {
    const e = expectThrows(() => new tf.Session('grpc://localhost:2222', new tf.Graph()), tf.errors.NotFoundError);
    assert.ok(e.message.startsWith('No session factory registered for the given session options'), e.message);
    assert.equal(e.code, 5);
    assert.equal(e.op, null);
  });
});

describe('graph growth after the session was created (item 71)', () => {
  test('new ops are picked up and stateful ops keep their state', () => {
    const g = new tf.Graph();
    const v = g.asDefault(() => new tf.Variable(1, { name: 'v' }));
    using sess = new tf.Session({ graph: g });
    sess.run(v.initializer);
    const doubled = g.asDefault(() => tf.multiply(v, 2));
    assert.equal(sess.run(doubled).item(), 2);
    const inc = g.asDefault(() => v.assignAdd(10));
    assert.equal(sess.run(inc).item(), 11);
    const more = g.asDefault(() => tf.add(doubled, 1));
    assert.equal(sess.run(more).item(), 23);
    assert.equal(sess.graphDef.node.length, g.getOperations().length);
  });
});

describe('a finalized graph', () => {
  test('runs: running never adds ops', () => {
    const g = new tf.Graph();
    const { v, y, p } = g.asDefault(() => {
      const v = new tf.Variable(1, { name: 'v' });
      const p = tf.placeholder('float32', [], 'p');
      return { v, p, y: tf.add(v, p) };
    });
    const init = g.asDefault(() => tf.globalVariablesInitializer());
    g.finalize();
    using sess = new tf.Session({ graph: g });
    sess.run(init);
    assert.equal(sess.run(y, { p: 2 }).item(), 3);
    assert.deepEqual(sess.run([v]).map((x) => x.item()), [1]);
    const f = sess.makeCallable(y, [p]);
    assert.equal(f(5).item(), 6);
    const h = sess.partialRunSetup([y], [p]);
    assert.equal(sess.partialRun(h, y, { p: 1 }).item(), 2);
  });
});

describe('close (item 72)', () => {
  test('is idempotent; run, partialRunSetup, partialRun, makeCallable afterwards raise', () => {
    const g = new tf.Graph();
    const { p, y } = g.asDefault(() => {
      const p = tf.placeholder('float32', [], 'p');
      return { p, y: tf.multiply(p, 2) };
    });
    const sess = new tf.Session({ graph: g });
    const h = sess.partialRunSetup([y], [p]);
    const call = sess.makeCallable(y, [p]);
    assert.equal(sess.closed, false);
    sess.close();
    sess.close();
    assert.equal(sess.closed, true);
    const msg = 'Attempted to use a closed Session.';
    expectThrows(() => sess.run(y, { p: 1 }), tf.RuntimeError, msg);
    expectThrows(() => sess.partialRunSetup([y], [p]), tf.RuntimeError, msg);
    expectThrows(() => sess.partialRun(h, y, { p: 1 }), tf.RuntimeError, msg);
    expectThrows(() => call(1), tf.RuntimeError, msg);
    expectThrows(() => sess.makeCallable(y, [p]), tf.RuntimeError, msg);
    expectThrows(() => y.eval({ p: 1 }, sess), tf.RuntimeError, msg);
  });

  test('runAsync after close rejects', async () => {
    const g = new tf.Graph();
    const c = g.asDefault(() => tf.constant(1));
    const sess = new tf.Session({ graph: g });
    sess.close();
    await expectRejects(sess.runAsync(c), tf.RuntimeError, 'Attempted to use a closed Session.');
  });

  test('closing frees the values: a closed session cannot leak them to a new one', () => {
    const g = new tf.Graph();
    const v = g.asDefault(() => new tf.Variable(4, { name: 'v' }));
    const s1 = new tf.Session({ graph: g });
    s1.run(v.initializer);
    s1.close();
    using s2 = new tf.Session({ graph: g });
    expectThrows(() => s2.run(v), tf.errors.FailedPreconditionError, 'Attempting to use uninitialized value v');
  });

  test('Symbol.dispose closes: `using`', () => {
    const g = new tf.Graph();
    const c = g.asDefault(() => tf.constant(1));
    let outer: tf.Session;
    {
      using sess = new tf.Session({ graph: g });
      outer = sess;
      assert.equal(sess.run(c).item(), 1);
    }
    assert.equal(outer.closed, true);
    expectThrows(() => outer.run(c), tf.RuntimeError, 'Attempted to use a closed Session.');
  });
});

describe('runAsync', () => {
  test('resolves to the same values and structure as run', async () => {
    const g = new tf.Graph();
    const { p, y, v } = g.asDefault(() => {
      const p = tf.placeholder('float32', [2], 'p');
      const v = new tf.Variable(1, { name: 'v' });
      return { p, y: tf.multiply(p, v), v };
    });
    using sess = new tf.Session({ graph: g });
    await sess.runAsync(v.initializer);
    const r = await sess.runAsync({ y, list: [y, v.op] as const }, new Map([[p, [1, 2]]]));
    assert.deepEqual(r.y.toArray(), [1, 2]);
    assert.deepEqual(r.list[0].toArray(), [1, 2]);
    assert.equal(r.list[1], null);
    const e = await expectRejects(sess.runAsync(y), tf.errors.InvalidArgumentError);
    assert.equal(e.op, p.op);
  });
});

describe('concurrent runAsync calls on one session (item 91)', () => {
  test('all resolve with their own values', async () => {
    const g = new tf.Graph();
    const { p, y, v, inc } = g.asDefault(() => {
      const p = tf.placeholder('float32', [], 'p');
      const v = new tf.Variable(0, { name: 'v' });
      return { p, y: tf.multiply(p, 2), v, inc: v.assignAdd(1).op };
    });
    using sess = new tf.Session({ graph: g });
    sess.run(v.initializer);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => sess.runAsync([y, inc] as const, new Map([[p, i]]))));
    assert.deepEqual(results.map((r) => r[0].item()), Array.from({ length: 20 }, (_, i) => 2 * i));
    assert.equal(sess.run(v).item(), 20);
  });
});

describe('independent sessions (items 78–79)', () => {
  test('variables are per session; a new session starts uninitialized', () => {
    const g = new tf.Graph();
    const { v, inc } = g.asDefault(() => {
      const v = new tf.Variable(42, { name: 'v' });
      return { v, inc: v.assignAdd(1) };
    });
    using s1 = new tf.Session({ graph: g });
    using s2 = new tf.Session({ graph: g });
    s1.run(v.initializer);
    s1.run(inc);
    expectThrows(() => s2.run(v), tf.errors.FailedPreconditionError, 'Attempting to use uninitialized value v');
    s2.run(v.initializer);
    for (let i = 0; i < 5; i++) s2.run(inc);
    assert.equal(s1.run(v).item(), 43);
    assert.equal(s2.run(v).item(), 47);
    s1.close();
    assert.equal(s2.run(v).item(), 47);
    using s3 = new tf.Session({ graph: g });
    s3.run(v.initializer);
    assert.equal(s3.run(v).item(), 42);
  });

  test('sessions of different graphs with same-named variables do not share', () => {
    const g1 = new tf.Graph();
    const g2 = new tf.Graph();
    const v1 = g1.asDefault(() => new tf.Variable(1, { name: 'v' }));
    const v2 = g2.asDefault(() => new tf.Variable(2, { name: 'v' }));
    using s1 = new tf.Session({ graph: g1 });
    using s2 = new tf.Session({ graph: g2 });
    s1.run(v1.initializer);
    expectThrows(() => s2.run(v2), tf.errors.FailedPreconditionError);
    s2.run(v2.initializer);
    assert.equal(s1.run(v1).item(), 1);
    assert.equal(s2.run(v2).item(), 2);
  });
});
