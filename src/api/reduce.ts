// Top-level tf.* builders (reduce family). See README.md.
export {};
