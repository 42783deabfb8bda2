// Conformance: Assert (tf.Assert, item 103), Print (legacy tf.Print, item 105), StringFormat + PrintV2
// (tf.print, item 105). Output is captured by replacing process.stderr/stdout.write (always restored).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, capture, expectOpError, feed, opNames, session } from './helpers.js';

const i32 = (v: tf.ArrayLikeValue) => tf.constant(v, { dtype: 'int32' });

/** Runs `fetch` and returns the InvalidArgumentError message of the failing Assert op. */
function assertMessage(makeData: () => tf.TensorInput[], summarize?: number): string {
  const { sess, out } = build(() => (summarize === undefined ? tf.Assert(false, makeData()) : tf.Assert(false, makeData(), summarize)));
  try {
    sess.run(out);
  } catch (e) {
    assert.ok(e instanceof tf.errors.InvalidArgumentError, String(e));
    return e.baseMessage;
  }
  assert.fail('the assert did not fail');
}

describe('Assert (tf.Assert)', () => {
  test('returns an Assert op; with int32/string data TensorFlow names it Assert/Assert', () => {
    const { out } = build(() => tf.Assert(true, ['msg', i32(1)]));
    assert.equal(out.type, 'Assert');
    assert.equal(out.outputs.length, 0);
    assert.equal(out.attrs.summarize, 3);
    assert.deepEqual(out.attrs.T, ['string', 'int32']);
    assert.equal(out.name, 'Assert/Assert');
  });

  test('an Assert that is not run does nothing (pruned, item 103)', () => {
    const { sess, out } = build(() => {
      tf.Assert(false, ['never checked']);
      return tf.identity(tf.constant(1));
    });
    assert.equal(sess.run(out).item(), 1);
  });

  test('a true condition passes when fetched; a false one fails with InvalidArgumentError carrying the op', () => {
    const { sess, out } = build(() => {
      const c = tf.placeholder('bool', []);
      return { c, a: tf.Assert(c, ['x is bad:', i32([1, 2, 3, 4, 5])]) };
    });
    assert.equal(sess.run(out.a, feed([out.c, true])), null);
    expectOpError(() => sess.run(out.a, feed([out.c, false])), tf.errors.InvalidArgumentError, out.a.name, 'assertion failed: [x is bad:] [1 2 3...]');
  });

  test('a false Assert runs as a control dependency and through tf.group', () => {
    const { sess, out } = build(() => {
      const a = tf.Assert(false, ['dep']);
      const y = tf.controlDependencies([a], () => tf.identity(tf.constant(1)));
      return { y, gr: tf.group(a), free: tf.identity(tf.constant(2)) };
    });
    assert.throws(() => sess.run(out.y), (e: unknown) => e instanceof tf.errors.InvalidArgumentError && e.baseMessage === 'assertion failed: [dep]');
    assert.throws(() => sess.run(out.gr), tf.errors.InvalidArgumentError);
    assert.equal(sess.run(out.free).item(), 2);
  });

  test('summarize: default 3, explicit, -1 for everything', () => {
    assert.equal(assertMessage(() => [i32([1, 2, 3, 4, 5])], 2), 'assertion failed: [1 2...]');
    assert.equal(assertMessage(() => [i32([1, 2, 3, 4, 5])], -1), 'assertion failed: [1 2 3 4 5]');
    assert.equal(assertMessage(() => [i32([1, 2, 3])]), 'assertion failed: [1 2 3]');
    const { out } = build(() => tf.Assert(true, [i32(1)], { summarize: 7 }));
    assert.equal(out.attrs.summarize, 7);
  });

  test('entries are wrapped in [...] and joined by spaces; empty tensors and empty data', () => {
    assert.equal(assertMessage(() => ['a b', i32(5), tf.constant([], 'int32')]), 'assertion failed: [a b] [5] []');
    assert.equal(assertMessage(() => []), 'assertion failed: ');
  });

  test('int64 and strings in data', () => {
    assert.equal(assertMessage(() => [tf.constant([2n ** 40n]), tf.constant(['p', 'q'])]), 'assertion failed: [1099511627776] [p q]');
  });

  test('multi-dimensional data keeps TensorFlow\'s legacy nesting ([1 2][3...]...)', () => {
    assert.equal(assertMessage(() => [i32([[1, 2], [3, 4]])], 10), 'assertion failed: [[1 2][3 4]]');
    assert.equal(assertMessage(() => [i32([[1, 2], [3, 4]])]), 'assertion failed: [[1 2][3...]...]');
  });

  test('bools print as 1/0 (Tensor::SummarizeValue)', () => {
    assert.equal(assertMessage(() => [tf.constant([true, false])]), 'assertion failed: [1 0]');
  });

  test('floats print as C++ StrCat does (%.6g, widened to %.9g only when needed)', () => {
    assert.equal(assertMessage(() => [tf.constant([0.5, 2, 1e6])]), 'assertion failed: [0.5 2 1e+06]');
    assert.equal(assertMessage(() => [tf.constant([1 / 3])]), 'assertion failed: [0.333333343]');
  });

  test('the condition need not be a static scalar; a non-scalar fails at run time with its shape', () => {
    const { sess, out } = build(() => {
      const c = tf.placeholder('bool');
      return { c, a: tf.Assert(c, ['m']), s: tf.Assert(tf.constant([true, true]), ['m']) };
    });
    expectOpError(() => sess.run(out.a, feed([out.c, [true, true]])), tf.errors.InvalidArgumentError, out.a.name, 'In[0] should be a scalar: [2]');
    expectOpError(() => sess.run(out.s), tf.errors.InvalidArgumentError, out.s.name, 'In[0] should be a scalar: [2]');
  });

  test('a non-bool condition is refused at build time', () => {
    assert.throws(() => build(() => tf.Assert(tf.constant(1), ['m'])), TypeError);
    assert.throws(() => build(() => tf.Assert(1, ['m'])), TypeError);
  });
});

