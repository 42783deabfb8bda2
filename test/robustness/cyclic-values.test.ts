// A JS value that contains itself, given where a tensor value is expected (a constant, a feed, an op
// input), must be refused at once. Today some of these spin while growing memory until V8 aborts
// the process, so every probe runs in a child process with a small heap and a time limit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectCleanExit, runIsolated } from './helpers.js';

function probe(expr: string): Record<string, unknown> {
  const code = `
const g = new tf.Graph();
g.asDefault(() => {
  const sess = new tf.Session();
  const x = tf.placeholder('float32', null, 'x');
  const self = []; self.push(self);
  const mixed = [1]; mixed.push(mixed);
  try {
    ${expr};
    report({ ok: true });
  } catch (e) {
    report({ cls: e.constructor.name, message: String(e.message).slice(0, 300), ops: g.getOperations().map((o) => o.name) });
  }
});`;
  return expectCleanExit(runIsolated(code, { timeoutMs: 10_000 }), expr);
}

function expectRefused(rep: Record<string, unknown>, what: string): void {
  assert.notEqual(rep.ok, true, `${what} must not succeed`);
  assert.notEqual(rep.cls, 'RangeError', `${what}: raw RangeError: ${String(rep.message)}`);
  assert.ok(rep.cls === 'TypeError' || rep.cls === 'ValueError', `${what}: got ${String(rep.cls)}: ${String(rep.message)}`);
  assert.match(String(rep.message), /cycl|circular|itself|nest|deep/i);
}

test('tf.constant of an array that contains itself: a clear error, no crash and no hang', () => {
  expectRefused(probe('tf.constant(self)'), 'tf.constant(self)');
});

test('tf.constant of [1, <itself>]: a clear error, no stack overflow', () => {
  expectRefused(probe('tf.constant(mixed)'), 'tf.constant(mixed)');
});

test('feeding an array that contains itself: a clear error, no crash and no hang', () => {
  const rep = probe("sess.run(x, { x: self })");
  expectRefused(rep, 'feed self');
});

test('an op input that contains itself: a clear error, and the graph keeps only the placeholder', () => {
  const rep = probe('tf.add(self, 1)');
  expectRefused(rep, 'tf.add(self, 1)');
  assert.deepEqual(rep.ops, ['x']);
});
