// The tf.data namespace. See README.md.
export {};
