// tf.layers and tf.losses against TensorFlow 2.21's TF1 graphs (golden/layers_golden.py):
// variable names and shapes, output names and shapes, the layer ops' names and types, values.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as tf from '../../src/v1.js';
import { expectClose } from '../ops/helpers.js';
import { type GoldenCase, LAYERS_GOLDEN } from './golden/layers-golden.js';

const G = LAYERS_GOLDEN;
const arange = (shape: number[], scale: number, offset: number): number[] => {
  const n = shape.reduce((a, b) => a * b, 1);
  return Array.from({ length: n }, (_, i) => Math.fround(i * scale + offset));
};
const K = (shape: number[], scale = 0.05, offset = -0.2) => tf.constantInitializer(arange(shape, scale, offset));
const ph = (shape: (number | null)[]) => tf.placeholder('float32', shape, 'x');
const feedX = (shape: number[]) => ({ 'x:0': new tf.NDArray('float32', shape, Float32Array.from(arange(shape, 0.1, -0.3))) });
const x = () => tf.getDefaultGraph().getTensorByName('x:0');

/** The ops a layer builds, without the variables' initializer/assign/read ops and the Consts. */
const layerOps = (ops: [string, string][]) =>
  ops.filter(([n, t]) => !/\/Initializer\/|\/Assign$|\/read$|^gradients\//.test(n) && t !== 'Const' && t !== 'VariableV2').map((o) => o.join(':'));

function check(name: string, buildFn: () => tf.Tensor | tf.Tensor[], shape: number[] | null, namesAsTf = true) {
  it(name, () => {
    const c = G[name] as GoldenCase;
    const g = new tf.Graph();
    const outs = g.asDefault(() => {
      const o = buildFn();
      return Array.isArray(o) ? o : [o];
    });
    g.asDefault(() => {
      assert.deepEqual(tf.globalVariables().map((v) => [v.name, v.shape.asList()]), c.globalVariables);
      assert.deepEqual(tf.trainableVariables().map((v) => v.name), c.trainableVariables);
      assert.deepEqual(tf.getCollection<tf.Tensor>(tf.GraphKeys.REGULARIZATION_LOSSES).map((t) => t.name), c.regularizationLosses);
      assert.deepEqual(tf.getCollection<tf.Tensor>(tf.GraphKeys.UPDATE_OPS).map((t) => t.name), c.updateOps);
    });
    const shapes = (o: [string, number[] | null][]) => o.map(([n, s]) => (namesAsTf ? [n, s] : s));
    assert.deepEqual(shapes(outs.map((t) => [t.name, t.shape.rank === null ? null : (t.shape.dims?.map((d) => d ?? -1) ?? null)])), shapes(c.outputs));
    const ops = g.getOperations().map((o) => [o.name, o.type] as [string, string]);
    if (namesAsTf) assert.deepEqual(layerOps(ops), layerOps(c.ops));
    const sess = new tf.Session({ graph: g });
    sess.run(g.asDefault(() => tf.globalVariablesInitializer()));
    const vals = sess.run(outs, shape ? feedX(shape) : null) as tf.NDArray[];
    vals.forEach((v, i) => {
      expectClose(v.toArray(), c.values[i], 1e-5);
    });
  });
}

describe('tf.layers names, shapes and values (TF 2.21 golden)', () => {
  check('dense_relu_twice', () => [
    tf.layers.dense(ph([null, 4]), 3, { activation: tf.nn.relu, kernelInitializer: K([4, 3]), biasInitializer: tf.constantInitializer(0.1) }),
    tf.layers.dense(x(), 3, { kernelInitializer: K([4, 3]) }),
  ], [2, 4]);
  check('dense_named_nobias', () => tf.layers.dense(ph([2, 4]), 2, { useBias: false, name: 'fc', kernelInitializer: K([4, 2]) }), [2, 4]);
  check('dense_rank3', () => tf.layers.dense(ph([2, 3, 4]), 2, { kernelInitializer: K([4, 2]) }), [2, 3, 4]);
  check('dense_in_scope', () => {
    const xx = ph([2, 4]);
    const a = tf.variableScope('net', () => tf.layers.dense(xx, 2, { kernelInitializer: K([4, 2]) }));
    const b = tf.variableScope('net', { reuse: true }, () => tf.layers.dense(xx, 2, { kernelInitializer: K([4, 2]) }));
    const c = tf.layers.dense(xx, 2, { name: 'shared', kernelInitializer: K([4, 2]) });
    const d = tf.layers.dense(xx, 2, { name: 'shared', reuse: true });
    return [a, b, c, d];
  }, [2, 4]);
  check('dense_object_twice', () => {
    const xx = ph([2, 4]);
    const layer = new tf.layers.Dense(3, { kernelInitializer: K([4, 3]) });
    return [layer.apply(xx), layer.apply(xx)];
  }, [2, 4]);
  check('flatten_known', () => tf.layers.flatten(ph([null, 2, 3])), [2, 2, 3]);
  check('flatten_static', () => tf.layers.flatten(ph([2, 2, 3])), [2, 2, 3]);
  check('flatten_channels_first', () => tf.layers.flatten(ph([2, 2, 3]), { dataFormat: 'channels_first' }), [2, 2, 3]);
  check('conv2d_same_relu', () => tf.layers.conv2d(ph([2, 5, 5, 3]), 4, 3, { padding: 'same', activation: tf.nn.relu,
    kernelInitializer: K([3, 3, 3, 4], 0.01, -0.5), biasInitializer: tf.constantInitializer(0.05) }), [2, 5, 5, 3]);
  check('conv2d_valid_strides', () => tf.layers.conv2d(ph([null, 6, 6, 2]), 3, [3, 2], { strides: 2, kernelInitializer: K([3, 2, 2, 3], 0.02, -0.3) }), [1, 6, 6, 2]);
  check('conv2d_dilated', () => tf.layers.conv2d(ph([1, 7, 7, 1]), 2, 3, { dilationRate: 2, useBias: false, kernelInitializer: K([3, 3, 1, 2], 0.1, -0.4) }), [1, 7, 7, 1], false); // one Conv2D with dilations, not SpaceToBatch
  check('max_pool_same', () => tf.layers.maxPooling2d(ph([2, 5, 5, 3]), 2, 2, { padding: 'same' }), [2, 5, 5, 3]);
  check('avg_pool_valid', () => tf.layers.averagePooling2d(ph([2, 5, 5, 3]), [3, 2], [1, 2]), [2, 5, 5, 3]);
  check('pool_names_twice', () => [tf.layers.maxPooling2d(ph([1, 4, 4, 1]), 2, 2), tf.layers.maxPooling2d(x(), 2, 2), tf.layers.averagePooling2d(x(), 2, 2)], [1, 4, 4, 1]);
  check('dropout_inference', () => tf.layers.dropout(ph([2, 3]), 0.5), [2, 3]);
  check('dropout_training_bool', () => tf.layers.dropout(ph([2, 3]), 0.0, { training: true }), [2, 3]);
});
