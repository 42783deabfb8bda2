// Gradients of gradients and tf.hessians; gradients with respect to ref variables and in graphs
// with control dependencies.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, expectClose, expectValueError, feed } from '../ops/helpers.js';

const value = (sess: tf.Session, t: tf.Tensor | null | undefined, feeds?: Map<unknown, unknown>): unknown => {
  assert.ok(t !== null && t !== undefined, 'the gradient is a tensor');
  return sess.run(t, feeds ?? null).toArray();
};

describe('second order', () => {
  test('d²/dx² of x³ is 6x (and d³/dx³ is 6)', () => {
    const { g, sess, out } = build(() => {
      const x = tf.placeholder('float64', [3], 'x');
      const y = tf.multiply(tf.multiply(x, x), x);
      const [d1] = tf.gradients(y, x);
      const [d2] = tf.gradients(d1, x);
      const [d3] = tf.gradients(d2, x);
      return { x, d1, d2, d3 };
    });
    const f = feed([out.x, [1, -2, 0.5]]);
    expectClose(value(sess, out.d1, f), [3, 12, 0.75]);
    expectClose(value(sess, out.d2, f), [6, -12, 3]);
    expectClose(value(sess, out.d3, f), [6, 6, 6]);
    // The second call differentiates the first call's ops, in scopes named after them.
    assert.ok(g.getOperations().some((o) => o.name.startsWith('gradients_1/gradients/')));
  });

  test('mixed partials: d/dw (dy/dx) for y = x²·w', () => {
    const { sess, out } = build(() => {
      const x = tf.constant(3, { dtype: 'float64' });
      const w = tf.constant(5, { dtype: 'float64' });
      const y = tf.multiply(tf.square(x), w);
      const [dx] = tf.gradients(y, x);
      return tf.gradients(dx, [x, w]);
    });
    assert.deepEqual(out.map((t) => value(sess, t)), [10, 6]);
  });
});

describe('tf.hessians', () => {
  test('the Hessian of sum(x³) is diag(6x), shaped x.shape + x.shape', () => {
    const { sess, out } = build(() => {
      const x = tf.placeholder('float32', [2, 2], 'x');
      return { x, h: tf.hessians(tf.multiply(tf.multiply(x, x), x), x) };
    });
    assert.equal(out.h.length, 1);
    assert.equal(out.h[0]?.shape.toString(), '(2, 2, 2, 2)');
    const xv = [
      [1, 2],
      [3, 4],
    ];
    const h = value(sess, out.h[0], feed([out.x, xv])) as number[][][][];
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 2; j++)
        for (let k = 0; k < 2; k++)
          for (let l = 0; l < 2; l++) expectClose(h[i]?.[j]?.[k]?.[l], i === k && j === l ? 6 * (xv[i]?.[j] as number) : 0);
  });

  test('off-diagonal terms: y = x0·x1 + x0² has Hessian [[2, 1], [1, 0]]; a linear term gives zero rows', () => {
    const { sess, out } = build(() => {
      const x = tf.placeholder('float64', [2], 'x');
      // y = xᵀ A x with A = [[1, 1], [0, 0]]: x0² + x0·x1, whose Hessian is A + Aᵀ.
      const a = tf.constant([[1, 1], [0, 0]], { dtype: 'float64' });
      const y = tf.matmul(tf.reshape(x, [1, 2]), tf.matmul(a, tf.reshape(x, [2, 1])));
      const lin = tf.multiply(x, tf.constant([3, 3], { dtype: 'float64' }));
      return { x, h: tf.hessians(y, x), hl: tf.hessians(lin, [x]) };
    });
    const f = feed([out.x, [2, 7]]);
    expectClose(value(sess, out.h[0], f), [
      [2, 1],
      [1, 0],
    ]);
    expectClose(value(sess, out.hl[0], f), [
      [0, 0],
      [0, 0],
    ]);
  });

  test('refuses an x of partly unknown shape, and an x the ys do not depend on', () => {
    build(() => {
      const x = tf.placeholder('float32', [null], 'x');
      expectValueError(
        () => tf.hessians(tf.square(x), x),
        `hessians needs a fully defined shape for Tensor("x:0", shape=(?,), dtype=float32): tensorgraph unrolls TensorFlow's while loop over its elements`,
      );
      const z = tf.placeholder('float32', [2], 'z');
      expectValueError(() => tf.hessians(tf.square(x), z), `hessians: ys do not depend on xs[0] (Tensor("z:0", shape=(2,), dtype=float32)): its gradient is None`);
    });
  });
});

