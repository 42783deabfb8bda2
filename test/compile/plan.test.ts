// Plans as data (DESIGN §1): the slot table, steps with kinds, passes, the memory plan and the
// printed step list. Every session here is on the CPU backend (the printed layouts and the
// allocation counts are the CPU backend's, whatever TG_BACKEND says); the wasm backend's plans,
// transfers and allocations are checked in test/backends/wasm/ and test/compile/backends.test.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cpuBackend } from '../../src/backends/cpu/backend.js';
import { MAX_SPECIALIZATIONS, planCount } from '../../src/compile/plan-cache.js';
import * as tf from '../../src/v1.js';
import { mlp } from './helpers.js';

const batch = (n: number) => Array.from({ length: n }, (_, i) => Array.from({ length: 8 }, (_, j) => (i + j) / 10));

describe('a printed plan', () => {
  test('matches the expected step list for a small graph', () => {
    const g = new tf.Graph();
    const { x, y } = g.asDefault(() => {
      const x = tf.placeholder('float32', [null, 3], 'x');
      const two = tf.add(tf.constant(1, { name: 'one' }), tf.constant(1, { name: 'one_b' }), { name: 'two' });
      const y = tf.reduceSum(tf.square(tf.multiply(x, two, { name: 'scaled' }), { name: 'sq' }), 1, { name: 'y' });
      return { x, y };
    });
    using sess = new tf.Session({ graph: g, backend: 'cpu' });
    const plan = sess.describePlan(y, new Map([[x, [[1, 2, 3]]]]));
    assert.equal(
      plan.toString(),
      [
        'Plan (cpu, specialized for the fed shapes)',
        '  fetches: y:0',
        '  feeds:   x:0',
        '  targets: -',
        'pass constant folding: two (AddV2)',
        'pass common subexpressions: nothing to do',
        'pass dead code: nothing to do',
        'pass dependency optimization: nothing to do',
        'pass epilogue fusion: nothing to do',
        'pass elementwise fusion: scaled → sq',
        'constants (uploaded once per plan):',
        '  %1  two:0  float32[]',
        '  %3  y/reduction_indices:0  int32[]',
        'feeds:',
        '  %0  x:0  float32[1,3]',
        'steps:',
        '  #0  sq = fused Mul→Square(%0, %1)  [cpu float32] -> %2 float32[1,3] buf0 (new)  frees %0',
        '  #1  y = Sum(%2, %3)  [cpu float32,int32] -> %4 float32[1] buf1 (new)  frees %2',
        'fetch: %4',
        'memory: 2 arena buffer(s) for 2 computed value(s) (0 reused)',
      ].join('\n'),
    );
    assert.deepEqual(sess.run(y, new Map([[x, [[1, 2, 3]]]])).toArray(), [56]);
  });

  test('a 3-layer MLP: folded constants are gone, buffers are reused, variable reads alias', () => {
    const g = new tf.Graph();
    const { x, logits } = mlp(g);
    using sess = new tf.Session({ graph: g, backend: 'cpu' });
    sess.run(g.asDefault(() => tf.globalVariablesInitializer()));
    const plan = sess.describePlan(logits, new Map([[x, batch(4)]]));
    const text = plan.toString();
    // The three `scale` products were folded: no step computes them.
    assert.match(text, /pass constant folding: dense\/scale \(Mul\); dense_1\/scale \(Mul\); dense_2\/scale \(Mul\)/);
    assert.ok(!plan.steps.some((s) => s.kind === 'kernel' && s.op.name.endsWith('scale')));
    assert.ok(!plan.steps.some((s) => s.kind === 'kernel' && s.op.type === 'Const'));
    // Variable reads alias the variables' buffers; intermediate values reuse dead buffers.
    assert.match(text, /dense\/kernel\/read = Identity\(%\d+\) {2}\[cpu float32\] -> %\d+ float32\[8,16\] aliases %\d+/);
    assert.match(text, /reuses %\d+/);
    const computed = plan.slots.filter((s) => s.buffer >= 0).length;
    assert.ok(plan.numBuffers < computed, `${plan.numBuffers} buffers for ${computed} values`);
    // Shapes are specialized to the fed batch.
    assert.match(text, /-> %\d+ float32\[4,4\]/);
    for (const line of text.split('\n')) assert.ok(line.length < 160, line);
  });

  test('every step keeps the graph ops it came from; slots know dtype, shape, lifetime', () => {
    const g = new tf.Graph();
    const { x, logits } = mlp(g);
    using sess = new tf.Session({ graph: g, backend: 'cpu' });
    const plan = sess.describePlan(logits, { x: batch(2) });
    for (const s of plan.steps) {
      // MatMul → AddV2 of each layer is one fused epilogue step (passes/epilogue.ts): its ops, the last its output's
      assert.ok(s.kind === 'kernel' || s.kind === 'fused', s.kind);
      if (s.kind === 'kernel') assert.deepEqual(s.ops, [s.op]);
      if (s.kind === 'fused') assert.deepEqual(s.ops.map((o) => o.type), ['MatMul', 'AddV2']);
    }
    assert.equal(plan.steps.filter((s) => s.kind === 'fused').length, 3);
    const fetched = plan.slots[plan.fetchSlots[0] as number];
    assert.equal(fetched?.dtype, 'float32');
    assert.deepEqual(fetched?.shape.dims, [2, 4]);
    assert.equal(fetched?.pinned, true);
    for (const slot of plan.slots) if (slot.kind === 'value') assert.ok(slot.lastUse >= slot.def, slot.name);
    void x;
  });
});