describe('Print (legacy tf.Print)', () => {
  test('an identity that writes message + [data]... to stderr when its output is computed', () => {
    const { sess, out } = build(() => {
      const x = i32([1, 2, 3, 4]);
      return { x, y: tf.Print(x, [x, 'tag'], 'x = ') };
    });
    assert.equal(out.y.op.type, 'Print');
    assert.equal(out.y.op.name, 'Print');
    assert.equal(out.y.dtype, 'int32');
    assert.equal(out.y.shape.toString(), '(4,)');
    let v: tf.NDArray | undefined;
    const err = capture('stderr', () => {
      v = sess.run(out.y);
    });
    assert.deepEqual(v?.toArray(), [1, 2, 3, 4]);
    assert.equal(err, 'x = [1 2 3...][tag]\n');
    assert.equal(capture('stderr', () => sess.run(out.x)), '', 'nothing is printed when the Print op is not needed');
  });

  test('it prints only when something that needs its output runs', () => {
    const { sess, out } = build(() => {
      const x = tf.constant([1.5]);
      const p = tf.Print(x, [x], 'p:');
      return { p, y: tf.add(p, 1), z: tf.add(x, 1) };
    });
    assert.equal(capture('stderr', () => sess.run(out.z)), '');
    assert.equal(capture('stderr', () => sess.run(out.y)), 'p:[1.5]\n');
  });

  test('firstN limits the printing per session; the value is always passed through', () => {
    const { g, out } = build(() => tf.Print(i32(7), [i32(7)], 'n=', 2));
    const s1 = session(g);
    const lines = capture('stderr', () => {
      for (let i = 0; i < 3; i++) assert.equal(s1.run(out).item(), 7);
    });
    assert.equal(lines, 'n=[7]\nn=[7]\n');
    const s2 = session(g);
    assert.equal(capture('stderr', () => s2.run(out)), 'n=[7]\n', 'a new session has its own counter');
  });

  test('summarize, options form and names', () => {
    const { sess, out } = build(() => tf.Print(tf.range(10), [tf.range(10)], { message: 'r', summarize: 5, name: 'pr' }));
    assert.equal(out.op.name, 'pr');
    assert.equal(out.op.attrs.first_n, -1);
    assert.equal(capture('stderr', () => sess.run(out)), 'r[0 1 2 3 4...]\n');
  });

  test('bools and floats print as TensorFlow\'s SummarizeValue does', () => {
    const { sess, out } = build(() => tf.Print(tf.constant(1), [tf.constant([true, false]), tf.constant([0.25, 1e7])], ''));
    assert.equal(capture('stderr', () => sess.run(out)), '[1 0][0.25 1e+07]\n');
  });
});

