// TensorFlow 1's "Getting Started With TensorFlow" (tensorflow.org, r1.x), ported line by line:
// the computational graph, placeholders, a linear model with variables, its loss, and fixing W and b
// with tf.assign. Expected values are what that guide (with numpy >= 1.14) prints.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { show } from './helpers.js';

describe('Getting Started: the computational graph', () => {
  test('node1, node2 print as symbolic tensors; run gives 3 and 4; node3 = tf.add gives 7', () => {
    tf.resetDefaultGraph();
    // node1 = tf.constant(3.0, dtype=tf.float32)
    // node2 = tf.constant(4.0) # also tf.float32 implicitly
    // print(node1, node2)
    const node1 = tf.constant(3.0, tf.float32);
    const node2 = tf.constant(4.0);
    assert.equal(`${node1} ${node2}`, 'Tensor("Const:0", shape=(), dtype=float32) Tensor("Const_1:0", shape=(), dtype=float32)');
    assert.equal(show(node1), 'Tensor("Const:0", shape=(), dtype=float32)');
    assert.equal(String(node2), 'Tensor("Const_1:0", shape=(), dtype=float32)');

    // sess = tf.Session(); print(sess.run([node1, node2]))   -> [3.0, 4.0]
    using sess = new tf.Session();
    const [v1, v2] = sess.run([node1, node2]);
    assert.equal(v1.item(), 3);
    assert.equal(v2.item(), 4);
    assert.equal(v1.dtype, 'float32');
    assert.deepEqual(v1.shape, []);
    assert.equal(show(sess.run([node1, node2])), '[ 3, 4 ]');

    // node3 = tf.add(node1, node2)
    // print("node3:", node3)                 -> node3: Tensor("Add:0", shape=(), dtype=float32)
    // print("sess.run(node3):", sess.run(node3))  -> sess.run(node3): 7.0
    const node3 = tf.add(node1, node2);
    assert.equal(node3.op.type, 'AddV2'); // compatibility.md: op type AddV2 (TF1: Add)
    assert.equal(`sess.run(node3): ${sess.run(node3)}`, 'sess.run(node3): 7');
    assert.equal(sess.run(node3).item(), 7);
  });
});

describe('Getting Started: op names', () => {
  test('tf.add names its op "Add" (TF1 and TF2 both: name_scope(name, "Add")), whatever its op type', () => {
    tf.resetDefaultGraph();
    const node1 = tf.constant(3.0, tf.float32);
    const node2 = tf.constant(4.0);
    const node3 = tf.add(node1, node2);
    // print("node3:", node3)  ->  node3: Tensor("Add:0", shape=(), dtype=float32)
    assert.equal(`node3: ${node3}`, 'node3: Tensor("Add:0", shape=(), dtype=float32)');
    const a = tf.placeholder(tf.float32);
    const adderNode = tf.add(a, a);
    assert.equal(String(adderNode), 'Tensor("Add_1:0", dtype=float32)');
  });
});

describe('Getting Started: placeholders', () => {
  test('adder_node fed with scalars and with lists; add_and_triple', () => {
    tf.resetDefaultGraph();
    // a = tf.placeholder(tf.float32); b = tf.placeholder(tf.float32); adder_node = a + b
    const a = tf.placeholder(tf.float32);
    const b = tf.placeholder(tf.float32);
    const adderNode = tf.add(a, b); // + provides a shortcut for tf.add(a, b)
    assert.equal(String(a), 'Tensor("Placeholder:0", dtype=float32)');
    assert.equal(String(b), 'Tensor("Placeholder_1:0", dtype=float32)');

    using sess = new tf.Session();
    // print(sess.run(adder_node, {a: 3, b: 4.5}))          -> 7.5
    assert.equal(show(sess.run(adderNode, new Map([[a, 3], [b, 4.5]]))), '7.5');
    // print(sess.run(adder_node, {a: [1, 3], b: [2, 4]}))  -> [3. 7.]
    assert.equal(show(sess.run(adderNode, new Map([[a, [1, 3]], [b, [2, 4]]]))), '[3. 7.]');
    // The same feeds keyed by name.
    assert.equal(show(sess.run(adderNode, { 'Placeholder:0': [1, 3], 'Placeholder_1:0': [2, 4] })), '[3. 7.]');
    assert.equal(show(sess.run(adderNode, { Placeholder: 3, Placeholder_1: 4.5 })), '7.5');

    // add_and_triple = adder_node * 3.
    // print(sess.run(add_and_triple, {a: 3, b: 4.5}))      -> 22.5
    const addAndTriple = tf.multiply(adderNode, 3);
    assert.equal(String(addAndTriple), 'Tensor("Mul:0", dtype=float32)');
    assert.equal(show(sess.run(addAndTriple, new Map([[a, 3], [b, 4.5]]))), '22.5');
  });

  test('a feed dict mixing a scalar and a list (as {a: 3, b: [2, 4]}) type-checks without a cast', () => {
    tf.resetDefaultGraph();
    const a = tf.placeholder(tf.float32);
    const b = tf.placeholder(tf.float32);
    using sess = new tf.Session();
    // Python: sess.run(a + b, {a: 3, b: [2, 4]}) -> [5. 7.]
    const feed = new Map<tf.Tensor, tf.TensorInput>([
      [a, 3],
      [b, [2, 4]],
    ]);
    assert.equal(show(sess.run(tf.add(a, b), feed)), '[5. 7.]');
  });
});

