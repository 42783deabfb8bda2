// A TensorFlow 1 style MLP on the 8×8 digits bundled with tensorgraph: graph, placeholders,
// tf.layers.dense, a sparse softmax cross-entropy loss and Adam, trained in a Session.
// Run: npm run -s build && node build/examples/digits-mlp.js [--epochs 20] [--seed 1]
import * as tf from 'tensorgraph/v1';
import { type Model, evaluate, fit, options } from './lib/fit.js';

const opts = options({ epochs: 20, batchSize: 32, learningRate: 0.01, seed: 1 });
const [train, test] = await tf.data.loadDigits();
console.log(`digits: ${train[0].shape[0]} training and ${test[0].shape[0]} test images of 8×8 pixels`);

const graph = new tf.Graph();
const model: Model = graph.asDefault(() => {
  tf.setRandomSeed(opts.seed);
  const x = tf.placeholder(tf.float32, [null, 64], 'x');
  const y = tf.placeholder(tf.int32, [null], 'y');
  const scaled = tf.divide(x, 16);
  const hidden = tf.layers.dense(scaled, 64, { activation: tf.nn.relu, name: 'hidden' });
  const logits = tf.layers.dense(hidden, 10, { name: 'logits' });
  const loss = tf.losses.sparseSoftmaxCrossEntropy({ labels: y, logits });
  const correct = tf.equal(tf.argmax(logits, 1, { outputType: tf.int32 }), y);
  const accuracy = tf.reduceMean(tf.cast(correct, tf.float32));
  const trainOp = new tf.train.AdamOptimizer(opts.learningRate).minimize(loss);
  return { x, y, loss, accuracy, trainOp };
});

using sess = new tf.Session({ graph });
sess.run(graph.asDefault(() => tf.globalVariablesInitializer()));
fit(sess, model, train, opts);
const { accuracy } = evaluate(sess, model, test);
console.log(`test accuracy: ${accuracy.toFixed(4)}`);
