// tf.gradients: values, names and errors of TensorFlow's _GradientsHelper (spec §I 112–118).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type ExecutionContext, pushContext } from '../../src/ops/context.js';
import { preventGradient } from '../../src/ops/defs/array/stop-gradient.js';
import * as tf from '../../src/v1.js';
import { build, expectClose, expectTypeError, expectValueError, feed } from '../ops/helpers.js';
import { tfMessage } from '../runtime/helpers.js';
import { badGrad, noGrad, twoOutputs, twoOutputsSeen } from './test-ops.js';

const value = (sess: tf.Session, t: tf.Tensor | null | undefined, feeds?: Map<unknown, unknown>): unknown => {
  assert.ok(t !== null && t !== undefined, 'the gradient is a tensor');
  return sess.run(t, feeds ?? null).toArray();
};

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  assert.fail('expected the call to throw');
}

const NO_GRADIENT =
  "No gradient defined for operation'ng' (op type: AutodiffTestNoGrad). In general every operation must have an associated " +
  '`@tf.RegisterGradient` for correct autodiff, which this op is lacking. If you want to pretend this operation is a constant ' +
  'in your program, you may insert `tf.stop_gradient`. This can be useful to silence the error in cases where you know ' +
  'gradients are not needed, e.g. the forward pass of tf.custom_gradient. Please see more details in ' +
  'https://www.tensorflow.org/api_docs/python/tf/custom_gradient.';

describe('tf.gradients: the sum over ys, one entry per x (§112)', () => {
  test('fan-out is summed with AddN; values are d(sum y)/dx', () => {
    const { sess, out } = build(() => {
      const x = tf.placeholder('float32', [2, 3], 'x');
      const w = tf.placeholder('float32', [3], 'w');
      const y = tf.add(tf.multiply(tf.square(x), w), x);
      return { x, w, gs: tf.gradients(y, [x, w]) };
    });
    const { x, w, gs } = out;
    assert.equal(gs.length, 2);
    const xv = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const wv = [0.5, -1, 2];
    const f = feed([x, xv], [w, wv]);
    expectClose(value(sess, gs[0], f), xv.map((r) => r.map((v, j) => 2 * v * (wv[j] as number) + 1)));
    expectClose(value(sess, gs[1], f), [0, 1, 2].map((j) => xv.reduce((s, r) => s + (r[j] as number) ** 2, 0)));
    assert.equal(gs[0]?.op.type, 'AddN');
    assert.equal(gs[0]?.name, 'gradients/AddN:0');
  });

  test('a single x (not an array) still gives a list; several ys are summed', () => {
    const { sess, out } = build(() => {
      const x = tf.constant(3, { dtype: 'float64' });
      const y1 = tf.multiply(x, x);
      const y2 = tf.multiply(x, 5);
      return { one: tf.gradients(y1, x), both: tf.gradients([y1, y2], x) };
    });
    assert.equal(out.one.length, 1);
    assert.equal(value(sess, out.one[0]), 6);
    assert.equal(value(sess, out.both[0]), 11);
  });

  test('default grad_ys are ones of y\'s shape: Fill(Shape, 1) named grad_ys_<i>; a Shape op when y\'s shape is partly unknown', () => {
    const { g, sess, out } = build(() => {
      const x = tf.placeholder('float32', [null], 'x');
      return { x, gx: tf.gradients(x, x) };
    });
    const fill = g.getOperationByName('gradients/grad_ys_0');
    assert.equal(fill.type, 'Fill');
    assert.equal(g.getOperationByName('gradients/Shape').type, 'Shape');
    assert.equal(g.getOperationByName('gradients/grad_ys_0/Const').type, 'Const');
    assert.equal(out.gx[0], fill.outputs[0]);
    assert.deepEqual(value(sess, out.gx[0], feed([out.x, [5, 6, 7]])), [1, 1, 1]);
  });

  test('given grad_ys weight each y; JS values are converted (grad_y_<i>) and pass through an Identity grad_ys_<i>', () => {
    const { g, sess, out } = build(() => {
      const x = tf.constant([1, 2], { dtype: 'float32' });
      const y = tf.multiply(x, x);
      return tf.gradients(y, x, [[10, 100]]);
    });
    expectClose(value(sess, out[0]), [20, 400]);
    assert.equal(g.getOperationByName('gradients/grad_y_0').type, 'Const');
    assert.equal(g.getOperationByName('gradients/grad_ys_0').type, 'Identity');
  });

  test('a grad_ys length mismatch is a ValueError', () => {
    build(() => {
      const x = tf.placeholder('float32', [], 'x');
      expectValueError(() => tf.gradients(x, x, [x, x]), 'Length mismatch. Passed 2 grad_ys for 1 ys');
    });
  });

  test('grad_ys of a non-number dtype, and ys that are not numbers, are TypeErrors', () => {
    build(() => {
      const c = tf.placeholder('float32', [], 'c');
      const q = tf.multiply(c, 3, 'mul_3');
      expectTypeError(
        () => tf.gradients(q, c, tf.constant(true)),
        'Gradient type bool generated for real or integer-valued tensor Tensor("mul_3:0", shape=(), dtype=float32) with type float32 must be real or integer',
      );
      const b = tf.constant([true], { name: 'b' });
      expectTypeError(() => tf.gradients(b, c, tf.constant([true])), 'Tensor Tensor("b:0", shape=(1,), dtype=bool) with type bool must be numeric to obtain a default gradient');
      // Without grad_ys a bool y seeds ones (True) and simply reaches no x.
      assert.deepEqual(tf.gradients(b, c), [null]);
    });
  });

  test('the gradient of x with respect to itself is the seed; an x listed twice gets the same tensor', () => {
    const { sess, out } = build(() => {
      const x = tf.placeholder('float32', [2], 'x');
      const y = tf.multiply(x, x);
      return { x, self: tf.gradients(x, x), twice: tf.gradients(y, [x, x]), both: tf.gradients([x, y], [x, y]) };
    });
    assert.equal(out.self[0]?.name, 'gradients/grad_ys_0:0');
    assert.equal(out.twice[0], out.twice[1]);
    const f = feed([out.x, [1, 2]]);
    expectClose(value(sess, out.twice[0], f), [2, 4]);
    expectClose(value(sess, out.both[0], f), [3, 5]);
    expectClose(value(sess, out.both[1], f), [1, 1]);
  });
});

