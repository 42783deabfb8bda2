// The tf.random-ns namespace. See README.md.
export {};
