// tf.cond (control flow v2): If / StatelessIf ops with branch FuncGraphs in the graph's library;
// only the taken branch runs (item 101). Names, attrs and messages checked against TensorFlow 2.21
// (tf.compat.v1 with control flow v2).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { tfMessage } from '../runtime/helpers.js';
import { build, capture, expectArray } from './helpers.js';

const feedP = (p: tf.Tensor, v: boolean) => new Map<unknown, unknown>([[p, v]]);

describe('tf.cond values', () => {
  test('scalar outputs: the taken branch computes', () => {
    const { sess, out } = build(() => {
      const p = tf.placeholder('bool', [], 'p');
      const x = tf.constant(2, { name: 'x', dtype: 'float32' });
      return { p, r: tf.cond(p, () => tf.add(x, 1), () => tf.multiply(x, 3)) as tf.Tensor };
    });
    expectArray(sess.run(out.r, feedP(out.p, true)), 'float32', [], 3);
    expectArray(sess.run(out.r, feedP(out.p, false)), 'float32', [], 6);
  });

  test('tensor and nested outputs keep the functions\' structure; branch shapes merge', () => {
    const { sess, out } = build(() => {
      const p = tf.placeholder('bool', [], 'p');
      const x = tf.constant([1, 2], { name: 'x', dtype: 'int32' });
      const r = tf.cond(
        p,
        () => ({ a: tf.add(x, 1), b: [x, tf.constant(7, { dtype: 'int32' })] }),
        () => ({ a: tf.multiply(x, 10), b: [tf.negative(x), tf.constant(8, { dtype: 'int32' })] }),
      ) as { a: tf.Tensor; b: tf.Tensor[] };
      const s = tf.cond(p, () => tf.zeros([2, 3]), () => tf.zeros([2, 4])) as tf.Tensor;
      return { p, r, s };
    });
    assert.equal(out.s.shape.toString(), '(2, ?)');
    const [a, b0, b1] = sess.run([out.r.a, out.r.b[0] as tf.Tensor, out.r.b[1] as tf.Tensor], feedP(out.p, false));
    expectArray(a as tf.NDArray, 'int32', [2], [10, 20]);
    expectArray(b0 as tf.NDArray, 'int32', [2], [-1, -2]);
    expectArray(b1 as tf.NDArray, 'int32', [], 8);
    expectArray(sess.run(out.s, feedP(out.p, true)), 'float32', [2, 3], [[0, 0, 0], [0, 0, 0]]);
  });

  test('captured outer tensors become inputs of If, in capture order', () => {
    const { sess, out } = build(() => {
      const p = tf.placeholder('bool', [], 'p');
      const x = tf.placeholder('float32', [], 'x');
      const y = tf.constant(10, { name: 'y', dtype: 'float32' });
      return { p, x, r: tf.cond(p, () => tf.add(x, y), () => tf.subtract(y, 1)) as tf.Tensor };
    });
    const ifOp = out.r.op.inputs[0]?.op as tf.Operation;
    assert.deepEqual(ifOp.nodeInputs(), ['p', 'x', 'y']);
    const feeds = new Map<unknown, unknown>([
      [out.p, true],
      [out.x, 5],
    ]);
    expectArray(sess.run(out.r, feeds), 'float32', [], 15);
    feeds.set(out.p, false);
    expectArray(sess.run(out.r, feeds), 'float32', [], 9);
  });

  test('a cond nested in a branch captures the outer graph\'s tensors through both functions', () => {
    const { sess, out } = build(() => {
      const p = tf.placeholder('bool', [], 'p');
      const q = tf.placeholder('bool', [], 'q');
      const x = tf.placeholder('float32', [], 'x');
      const r = tf.cond(p, () => tf.cond(q, () => tf.add(x, 1), () => tf.add(x, 2)), () => tf.multiply(x, 10)) as tf.Tensor;
      return { p, q, x, r };
    });
    assert.deepEqual(out.r.op.inputs[0]?.op.nodeInputs(), ['p', 'q', 'x']);
    const run = (p: boolean, q: boolean) =>
      (
        sess.run(
          out.r,
          new Map<unknown, unknown>([
            [out.p, p],
            [out.q, q],
            [out.x, 1],
          ]),
        ) as tf.NDArray
      ).item();
    assert.deepEqual([run(true, true), run(true, false), run(false, true)], [2, 3, 10]);
  });

  test('strict and name by position or in a trailing options object', () => {
    const { g, sess, out } = build(() => ({
      strict: tf.cond(tf.constant(true), () => [tf.constant(1)], () => [tf.constant(2)], { strict: true, name: 'c1' }) as tf.Tensor[],
      named: tf.cond(tf.constant(false), () => tf.constant(1), () => tf.constant(2), false, 'c2') as tf.Tensor,
    }));
    assert.ok(Array.isArray(out.strict), 'strict keeps the one-element list');
    assert.equal(g.getOperationByName('c1').type, 'StatelessIf');
    assert.equal(out.named.name, 'c2/Identity:0');
    assert.equal((sess.run(out.named) as tf.NDArray).item(), 2);
  });

  test('a non-strict one-element list result is its element', () => {
    const { sess, out } = build(() => tf.cond(tf.constant(true), () => [tf.constant(1, { dtype: 'int32' })], () => [tf.constant(2, { dtype: 'int32' })]) as tf.Tensor);
    expectArray(sess.run(out), 'int32', [], 1);
  });
});

