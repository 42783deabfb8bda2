// Conformance: AddN (tf.addN / tf.math.addN), StopGradient (tf.stopGradient) and PreventGradient.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getOpDef } from '../../src/ops/registry.js';
import { preventGradient } from '../../src/ops/defs/array/stop-gradient.js';
import * as tf from '../../src/v1.js';
import { build, checkGradient, evalT, expectArray, expectOpError, expectTypeError, expectValueError, f32, feed } from './helpers.js';

describe('AddN (tf.addN)', () => {
  test('values for the number dtypes, integers wrapping like C++', () => {
    expectArray(evalT(() => tf.addN([[1.5, 2], [0.25, -1], [1, 1]])), 'float32', [2], [2.75, 2]);
    expectArray(evalT(() => tf.addN([tf.constant([0.1], 'float64'), tf.constant([0.2], 'float64')])), 'float64', [1], [0.1 + 0.2]);
    expectArray(evalT(() => tf.addN([tf.constant([1, 2], 'uint8'), tf.constant([255, 2], 'uint8')])), 'uint8', [2], [0, 4]);
    expectArray(evalT(() => tf.addN([tf.constant([2147483647], 'int32'), tf.constant([1], 'int32')])), 'int32', [1], [-2147483648]);
    expectArray(evalT(() => tf.addN([tf.constant([1n, 2n]), tf.constant([3n, -4n]), tf.constant([5n, 6n])])), 'int64', [2], [9n, 4n]);
    for (const dt of ['float16', 'int8', 'int16', 'uint16', 'uint32', 'uint64'] as const) {
      const r = evalT(() => tf.addN([tf.constant([1, 2], dt), tf.constant([1, 3], dt)]));
      assert.equal(r.dtype, dt);
      assert.deepEqual((r.toArray() as unknown[]).map(Number), [2, 5], dt);
    }
    assert.equal(evalT(() => tf.addN([0.1, 0.2])).item(), f32(f32(0.1) + f32(0.2)));
  });

  test('edge shapes: scalars, empty tensors, many inputs', () => {
    expectArray(evalT(() => tf.addN([tf.zeros([0, 3]), tf.zeros([0, 3])])), 'float32', [0, 3], []);
    expectArray(evalT(() => tf.addN(Array.from({ length: 7 }, (_, i) => tf.constant(i + 1, 'float64')))), 'float64', [], 28);
  });

  test('static shape: all inputs merged, from the last to the first', () => {
    build(() => {
      const a = tf.placeholder('float32', [2], 'a');
      const c = tf.placeholder('float32', [null], 'c');
      const d = tf.placeholder('float32', null, 'd');
      assert.equal(tf.addN([a, c, d]).shape.toString(), '(2,)');
      assert.equal(tf.addN([c, d]).shape.toString(), '(?,)');
      assert.equal(tf.addN([d, tf.placeholder('float32', [null, 2])]).shape.toString(), '(?, 2)');
      assert.equal(tf.addN([d, d]).shape.toString(), '<unknown>');
    });
  });

  test('names: one op AddN; one input is returned as is, or as an Identity when named', () => {
    const { g, out } = build(() => {
      const a = tf.placeholder('float32', [2], 'a');
      return { a, one: tf.addN([a]), named: tf.addN([a], 'one'), s: tf.addN([a, a], { name: 's' }), plain: tf.addN([a, [1, 2]]) };
    });
    assert.equal(out.one, out.a);
    assert.equal(out.named.op.type, 'Identity');
    assert.equal(out.named.op.name, 'one');
    assert.equal(out.s.op.name, 's');
    assert.equal(out.plain.op.type, 'AddN');
    assert.equal(out.plain.op.name, 'AddN');
    assert.equal(out.plain.op.getAttr('N'), 2);
    assert.deepEqual(
      g.getOperations().map((o) => o.name),
      ['a', 'one', 's', 'Const', 'AddN'],
    );
  });

  test('errors: empty or non-list inputs, dtypes, static and run-time shapes', () => {
    const message = 'Inputs must be an iterable of at least one Tensor/IndexedSlices with the same dtype and shape.';
    expectValueError(() => build(() => tf.addN([])), message);
    expectValueError(() => build(() => tf.addN(tf.constant([1, 2]) as unknown as tf.Tensor[])), message);
    build(() => {
      const a = tf.placeholder('float32', [2], 'a');
      expectTypeError(() => tf.addN([a, tf.constant([1, 2], 'int32')]), "Tensors in list passed to 'inputs' of 'AddN' Op have types [float32, int32] that don't all match.");
      // Each input is converted on its own: a JS number is float32, whatever the others are.
      expectTypeError(
        () => tf.addN([tf.constant([1], 'float64'), [2]]),
        "Tensors in list passed to 'inputs' of 'AddN' Op have types [float64, float32] that don't all match.",
      );
      expectTypeError(
        () => tf.addN([tf.constant([true]), tf.constant([false])]),
        /^Value passed to parameter 'inputs' has DataType bool not in list of allowed values: float32, float64, int32, uint8, int16, int8, int64, uint16, float16, uint32, uint64$/,
      );
    });
    build(() => {
      const a = tf.placeholder('float32', [2], 'a');
      const b = tf.placeholder('float32', [3], 'b');
      expectValueError(
        () => tf.addN([a, b]),
        "Dimension 0 in both shapes must be equal, but are 2 and 3. Shapes are [2] and [3].\n\tFrom merging shape 0 with other shapes. for '{{node AddN}} = AddN[N=2, T=DT_FLOAT](a, b)' with input shapes: [2], [3].",
      );
    });
    const { sess, out } = build(() => {
      const c = tf.placeholder('float32', [null], 'c');
      const e = tf.placeholder('float32', [null], 'e');
      return { c, e, s: tf.addN([c, e], 'AddN_6') };
    });
    expectOpError(
      () => sess.run(out.s, feed([out.c, [1, 2]], [out.e, [1, 2, 3]])),
      tf.errors.InvalidArgumentError,
      'AddN_6',
      'Inputs to operation AddN_6 of type AddN must have the same size and shape.  Input 0: [2] != input 1: [3]',
    );
  });

  test('gradient: every input receives the upstream gradient', () => {
    checkGradient(([a, b, c]) => tf.addN([a as tf.Tensor, b as tf.Tensor, c as tf.Tensor]), [[1, 2], [3, 4], [-1, 0.5]], [[2], [2], [2]]);
    checkGradient(([a]) => tf.addN([a as tf.Tensor, a as tf.Tensor]), [[1, 2, 3]], [[3]]);
  });
});