describe('runs of one plan allocate nothing after the first (memory plan)', () => {
  test('1,000 runs of an MLP: backend allocations stop after the first run', () => {
    const g = new tf.Graph();
    const { x, logits } = mlp(g);
    using sess = new tf.Session({ graph: g, backend: 'cpu' });
    sess.run(g.asDefault(() => tf.globalVariablesInitializer()));
    const feed = new Map([[x, batch(16)]]);
    const first = sess.run(logits, feed);
    const before = cpuBackend.stats.allocations;
    let last = first;
    for (let i = 0; i < 1000; i++) last = sess.run(logits, feed);
    assert.equal(cpuBackend.stats.allocations - before, 0);
    assert.deepEqual(last.toArray(), first.toArray());
  });

  test('a training-like loop with variable updates allocates nothing after warm-up', () => {
    const g = new tf.Graph();
    const { x, step, loss } = g.asDefault(() => {
      const x = tf.placeholder('float32', [4, 3], 'x');
      const w = new tf.Variable(tf.ones([3, 2]), { name: 'w' });
      const y = tf.matmul(x, w);
      const loss = tf.reduceSum(tf.square(y));
      // A stand-in for an optimizer's update: w -= 0.001 * (Xᵀ·y).
      const grad = tf.matmul(x, y, true, false);
      const step = tf.assignSub(w, tf.multiply(grad, 0.001));
      return { x, step, loss };
    });
    using sess = new tf.Session({ graph: g, backend: 'cpu' });
    sess.run(g.asDefault(() => tf.globalVariablesInitializer()));
    const feed = new Map([[x, [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]]]]);
    sess.run([loss, step.op], feed);
    const before = cpuBackend.stats.allocations;
    const losses: number[] = [];
    for (let i = 0; i < 200; i++) losses.push(sess.run([loss, step.op], feed)[0].item() as number);
    assert.equal(cpuBackend.stats.allocations - before, 0);
    assert.ok((losses[199] as number) < (losses[0] as number), 'the loss goes down');
  });

  test('closing a session frees its arena and variables', () => {
    const g = new tf.Graph();
    const { logits } = mlp(g);
    // The CPU backend's counters: the session runs there whatever TG_BACKEND says.
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    sess.run(g.asDefault(() => tf.globalVariablesInitializer()));
    const live0 = cpuBackend.stats.live;
    sess.run(logits, { x: batch(3) });
    assert.ok(cpuBackend.stats.live > live0);
    const frees = cpuBackend.stats.frees;
    sess.close();
    assert.ok(cpuBackend.stats.frees > frees);
  });
});

