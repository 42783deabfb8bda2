// The tf.nn namespace. See README.md.
export {};