describe('unconnected and integer paths (§113)', () => {
  test('an unconnected x gives null; unconnectedGradients "zero" gives zeros_like(x), outside the gradients scope', () => {
    const { sess, out } = build(() => {
      const x = tf.placeholder('float32', [2], 'x');
      const z = tf.placeholder('float32', [2, 2], 'z');
      const y = tf.multiply(x, 2);
      return { x, none: tf.gradients(y, [z, x]), zero: tf.gradients(y, [z, x], { unconnectedGradients: 'zero' }) };
    });
    assert.equal(out.none[0], null);
    assert.ok(out.none[1] !== null);
    assert.equal(out.zero[0]?.name, 'zeros_like:0');
    assert.deepEqual(value(sess, out.zero[0], new Map<unknown, unknown>([[out.x, [1, 1]], ['z:0', [[1, 2], [3, 4]]]])), [
      [0, 0],
      [0, 0],
    ]);
    expectClose(value(sess, out.zero[1], feed([out.x, [1, 1]])), [2, 2]);
  });

  test('an unknown unconnectedGradients value is a ValueError', () => {
    build(() => {
      const x = tf.placeholder('float32', [], 'x');
      expectValueError(() => tf.gradients(x, x, { unconnectedGradients: 'foo' as 'zero' }), "Unknown value for unconnected_gradients: 'foo'");
    });
  });

  test('a path through an integer tensor carries no gradient', () => {
    const { sess, out } = build(() => {
      const a = tf.placeholder('float32', [], 'a');
      const i = tf.cast(a, 'int32');
      const y = tf.multiply(tf.cast(i, 'float32'), a);
      return { a, g: tf.gradients(y, a), gi: tf.gradients(tf.cast(i, 'float32'), a) };
    });
    // Only the direct factor a contributes: d(cast(cast(a))·a)/da through a alone = cast(cast(a)).
    assert.equal(value(sess, out.g[0], feed([out.a, 2.5])), 2);
    assert.deepEqual(out.gi, [null]);
  });

  test('a NotDifferentiable op (grad null) propagates null', () => {
    build(() => {
      const x = tf.placeholder('float32', [3], 'x');
      const y = tf.add(tf.zerosLike(x), 1);
      assert.deepEqual(tf.gradients(y, x), [null]);
      assert.deepEqual(tf.gradients(tf.stopGradient(x), x), [null]);
    });
  });
});

