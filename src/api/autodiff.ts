// Top-level tf.* builders (autodiff family). See README.md.
export {};
