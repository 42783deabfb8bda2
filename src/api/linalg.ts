// The tf.linalg namespace. See README.md.
export {};