describe('ref variables', () => {
  test('the gradient with respect to a variable flows through its read snapshot to the ref tensor', () => {
    const { sess, out } = build(() => {
      const v = new tf.Variable([1, 2], { name: 'v' });
      const loss = tf.multiply(v, v);
      return { init: tf.globalVariablesInitializer(), byVar: tf.gradients(loss, v), byRead: tf.gradients(loss, [v.value()]), zero: tf.gradients(tf.constant(1.0), v, { unconnectedGradients: 'zero' }), v };
    });
    sess.run(out.init);
    expectClose(value(sess, out.byVar[0]), [2, 4]);
    expectClose(value(sess, out.byRead[0]), [2, 4]);
    assert.equal(out.zero[0]?.name, 'zeros_like:0');
    expectClose(value(sess, out.zero[0]), [0, 0]);
    // The gradient follows the variable's value in this session.
    sess.run(out.v.assign([5, -1]));
    expectClose(value(sess, out.byVar[0]), [10, -2]);
  });

  test('a variable as y means its value', () => {
    const { sess, out } = build(() => {
      const v = new tf.Variable(3.0, { name: 'w' });
      return { init: tf.globalVariablesInitializer(), g: tf.gradients(v, v) };
    });
    sess.run(out.init);
    assert.equal(value(sess, out.g[0]), 1);
  });
});

describe('control dependencies', () => {
  test('the forward ops\' control dependencies do not leak into the gradient ops', () => {
    const { g, sess, out } = build(() => {
      const c = tf.placeholder('float32', [], 'c');
      const dep = tf.noOp('dep');
      const q = tf.controlDependencies([dep], () => tf.multiply(c, c, 'q'));
      return { c, q, gq: tf.gradients(q, c) };
    });
    assert.equal(out.q.op.controlInputs.length, 1);
    for (const op of g.getOperations()) if (op.name.startsWith('gradients/')) assert.deepEqual(op.controlInputs, [], op.name);
    assert.equal(value(sess, out.gq[0], feed([out.c, 2])), 4);
  });

  test('gradients built inside a controlDependencies block: only ops without inputs from the block get the control input', () => {
    const { g, sess, out } = build(() => {
      const c = tf.placeholder('float32', [], 'c');
      const d = tf.placeholder('float32', [], 'd');
      const q = tf.multiply(c, d, 'q');
      const dep = tf.noOp('dep');
      const gq = tf.controlDependencies([dep], () => tf.gradients(q, c));
      return { c, d, gq };
    });
    const ctl = (n: string) => g.getOperationByName(n).controlInputs.map((o) => o.name);
    assert.deepEqual(ctl('gradients/Shape'), ['dep']);
    assert.deepEqual(ctl('gradients/grad_ys_0/Const'), ['dep']);
    assert.deepEqual(ctl('gradients/grad_ys_0'), []);
    assert.equal(value(sess, out.gq[0], feed([out.c, 2], [out.d, 5])), 5);
  });

  const assignAddGradient = (backend: 'cpu' | 'wasm') => {
    const g = new tf.Graph();
    const out = g.asDefault(() => {
      const v = new tf.Variable(2.0, { name: 'counter' });
      const inc = tf.assignAdd(v, 1.0);
      const read = tf.controlDependencies([inc], () => tf.identity(v));
      const y = tf.multiply(read, read);
      return { init: tf.globalVariablesInitializer(), g: tf.gradients(y, read) };
    });
    using sess = new tf.Session({ graph: g, backend });
    sess.run(out.init);
    // The read sees the incremented value: d(r²)/dr = 2·3.
    assert.equal(value(sess, out.g[0]), 6);
  };
  test('a gradient through an assign_add with control deps on a variable read (cpu)', () => {
    assignAddGradient('cpu');
  });
  test('a gradient through an assign_add with control deps on a variable read (wasm)', () => {
    assignAddGradient('wasm');
  });
});

describe('functions (FuncGraph branches)', () => {
  test('inside a tf.cond branch, tf.gradients differentiates with respect to a captured outer tensor', () => {
    const { g, sess, out } = build(() => {
      const x = tf.placeholder('float32', [2], 'x');
      const p = tf.placeholder('bool', [], 'p');
      const r = tf.cond(
        p,
        () => tf.gradients(tf.square(x), x)[0] as tf.Tensor,
        () => tf.multiply(x, 0),
      );
      return { x, p, r: r as tf.Tensor };
    });
    expectClose(value(sess, out.r, feed([out.x, [1, 3]], [out.p, true])), [2, 6]);
    // The gradient ops live in the branch's function, not in the outer graph.
    assert.ok(g.getOperations().every((o) => !o.name.startsWith('gradients')));
    const branch = g.getFunction(g.functionNames()[0] as string) as tf.Graph;
    assert.ok(branch.getOperations().some((o) => o.name === 'gradients/Square_grad/Mul_1'));
  });

  test('differentiating through an If op builds a gradient If (test/ops/cond-grad.test.ts)', () => {
    const { sess, out } = build(() => {
      const x = tf.placeholder('float32', [2], 'x');
      const p = tf.placeholder('bool', [], 'p');
      const r = tf.cond(p, () => tf.square(x), () => x);
      return { x, p, d: tf.gradients(r, x)[0] as tf.Tensor };
    });
    assert.equal(out.d.op.name, 'gradients/cond_grad/If');
    expectClose(value(sess, out.d, feed([out.x, [1, 3]], [out.p, true])), [2, 6]);
    expectClose(value(sess, out.d, feed([out.x, [1, 3]], [out.p, false])), [1, 1]);
  });
});
