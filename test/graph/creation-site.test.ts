// An op's creation stack is captured when it is built but formatted only when read (formatting is
// most of the cost of building an op); the site and traceback read later are the same.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '../../src/v1.js';

/** Runs `fn` counting how many stacks V8 formats meanwhile. */
function countFormatting<R>(fn: () => R): { out: R; formatted: number } {
  const saved = Error.prepareStackTrace;
  let formatted = 0;
  Error.prepareStackTrace = (err, frames) => {
    formatted++;
    return `${String(err)}\n${frames.map((f) => `    at ${f}`).join('\n')}`;
  };
  try {
    return { out: fn(), formatted };
  } finally {
    Error.prepareStackTrace = saved;
  }
}

test('building ops formats no stack; reading creationSite or traceback formats it', () => {
  const g = new tf.Graph();
  const built = countFormatting(() =>
    g.asDefault(() => {
      const x = tf.placeholder('float32', [2], 'x');
      return tf.add(tf.matmul(tf.reshape(x, [1, 2]), tf.ones([2, 1])), 1);
    }),
  );
  assert.equal(built.formatted, 0);
  assert.ok(g.getOperations().length >= 5);
  const op = built.out.op;
  const read = countFormatting(() => [op.creationSite, op.traceback] as const);
  assert.ok(read.formatted >= 1);
  const [site, traceback] = read.out;
  // The site is this file (the line of the tf.add call), the traceback holds it.
  assert.match(site ?? '', /\/graph\/creation-site\.test\.js:\d+:\d+$/);
  assert.ok(traceback?.includes(site as string), traceback);
  // Read once, kept: a second read formats nothing and gives the same text.
  const again = countFormatting(() => [op.creationSite, op.traceback] as const);
  assert.equal(again.formatted, 0);
  assert.deepEqual(again.out, read.out);
});

test('every op of a composite builder gets the caller line', () => {
  const g = new tf.Graph();
  g.asDefault(() => new tf.Variable(tf.zeros([2, 2]), { name: 'v' }));
  const ops = g.getOperations();
  assert.ok(ops.length >= 4, ops.map((o) => o.name).join());
  const lines = new Set(ops.map((op) => /\/graph\/creation-site\.test\.js:(\d+):\d+$/.exec(op.creationSite ?? '')?.[1]));
  assert.equal(lines.size, 1, ops.map((op) => `${op.name} ${op.creationSite}`).join('\n'));
  assert.ok(!lines.has(undefined));
});
