// Arrays that mix tensors and JS values convert by packing (TensorFlow's autopacking conversion),
// and operations are refused where a tensor is expected. Op names, dtypes, shapes and messages
// were checked against TensorFlow 2.21 in graph mode (tf.compat.v1).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { throwsExact } from './helpers.js';

/** Each op of the graph as `name Type [inputs]`. */
const listing = (g: tf.Graph): string[] => g.getOperations().map((o) => `${o.name} ${o.type} [${o.inputs.map((i) => i.name).join(', ')}]`);

function inGraph<R>(fn: (g: tf.Graph) => R): { g: tf.Graph; out: R } {
  const g = new tf.Graph();
  return { g, out: g.asDefault(() => fn(g)) };
}

describe('autopacking: convertToTensor of arrays holding tensors', () => {
  test('[[x, 2], [3, 4]]: nested Packs named packed/0 and packed, constants in their scopes', () => {
    const { g, out } = inGraph(() => tf.convertToTensor([[tf.placeholder('float32', [], 'x'), 2], [3, 4]]));
    assert.equal(String(out), 'Tensor("packed:0", shape=(2, 2), dtype=float32)');
    assert.deepEqual(listing(g), [
      'x Placeholder []',
      'packed/0/1 Const []',
      'packed/0 Pack [x:0, packed/0/1:0]',
      // The row [3, 4] holds no tensor: it opened scope packed/1, so its constant is packed/1_1.
      'packed/1_1 Const []',
      'packed Pack [packed/0:0, packed/1_1:0]',
    ]);
    assert.equal(out.op.attrs.axis, 0);
    assert.equal(out.op.attrs.N, 2);
    const sess = new tf.Session({ graph: g });
    assert.deepEqual(sess.run(out, { x: 1 }).toArray(), [[1, 2], [3, 4]]);
  });

  test('the dtype comes from the first tensor; JS values are converted to it', () => {
    const { g, out } = inGraph(() => {
      const x = tf.placeholder('int32', [], 'x');
      return tf.convertToTensor([x, 2, 3]);
    });
    assert.equal(String(out), 'Tensor("packed:0", shape=(3,), dtype=int32)');
    assert.deepEqual(new tf.Session({ graph: g }).run(out, { x: 7 }).toArray(), [7, 2, 3]);
  });

  test('vector tensors pack with rows of JS values; the name option names the Pack', () => {
    const { g, out } = inGraph(() => {
      const z = tf.placeholder('int32', [2], 'z');
      return [tf.convertToTensor([z, [1, 2]]), tf.convertToTensor([[1, 2], z]), tf.convertToTensor([z, [5, 6]], { name: 'foo' } as never)];
    });
    assert.deepEqual(out.slice(0, 2).map(String), [
      'Tensor("packed:0", shape=(2, 2), dtype=int32)',
      'Tensor("packed_1:0", shape=(2, 2), dtype=int32)',
    ]);
    assert.ok(listing(g).includes('packed_1/0_1 Const []'));
    assert.equal(String(out[2]), 'Tensor("foo:0", shape=(2, 2), dtype=int32)');
    assert.deepEqual(new tf.Session({ graph: g }).run(out[1] as tf.Tensor, { z: [8, 9] }).toArray(), [[1, 2], [8, 9]]);
  });

  test('a variable in an array packs its value (Variable/read)', () => {
    const { g, out } = inGraph(() => {
      const v = new tf.Variable(1.5, { name: 'v' });
      return { p: tf.convertToTensor([v, 2]), init: tf.globalVariablesInitializer() };
    });
    assert.deepEqual(out.p.op.inputs.map((t) => t.name), ['v/read:0', 'packed/1:0']);
    const sess = new tf.Session({ graph: g });
    sess.run(out.init);
    assert.deepEqual(sess.run(out.p).toArray(), [1.5, 2]);
  });

  test('an explicit dtype casts tensors of another dtype first (Cast outside the packed scope)', () => {
    const { g, out } = inGraph(() => {
      const x = tf.placeholder('int32', [], 'x');
      return [tf.convertToTensor([x, 2], 'float32'), tf.convertToTensor([x, 2], 'int64')];
    });
    assert.deepEqual(out.map(String), ['Tensor("packed:0", shape=(2,), dtype=float32)', 'Tensor("packed_1:0", shape=(2,), dtype=int64)']);
    assert.deepEqual(listing(g), [
      'x Placeholder []',
      'Cast Cast [x:0]',
      'packed/1 Const []',
      'packed Pack [Cast:0, packed/1:0]',
      'Cast_1 Cast [x:0]',
      'packed_1/1 Const []',
      'packed_1 Pack [Cast_1:0, packed_1/1:0]',
    ]);
  });

  test("errors: a value that does not fit the tensors' dtype, tensors of two dtypes, ragged rows", () => {
    inGraph(() => {
      const x = tf.placeholder('int32', [], 'x');
      throwsExact(() => tf.convertToTensor([x, 2.5]), TypeError, "Expected int32, but got 2.5 of type 'number'.");
      const f = tf.constant(1, { name: 'f' });
      throwsExact(
        () => tf.convertToTensor([x, f]),
        TypeError,
        "Cannot convert a list containing a tensor of dtype <dtype: 'float32'> to <dtype: 'int32'> (Tensor is: <tf.Tensor 'f:0' shape=() dtype=float32>)",
      );
      throwsExact(() => tf.convertToTensor([[x], [1, 2]]), tf.ValueError, /^Dimension 0 in both shapes must be equal, but are 1 and 2\. Shapes are \[1\] and \[2\]\./);
      throwsExact(() => tf.convertToTensor([x, [1, 2]]), tf.ValueError, /^Shapes must be equal rank, but are 0 and 1/);
    });
  });

  test('a cyclic array holding a tensor is refused, not recursed forever', () => {
    inGraph(() => {
      const a: unknown[] = [tf.placeholder('float32', [], 'x')];
      a.push([a]);
      throwsExact(() => tf.convertToTensor(a), TypeError, 'Cannot convert an array that contains itself (a cyclic value) to a tensor.');
    });
  });

  test('arrays without tensors still become one Const', () => {
    const { g, out } = inGraph(() => tf.convertToTensor([[1, 2], [3, 4]]));
    assert.equal(String(out), 'Tensor("Const:0", shape=(2, 2), dtype=float32)');
    assert.deepEqual(listing(g), ['Const Const []']);
  });
});

