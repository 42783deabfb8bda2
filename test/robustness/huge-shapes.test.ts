// Huge shapes must be refused cleanly, before anything is allocated. Each probe runs in a child
// process with a capped heap, a capped virtual memory and a time limit, so that a library that
// does try to allocate fails the test instead of exhausting the machine.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '../../src/v1.js';
import { type IsolatedResult, expectCleanExit, expectThrows, runIsolated } from './helpers.js';

/** Runs `body` (which builds and runs something) in a child and returns the error it reported. */
function isolatedError(body: string): { result: IsolatedResult; rep: Record<string, unknown> } {
  const code = `
const g = new tf.Graph();
g.asDefault(() => {
  const sess = new tf.Session();
  try {
    ${body}
    report({ ok: true });
  } catch (e) {
    report({ cls: e.constructor.name, message: e.message, isOpError: e instanceof tf.errors.OpError, isRE: e instanceof tf.errors.ResourceExhaustedError });
  }
});`;
  const result = runIsolated(code);
  return { result, rep: expectCleanExit(result, body) };
}

function expectResourceExhausted(body: string, shapeText: RegExp, t: { skip(msg: string): void }): void {
  const { result, rep } = isolatedError(body);
  if (!result.capped) {
    t.skip('cannot cap virtual memory here');
    return;
  }
  assert.notEqual(rep.ok, true, `${body} must not succeed`);
  // TF: ResourceExhaustedError "OOM when allocating tensor with shape[1000000,1000000] and type float on ... by allocator cpu".
  assert.equal(rep.cls, 'ResourceExhaustedError', `${body}: expected ResourceExhaustedError, got ${String(rep.cls)}: ${String(rep.message).split('\n')[0]}`);
  assert.match(String(rep.message), shapeText);
  assert.doesNotMatch(String(rep.message), /Invalid typed array length|Array buffer allocation failed/);
}

test('fill([1e6, 1e6]) at run time: ResourceExhaustedError naming the shape, not an UnknownError from the engine', (t) => {
  expectResourceExhausted('sess.run(tf.fill([1e6, 1e6], 0));', /1000000,1000000/, t);
});

test('zeros() whose shape is fed at run time: ResourceExhaustedError naming the shape', (t) => {
  expectResourceExhausted(
    "const d = tf.placeholder('int32', [2], 'd'); sess.run(tf.zeros(d), { d: [100000, 100000] });",
    /100000,100000/,
    t,
  );
});

test('fill with int64 dims beyond any addressable size: ResourceExhaustedError (or InvalidArgument), never a raw RangeError', (t) => {
  const { result, rep } = isolatedError('sess.run(tf.fill(tf.constant([2n ** 62n]), 1));');
  if (!result.capped) return t.skip('cannot cap virtual memory here');
  assert.ok(
    rep.cls === 'ResourceExhaustedError' || rep.cls === 'InvalidArgumentError',
    `expected ResourceExhausted/InvalidArgument, got ${String(rep.cls)}: ${String(rep.message).split('\n')[0]}`,
  );
});

test('a 4e9-element fill (below the typed-array limit, 16 GB) is refused before allocating', (t) => {
  // Under the 3 GB virtual-memory cap an attempt to allocate fails fast ("Array buffer allocation
  // failed"); without the cap the same call would try to commit 16 GB.
  expectResourceExhausted('sess.run(tf.fill([40000, 100000], 0));', /40000,100000/, t);
});

test('range with a huge limit: ResourceExhaustedError (TF: "Requires ((limit - start) / delta) <= ...")', (t) => {
  const { result, rep } = isolatedError("const l = tf.placeholder('float32', [], 'l'); sess.run(tf.range(l), { l: 1e10 });");
  if (!result.capped) return t.skip('cannot cap virtual memory here');
  assert.ok(
    rep.cls === 'ResourceExhaustedError' || rep.cls === 'InvalidArgumentError',
    `expected ResourceExhausted/InvalidArgument, got ${String(rep.cls)}: ${String(rep.message).split('\n')[0]}`,
  );
});

test('constant(0, {shape: [1e6, 1e6]}) fails with a tensorgraph error naming the shape, not a RangeError', (t) => {
  const { result, rep } = isolatedError('tf.constant(0, { shape: [1e6, 1e6] });');
  if (!result.capped) return t.skip('cannot cap virtual memory here');
  assert.notEqual(rep.cls, 'RangeError', `got a raw RangeError: ${String(rep.message)}`);
  assert.match(String(rep.message), /1000000/);
});

test('constant(0, {shape: [65536, 65536]}) (16 GB, within the typed-array limit) is refused before allocating', (t) => {
  // In-process this would commit 16 GB while filling; here the 3 GB cap makes an attempt fail fast.
  const { result, rep } = isolatedError('tf.constant(0, { shape: [65536, 65536] });');
  if (!result.capped) return t.skip('cannot cap virtual memory here');
  assert.notEqual(rep.ok, true, 'a 16 GB constant cannot succeed under a 3 GB cap');
  assert.notEqual(rep.cls, 'RangeError', `got a raw RangeError: ${String(rep.message)}`);
  assert.match(String(rep.message), /65536/);
});

test('range with a NaN or infinite limit fed at run time: InvalidArgumentError from the Range kernel', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    const l = tf.placeholder('float32', [], 'l');
    const r = tf.range(l);
    const sess = new tf.Session();
    // TF's RangeOp: "Requires start <= limit when delta > 0: 0/nan" (NaN fails the <= check).
    expectThrows(() => sess.run(r, { l: Number.NaN }), tf.errors.InvalidArgumentError, /Requires start <= limit when delta > 0: 0\/nan/);
    expectThrows(() => sess.run(r, { l: Number.POSITIVE_INFINITY }), tf.errors.InvalidArgumentError, /range|Requires/i);
    // The session still works afterwards.
    assert.deepEqual(sess.run(r, { l: 3 }).toArray(), [0, 1, 2]);
  });
});

test('reshape to a huge shape is refused at build time without allocating (static element counts)', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    expectThrows(() => tf.reshape(tf.constant([1, 2]), [1e6, 1e6]), tf.ValueError, /Cannot reshape a tensor with 2 elements to shape \[1000000,1000000\]/);
    const p = tf.placeholder('float32', null, 'p');
    const r = tf.reshape(p, [100000, 100000]);
    expectThrows(() => new tf.Session().run(r, { p: [1, 2] }), tf.errors.InvalidArgumentError, `Input to reshape is a tensor with 2 values, but the requested shape has 10000000000\n\t [[{{node ${r.op.name}}}]]\nOp '${r.op.name}' (Reshape) was created at ${r.op.creationSite}`);
  });
});
