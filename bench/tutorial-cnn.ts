// TensorFlow's Fashion-MNIST tutorial CNN as the benchmarks build it with tensorgraph (the
// user-facing examples/fashion-mnist-cnn.ts keeps its own copy: an example reads on its own).
// `t` is the tensorgraph module the caller built its graph with (the package, or build/src when
// the caller also needs the backends' internals): the two are separate module instances.
import type * as TfV1 from 'tensorgraph/v1';

/** The dropout after the dense 1024 layer: its rate and its `training` flag. */
export interface CnnDropout {
  readonly rate: number;
  readonly training: boolean | TfV1.Tensor;
}

/**
 * Logits of the tutorial network for `x`, [batch, 28, 28] pixels 0..255: conv 5×5×32 SAME + ReLU,
 * max-pool 2, conv 5×5×64 SAME + ReLU, max-pool 2, dense 1024 + ReLU, dropout (none when null),
 * dense 10.
 */
export function tutorialCnnLogits(t: typeof TfV1, x: TfV1.Tensor, dropout: CnnDropout | null): TfV1.Tensor {
  const input = t.reshape(t.divide(x, 255), [-1, 28, 28, 1]);
  const conv1 = t.layers.conv2d(input, 32, [5, 5], { padding: 'same', activation: t.nn.relu });
  const pool1 = t.layers.maxPooling2d(conv1, [2, 2], 2);
  const conv2 = t.layers.conv2d(pool1, 64, [5, 5], { padding: 'same', activation: t.nn.relu });
  const pool2 = t.layers.maxPooling2d(conv2, [2, 2], 2);
  const dense = t.layers.dense(t.reshape(pool2, [-1, 7 * 7 * 64]), 1024, { activation: t.nn.relu });
  const hidden = dropout ? t.layers.dropout(dense, { rate: dropout.rate, training: dropout.training }) : dense;
  return t.layers.dense(hidden, 10);
}
