// The error experience of a TF1 user: a wrong-shape feed, an unfed placeholder, an uninitialized
// variable, a build-time shape mismatch, a run-time shape mismatch, a dtype mismatch, a closed
// session. Each test checks the class, TensorFlow's text, the failing node and the creation site
// (the line in this file where the op was built).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { fileURLToPath } from 'node:url';
import { tfMessage } from '../runtime/helpers.js';
import { mark, markedAt, thrown } from './helpers.js';

// V8 prints ES module frames as file:// URLs; a plain path is as good.
const FILES = [import.meta.url, fileURLToPath(import.meta.url)];

/**
 * Asserts that a build-time error's message is `base` and one more line naming this file and the
 * line of the failing builder call (the user's line; there is no op yet to name).
 */
function assertBuildSite(e: Error, base: string, line: number): void {
  assert.equal(tfMessage(e), base);
  const m = /\nRaised while building the graph at (.+):(\d+):(\d+)$/.exec(e.message);
  assert.ok(m, e.message);
  assert.ok(FILES.includes(m[1] as string), m[1]);
  assert.equal(Number(m[2]), line);
  // The stack, which Node prints for an uncaught error, carries the line too.
  assert.ok(e.stack?.startsWith(`${e.name}: ${e.message}\n`), e.stack);
}

/** The line (in the running .js file) of the call to this function. */
function lineHere(): number {
  const m = /:(\d+):\d+\)?$/.exec(new Error().stack?.split('\n')[2] ?? '');
  return Number(m?.[1]);
}

/** Asserts that `e.message` is `base`, the node annotation, and the creation site at `line`. */
function assertAnnotated(e: tf.errors.OpError, base: string, node: string, type: string, line: number): void {
  assert.equal(e.baseMessage, base);
  const lines = e.message.split('\n');
  assert.equal(lines[0], base);
  assert.equal(lines[1], `\t [[{{node ${node}}}]]`);
  const m = new RegExp(`^Op '${node.replace(/[/]/g, '\\/')}' \\(${type}\\) was created at (.+):(\\d+):(\\d+)$`).exec(lines[2] ?? '');
  assert.ok(m, `third line: ${lines[2]}`);
  assert.ok(FILES.includes(m[1] as string), m[1]);
  assert.equal(Number(m[2]), line);
  assert.equal(lines.length, 3);
}

describe('feeding errors', () => {
  test('a wrong-shape feed: ValueError before anything runs', () => {
    const g = new tf.Graph();
    const { x, y } = g.asDefault(() => {
      const x = tf.placeholder(tf.float32, [null, 3], 'x');
      return { x, y: tf.reduceSum(x) };
    });
    using sess = new tf.Session({ graph: g });
    // sess.run(y, {x: [[1, 2]]})
    const e = thrown(() => sess.run(y, new Map([[x, [[1, 2]]]])), tf.ValueError);
    assert.equal(e.message, 'Cannot feed value of shape (1, 2) for Tensor x:0, which has shape (?, 3)');
    assert.equal(e.name, 'ValueError');
    // A 1-D feed
    const e2 = thrown(() => sess.run(y, { x: [1, 2, 3] }), tf.ValueError);
    assert.equal(e2.message, 'Cannot feed value of shape (3,) for Tensor x:0, which has shape (?, 3)');
    // A ragged list (numpy: ValueError "setting an array element with a sequence ...")
    thrown(() => sess.run(y, { x: [[1, 2, 3], [4, 5]] }), tf.ValueError);
  });

  test('an unfed placeholder: InvalidArgumentError naming the placeholder, its dtype and shape', () => {
    const g = new tf.Graph();
    let line = 0;
    const y = g.asDefault(() => {
      const x = mark(tf.placeholder(tf.float32, [null, 3], 'x'));
      line = markedAt();
      return tf.reduceSum(x, { name: 'total' });
    });
    using sess = new tf.Session({ graph: g });
    const e = thrown(() => sess.run(y), tf.errors.InvalidArgumentError);
    assertAnnotated(e, "You must feed a value for placeholder tensor 'x' with dtype float and shape [?,3]", 'x', 'Placeholder', line);
    assert.equal(e.op?.name, 'x');
    assert.equal(e.errorCode, tf.errors.INVALID_ARGUMENT);
    assert.deepEqual(e.nodeDef, { name: 'x', op: 'Placeholder' });
    // Unknown rank: no shape in the message.
    const p = g.asDefault(() => tf.placeholder(tf.float32, { name: 'p' }));
    const e2 = thrown(() => sess.run(tf.identity(p)), tf.errors.InvalidArgumentError);
    assert.equal(e2.baseMessage, "You must feed a value for placeholder tensor 'p' with dtype float");
  });

  test('a feed value of the wrong kind (a tensor) is a TypeError', () => {
    const g = new tf.Graph();
    const { x, c } = g.asDefault(() => ({ x: tf.placeholder(tf.float32, [], 'x'), c: tf.constant(1.0, { name: 'c' }) }));
    using sess = new tf.Session({ graph: g });
    const e = thrown(() => sess.run(x, new Map<tf.Tensor, unknown>([[x, c]])), TypeError);
    assert.match(e.message, /^The value of a feed cannot be a tf\.Tensor object\./);
  });
});

