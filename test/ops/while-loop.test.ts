// tf.whileLoop (control flow v2): While / StatelessWhile ops with cond and body FuncGraphs; a loop
// counter and iteration limit lead the loop variables, as while_v2's. Names, attrs and messages
// checked against TensorFlow 2.21 (tf.compat.v1 with control flow v2).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cpuBackend } from '../../src/backends/cpu/backend.js';
import * as tf from '../../src/v1.js';
import { tfMessage } from '../runtime/helpers.js';
import { build, expectArray, parityBackend } from './helpers.js';

const int = (v: number, name?: string) => tf.constant(v, { dtype: 'int32', ...(name ? { name } : {}) });

describe('tf.whileLoop values', () => {
  test('a loop summing 1..10', () => {
    const { sess, out } = build(() =>
      tf.whileLoop(
        (i: tf.Tensor) => tf.less(i, 10),
        (i: tf.Tensor, s: tf.Tensor) => [tf.add(i, 1), tf.add(s, tf.add(i, 1))],
        [int(0), int(0)],
      ) as tf.Tensor[],
    );
    const [i, s] = sess.run(out) as tf.NDArray[];
    expectArray(i as tf.NDArray, 'int32', [], 10);
    expectArray(s as tf.NDArray, 'int32', [], 55);
  });

  test('a single loop variable comes back as a tensor (a list with returnSameStructure)', () => {
    const { sess, out } = build(() => ({
      t: tf.whileLoop((i: tf.Tensor) => tf.less(i, 3), (i: tf.Tensor) => tf.add(i, 1), [int(0)]) as tf.Tensor,
      l: tf.whileLoop((i: tf.Tensor) => tf.less(i, 3), (i: tf.Tensor) => [tf.add(i, 1)], [int(0)], null, 10, true, false, undefined, undefined, true) as tf.Tensor[],
    }));
    assert.ok(out.t instanceof tf.Tensor);
    assert.ok(Array.isArray(out.l) && out.l.length === 1);
    expectArray(sess.run(out.t), 'int32', [], 3);
  });

  test('optional parameters by name in a trailing options object', () => {
    const { sess, out, g } = build(() =>
      tf.whileLoop((i: tf.Tensor) => tf.less(i, 100), (i: tf.Tensor) => tf.add(i, 1), [int(0)], { maximumIterations: 3, name: 'opt' }) as tf.Tensor,
    );
    expectArray(sess.run(out), 'int32', [], 3);
    assert.equal(g.getOperationByName('opt').type, 'StatelessWhile');
  });

  test('maximumIterations stops the loop (an extra limit in the cond)', () => {
    const { sess, out, g } = build(() =>
      tf.whileLoop((i: tf.Tensor) => tf.less(i, 100), (i: tf.Tensor) => tf.add(i, 1), [int(0)], null, 10, true, false, 'wl', 5) as tf.Tensor,
    );
    expectArray(sess.run(out), 'int32', [], 5);
    const cond = g.getFunction(g.functionNames()[0] as string) as tf.FuncGraph;
    assert.deepEqual(cond.outputs.map((t) => t.op.type), ['LogicalAnd']);
  });

  test('tensor loop variables, captured outer tensors and a relaxed shape invariant', () => {
    const { sess, out } = build(() => {
      const step = tf.placeholder('float32', [], 'step');
      const r = tf.whileLoop(
        (i: tf.Tensor) => tf.less(i, 4),
        (i: tf.Tensor, x: tf.Tensor) => [tf.add(i, 1), tf.add(x, step)],
        [int(0), tf.zeros([2])],
        [new tf.TensorShape([]), new tf.TensorShape([null])],
      ) as tf.Tensor[];
      return { step, r };
    });
    assert.equal(out.r[1]?.shape.toString(), '(?,)');
    const [, x] = sess.run(out.r, new Map([[out.step, 0.5]])) as tf.NDArray[];
    expectArray(x as tf.NDArray, 'float32', [2], [2, 2]);
  });

  test('loop variables that swap or feed each other (the body reads one buffer set, writes the other)', () => {
    const { sess, out } = build(() => ({
      swap: tf.whileLoop(
        (i: tf.Tensor) => tf.less(i, 3),
        (i: tf.Tensor, a: tf.Tensor, b: tf.Tensor) => [tf.add(i, 1), b, a],
        [int(0), tf.constant([1, 2]), tf.constant([3, 4])],
      ) as tf.Tensor[],
      fib: tf.whileLoop(
        (i: tf.Tensor) => tf.less(i, 10),
        (i: tf.Tensor, a: tf.Tensor, b: tf.Tensor) => [tf.add(i, 1), b, tf.add(a, b)],
        [int(0), int(0), int(1)],
      ) as tf.Tensor[],
    }));
    for (let k = 0; k < 2; k++) {
      const [, a, b] = sess.run(out.swap) as tf.NDArray[];
      assert.deepEqual([a?.toArray(), b?.toArray()], [[3, 4], [1, 2]]);
      assert.deepEqual((sess.run(out.fib) as tf.NDArray[]).map((v) => v.item()), [10, 55, 89]);
    }
  });

  test('a cond nested inside the body', () => {
    const { sess, out } = build(() =>
      tf.whileLoop(
        (i: tf.Tensor) => tf.less(i, 6),
        (i: tf.Tensor, s: tf.Tensor) => [
          tf.add(i, 1),
          tf.cond(tf.less(i, 3), () => tf.add(s, 1), () => tf.add(s, 100)),
        ],
        [int(0), int(0)],
      ) as tf.Tensor[],
    );
    const [, s] = sess.run(out) as tf.NDArray[];
    expectArray(s as tf.NDArray, 'int32', [], 303);
  });

  test('an assignAdd in the body makes a While and updates the session\'s variable each iteration', () => {
    const { sess, out } = build(() => {
      const v = new tf.Variable(0, { name: 'v', dtype: 'float32' });
      const r = tf.whileLoop(
        (i: tf.Tensor) => tf.less(i, 4),
        (i: tf.Tensor) => tf.controlDependencies([tf.assignAdd(v, 1)], () => tf.add(i, 1)),
        [int(0)],
      ) as tf.Tensor;
      return { v, r, init: tf.globalVariablesInitializer() };
    });
    sess.run(out.init);
    assert.equal(out.r.op.inputs[0]?.op.type, 'While');
    expectArray(sess.run(out.r), 'int32', [], 4);
    expectArray(sess.run(out.v.value()), 'float32', [], 4);
  });

  test('a loop of 1000 iterations allocates no new backend buffers after warm-up', () => {
    const { sess, out } = build(() =>
      tf.whileLoop(
        (i: tf.Tensor) => tf.less(i, 1000),
        (i: tf.Tensor, x: tf.Tensor) => [tf.add(i, 1), tf.add(tf.multiply(x, 0.5), 1)],
        [int(0), tf.zeros([64])],
      ) as tf.Tensor[],
    );
    sess.run(out);
    sess.run(out);
    const before = cpuBackend.stats.allocations;
    const live = cpuBackend.stats.live;
    const [i, x] = sess.run(out) as tf.NDArray[];
    assert.equal(cpuBackend.stats.allocations - before, 0, 'no allocation in a warm run');
    assert.equal(cpuBackend.stats.live, live, 'nothing leaks');
    expectArray(i as tf.NDArray, 'int32', [], 1000);
    assert.ok(Math.abs(((x as tf.NDArray).toArray() as number[])[0] as number - 2) < 1e-6);
    const frees = cpuBackend.stats.frees;
    sess.close();
    assert.ok(cpuBackend.stats.frees > frees, 'closing the session frees the loop buffers and arenas');
  });
});

