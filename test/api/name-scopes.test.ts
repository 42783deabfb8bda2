// TF1 name scopes, lookups by name and collections, as a model-building script uses them:
// layer1/weights etc., scope strings, uniquified scopes, g.get_tensor_by_name on a rebuilt graph.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { show, thrown } from './helpers.js';

/** The two-layer model most TF1 tutorials build, inside its own graph. */
function buildModel(g: tf.Graph) {
  return g.asDefault(() => {
    const x = tf.nameScope('input', () => tf.placeholder(tf.float32, [null, 3], 'x'));
    // with tf.name_scope('layer1'):
    //     weights = tf.Variable(tf.zeros([3, 2]), name='weights')
    //     biases = tf.Variable(tf.zeros([2]), name='biases')
    //     h = tf.matmul(x, weights) + biases
    const layer1 = tf.nameScope('layer1', () => {
      const weights = new tf.Variable(tf.ones([3, 2]), { name: 'weights' });
      const biases = new tf.Variable(tf.zeros([2]), { name: 'biases' });
      const h = tf.add(tf.matmul(x, weights), biases);
      return { weights, biases, h };
    });
    // with tf.name_scope('layer2') as scope:
    const layer2 = tf.nameScope('layer2', (scope) => {
      const weights = new tf.Variable(tf.ones([2, 1]), { name: 'weights' });
      const y = tf.matmul(layer1.h, weights, { name: 'y' });
      return { scope, weights, y };
    });
    const init = tf.globalVariablesInitializer();
    return { x, layer1, layer2, init };
  });
}

describe('name scopes', () => {
  test('variables and ops under layer1/ and layer2/', () => {
    const g = new tf.Graph();
    const { x, layer1, layer2 } = buildModel(g);
    assert.equal(x.name, 'input/x:0');
    assert.equal(layer2.scope, 'layer2/');
    // print(weights.name) -> layer1/weights:0 ; weights.op.name -> layer1/weights
    assert.equal(layer1.weights.name, 'layer1/weights:0');
    assert.equal(layer1.weights.op.name, 'layer1/weights');
    assert.equal(layer1.weights.initializer.name, 'layer1/weights/Assign');
    assert.equal(layer1.weights.value().name, 'layer1/weights/read:0');
    assert.equal(layer1.weights.initialValue.name, 'layer1/ones:0');
    assert.equal(layer1.biases.initialValue.name, 'layer1/zeros:0');
    assert.equal(layer2.weights.name, 'layer2/weights:0');
    assert.equal(layer2.y.name, 'layer2/y:0');
    assert.equal(String(layer2.y), 'Tensor("layer2/y:0", shape=(?, 1), dtype=float32)');
    assert.equal(String(layer1.weights), "<tf.Variable 'layer1/weights:0' shape=(3, 2) dtype=float32_ref>");
    // tf.add inside the scope: TensorFlow names it layer1/Add.
    assert.equal(layer1.h.name, 'layer1/Add:0');
  });

  test('nested, reopened and reset scopes', () => {
    tf.resetDefaultGraph();
    // with tf.name_scope('outer'):
    //   with tf.name_scope('inner'): c = tf.constant(1.0, name='c')
    //   d = tf.multiply(c, 2.0)
    const { c, d } = tf.nameScope('outer', () => {
      const c = tf.nameScope('inner', () => tf.constant(1.0, { name: 'c' }));
      return { c, d: tf.multiply(c, 2.0) };
    });
    assert.equal(c.name, 'outer/inner/c:0');
    assert.equal(d.name, 'outer/Mul:0');
    // A second `with tf.name_scope('outer')` gets outer_1/
    assert.equal(
      tf.nameScope('outer', (s) => s),
      'outer_1/',
    );
    // A scope name ending in '/' re-enters an existing scope verbatim.
    const e = tf.nameScope('outer/', () => tf.constant(2.0, { name: 'e' }));
    assert.equal(e.name, 'outer/e:0');
    // name_scope(None) inside a scope resets to the top level.
    const f = tf.nameScope('outer', () => tf.nameScope(null, () => tf.constant(3.0, { name: 'f' })));
    assert.equal(f.name, 'f:0');
    // The `using` form.
    {
      using s = tf.nameScope('block');
      assert.equal(s.value, 'block/');
      assert.equal(tf.constant(0).name, 'block/Const:0');
    }
    assert.equal(tf.constant(0).name, 'Const:0');
    // Same name twice in one scope: _1 suffix.
    assert.equal(tf.constant(0, { name: 'c' }).name, 'c:0');
    assert.equal(tf.constant(0, { name: 'c' }).name, 'c_1:0');
  });
});

