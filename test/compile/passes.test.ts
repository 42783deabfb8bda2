// The compiler's passes respect op traits: constant folding, CSE and dead-code removal never touch
// stateful, side-effecting or feedable ops; results are the same with and without them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';

const BACKENDS = ['cpu', 'wasm'] as const;

/**
 * The plan on `backend` (default: the session default). The passes do the same on every backend;
 * the wasm backend's plans also have transfer steps to and from the CPU kernels of the ops it has
 * none for, which `names` leaves out. A CPU plan has none at all.
 */
function plan(g: tf.Graph, fetches: unknown, feeds?: Map<unknown, unknown>, backend?: (typeof BACKENDS)[number]) {
  const sess = new tf.Session({ graph: g, ...(backend ? { backend } : {}) });
  const p = sess.describePlan(fetches, feeds ?? null);
  if ((backend ?? tf.getBackend()) === 'cpu') assert.equal(p.steps.filter((s) => s.kind === 'transfer').length, 0, 'a CPU plan has no transfers');
  return { sess, plan: p };
}

/** The names of the ops the plan's steps run (transfer steps left out). */
const names = (p: { steps: readonly { kind: string }[] }) =>
  p.steps.flatMap((s) => (s.kind === 'transfer' ? [] : [(s as { op?: tf.Operation }).op?.name ?? s.kind]));

describe('constant folding', () => {
  test('a chain of pure ops on constants folds into one plan constant', () => {
    const g = new tf.Graph();
    const y = g.asDefault(() => tf.reduceSum(tf.multiply(tf.range(0, 4), tf.cast(tf.constant([1, 2, 3, 4]), 'int32')), { name: 'y' } as never));
    const { sess, plan: p } = plan(g, y);
    assert.deepEqual(p.steps, []);
    assert.deepEqual(sess.run(y).toArray(), 20);
    assert.equal(p.constants.length, 1);
  });

  test('placeholders (even with defaults), variables, prints and asserts are never folded', () => {
    const g = new tf.Graph();
    const t = g.asDefault(() => {
      const d = tf.placeholderWithDefault(tf.constant(2), [], 'd');
      const v = new tf.Variable(3, { name: 'v' });
      const p = tf.Print(tf.constant(1), [tf.constant(5)], 'msg', { name: 'p' });
      return { d: tf.multiply(d, 2, { name: 'dd' }), v: tf.multiply(v, 2, { name: 'vv' }), p };
    });
    for (const backend of BACKENDS) {
      const { plan: p } = plan(g, [t.d, t.v, t.p], undefined, backend);
      assert.deepEqual(names(p).sort(), ['d', 'dd', 'p', 'v', 'v/read', 'vv'], backend);
    }
  });

  test('an op that would fail is left for the run, which reports it with the op', () => {
    const g = new tf.Graph();
    const y = g.asDefault(() => tf.gather(tf.constant([1, 2, 3]), tf.constant(5, 'int32'), { name: 'bad' } as never));
    for (const backend of BACKENDS) {
      const { sess, plan: p } = plan(g, y, undefined, backend);
      assert.deepEqual(names(p), ['bad'], backend);
      assert.throws(() => sess.run(y), (e: unknown) => e instanceof tf.errors.InvalidArgumentError && (e as tf.errors.OpError).op?.name === 'bad');
    }
  });

  test("an output over 10 MiB is not folded (grappler's limit): the plan computes it each run", () => {
    const g = new tf.Graph();
    const { small, big } = g.asDefault(() => ({
      small: tf.broadcastTo(tf.constant([1, 2]), [1024, 1024, 2], { name: 'small' } as never),
      big: tf.broadcastTo(tf.constant([1, 2]), [1024, 1024, 3, 2], { name: 'big' } as never),
    }));
    for (const backend of BACKENDS) {
      const { sess, plan: p } = plan(g, [small, big], undefined, backend);
      assert.deepEqual(names(p), ['big'], backend);
      const [a, b] = sess.run([small, big]) as tf.NDArray[];
      assert.deepEqual([(a as tf.NDArray).data[2097151], (b as tf.NDArray).data[6291455]], [2, 2]);
    }
  });

  test('an unfed placeholder of known shape: its shape folds, as TensorFlow grappler does', () => {
    const g = new tf.Graph();
    const s = g.asDefault(() => tf.shape(tf.placeholder('float32', [2, 3], 'x')));
    const { sess } = plan(g, s);
    assert.deepEqual(sess.run(s).toArray(), [2, 3]);
  });
});

