// Top-level tf.* builders (math family). See README.md.
export {};
