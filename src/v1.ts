/**
 * `tensorgraph/v1`: TensorFlow 1 semantics. Graph mode by default: ops build into the default
 * graph, sessions run them, variables are ref variables whose values live in each session.
 */
export * from './api-v1.js';
