// The tf.losses namespace. See README.md.
export {};
