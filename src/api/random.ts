// Top-level tf.* builders (random family). See README.md.
export {};