describe('autopacking in op inputs', () => {
  test('tf.reshape(y, [n, -1]) packs the shape as Reshape/shape; shape inference sees the known parts', () => {
    const { g, out } = inGraph(() => {
      const n = tf.placeholder('int32', [], 'n');
      const y = tf.placeholder('float32', [6], 'y');
      return [tf.reshape(y, [n, -1]), tf.reshape(y, [tf.constant(2, 'int32'), -1]), tf.reshape(y, [2, n])];
    });
    assert.deepEqual(out.map(String), [
      'Tensor("Reshape:0", shape=(?, ?), dtype=float32)',
      'Tensor("Reshape_1:0", shape=(2, 3), dtype=float32)',
      'Tensor("Reshape_2:0", shape=(2, 3), dtype=float32)',
    ]);
    assert.deepEqual(listing(g), [
      'n Placeholder []',
      'y Placeholder []',
      'Reshape/shape/1 Const []',
      'Reshape/shape Pack [n:0, Reshape/shape/1:0]',
      'Reshape Reshape [y:0, Reshape/shape:0]',
      'Const Const []',
      'Reshape_1/shape/1 Const []',
      'Reshape_1/shape Pack [Const:0, Reshape_1/shape/1:0]',
      'Reshape_1 Reshape [y:0, Reshape_1/shape:0]',
      'Reshape_2/shape/0 Const []',
      'Reshape_2/shape Pack [Reshape_2/shape/0:0, n:0]',
      'Reshape_2 Reshape [y:0, Reshape_2/shape:0]',
    ]);
    const sess = new tf.Session({ graph: g });
    const r = sess.run(out[0] as tf.Tensor, { n: 3, y: [1, 2, 3, 4, 5, 6] });
    assert.deepEqual(r.shape, [3, 2]);
  });

  test('an int64 tensor in the shape keeps the shape int64, with no Cast (TensorFlow 2.21)', () => {
    const { g, out } = inGraph(() => {
      const x = tf.placeholder('float32', [null, 6], 'x');
      const n = tf.placeholder('int64', [], 'n');
      return tf.reshape(x, [n, -1]);
    });
    assert.equal((out as tf.Tensor).op.inputs[1]?.dtype, 'int64');
    assert.deepEqual(listing(g), [
      'x Placeholder []',
      'n Placeholder []',
      'Reshape/shape/1 Const []',
      'Reshape/shape Pack [n:0, Reshape/shape/1:0]',
      'Reshape Reshape [x:0, Reshape/shape:0]',
    ]);
    const sess = new tf.Session({ graph: g });
    assert.deepEqual(sess.run(out as tf.Tensor, { n: 3n, x: [[1, 2, 3, 4, 5, 6]] }).shape, [3, 2]);
  });

  test('tf.add([x, 1], 1): the packed input is named after its argument (Add/x)', () => {
    const { g, out } = inGraph(() => tf.add([tf.placeholder('int32', [], 'x'), 1], 1));
    assert.equal(String(out), 'Tensor("Add:0", shape=(2,), dtype=int32)');
    assert.deepEqual(listing(g), ['x Placeholder []', 'Add/x/1 Const []', 'Add/x Pack [x:0, Add/x/1:0]', 'Add/y Const []', 'Add AddV2 [Add/x:0, Add/y:0]']);
  });

  test('tensors from another graph in an array are refused as mixing graphs', () => {
    const other = new tf.Graph().asDefault(() => tf.placeholder('int32', [], 'n'));
    inGraph(() => {
      const y = tf.placeholder('float32', [6], 'y');
      assert.throws(() => tf.reshape(y, [other, -1]), { name: 'ValueError', message: /must be from the same graph/ });
    });
  });
});