describe('stop gradients (§114)', () => {
  test('tf.stopGradient blocks backprop; its op is StopGradient named as given', () => {
    const { sess, out } = build(() => {
      const x = tf.placeholder('float32', [], 'x');
      const s = tf.stopGradient(tf.multiply(x, x), 'sg');
      return { x, s, g: tf.gradients(tf.add(s, tf.multiply(x, 3)), x) };
    });
    assert.equal(out.s.op.type, 'StopGradient');
    assert.equal(out.s.op.name, 'sg');
    assert.equal(value(sess, out.g[0], feed([out.x, 4])), 3);
    assert.equal(sess.run(out.s, feed([out.x, 4])).item(), 16);
  });

  test('stop_gradients: a = 0, b = 2a: d(a+b)/d[a, b] is [3, 1], and [1, 1] with stop_gradients [a, b]', () => {
    const { sess, out } = build(() => {
      const a = tf.constant(0.0);
      const b = tf.multiply(2, a);
      return { plain: tf.gradients(tf.add(a, b), [a, b]), stopped: tf.gradients(tf.add(a, b), [a, b], { stopGradients: [a, b] }) };
    });
    assert.deepEqual(out.plain.map((t) => value(sess, t)), [3, 1]);
    assert.deepEqual(out.stopped.map((t) => value(sess, t)), [1, 1]);
  });

  test('stop_gradients on an intermediate tensor treats it as a constant', () => {
    const { sess, out } = build(() => {
      const x = tf.constant(2.0);
      const h = tf.multiply(x, x);
      const y = tf.add(tf.multiply(h, x), x);
      return tf.gradients(y, x, { stopGradients: h });
    });
    assert.equal(value(sess, out[0]), 5);
  });
});

describe('fan-out and aggregation (§115)', () => {
  test('a tensor used by several ops sums their gradients; EXPERIMENTAL_TREE sums pairwise', () => {
    const { g, sess, out } = build(() => {
      const x = tf.constant([1, 2, 3], { dtype: 'float64' });
      const y = tf.multiply(tf.multiply(x, x), x);
      return { addN: tf.gradients(y, x), tree: tf.gradients(y, x, { aggregationMethod: tf.AggregationMethod.EXPERIMENTAL_TREE }) };
    });
    assert.deepEqual(value(sess, out.addN[0]), [3, 12, 27]);
    assert.deepEqual(value(sess, out.tree[0]), [3, 12, 27]);
    assert.equal(out.addN[0]?.op.inputs.length, 3);
    assert.ok(g.getOperations().some((o) => o.name === 'gradients_1/Const_gradient_sum/AddN_1'));
  });

  test('an invalid aggregation method is a ValueError', () => {
    build(() => {
      const x = tf.placeholder('float32', [], 'x');
      expectValueError(
        () => tf.gradients(tf.multiply(x, x), x, { aggregationMethod: 7 }),
        'Invalid `aggregation_method` specified 7. Accepted values are [0, 1, 2].',
      );
    });
  });

  test('an op output nobody differentiates gets zeros when trainable, null when integer', () => {
    build(() => {
      const x = tf.placeholder('float32', [2], 'x');
      const [a] = twoOutputs(x) as [tf.Tensor];
      tf.gradients(a, x);
      const [da, db, dc] = twoOutputsSeen.dys;
      assert.equal(da?.name, 'gradients/grad_ys_0:0');
      assert.equal(db?.op.type, 'ZerosLike');
      assert.equal(db?.name, 'gradients/zeros_like:0');
      assert.equal(dc, null);
    });
  });
});

describe('ops without gradients (§116)', () => {
  test('an op with no gradient on the path is a LookupError; off the path it is fine', () => {
    build(() => {
      const x = tf.placeholder('float32', [2], 'x');
      const y = noGrad(tf.multiply(x, x), 'ng');
      const e = errorOf(() => tf.gradients(y, x));
      assert.ok(e instanceof tf.LookupError, String(e));
      assert.equal(e.message, NO_GRADIENT);
      const other = tf.placeholder('float32', [2], 'other');
      assert.deepEqual(tf.gradients(y, other), [null]);
      assert.deepEqual(tf.gradients(tf.add(y, 1), x, { stopGradients: [y] }), [null]);
    });
  });

  test('PreventGradient raises LookupError with its message', () => {
    build(() => {
      const a = tf.placeholder('float32', [], 'a');
      const e = errorOf(() => tf.gradients(preventGradient(a, 'nope'), a));
      assert.ok(e instanceof tf.LookupError);
      assert.equal(e.message, "Gradient explicitly disabled. Reason: b'nope'");
      assert.equal(errorOf(() => tf.gradients(preventGradient(a), a)).message, "Gradient explicitly disabled. Reason: b''");
    });
  });

  test('a gradient function returning the wrong number of gradients is a ValueError', () => {
    build(() => {
      const x = tf.placeholder('float32', [2], 'x');
      const e = errorOf(() => tf.gradients(badGrad(x), x));
      assert.ok(e instanceof tf.ValueError);
      assert.match(tfMessage(e), /^Num gradients 2 generated for op name: "AutodiffTestBadGrad"[\s\S]* do not match num inputs 1$/);
    });
  });

  test('a failed call leaves the graph as it was and usable; the scope name stays taken', () => {
    const { g, sess, out } = build(() => {
      const x = tf.placeholder('float32', [2], 'x');
      const y = noGrad(tf.multiply(x, x), 'ng');
      const before = g0().getOperations().length;
      assert.throws(() => tf.gradients(y, x), tf.LookupError);
      assert.equal(g0().getOperations().length, before);
      return { x, gx: tf.gradients(tf.multiply(x, x), x) };
    });
    assert.equal(out.gx[0]?.op.name, 'gradients_1/AddN');
    assert.ok(g.getOperations().every((o) => !o.name.startsWith('gradients/')));
    expectClose(value(sess, out.gx[0], feed([out.x, [1, 3]])), [2, 6]);
  });
});

