// The tf.layers namespace. See README.md.
export {};
