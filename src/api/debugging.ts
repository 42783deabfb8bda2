// The tf.debugging namespace. See README.md.
export {};