const g0 = () => tf.getDefaultGraph();

describe('names and shapes (§117)', () => {
  test('gradient ops live in gradients/<op>_grad/, uniquified per call; a name option replaces the scope', () => {
    const { g } = build(() => {
      const x = tf.placeholder('float32', [2], 'x');
      const y = tf.square(x);
      tf.gradients(y, x);
      tf.gradients(y, x);
      tf.gradients(y, x, { name: 'mine' });
    });
    const names = g.getOperations().map((o) => o.name);
    for (const n of ['gradients/Square_grad/Mul_1', 'gradients_1/Square_grad/Mul_1', 'mine/Square_grad/Mul_1']) assert.ok(names.includes(n), n);
  });

  test('each input gradient gets the input\'s static shape; a conflicting one is a ValueError', () => {
    build(() => {
      const c = tf.placeholder('float32', [], 'c');
      const q = tf.multiply(c, 3, 'mul_3');
      expectValueError(
        () => tf.gradients(q, c, tf.constant([1, 2], { dtype: 'float32' })),
        'Incompatible shapes between op input and calculated input gradient. Forward operation: mul_3. Input index: 0. Original input shape: (). Calculated input gradient shape: (2,)',
      );
      const x = tf.placeholder('float32', [2, 3], 'x');
      const gy = tf.placeholder('float32', null, 'gy');
      const [gx] = tf.gradients(tf.identity(x), x, gy);
      assert.equal(gx?.shape.toString(), '(2, 3)');
    });
  });

  test('colocateGradientsWithOps colocates each gradient op with its forward op', () => {
    const { out } = build(() => {
      const x = tf.placeholder('float32', [2], 'x');
      const y = tf.multiply(x, x, 'm');
      return tf.gradients(y, x, { colocateGradientsWithOps: true });
    });
    const addN = out[0]?.op as tf.Operation;
    assert.deepEqual(addN.colocationGroups(), ['loc:@m']);
    assert.deepEqual((addN.inputs[0] as tf.Tensor).op.colocationGroups(), ['loc:@m']);
  });

  test('gateGradients: the gradients of an op with several go through tuple/control_dependency after one NoOp', () => {
    const { g, sess, out } = build(() => {
      const x = tf.constant([1, 2], { dtype: 'float32' });
      const w = tf.constant([3, 4], { dtype: 'float32' });
      return tf.gradients(tf.multiply(x, w, 'm'), [x, w], { gateGradients: true });
    });
    const gate = g.getOperationByName('gradients/m_grad/tuple/group_deps');
    assert.equal(gate.type, 'NoOp');
    assert.deepEqual(out.map((t) => t?.name), ['gradients/m_grad/tuple/control_dependency:0', 'gradients/m_grad/tuple/control_dependency_1:0']);
    assert.deepEqual(out[0]?.op.controlInputs, [gate]);
    assert.deepEqual(out.map((t) => value(sess, t)), [
      [3, 4],
      [1, 2],
    ]);
  });
});

describe('eager mode (§118)', () => {
  test('tf.gradients refuses to run eagerly', () => {
    const pop = pushContext({ kind: 'eager', eager: true } as unknown as ExecutionContext);
    try {
      const e = errorOf(() => tf.gradients([], []));
      assert.ok(e instanceof tf.RuntimeError);
      assert.equal(e.message, 'tf.gradients is not supported when eager execution is enabled. Use tf.GradientTape instead.');
    } finally {
      pop();
    }
  });
});