describe('common subexpressions', () => {
  test('equal pure ops on the same inputs run once', () => {
    const g = new tf.Graph();
    const { x, y } = g.asDefault(() => {
      const x = tf.placeholder('float32', [2], 'x');
      const a = tf.square(x, 'a');
      const b = tf.square(x, 'b');
      return { x, y: tf.add(a, b, { name: 'y' }) };
    });
    const { sess, plan: p } = plan(g, y, new Map([[x, [1, 2]]]));
    assert.deepEqual(names(p), ['a', 'y']);
    assert.match(p.toString(), /pass common subexpressions: b = a/);
    assert.deepEqual(sess.run(y, new Map([[x, [1, 2]]])).toArray(), [2, 8]);
  });

  test('stateful ops are never merged: two identical assignAdds both run', () => {
    const g = new tf.Graph();
    const { v, inc } = g.asDefault(() => {
      const v = new tf.Variable(0, { name: 'v' });
      return { v, inc: tf.group(tf.assignAdd(v, 1), tf.assignAdd(v, 1)) };
    });
    using sess = new tf.Session({ graph: g });
    sess.run(v.initializer);
    sess.run(inc);
    assert.equal(sess.run(v).item(), 2);
  });

  test('ops with different control inputs are not merged', () => {
    const g = new tf.Graph();
    const { x, a, b } = g.asDefault(() => {
      const x = tf.placeholder('float32', [], 'x');
      const c = tf.noOp('c');
      const a = tf.square(x, 'a');
      const b = tf.controlDependencies([c], () => tf.square(x, 'b'));
      return { x, a, b };
    });
    const { plan: p } = plan(g, [a, b], new Map([[x, 2]]));
    assert.deepEqual(names(p).sort(), ['a', 'b', 'c']);
  });
});

describe('dead code', () => {
  test('a control input is kept even when its value is not needed', () => {
    const g = new tf.Graph();
    const { v, y } = g.asDefault(() => {
      const v = new tf.Variable(1, { name: 'v' });
      const check = tf.Assert(tf.constant(false), [tf.constant('boom')], { name: 'check' });
      return { v, y: tf.controlDependencies([check], () => tf.identity(tf.constant(3), 'y')) };
    });
    using sess = new tf.Session({ graph: g });
    assert.throws(() => sess.run(y), tf.errors.InvalidArgumentError);
    void v;
  });
});

describe('dependency optimization (Grappler\'s, on by default)', () => {
  const OFF = { graphOptions: { rewriteOptions: { dependencyOptimization: 'OFF' } } } as const;
  test('minimize does not compute the gradient of a placeholder, as TensorFlow 2.21 does not', () => {
    const g = new tf.Graph();
    const { x, w, step, init } = g.asDefault(() => {
      const x = tf.placeholder('float32', [4, 3], 'x');
      const w = new tf.Variable(tf.ones([3, 2]), { name: 'w' });
      const loss = tf.reduceSum(tf.square(tf.matmul(x, w)));
      return { x, w, step: new tf.train.GradientDescentOptimizer(0.01).minimize(loss), init: tf.globalVariablesInitializer() };
    });
    const feed = new Map([[x, [[1, 2, 3], [4, 5, 6], [7, 8, 9], [1, 0, 1]]]]);
    const after: unknown[] = [];
    for (const config of [undefined, OFF]) {
      using sess = new tf.Session({ graph: g, ...(config ? { config } : {}) });
      const ran = names(sess.describePlan(step, feed)).filter((n) => n.startsWith('gradients/MatMul_grad/MatMul')).sort();
      // TF 2.21's step stats list only gradients/MatMul_grad/MatMul_1 (the weights' gradient)
      assert.deepEqual(ran, config ? ['gradients/MatMul_grad/MatMul', 'gradients/MatMul_grad/MatMul_1'] : ['gradients/MatMul_grad/MatMul_1']);
      sess.run(init);
      sess.run(step, feed);
      after.push(sess.run(w).toArray());
    }
    assert.deepEqual(after[0], after[1]);
  });
  test('a pure op that only a control dependency needs does not run (its error neither); with the pass OFF it does', () => {
    const g = new tf.Graph();
    const { a, b, y } = g.asDefault(() => {
      const a = tf.placeholder('float32', null, 'a');
      const b = tf.placeholder('float32', null, 'b');
      const m = tf.matmul(a, b, false, false, { name: 'm' } as never);
      return { a, b, y: tf.controlDependencies([m], () => tf.identity(tf.constant(1), 'y')) };
    });
    const feed = new Map([
      [a, [[1, 1, 1]]],
      [b, [[1, 1, 1]]],
    ]);
    {
      using sess = new tf.Session({ graph: g });
      assert.equal(sess.run(y, feed).item(), 1);
    }
    using off = new tf.Session({ graph: g, config: OFF });
    assert.throws(() => off.run(y, feed), tf.errors.InvalidArgumentError);
  });
  test('stateful ops, placeholders and variable reads a control dependency needs still run', () => {
    const g = new tf.Graph();
    const { v, p, y, z, init } = g.asDefault(() => {
      const v = new tf.Variable(0, { name: 'v' });
      const p = tf.placeholder('float32', [], 'p');
      const bump = v.assignAdd(1);
      const y = tf.controlDependencies([bump], () => tf.identity(tf.constant(5), 'y'));
      const z = tf.controlDependencies([p], () => tf.identity(tf.constant(6), 'z'));
      return { v, p, y, z, init: tf.globalVariablesInitializer() };
    });
    using sess = new tf.Session({ graph: g });
    sess.run(init);
    sess.run(y);
    sess.run(y);
    assert.equal(sess.run(v).item(), 2);
    assert.throws(() => sess.run(z), /You must feed a value for placeholder tensor 'p'/);
    assert.equal(sess.run(z, new Map([[p, 1]])).item(), 6);
  });
});

