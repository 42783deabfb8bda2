import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '../src/v1.js';

test('walkthrough: sessions own variable values', () => {
  const graph = new tf.Graph();
  const { variable, initialize, assign } = graph.asDefault(() => {
    const variable = new tf.Variable(42, { name: 'foo' });
    return { variable, initialize: tf.globalVariablesInitializer(), assign: variable.assign(13) };
  });
  const s1 = new tf.Session({ graph });
  s1.run(initialize);
  s1.run(assign);
  assert.equal(String(s1.run(variable)), '13');
  const s2 = new tf.Session({ graph });
  assert.throws(() => s2.run(variable), (e: unknown) => e instanceof tf.errors.FailedPreconditionError && e.message === 'Attempting to use uninitialized value foo');
  const s3 = new tf.Session({ graph });
  s3.run(initialize);
  assert.equal(s3.run(variable).item(), 42);
});
