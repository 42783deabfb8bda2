// The tf.nn namespace. See README.md.
export { sigmoid, tanh } from './math.js';
