// The tf.math-ns namespace. See README.md.
export {};
export { addN } from './autodiff.js';