describe('only the taken branch runs (item 101)', () => {
  test('a Print inside the untaken branch does not print; one created outside always does', () => {
    const { sess, out } = build(() => {
      const p = tf.placeholder('bool', [], 'p');
      const x = tf.constant(1, { name: 'x', dtype: 'float32' });
      const outside = tf.Print(x, [x], 'outside');
      const r = tf.cond(
        p,
        () => tf.Print(x, [x], 'then'),
        () => tf.add(outside, 1),
      ) as tf.Tensor;
      const r2 = tf.cond(p, () => tf.add(outside, 1), () => tf.identity(x)) as tf.Tensor;
      return { p, r, r2 };
    });
    assert.equal(capture('stderr', () => sess.run(out.r2, feedP(out.p, false))), 'outside[1]\n');
    assert.equal(capture('stderr', () => sess.run(out.r, feedP(out.p, true))), 'outside[1]\nthen[1]\n');
    const { sess: s2, out: o2 } = build(() => {
      const p = tf.placeholder('bool', [], 'p');
      const x = tf.constant(1, { name: 'x', dtype: 'float32' });
      return { p, r: tf.cond(p, () => tf.Print(x, [x], 'then'), () => tf.Print(x, [x], 'else')) as tf.Tensor };
    });
    assert.equal(capture('stderr', () => s2.run(o2.r, feedP(o2.p, true))), 'then[1]\n');
    assert.equal(capture('stderr', () => s2.run(o2.r, feedP(o2.p, false))), 'else[1]\n');
    // `outside` feeds the If as a captured input: it runs whichever branch is taken.
    assert.equal(capture('stderr', () => sess.run(out.r, feedP(out.p, false))), 'outside[1]\n');
  });

  test('an assignAdd in the taken branch updates the session\'s variable; the untaken one does not run', () => {
    const { sess, out } = build(() => {
      const p = tf.placeholder('bool', [], 'p');
      const v = new tf.Variable(0, { name: 'v', dtype: 'float32' });
      const r = tf.cond(p, () => tf.assignAdd(v, 1), () => tf.identity(v)) as tf.Tensor;
      return { p, v, r, init: tf.globalVariablesInitializer() };
    });
    sess.run(out.init);
    expectArray(sess.run(out.r, feedP(out.p, true)), 'float32', [], 1);
    expectArray(sess.run(out.r, feedP(out.p, true)), 'float32', [], 2);
    expectArray(sess.run(out.r, feedP(out.p, false)), 'float32', [], 2);
    expectArray(sess.run(out.v.value()), 'float32', [], 2);
    assert.equal(out.r.op.inputs[0]?.op.type, 'If', 'a stateful branch makes an If');
  });
});

describe('the classic bug (item 101): an assign created outside the branch runs whichever is taken', () => {
  test('assignAdd built before tf.cond and used only by the true branch', () => {
    const { sess, out } = build(() => {
      const p = tf.placeholder('bool', [], 'p');
      const v = new tf.Variable(0, { name: 'v', dtype: 'float32' });
      const inc = tf.assignAdd(v, 1);
      const r = tf.cond(p, () => tf.identity(inc), () => tf.constant(-1)) as tf.Tensor;
      return { p, v, r, init: tf.globalVariablesInitializer() };
    });
    sess.run(out.init);
    expectArray(sess.run(out.r, feedP(out.p, false)), 'float32', [], -1);
    expectArray(sess.run(out.r, feedP(out.p, false)), 'float32', [], -1);
    expectArray(sess.run(out.v.value()), 'float32', [], 2);
  });
});

