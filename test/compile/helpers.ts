// Helpers for the compiler suite (plans as data, passes, memory plan).
import * as tf from '../../src/v1.js';

/** A 3-layer MLP forward pass (784-16-16-10 scaled down: 8-16-16-4) with constant subexpressions. */
export function mlp(g: tf.Graph) {
  return g.asDefault(() => {
    const x = tf.placeholder('float32', [null, 8], 'x');
    const layer = (input: tf.Tensor, n: number, m: number, name: string, relu: boolean) =>
      tf.nameScope(name, () => {
        const w = new tf.Variable(tf.fill([n, m], 0.01), { name: 'kernel' });
        const b = new tf.Variable(tf.zeros([m]), { name: 'bias' });
        // A constant expression the folder computes once: the scale 2 * 0.5.
        const scale = tf.multiply(tf.constant(2), tf.constant(0.5), { name: 'scale' });
        const z = tf.multiply(tf.add(tf.matmul(input, w), b), scale);
        return relu ? tf.multiply(z, z, { name: 'act' }) : z;
      });
    const h1 = layer(x, 8, 16, 'dense', true);
    const h2 = layer(h1, 16, 16, 'dense_1', true);
    const logits = layer(h2, 16, 4, 'dense_2', false);
    return { x, logits };
  });
}
