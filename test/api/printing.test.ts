// What a TF1 script prints: `print(sess.run(t))` (numpy's str of the result), `print(t)` of graph
// tensors and variables, and the tf.Print / tf.print ops. Expected strings are numpy's / TF's.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { show } from './helpers.js';

/** Evaluates `build()` in a fresh graph and returns what print(sess.run(t)) prints. */
function printed(build: () => tf.Tensor): string {
  const g = new tf.Graph();
  const t = g.asDefault(build);
  using sess = new tf.Session({ graph: g });
  const v = sess.run(t);
  // console.log, util.inspect and String() agree.
  assert.equal(String(v), show(v));
  return show(v);
}

/** Captures what `fn` writes to process.stderr or stdout. */
function capture(stream: 'stderr' | 'stdout', fn: () => void): string {
  const s = process[stream];
  const orig = s.write;
  let out = '';
  s.write = ((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk);
    return true;
  }) as typeof s.write;
  try {
    fn();
  } finally {
    s.write = orig;
  }
  return out;
}

describe('print(sess.run(t)) equals numpy str()', () => {
  test('floats, ints, bools, strings; matrices and 3-D arrays', () => {
    assert.equal(printed(() => tf.constant([[1, 2], [3, 4]])), '[[1. 2.]\n [3. 4.]]');
    assert.equal(printed(() => tf.constant(new Int32Array([1, 2, 3]))), '[1 2 3]');
    assert.equal(printed(() => tf.constant(13)), '13');
    assert.equal(printed(() => tf.constant(13, tf.int32)), '13');
    assert.equal(printed(() => tf.constant([-1, 2.5])), '[-1.   2.5]');
    assert.equal(printed(() => tf.constant([0.1, 0.2])), '[0.1 0.2]');
    assert.equal(printed(() => tf.constant([1 / 3])), '[0.33333334]');
    assert.equal(printed(() => tf.constant([1 / 3], tf.float64)), '[0.33333333]');
    assert.equal(printed(() => tf.constant([1e-5, 1])), '[1.e-05 1.e+00]');
    assert.equal(printed(() => tf.constant([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1])), '[ nan  inf -inf   1.]');
    assert.equal(printed(() => tf.constant([true, false])), '[ True False]');
    assert.equal(printed(() => tf.constant(['a', 'bc'])), "[b'a' b'bc']");
    assert.equal(printed(() => tf.constant(new BigInt64Array([1n, -20n]))), '[  1 -20]');
    assert.equal(
      printed(() => tf.reshape(tf.range(8), [2, 2, 2])),
      '[[[0 1]\n  [2 3]]\n\n [[4 5]\n  [6 7]]]',
    );
    assert.equal(printed(() => tf.zeros([0, 3])), '[]');
  });

  test('scalars of every dtype print as numpy prints them', () => {
    // print(sess.run(tf.constant(2.5)))  -> 2.5
    assert.equal(printed(() => tf.constant(2.5)), '2.5');
    // print(sess.run(tf.constant(True)))  -> True
    assert.equal(printed(() => tf.constant(true)), 'True');
    // print(sess.run(tf.constant('hi')))  -> b'hi'
    assert.equal(printed(() => tf.constant('hi')), "b'hi'");
    // print(sess.run(tf.constant(7, tf.int64)))  -> 7
    assert.equal(printed(() => tf.constant(7n)), '7');
  });

  test('long arrays wrap at 75 columns and summarize past 1000 elements', () => {
    assert.equal(
      printed(() => tf.cast(tf.range(30), tf.float32)),
      '[ 0.  1.  2.  3.  4.  5.  6.  7.  8.  9. 10. 11. 12. 13. 14. 15. 16. 17.\n 18. 19. 20. 21. 22. 23. 24. 25. 26. 27. 28. 29.]',
    );
    assert.equal(printed(() => tf.range(2000)), '[   0    1    2 ... 1997 1998 1999]');
    assert.equal(printed(() => tf.cast(tf.range(2000), tf.float32)), '[0.000e+00 1.000e+00 2.000e+00 ... 1.997e+03 1.998e+03 1.999e+03]');
  });
});

