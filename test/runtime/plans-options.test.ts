// Spec section E: item 82 (plans cached per graph and shared by sessions), 84 (RunOptions and
// RunMetadata), 85 (timeouts), 86 (makeCallable).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { planCount } from '../../src/compile/plan-cache.js';
import * as tf from '../../src/v1.js';
import { expectThrows } from './helpers.js';

describe('plans are cached per graph and shared by its sessions (item 82)', () => {
  test('100 runs of one signature across many sessions compile one plan', () => {
    const g = new tf.Graph();
    const { x, y } = g.asDefault(() => {
      const x = tf.placeholder('float32', [], 'x');
      return { x, y: tf.multiply(x, 2, { name: 'y' }) };
    });
    assert.equal(planCount(g), 0);
    const feeds: ((i: number) => Map<unknown, unknown> | Record<string, unknown>)[] = [
      (i) => new Map([[x, i]]),
      (i) => ({ 'x:0': i }),
      (i) => ({ x: i }),
      (i) => new Map([['x:0', i]]),
    ];
    for (let s = 0; s < 10; s++) {
      using sess = new tf.Session({ graph: g });
      for (let i = 0; i < 10; i++) {
        const feed = feeds[i % feeds.length]?.(i);
        assert.equal(sess.run(y, feed).item(), 2 * i);
      }
    }
    assert.equal(planCount(g), 1);
    // The same fetch under another form (name, nested structure) is the same signature.
    using sess = new tf.Session({ graph: g });
    sess.run('y:0', { x: 1 });
    sess.run({ a: [y] }, { x: 1 });
    sess.run([y, y], { x: 1 });
    assert.equal(planCount(g), 1);
  });

  test('a different signature compiles another plan; ops added later are picked up', () => {
    const g = new tf.Graph();
    const { x, y } = g.asDefault(() => {
      const x = tf.placeholder('float32', [], 'x');
      return { x, y: tf.multiply(x, 2, { name: 'y' }) };
    });
    using s1 = new tf.Session({ graph: g });
    using s2 = new tf.Session({ graph: g });
    s1.run(y, { x: 1 });
    assert.equal(planCount(g), 1);
    // Feeding y instead of x: a different signature.
    assert.equal(s1.run(y, { y: 5 }).item(), 5);
    assert.equal(planCount(g), 1, 'a run whose every fetch is fed compiles nothing');
    s1.run(x, { x: 3 });
    assert.equal(planCount(g), 1);
    const z = g.asDefault(() => tf.add(y, 1, { name: 'z' }));
    assert.equal(s2.run(z, { x: 1 }).item(), 3);
    assert.equal(planCount(g), 2);
    assert.equal(s1.run(z, { y: 10 }).item(), 11);
    assert.equal(planCount(g), 3);
    // Everything seen before is still cached, in every session.
    s2.run(y, { x: 1 });
    s1.run(z, { x: 1 });
    s2.run(z, { y: 1 });
    assert.equal(planCount(g), 3);
  });

  test('plans of different graphs are separate', () => {
    const g1 = new tf.Graph();
    const g2 = new tf.Graph();
    const c1 = g1.asDefault(() => tf.constant(1, { name: 'c' }));
    const c2 = g2.asDefault(() => tf.constant(2, { name: 'c' }));
    using s1 = new tf.Session({ graph: g1 });
    using s2 = new tf.Session({ graph: g2 });
    assert.equal(s1.run(c1).item(), 1);
    assert.equal(s2.run(c2).item(), 2);
    assert.equal(planCount(g1), 1);
    assert.equal(planCount(g2), 1);
  });

  test('the order of fetches does not make a new plan (the key uses sorted names)', () => {
    const g = new tf.Graph();
    const { a, b } = g.asDefault(() => ({ a: tf.constant(1, { name: 'a' }), b: tf.constant(2, { name: 'b' }) }));
    using sess = new tf.Session({ graph: g });
    assert.deepEqual(sess.run([a, b]).map((t) => t.item()), [1, 2]);
    assert.deepEqual(sess.run([b, a]).map((t) => t.item()), [2, 1]);
    assert.equal(planCount(g), 1);
  });
});