describe('names, op types and attrs as TensorFlow', () => {
  test('StatelessIf named after the scope, cond/Identity outputs, cond_true_N / cond_false_N functions', () => {
    const { g, out } = build(() => {
      const p = tf.placeholder('bool', [], 'p');
      const x = tf.constant(2, { name: 'x', dtype: 'float32' });
      return tf.cond(p, () => tf.add(x, 1), () => tf.multiply(x, 3)) as tf.Tensor;
    });
    assert.equal(out.name, 'cond/Identity:0');
    const ifOp = g.getOperationByName('cond');
    assert.equal(ifOp.type, 'StatelessIf');
    const [t, f] = g.functionNames();
    assert.match(t ?? '', /^cond_true_\d+$/);
    assert.match(f ?? '', /^cond_false_\d+$/);
    assert.equal(ifOp.getAttr('then_branch'), t);
    assert.deepEqual(ifOp.getAttr('Tout'), ['float32']);
    assert.deepEqual(ifOp.getAttr('Tin'), ['float32']);
    assert.equal(ifOp.getAttr('Tcond'), 'bool');
    assert.match(String(ifOp), new RegExp(`key: "then_branch"\\n  value \\{\\n    func \\{\\n      name: "${t}"\\n    \\}\\n  \\}`));
    const fn = g.getFunction(t as string) as tf.FuncGraph;
    assert.deepEqual(
      fn.getOperations().map((o) => o.type),
      ['Placeholder', 'Const', 'AddV2'],
      'the branch\'s ops belong to its FuncGraph',
    );
    assert.ok(!g.getOperations().some((o) => o.type === 'AddV2'));
  });
});

describe('tf.cond errors (TensorFlow\'s texts)', () => {
  test('callables and pred', () => {
    build(() => {
      const p = tf.placeholder('bool', [], 'p');
      assert.throws(() => tf.cond(p, 1, () => p), (e: unknown) => e instanceof TypeError && tfMessage(e) === "'true_fn' must be callable.");
      assert.throws(() => tf.cond(p, () => p, 1), (e: unknown) => e instanceof TypeError && tfMessage(e) === "'false_fn' must be callable.");
      assert.throws(() => tf.cond(true, () => p, () => p), (e: unknown) => e instanceof TypeError && tfMessage(e) === 'pred must not be a Python bool');
    });
  });

  test('branch output mismatch: dtypes and structures', () => {
    build(() => {
      const p = tf.placeholder('bool', [], 'p');
      const x = tf.constant(2, { name: 'x', dtype: 'float32' });
      assert.throws(
        () => tf.cond(p, () => x, () => tf.constant(1, { dtype: 'int32' })),
        (e: Error) =>
          e instanceof TypeError &&
          e.message.startsWith(
            'true_fn and false_fn arguments to tf.cond must have the same number, type, and overall structure of return values.\n\n' +
              'true_fn output: Tensor("x:0", shape=(), dtype=float32)\nfalse_fn output: Tensor("Const:0", shape=(), dtype=int32)\n\n' +
              'Error details:\nTensor("x:0", shape=(), dtype=float32) and Tensor("Const:0", shape=(), dtype=int32) have different types\n',
          ),
      );
      assert.throws(
        () => tf.cond(p, () => ({ a: x }), () => ({ b: x })),
        (e: Error) => e instanceof TypeError && /\n\nError details:\nThe two dictionaries don't have the same set of keys\.\n/.test(e.message),
      );
    });
  });

  test('an error inside a branch names the inner op and where it was created', () => {
    const { sess, out } = build(() => {
      const p = tf.placeholder('bool', [], 'p');
      const x = tf.placeholder('float32', null, 'x');
      return { p, x, r: tf.cond(p, () => tf.reshape(x, [3], { name: 'inner' }), () => x) as tf.Tensor };
    });
    const feeds = new Map<unknown, unknown>([
      [out.p, true],
      [out.x, [1, 2]],
    ]);
    assert.throws(
      () => sess.run(out.r, feeds),
      (e: Error) =>
        e instanceof tf.errors.InvalidArgumentError &&
        e.op?.name === 'inner' &&
        /\[\[\{\{node inner\}\}\]\]\nOp 'inner' \(Reshape\) was created at .*test\/ops\/cond\.test/.test(e.message),
    );
    feeds.set(out.p, false);
    expectArray(sess.run(out.r, feeds), 'float32', [2], [1, 2]);
  });
});