describe('uninitialized variables', () => {
  test('y = tf.matmul(x, W) before init: FailedPreconditionError at W/read, created at the Variable line', () => {
    const g = new tf.Graph();
    let line = 0;
    const { x, y, W, init } = g.asDefault(() => {
      const x = tf.placeholder(tf.float32, [null, 1], 'x');
      const W = mark(new tf.Variable([[1.0]], { name: 'W' }));
      line = markedAt();
      return { x, y: tf.matmul(x, W), W, init: tf.globalVariablesInitializer() };
    });
    using sess = new tf.Session({ graph: g });
    const e = thrown(() => sess.run(y, new Map([[x, [[2]]]])), tf.errors.FailedPreconditionError);
    assertAnnotated(e, 'Attempting to use uninitialized value W', 'W/read', 'Identity', line);
    assert.equal(e.op?.name, 'W/read');
    assert.equal(e.errorCode, tf.errors.FAILED_PRECONDITION);
    // Fetching the variable itself: the consumer is a synthetic fetch node, so no op.
    const e2 = thrown(() => sess.run(W), tf.errors.FailedPreconditionError);
    assert.equal(e2.message, 'Attempting to use uninitialized value W');
    assert.equal(e2.op, null);
    // The usual fix.
    sess.run(init);
    assert.equal(sess.run(y, new Map([[x, [[2]]]])).item(), 2);
    // tf.report_uninitialized_variables() in a fresh session: [b'W']
    using fresh = new tf.Session({ graph: g });
    const report = g.asDefault(() => tf.reportUninitializedVariables());
    assert.equal(String(fresh.run(report)), "[b'W']");
    assert.equal(String(sess.run(report)), '[]');
  });
});

describe('shape and dtype errors', () => {
  test('a static matmul mismatch is a ValueError at build time, with the NodeDef and input shapes', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const a = tf.ones([2, 3], { name: 'a' });
      const b = tf.ones([4, 2], { name: 'b' });
      // The failing call is on the next line.
      const line = lineHere() + 1;
      const e = thrown(() => tf.matmul(a, b), tf.ValueError);
      assertBuildSite(
        e,
        "Dimensions must be equal, but are 3 and 4 for '{{node MatMul}} = MatMul[T=DT_FLOAT, transpose_a=false, transpose_b=false](a, b)' with input shapes: [2,3], [4,2].",
        line,
      );
    });
  });

  test('the same mismatch through placeholders is an InvalidArgumentError at run time', () => {
    const g = new tf.Graph();
    let line = 0;
    const { p, q, m } = g.asDefault(() => {
      // Rank-2 placeholders: with unknown ranks tf.matmul builds BatchMatMulV2, as TensorFlow does.
      const p = tf.placeholder(tf.float32, { shape: [null, null], name: 'p' });
      const q = tf.placeholder(tf.float32, { shape: [null, null], name: 'q' });
      const m = mark(tf.matmul(p, q, { name: 'mm' }));
      line = markedAt();
      return { p, q, m };
    });
    using sess = new tf.Session({ graph: g });
    const e = thrown(
      () =>
        sess.run(
          m,
          new Map([
            [p, [[1, 2, 3], [4, 5, 6]]],
            [q, [[1, 2], [3, 4], [5, 6], [7, 8]]],
          ]),
        ),
      tf.errors.InvalidArgumentError,
    );
    assertAnnotated(e, 'Matrix size-incompatible: In[0]: [2,3], In[1]: [4,2]', 'mm', 'MatMul', line);
  });

  test('adding an int32 and a float32 tensor is a TypeError at build time', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const i = tf.constant(1, tf.int32);
      const f = tf.constant(1.5);
      // The failing call is on the next line.
      const line = lineHere() + 1;
      const e = thrown(() => tf.add(i, f), TypeError);
      assertBuildSite(e, "Input 'y' of 'AddV2' Op has type float32 that does not match type int32 of argument 'x'.", line);
    });
  });

  test('an undefined fetch is a TypeError; a name not in the graph a ValueError', () => {
    const g = new tf.Graph();
    g.asDefault(() => tf.constant(1.0, { name: 'c' }));
    using sess = new tf.Session({ graph: g });
    assert.equal(thrown(() => sess.run(null), TypeError).message, 'Fetch argument null has invalid type null');
    assert.equal(
      thrown(() => sess.run('nope:0'), tf.ValueError).message,
      "Fetch argument 'nope:0' cannot be interpreted as a Tensor. (The name 'nope:0' refers to a Tensor which does not exist. The operation, 'nope', does not exist in the graph.)",
    );
  });

  test('a closed session is a RuntimeError', () => {
    const g = new tf.Graph();
    const c = g.asDefault(() => tf.constant(1.0));
    const sess = new tf.Session({ graph: g });
    sess.close();
    assert.equal(thrown(() => sess.run(c), tf.RuntimeError).message, 'Attempted to use a closed Session.');
  });

  test('an error inside a name scope names the scoped node', () => {
    const g = new tf.Graph();
    let line = 0;
    const out = g.asDefault(() =>
      tf.nameScope('layer1', () => {
        const inp = mark(tf.placeholder(tf.float32, [2], 'inp'));
        line = markedAt();
        return tf.multiply(inp, 2);
      }),
    );
    using sess = new tf.Session({ graph: g });
    const e = thrown(() => sess.run(out), tf.errors.InvalidArgumentError);
    assertAnnotated(e, "You must feed a value for placeholder tensor 'layer1/inp' with dtype float and shape [2]", 'layer1/inp', 'Placeholder', line);
  });
});