describe('turning passes off through ConfigProto (TensorFlow\'s GraphOptions)', () => {
  const build = () => {
    const g = new tf.Graph();
    const t = g.asDefault(() => {
      const x = tf.placeholder('float32', [3], 'x');
      const two = tf.add(tf.constant(1), tf.constant(1), { name: 'two' });
      const y = tf.negative(tf.multiply(x, two, { name: 'm' }), 'neg');
      return { x, y };
    });
    return { g, ...t };
  };
  test('optLevel L0: no folding, merging or fusion; the same values', () => {
    const { g, x, y } = build();
    for (const backend of BACKENDS) {
      // wasm: the Const steps run there too (the CPU kernel on the heap), so no transfer either.
      using sess = new tf.Session({ graph: g, backend, config: { graphOptions: { optimizerOptions: { optLevel: 'L0' } } } });
      const p = sess.describePlan(y, new Map([[x, [1, 2, 3]]]));
      assert.equal(p.steps.filter((s) => s.kind === 'transfer').length, 0, backend);
      assert.deepEqual(names(p), ['Const', 'Const_1', 'two', 'm', 'neg'], backend);
      assert.deepEqual(p.passes.map((q) => q.name), ['dead code']);
      assert.deepEqual(sess.run(y, new Map([[x, [1, 2, 3]]])).toArray(), [-2, -4, -6]);
    }
  });
  test('grappler switches: constantFolding OFF and remapping OFF each turn one pass off', () => {
    const { g, x, y } = build();
    using noFold = new tf.Session({ graph: g, config: { graphOptions: { rewriteOptions: { constantFolding: 'OFF' } } } });
    assert.ok(!noFold.describePlan(y, new Map([[x, [1, 2, 3]]])).passes.some((q) => q.name === 'constant folding'));
    using noFuse = new tf.Session({ graph: g, config: { graphOptions: { rewriteOptions: { remapping: 'OFF' } } } });
    assert.deepEqual(names(noFuse.describePlan(y, new Map([[x, [1, 2, 3]]]))), ['m', 'neg']);
    using all = new tf.Session({ graph: g });
    assert.equal(all.describePlan(y, new Map([[x, [1, 2, 3]]])).steps[0]?.kind, 'fused');
  });
  test('an unknown option is TensorFlow\'s protocol-message error', () => {
    const { g } = build();
    assert.throws(
      () => new tf.Session({ graph: g, config: { graphOptions: { rewriteOptions: { constantFoldng: 'OFF' } as never } } }),
      (e: unknown) => e instanceof tf.ValueError && /Protocol message RewriteOptions has no "constantFoldng" field/.test((e as Error).message),
    );
  });
});
