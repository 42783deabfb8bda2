// The tf.math-ns namespace. See README.md.
export {};