describe('run-time errors inside a loop', () => {
  test('name the inner op; the failed run releases what it held and the next run works', () => {
    const { sess, out } = build(() => {
      const n = tf.placeholder('float32', null, 'n');
      const r = tf.whileLoop(
        (i: tf.Tensor) => tf.less(i, 3),
        (i: tf.Tensor, x: tf.Tensor) => [tf.add(i, 1), tf.reshape(tf.add(x, n, { name: 'inner' }), [2])],
        [int(0), tf.zeros([2])],
      ) as tf.Tensor[];
      return { n, r };
    });
    const feedBad = new Map([[out.n, [1, 2, 3]]]);
    const isInner = (e: Error) => e instanceof tf.errors.InvalidArgumentError && e.op?.name === 'inner' && /\[\[\{\{node inner\}\}\]\]/.test(e.message);
    // The CPU reference session alone first: what it keeps is its arena and loop buffers.
    const live = cpuBackend.stats.live;
    assert.throws(() => sess.runReference(out.r[1] as tf.Tensor, feedBad), isInner);
    assert.equal(cpuBackend.stats.live - live <= 4, true, 'only the session\'s arena and loop buffers stay');
    // Then on both backends (the same error on wasm); a second failed run holds nothing more on either.
    assert.throws(() => sess.run(out.r[1] as tf.Tensor, feedBad), isInner);
    const after = [cpuBackend.stats.live, parityBackend()?.stats.live];
    assert.throws(() => sess.run(out.r[1] as tf.Tensor, feedBad), isInner);
    assert.deepEqual([cpuBackend.stats.live, parityBackend()?.stats.live], after, 'a failed run leaks nothing');
    expectArray(sess.run(out.r[1] as tf.Tensor, new Map([[out.n, 1]])), 'float32', [2], [3, 3]);
  });
});