describe('StopGradient and PreventGradient', () => {
  test('forward: the identity, for any dtype; op types and names', () => {
    const { sess, out } = build(() => {
      const a = tf.placeholder('float32', [2], 'a');
      return { a, s: tf.stopGradient(a), n: tf.stopGradient(a, 'sg'), p: preventGradient(a, 'why'), str: tf.stopGradient(tf.constant(['s'])) };
    });
    assert.equal(out.s.op.type, 'StopGradient');
    assert.equal(out.s.op.name, 'StopGradient');
    assert.equal(out.n.op.name, 'sg');
    assert.equal(out.p.op.type, 'PreventGradient');
    assert.equal(out.p.op.getAttr('message'), 'why');
    assert.equal(out.s.shape.toString(), '(2,)');
    const f = feed([out.a, [1, 2]]);
    expectArray(sess.run(out.s, f), 'float32', [2], [1, 2]);
    expectArray(sess.run(out.p, f), 'float32', [2], [1, 2]);
    assert.deepEqual(sess.run(out.str).shape, [1]);
  });

  test('gradients: StopGradient is NotDifferentiable; PreventGradient\'s gradient raises', () => {
    assert.equal(getOpDef('StopGradient')?.grad, null);
    assert.equal(typeof getOpDef('PreventGradient')?.grad, 'function');
    build(() => {
      const a = tf.placeholder('float32', [], 'a');
      assert.equal(preventGradient(a).op.getAttr('message'), '');
      assert.throws(() => tf.gradients(preventGradient(a, "it's"), a), { name: 'LookupError', message: "Gradient explicitly disabled. Reason: b'it\\'s'" });
    });
  });
});