describe('Getting Started: variables, a linear model and its loss', () => {
  test('linear_model, loss 23.66, fixing W and b with tf.assign gives loss 0', () => {
    tf.resetDefaultGraph();
    // W = tf.Variable([.3], dtype=tf.float32)
    // b = tf.Variable([-.3], dtype=tf.float32)
    // x = tf.placeholder(tf.float32)
    // linear_model = W*x + b
    const W = new tf.Variable([0.3], { dtype: tf.float32 });
    const b = new tf.Variable([-0.3], { dtype: tf.float32 });
    const x = tf.placeholder(tf.float32);
    const linearModel = tf.add(tf.multiply(W, x), b);
    assert.equal(String(W), "<tf.Variable 'Variable:0' shape=(1,) dtype=float32_ref>");
    assert.equal(String(b), "<tf.Variable 'Variable_1:0' shape=(1,) dtype=float32_ref>");

    // init = tf.global_variables_initializer(); sess.run(init)
    const init = tf.globalVariablesInitializer();
    assert.equal(init.name, 'init');
    using sess = new tf.Session();
    assert.equal(sess.run(init), null);

    // print(sess.run(linear_model, {x: [1, 2, 3, 4]}))   -> [0.         0.3        0.6        0.90000004]
    const xs = [1, 2, 3, 4];
    assert.equal(show(sess.run(linearModel, new Map([[x, xs]]))), '[0.         0.3        0.6        0.90000004]');

    // y = tf.placeholder(tf.float32)
    // squared_deltas = tf.square(linear_model - y)
    // loss = tf.reduce_sum(squared_deltas)
    // print(sess.run(loss, {x: [1, 2, 3, 4], y: [0, -1, -2, -3]}))   -> 23.66
    const y = tf.placeholder(tf.float32);
    const delta = tf.subtract(linearModel, y);
    const squaredDeltas = tf.multiply(delta, delta); // no tf.square yet
    const loss = tf.reduceSum(squaredDeltas);
    const ys = [0, -1, -2, -3];
    const lossValue = sess.run(loss, new Map([[x, xs], [y, ys]]));
    assert.equal(show(lossValue), '23.66');
    assert.equal(lossValue.item(), Math.fround(23.66));

    // fixW = tf.assign(W, [-1.]); fixb = tf.assign(b, [1.]); sess.run([fixW, fixb])
    // print(sess.run(loss, {x: [1, 2, 3, 4], y: [0, -1, -2, -3]}))   -> 0.0
    const fixW = tf.assign(W, [-1.0]);
    const fixb = tf.assign(b, [1.0]);
    const [newW, newB] = sess.run([fixW, fixb]);
    assert.equal(show(newW), '[-1.]');
    assert.equal(show(newB), '[1.]');
    assert.equal(sess.run(loss, new Map([[x, xs], [y, ys]])).item(), 0);
    // print(sess.run([W, b]))  -> [array([-1.], dtype=float32), array([1.], dtype=float32)]
    assert.deepEqual(
      sess.run([W, b]).map((v) => v.toArray()),
      [[-1], [1]],
    );
  });

  test('W.assign(-1) (the method form) and a second session that still sees the initial values', () => {
    tf.resetDefaultGraph();
    const W = new tf.Variable([0.3], { name: 'W' });
    const b = new tf.Variable([-0.3], { name: 'b' });
    const x = tf.placeholder(tf.float32, { name: 'x' });
    const y = tf.placeholder(tf.float32, { name: 'y' });
    const linear = tf.add(tf.multiply(W, x), b);
    const d = tf.subtract(linear, y);
    const loss = tf.reduceSum(tf.multiply(d, d), { name: 'loss' });
    const init = tf.globalVariablesInitializer();
    const feed = { x: [1, 2, 3, 4], y: [0, -1, -2, -3] };

    using s1 = new tf.Session();
    using s2 = new tf.Session();
    s1.run(init);
    s2.run(init);
    s1.run([W.assign([-1]), b.assign([1])]);
    assert.equal(s1.run(loss, feed).item(), 0);
    assert.equal(show(s2.run(loss, feed)), '23.66');
    assert.equal(show(s1.run(W)), '[-1.]');
    assert.equal(show(s2.run(W)), '[0.3]');
  });
});