describe('names, op types and attrs as TensorFlow', () => {
  test('wl/maximum_iterations, wl/loop_counter, StatelessWhile wl, wl/Identity..; wl_cond_N / wl_body_N', () => {
    const { g, out } = build(() =>
      tf.whileLoop((i: tf.Tensor) => tf.less(i, 10), (i: tf.Tensor) => tf.add(i, 1), [int(0, 'x')], null, 10, true, false, 'wl') as tf.Tensor,
    );
    assert.deepEqual(
      g.getOperations().map((o) => `${o.name}:${o.type}`),
      ['x:Const', 'wl/maximum_iterations:Const', 'wl/loop_counter:Const', 'wl:StatelessWhile', 'wl/Identity:Identity', 'wl/Identity_1:Identity', 'wl/Identity_2:Identity'],
    );
    assert.equal(out.name, 'wl/Identity_2:0');
    const w = g.getOperationByName('wl');
    assert.deepEqual(w.nodeInputs(), ['wl/loop_counter', 'wl/maximum_iterations', 'x']);
    assert.deepEqual(w.getAttr('T'), ['int32', 'int32', 'int32']);
    assert.equal(w.getAttr('parallel_iterations'), 10);
    const [c, b] = g.functionNames();
    assert.match(c ?? '', /^wl_cond_\d+$/);
    assert.match(b ?? '', /^wl_body_\d+$/);
    assert.equal(w.getAttr('cond'), c);
    assert.equal(w.getAttr('body'), b);
  });
});

describe('tf.whileLoop errors (TensorFlow\'s texts)', () => {
  test('callables, shape invariants, dtypes and structures', () => {
    build(() => {
      const i = int(0);
      assert.throws(() => tf.whileLoop(1, (x: tf.Tensor) => x, [i]), (e: unknown) => e instanceof TypeError && tfMessage(e) === "'cond' must be callable.");
      assert.throws(() => tf.whileLoop((x: tf.Tensor) => tf.less(x, 1), 1, [i]), (e: unknown) => e instanceof TypeError && tfMessage(e) === "'body' must be callable.");
      assert.throws(
        () => tf.whileLoop((x: tf.Tensor) => tf.less(x, 10), () => tf.zeros([2], 'int32'), [i]),
        (e: Error) =>
          e instanceof tf.ValueError &&
          e.message.startsWith(
            'Input tensor `Const:0` enters the loop with shape (), but has shape (2,) after one iteration. To allow the shape to vary across iterations, use the `shape_invariants` argument of tf.while_loop to specify a less-specific shape.',
          ),
      );
      assert.throws(
        () => tf.whileLoop((x: tf.Tensor) => tf.less(x, 10), () => tf.constant(1.5), [i]),
        (e: Error) =>
          e instanceof TypeError &&
          e.message.startsWith("Loop var Const:0 enters the loop with type <dtype: 'int32'> but has type <dtype: 'float32'> after 1 iteration. Const:0 type should remain constant."),
      );
      assert.throws(
        () => tf.whileLoop((x: tf.Tensor) => tf.less(x, 10), (x: tf.Tensor) => [x, x], [i]),
        (e: Error) => e instanceof tf.ValueError && e.message.startsWith("The two structures don't have the same nested structure."),
      );
    });
  });
});