describe('RunOptions and RunMetadata (item 84)', () => {
  function graph() {
    const g = new tf.Graph();
    const t = g.asDefault(() => {
      // Defaults rather than constants, so constant folding leaves the three ops to run.
      const a = tf.placeholderWithDefault(1, [], 'a');
      const b = tf.placeholderWithDefault(2, [], 'b');
      const c = tf.add(a, b, { name: 'c' });
      const unrelated = tf.multiply(a, 5, { name: 'unrelated' });
      return { a, b, c, unrelated };
    });
    return { g, ...t };
  }

  test('FULL_TRACE fills stepStats with one nodeStats entry per executed op', () => {
    const { g, c } = graph();
    using sess = new tf.Session({ graph: g });
    assert.equal(new tf.RunMetadata().stepStats, null);
    const md = new tf.RunMetadata();
    const out = sess.run(c, null, { traceLevel: 'FULL_TRACE' }, md);
    assert.equal(out.item(), 3);
    const stats = md.stepStats;
    assert.ok(stats);
    assert.equal(stats.devStats.length, 1);
    const dev = stats.devStats[0];
    assert.ok(dev);
    assert.equal(dev.device, '/job:localhost/replica:0/task:0/device:CPU:0');
    assert.deepEqual(dev.nodeStats.map((n) => n.nodeName).sort(), ['a', 'b', 'c']);
    const cStats = dev.nodeStats.find((n) => n.nodeName === 'c');
    assert.equal(cStats?.opType, 'AddV2');
    assert.equal(cStats?.timelineLabel, 'c = AddV2(a, b)');
    assert.deepEqual(cStats?.output, [{ slot: 0, tensorDescription: { dtype: 'float32', shape: [] } }]);
    for (const n of dev.nodeStats) {
      assert.ok(n.allStartMicros >= 0 && n.opEndRelMicros >= 0);
    }
  });

  test('RunOptions instances and numeric trace levels work too', () => {
    const { g, c } = graph();
    using sess = new tf.Session({ graph: g });
    const md = new tf.RunMetadata();
    sess.run(c, null, new tf.RunOptions({ traceLevel: tf.RunOptions.FULL_TRACE }), md);
    assert.equal(md.stepStats?.devStats[0]?.nodeStats.length, 3);
    const md2 = new tf.RunMetadata();
    sess.run(c, null, { traceLevel: 3 }, md2);
    assert.equal(md2.stepStats?.devStats[0]?.nodeStats.length, 3);
  });

  test('no stepStats without tracing; either argument may be null', () => {
    const { g, c } = graph();
    using sess = new tf.Session({ graph: g });
    const md = new tf.RunMetadata();
    sess.run(c, null, null, md);
    assert.equal(md.stepStats, null);
    sess.run(c, null, { traceLevel: 'NO_TRACE' }, md);
    assert.equal(md.stepStats, null);
    sess.run(c, null, new tf.RunOptions(), md);
    assert.equal(md.stepStats, null);
    // Tracing without a RunMetadata is fine.
    assert.equal(sess.run(c, null, { traceLevel: 'FULL_TRACE' }, null).item(), 3);
    assert.equal(sess.run(c, undefined, undefined, undefined).item(), 3);
  });
});

describe('timeouts (item 85)', () => {
  function chain(n: number) {
    const g = new tf.Graph();
    const { v, out } = g.asDefault(() => {
      const v = new tf.Variable(0, { name: 'v' });
      let t = v.assignAdd(1);
      for (let i = 0; i < n; i++) t = tf.add(t, 1);
      return { v, out: t };
    });
    return { g, v, out };
  }

  test('RunOptions.timeoutInMs: DeadlineExceededError; the session keeps working', () => {
    const { g, v, out } = chain(3000);
    using sess = new tf.Session({ graph: g });
    sess.run(v.initializer);
    const e = expectThrows(() => sess.run(out, null, { timeoutInMs: 1e-6 }), tf.errors.DeadlineExceededError);
    assert.equal(e.code, 4);
    assert.equal(e.errorCode, tf.errors.DEADLINE_EXCEEDED);
    assert.equal(e.baseMessage, 'Timed out waiting for notification');
    // Steps that ran before the deadline keep their effects (no rollback): v is 0 or 1 here.
    const before = Number(sess.run(v).item());
    assert.ok(before === 0 || before === 1, String(before));
    // A generous timeout runs to the end.
    const r = sess.run(out, null, { timeoutInMs: 600_000 });
    assert.equal(r.item(), before + 1 + 3000);
    assert.equal(sess.run(v).item(), before + 1);
  });

  test('ConfigProto.operationTimeoutInMs applies to every run', () => {
    const { g, v, out } = chain(3000);
    using sess = new tf.Session({ graph: g, config: new tf.ConfigProto({ operationTimeoutInMs: 1e-6 }) });
    expectThrows(() => sess.run(out), tf.errors.DeadlineExceededError);
    // A per-run timeout overrides the session's.
    sess.run(v.initializer, null, { timeoutInMs: 600_000 });
    assert.equal(sess.run(out, null, { timeoutInMs: 600_000 }).item(), 1 + 3000);
  });
});

