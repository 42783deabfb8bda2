// Top-level tf.* builders (array family). See README.md.
export {};