describe('converting an Operation is refused with TensorFlow\'s short TypeError', () => {
  test("convertToTensor(op), tf.add(op, 1), tf.identity(op), tf.reshape(x, op): can't convert Operation 'nop' to Tensor", () => {
    inGraph(() => {
      const op = tf.noOp({ name: 'nop' });
      const x = tf.placeholder('float32', [], 'x');
      for (const f of [() => tf.convertToTensor(op), () => tf.add(op as never, 1), () => tf.identity(op as never), () => tf.reshape(x, op as never)]) {
        throwsExact(f, TypeError, "can't convert Operation 'nop' to Tensor");
      }
    });
  });

  test('an array holding an operation: "Failed to convert elements of [...] to Tensor."', () => {
    inGraph(() => {
      const op = tf.noOp({ name: 'nop' });
      throwsExact(
        () => tf.convertToTensor([op, 1]),
        TypeError,
        "Failed to convert elements of [<tf.Operation 'nop' type=NoOp>, 1] to Tensor. Consider casting elements to a supported type. See https://www.tensorflow.org/api_docs/python/tf/dtypes for supported TF dtypes.",
      );
    });
  });

  test('tf.constant(op) names the op briefly, never its NodeDef text', () => {
    inGraph(() => {
      const op = tf.noOp({ name: 'nop' });
      throwsExact(() => tf.constant(op as never), TypeError, "Cannot convert <tf.Operation 'nop' type=NoOp> of type 'Operation' to a tensor.");
    });
  });
});
