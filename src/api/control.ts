// Top-level tf.* builders (control family). See README.md.
export {};