describe('makeCallable (item 86)', () => {
  function graph() {
    const g = new tf.Graph();
    const t = g.asDefault(() => {
      const a = tf.placeholder('float32', [], 'a');
      const b = tf.placeholder('float32', [], 'b');
      const sum = tf.add(a, b, { name: 'sum' });
      const v = new tf.Variable(0, { name: 'v' });
      const inc = v.assignAdd(1).op;
      return { a, b, sum, v, inc };
    });
    return { g, ...t };
  }

  test('same result structure as run: op → null, tensor → value, nested structures', () => {
    const { g, a, b, sum, v, inc } = graph();
    using sess = new tf.Session({ graph: g });
    sess.run(v.initializer);
    const runInc = sess.makeCallable(inc);
    assert.equal(runInc(), null);
    assert.equal(runInc(), null);
    const readV = sess.makeCallable(v);
    assert.equal(readV().item(), 2);
    const add = sess.makeCallable({ s: sum, both: [sum, inc] } as const, [a, b]);
    const r = add(1, 2);
    assert.equal(r.s.item(), 3);
    assert.equal(r.both[0].item(), 3);
    assert.equal(r.both[1], null);
    assert.equal(readV().item(), 3);
    const byName = sess.makeCallable('sum:0', ['a:0', 'b']);
    assert.equal((byName(10, 20) as tf.NDArray).item(), 30);
  });

  test('a callable compiles its plan once', () => {
    const { g, a, b, sum } = graph();
    using sess = new tf.Session({ graph: g });
    const f = sess.makeCallable(sum, [a, b]);
    for (let i = 0; i < 50; i++) assert.equal(f(i, 1).item(), i + 1);
    assert.equal(planCount(g), 1);
  });

  test('acceptOptions takes { options, runMetadata } after the feeds', () => {
    const { g, a, b, sum } = graph();
    using sess = new tf.Session({ graph: g });
    const f = sess.makeCallable(sum, [a, b], true);
    const md = new tf.RunMetadata();
    assert.equal(f(1, 2, { options: { traceLevel: 'FULL_TRACE' }, runMetadata: md }).item(), 3);
    assert.deepEqual(md.stepStats?.devStats[0]?.nodeStats.map((n) => n.nodeName), ['sum']);
    assert.equal(f(4, 5).item(), 9);
  });

  test('feedList that is not a list: TypeError', () => {
    const { g, a, sum } = graph();
    using sess = new tf.Session({ graph: g });
    expectThrows(() => sess.makeCallable(sum, a as unknown as unknown[]), TypeError, '`feed_list` must be a list or tuple.');
    expectThrows(() => sess.makeCallable(sum, 'a:0' as unknown as unknown[]), TypeError, '`feed_list` must be a list or tuple.');
  });

  test('invalid fetches fail when the callable is made', () => {
    const { g } = graph();
    using sess = new tf.Session({ graph: g });
    expectThrows(() => sess.makeCallable('nope:0'), tf.ValueError, /^Fetch argument 'nope:0' cannot be interpreted as a Tensor\./);
  });

  test('a fetched feed comes back as fed, without computing it (item 66)', () => {
    const g = new tf.Graph();
    const { v, set, out } = g.asDefault(() => {
      const v = new tf.Variable(0, { name: 'v' });
      const set = v.assign(100);
      return { v, set, out: tf.add(set, 1, { name: 'out' }) };
    });
    using sess = new tf.Session({ graph: g });
    sess.run(v.initializer);
    const f = sess.makeCallable([out, set] as const, [set]);
    const [o, s] = f(7);
    assert.equal(o.item(), 8);
    assert.equal(s.item(), 7);
    assert.equal(sess.run(v).item(), 0);
  });

  test('runtime errors propagate with their class', () => {
    const { g, sum, a } = graph();
    using sess = new tf.Session({ graph: g });
    const f = sess.makeCallable(sum, [a]);
    const e = expectThrows(() => f(1), tf.errors.InvalidArgumentError);
    assert.equal(e.baseMessage, "You must feed a value for placeholder tensor 'b' with dtype float");
  });
});