describe('plan keys include the fed shapes', () => {
  test('each shape signature gets a specialized plan, up to a bound, then one generic plan', () => {
    const g = new tf.Graph();
    const { x, y } = g.asDefault(() => {
      const x = tf.placeholder('float32', [null], 'x');
      return { x, y: tf.multiply(x, 2) };
    });
    using sess = new tf.Session({ graph: g, backend: 'cpu' });
    for (let n = 1; n <= MAX_SPECIALIZATIONS + 3; n++) {
      assert.deepEqual(sess.run(y, new Map([[x, new Array(n).fill(1)]])).toArray(), new Array(n).fill(2));
    }
    assert.equal(planCount(g), MAX_SPECIALIZATIONS + 1);
    const generic = sess.describePlan(y, new Map([[x, new Array(MAX_SPECIALIZATIONS + 5).fill(1)]]));
    assert.equal(generic.fedShapes, null);
    assert.match(generic.toString(), /generic shapes/);
    assert.match(generic.toString(), /float32\[\?\]/);
    // A shape seen before still uses its specialized plan.
    assert.deepEqual(sess.describePlan(y, new Map([[x, [1, 2]]])).fedShapes, [[2]]);
  });

  test('a specialized plan folds the shape of a fed tensor', () => {
    const g = new tf.Graph();
    const { x, n } = g.asDefault(() => {
      const x = tf.placeholder('float32', [null, 3], 'x');
      return { x, n: tf.multiply(tf.shape(x), 10, { name: 'n' }) };
    });
    using sess = new tf.Session({ graph: g, backend: 'cpu' });
    const plan = sess.describePlan(n, new Map([[x, [[1, 2, 3]]]]));
    assert.equal(plan.steps.filter((s) => s.kind === 'kernel' && s.op.type !== 'Placeholder').length, 0);
    assert.deepEqual(sess.run(n, new Map([[x, [[1, 2, 3], [4, 5, 6]]]])).toArray(), [20, 30]);
  });
});

describe('a failing run leaves nothing behind', () => {
  test('a run that fails mid-plan releases what it held; later runs allocate nothing new and compute right', () => {
    const g = new tf.Graph();
    const { x, ok, bad, v } = g.asDefault(() => {
      const x = tf.placeholder('float32', [4], 'x');
      const v = new tf.Variable([1, 2, 3, 4], { name: 'v' });
      const h = tf.square(tf.add(x, v));
      const check = tf.Assert(tf.constant(false), [tf.constant('stop')], { name: 'check' });
      const bad = tf.controlDependencies([check], () => tf.multiply(h, 2, { name: 'bad' }));
      return { x, ok: tf.multiply(h, 3, { name: 'ok' }), bad, v };
    });
    using sess = new tf.Session({ graph: g, backend: 'cpu' });
    sess.run(v.initializer);
    const feed = new Map([[x, [1, 1, 1, 1]]]);
    assert.throws(() => sess.run(bad, feed), tf.errors.InvalidArgumentError);
    assert.deepEqual(sess.run(ok, feed).toArray(), [12, 27, 48, 75]);
    const live = cpuBackend.stats.live;
    const allocations = cpuBackend.stats.allocations;
    for (let i = 0; i < 50; i++) {
      assert.throws(() => sess.run(bad, feed), tf.errors.InvalidArgumentError);
      assert.deepEqual(sess.run(ok, feed).toArray(), [12, 27, 48, 75]);
    }
    assert.equal(cpuBackend.stats.live, live);
    assert.equal(cpuBackend.stats.allocations, allocations);
    assert.deepEqual(sess.run(v).toArray(), [1, 2, 3, 4]);
  });
});
