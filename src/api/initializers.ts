// The tf.initializers namespace. See README.md.
export {};