describe('lookups by name', () => {
  test('g.get_tensor_by_name / get_operation_by_name, then feeding and fetching by the found tensors', () => {
    const g = new tf.Graph();
    buildModel(g);
    // x = graph.get_tensor_by_name('input/x:0'); y = graph.get_tensor_by_name('layer2/y:0')
    const x = g.getTensorByName('input/x:0');
    const y = g.getTensorByName('layer2/y:0');
    const w = g.getTensorByName('layer1/weights:0');
    assert.equal(String(w), 'Tensor("layer1/weights:0", shape=(3, 2), dtype=float32_ref)');
    assert.equal(g.getOperationByName('layer1/weights/Assign').type, 'Assign');
    assert.equal(g.getOperationByName('init').type, 'NoOp');
    using sess = new tf.Session({ graph: g });
    sess.run(g.getOperationByName('init'));
    // x = [[1, 2, 3]]: h = [6, 6], y = 12
    const out = sess.run(y, new Map([[x, [[1, 2, 3], [0, 0, 1]]]]));
    assert.equal(show(out), '[[12.]\n [ 2.]]');
    // The same by names only.
    assert.equal(show(sess.run('layer2/y:0', { 'input/x:0': [[1, 1, 1]] })), '[[6.]]');
  });

  test('lookup errors name what is missing (TF texts)', () => {
    const g = new tf.Graph();
    buildModel(g);
    assert.equal(
      thrown(() => g.getTensorByName('layer1/nope:0'), tf.KeyError).message,
      "The name 'layer1/nope:0' refers to a Tensor which does not exist. The operation, 'layer1/nope', does not exist in the graph.",
    );
    assert.equal(
      thrown(() => g.getTensorByName('layer1/weights'), tf.ValueError).message,
      "The name 'layer1/weights' refers to an Operation, not a Tensor. Tensor names must be of the form \"<op_name>:<output_index>\".",
    );
    assert.equal(
      thrown(() => g.getTensorByName('nope'), tf.ValueError).message,
      "The name 'nope' looks like an (invalid) Operation name, not a Tensor. Tensor names must be of the form \"<op_name>:<output_index>\".",
    );
    assert.equal(
      thrown(() => g.getOperationByName('nope'), tf.KeyError).message,
      "The name 'nope' refers to an Operation not in the graph.",
    );
  });
});

describe('collections', () => {
  test('GLOBAL_VARIABLES / TRAINABLE_VARIABLES with and without a scope filter; a custom collection', () => {
    const g = new tf.Graph();
    const { layer1, layer2 } = buildModel(g);
    g.asDefault(() => {
      const names = (vs: tf.Variable[]) => vs.map((v) => v.name);
      // tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES)
      assert.deepEqual(names(tf.getCollection<tf.Variable>(tf.GraphKeys.GLOBAL_VARIABLES)), [
        'layer1/weights:0',
        'layer1/biases:0',
        'layer2/weights:0',
      ]);
      // tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope='layer1')
      assert.deepEqual(names(tf.getCollection(tf.GraphKeys.TRAINABLE_VARIABLES, 'layer1')), ['layer1/weights:0', 'layer1/biases:0']);
      assert.deepEqual(names(tf.trainableVariables('layer2')), ['layer2/weights:0']);
      assert.deepEqual(tf.globalVariables(), [layer1.weights, layer1.biases, layer2.weights]);

      // A non-trainable step counter.
      const step = new tf.Variable(0, { name: 'global_step', trainable: false, dtype: 'int32' });
      assert.equal(tf.globalVariables().length, 4);
      assert.equal(tf.trainableVariables().length, 3);
      assert.ok(tf.globalVariables().includes(step));

      // tf.add_to_collection(tf.GraphKeys.LOSSES, loss); tf.get_collection('losses')
      const loss = tf.reduceSum(layer2.y, { name: 'loss' });
      tf.addToCollection(tf.GraphKeys.LOSSES, loss);
      assert.equal(tf.GraphKeys.LOSSES, 'losses');
      assert.deepEqual(tf.getCollection('losses'), [loss]);
      assert.deepEqual(tf.getCollection('no such collection'), []);
    });
  });
});
