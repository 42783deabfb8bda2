// TensorFlow's tutorial CNN on Fashion-MNIST, TensorFlow 1 style: conv 5×5×32 SAME + ReLU,
// max-pool 2, conv 5×5×64 SAME + ReLU, max-pool 2, dense 1024 + ReLU, dropout 0.4, dense 10;
// Adam, its learning rate decayed by `--decay` each epoch (tf.train.exponentialDecay, staircase).
// Published test accuracy 0.916.
// Run: npm run -s build && node build/examples/fashion-mnist-cnn.js [--epochs 8] [--data DIR] [--backend wasm|cpu (default: wasm where WebAssembly SIMD exists)]
import * as tf from 'tensorgraph/v1';
import { loadFashionMnist } from './lib/fashion.js';
import { type Model, backendOption, evaluate, fit, options } from './lib/fit.js';

const opts = options({ epochs: 8, batchSize: 64, learningRate: 0.001, decay: 0.7, seed: 1, data: '', backend: '' });
const [train, test] = await loadFashionMnist(opts.data);

const graph = new tf.Graph();
const model: Model = graph.asDefault(() => {
  tf.setRandomSeed(opts.seed);
  const x = tf.placeholder(tf.float32, [null, 28, 28], 'x');
  const y = tf.placeholder(tf.int32, [null], 'y');
  const training = tf.placeholderWithDefault(false, [], 'training');
  const input = tf.reshape(tf.divide(x, 255), [-1, 28, 28, 1]);
  const conv1 = tf.layers.conv2d(input, 32, [5, 5], { padding: 'same', activation: tf.nn.relu });
  const pool1 = tf.layers.maxPooling2d(conv1, [2, 2], 2);
  const conv2 = tf.layers.conv2d(pool1, 64, [5, 5], { padding: 'same', activation: tf.nn.relu });
  const pool2 = tf.layers.maxPooling2d(conv2, [2, 2], 2);
  const dense = tf.layers.dense(tf.reshape(pool2, [-1, 7 * 7 * 64]), 1024, { activation: tf.nn.relu });
  const dropout = tf.layers.dropout(dense, { rate: 0.4, training });
  const logits = tf.layers.dense(dropout, 10);
  const loss = tf.losses.sparseSoftmaxCrossEntropy({ labels: y, logits });
  const accuracy = tf.reduceMean(tf.cast(tf.equal(tf.argmax(logits, 1, { outputType: tf.int32 }), y), tf.float32));
  // Without decay Adam's steps keep the test accuracy wandering ±0.4% between epochs while the
  // training accuracy climbs past it (overfitting); a staircase decay per epoch settles it.
  const globalStep = tf.train.getOrCreateGlobalStep();
  const stepsPerEpoch = Math.ceil((train[0].shape[0] as number) / opts.batchSize);
  const learningRate = tf.train.exponentialDecay(opts.learningRate, globalStep, stepsPerEpoch, opts.decay, true);
  const trainOp = new tf.train.AdamOptimizer(learningRate).minimize(loss, { globalStep });
  return { x, y, training, loss, accuracy, trainOp };
});

using sess = new tf.Session({ graph, backend: backendOption(opts.backend) });
sess.run(graph.asDefault(() => tf.globalVariablesInitializer()));
fit(sess, model, train, opts);
const { accuracy } = evaluate(sess, model, test);
console.log(`test accuracy: ${accuracy.toFixed(4)}`);
