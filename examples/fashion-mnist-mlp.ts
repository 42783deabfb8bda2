// The Fashion-MNIST MLP baseline (hidden layers 256-128-100, ReLU), TensorFlow 1 style: published
// test accuracy 0.883. Run: npm run -s build && node build/examples/fashion-mnist-mlp.js
//   [--epochs 15] [--batchSize 128] [--learningRate 0.001] [--seed 1] [--data DIR]
import * as tf from 'tensorgraph/v1';
import { loadFashionMnist } from './lib/fashion.js';
import { type Model, backendOption, evaluate, fit, options } from './lib/fit.js';

const opts = options({ epochs: 15, batchSize: 128, learningRate: 0.001, seed: 1, data: '', backend: '' });
const [train, test] = await loadFashionMnist(opts.data);

const graph = new tf.Graph();
const model: Model = graph.asDefault(() => {
  tf.setRandomSeed(opts.seed);
  const x = tf.placeholder(tf.float32, [null, 28, 28], 'x');
  const y = tf.placeholder(tf.int32, [null], 'y');
  let h = tf.layers.flatten(tf.divide(x, 255));
  for (const [i, units] of [256, 128, 100].entries()) h = tf.layers.dense(h, units, { activation: tf.nn.relu, name: `hidden${i + 1}` });
  const logits = tf.layers.dense(h, 10, { name: 'logits' });
  const loss = tf.losses.sparseSoftmaxCrossEntropy({ labels: y, logits });
  const accuracy = tf.reduceMean(tf.cast(tf.equal(tf.argmax(logits, 1, { outputType: tf.int32 }), y), tf.float32));
  const trainOp = new tf.train.AdamOptimizer(opts.learningRate).minimize(loss);
  return { x, y, loss, accuracy, trainOp };
});

using sess = new tf.Session({ graph, backend: backendOption(opts.backend) });
sess.run(graph.asDefault(() => tf.globalVariablesInitializer()));
fit(sess, model, train, opts);
const { accuracy } = evaluate(sess, model, test);
console.log(`test accuracy: ${accuracy.toFixed(4)}`);