describe('print(t) of graph objects', () => {
  test('tensors of every dtype and shape kind, variables, operations', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      assert.equal(String(tf.placeholder(tf.float32, [null, null])), 'Tensor("Placeholder:0", shape=(?, ?), dtype=float32)');
      assert.equal(String(tf.placeholder(tf.int64, [2])), 'Tensor("Placeholder_1:0", shape=(2,), dtype=int64)');
      assert.equal(String(tf.placeholder(tf.bool)), 'Tensor("Placeholder_2:0", dtype=bool)');
      assert.equal(String(tf.constant('s')), 'Tensor("Const:0", shape=(), dtype=string)');
      const v = new tf.Variable(tf.zeros([2, 3]), { name: 'v' });
      assert.equal(String(v), "<tf.Variable 'v:0' shape=(2, 3) dtype=float32_ref>");
      assert.equal(show(v), "<tf.Variable 'v:0' shape=(2, 3) dtype=float32_ref>");
      assert.equal(String(v.value()), 'Tensor("v/read:0", shape=(2, 3), dtype=float32)');
      assert.equal(String(v.initializer.outputs[0]), 'Tensor("v/Assign:0", shape=(2, 3), dtype=float32_ref)');
      // repr(op); print(op) (console.log) shows the NodeDef, as Python's str(op)
      const nothing = tf.noOp({ name: 'nothing' });
      assert.equal(nothing.repr(), "<tf.Operation 'nothing' type=NoOp>");
      assert.equal(show(nothing), 'name: "nothing"\nop: "NoOp"\n');
      // Template strings, as print("x:", x) would be ported.
      const x = tf.placeholder(tf.float32, [null, 784], 'x');
      assert.equal(`x: ${x}`, 'x: Tensor("x:0", shape=(?, 784), dtype=float32)');
    });
  });
});

describe('tf.Print and tf.print', () => {
  test('tf.Print(x, [x], "x = ") prints to stderr when its output is computed', () => {
    const g = new tf.Graph();
    const { y } = g.asDefault(() => {
      const x = tf.constant(new Int32Array([1, 2, 3, 4, 5]));
      const y = tf.add(tf.Print(x, [x], 'x = '), tf.constant(1, tf.int32));
      return { y };
    });
    using sess = new tf.Session({ graph: g });
    let result: tf.NDArray | undefined;
    const err = capture('stderr', () => {
      result = sess.run(y);
    });
    assert.equal(err, 'x = [1 2 3...]\n');
    assert.equal(show(result), '[2 3 4 5 6]');
  });

  test('tf.print("loss:", loss) runs as a control dependency and prints TF-style', () => {
    const g = new tf.Graph();
    const { out, m } = g.asDefault(() => {
      const loss = tf.constant(23.66, { name: 'loss' });
      const m = tf.constant([
        [1.5, 2],
        [3, 4],
      ]);
      const p = tf.print('loss:', loss, { outputStream: 'stdout' });
      const out = tf.controlDependencies([p], () => tf.identity(loss));
      return { out, m };
    });
    using sess = new tf.Session({ graph: g });
    assert.equal(
      capture('stdout', () => sess.run(out)),
      'loss: 23.66\n',
    );
    const pm = g.asDefault(() => tf.print(m, { outputStream: 'stdout' }));
    assert.equal(
      capture('stdout', () => sess.run(pm)),
      '[[1.5 2]\n [3 4]]\n',
    );
    const pr = g.asDefault(() => tf.print(tf.range(10), { outputStream: 'stdout' }));
    assert.equal(
      capture('stdout', () => sess.run(pr)),
      '[0 1 2 ... 7 8 9]\n',
    );
  });
});
