// The tf.image namespace. See README.md.
export {};
