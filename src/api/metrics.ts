// The tf.metrics namespace. See README.md.
export {};