describe('tf.print (StringFormat + PrintV2)', () => {
  test('returns the PrintV2 op; TensorFlow names the ops StringFormat and PrintV2 (name → name, name_format)', () => {
    const { out, g } = build(() => tf.print('x:', tf.constant([1])));
    assert.equal(out.type, 'PrintV2');
    assert.equal(out.outputs.length, 0);
    assert.deepEqual(opNames(g), ['Const', 'StringFormat', 'PrintV2']);
    const named = build(() => tf.print('x:', tf.constant([1]), { name: 'p' }));
    assert.equal(named.out.name, 'p');
    assert.deepEqual(opNames(named.g), ['Const', 'p_format', 'p']);
  });

  test('prints only when its op is run (fetched or a control dependency), item 105', () => {
    const { sess, out } = build(() => {
      const t = tf.range(10);
      const p = tf.print('tensors:', t);
      const dep = tf.controlDependencies([p], () => tf.multiply(t, 3));
      return { t, p, dep };
    });
    assert.equal(capture('stderr', () => sess.run(out.t)), '');
    assert.equal(capture('stderr', () => sess.run(out.p)), 'tensors: [0 1 2 ... 7 8 9]\n');
    let v: tf.NDArray | undefined;
    assert.equal(
      capture('stderr', () => {
        v = sess.run(out.dep);
      }),
      'tensors: [0 1 2 ... 7 8 9]\n',
    );
    assert.deepEqual(v?.toArray(), [0, 3, 6, 9, 12, 15, 18, 21, 24, 27]);
  });

  test('outputStream stdout; sep and end', () => {
    const { sess, out } = build(() => [tf.print('a', i32(1), { outputStream: 'stdout' }), tf.print('a', 'b', { sep: ',', end: '!' })] as const);
    let err = '';
    const outText = capture('stdout', () => {
      err = capture('stderr', () => sess.run(out[0]));
    });
    assert.equal(outText, 'a 1\n');
    assert.equal(err, '');
    assert.equal(capture('stderr', () => sess.run(out[1])), 'a,b!');
  });

  test('an unsupported output stream is a ValueError', () => {
    assert.throws(() => build(() => tf.print('a', { outputStream: 'nowhere' })), tf.ValueError);
  });

  test('matrices print numpy-style; summarize per dimension; -1 prints everything', () => {
    const { sess, out } = build(() => [
      tf.print(i32([[1, 2], [3, 4]])),
      tf.print(tf.reshape(tf.range(16), [4, 4]), { summarize: 1 }),
      tf.print(tf.range(8), { summarize: -1 }),
      tf.print(tf.reshape(tf.range(8), [2, 2, 2])),
    ] as const);
    assert.equal(capture('stderr', () => sess.run(out[0])), '[[1 2]\n [3 4]]\n');
    assert.equal(capture('stderr', () => sess.run(out[1])), '[[0 ... 3]\n ...\n [12 ... 15]]\n');
    assert.equal(capture('stderr', () => sess.run(out[2])), '[0 1 2 3 4 5 6 7]\n');
    assert.equal(capture('stderr', () => sess.run(out[3])), '[[[0 1]\n  [2 3]]\n\n [[4 5]\n  [6 7]]]\n');
  });

  test('scalars, JS values, int64 and floats', () => {
    const { sess, out } = build(() => tf.print('v', 5, 1.5, tf.constant(2n ** 40n), tf.constant([0.5, 2, 1 / 3])));
    assert.equal(capture('stderr', () => sess.run(out)), 'v 5 1.5 1099511627776 [0.5 2 0.333333343]\n');
  });

  test('bools print as 1/0 (print_v2 SummarizeValue)', () => {
    const { sess, out } = build(() => tf.print(tf.constant([true, false])));
    assert.equal(capture('stderr', () => sess.run(out)), '[1 0]\n');
  });

  test('strings: a lone scalar string prints raw; string elements are quoted', () => {
    const { sess, out } = build(() => [tf.print(tf.constant('raw')), tf.print(tf.constant(['a', 'b'])), tf.print('s:', tf.constant('q'))] as const);
    assert.equal(capture('stderr', () => sess.run(out[0])), 'raw\n');
    assert.equal(capture('stderr', () => sess.run(out[1])), '["a" "b"]\n');
    assert.equal(capture('stderr', () => sess.run(out[2])), 's: "q"\n');
  });

  test('literal braces in JS strings are printed as given', () => {
    const { sess, out } = build(() => tf.print('{}', '{{}}', i32(3)));
    assert.equal(capture('stderr', () => sess.run(out)), '{} {{}} 3\n');
  });

  test('fed tensors print their run-time value', () => {
    const { sess, out } = build(() => {
      const x = tf.placeholder('float32', [null]);
      return { x, p: tf.print('x =', x) };
    });
    assert.equal(capture('stderr', () => sess.run(out.p, feed([out.x, [1, 2.5]]))), 'x = [1 2.5]\n');
  });
});
