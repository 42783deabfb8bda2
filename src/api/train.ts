// The tf.train namespace. See README.md.
export {};
