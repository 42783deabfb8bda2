// Fetch structures: cycles must not hang or overflow the stack, unsupported containers give
// TensorFlow's "Fetch argument ... has invalid type" TypeError, and big structures work.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '../../src/v1.js';
import { describe, expectThrows } from './helpers.js';

function setup() {
  const g = new tf.Graph();
  return g.asDefault(() => {
    const c = tf.constant(5, { name: 'c' });
    const sess = new tf.Session({ graph: g });
    return { g, c, sess };
  });
}

test('an array that contains itself is refused with a clear error, not a stack overflow', () => {
  const { c, sess } = setup();
  const cyc: unknown[] = [c];
  cyc.push(cyc);
  const e = (() => {
    try {
      sess.run(cyc);
    } catch (err) {
      return err;
    }
    return assert.fail('a cyclic fetch structure cannot succeed');
  })();
  assert.ok(!(e instanceof RangeError), `got a raw ${describe(e)}`);
  assert.ok(e instanceof TypeError || e instanceof tf.ValueError, describe(e));
  assert.match((e as Error).message, /cycl|circular|itself/i);
});

test('an object that contains itself is refused with a clear error, not a stack overflow', () => {
  const { c, sess } = setup();
  const cyc: Record<string, unknown> = { a: c };
  cyc.self = cyc;
  expectThrows(() => sess.run(cyc), TypeError, /cycl|circular|itself/i);
});

test('the same sub-structure used twice (a DAG, not a cycle) is fine', () => {
  const { c, sess } = setup();
  const shared = [c];
  const r = sess.run([shared, shared]);
  assert.equal(r.length, 2);
  assert.equal(r[0][0].item(), 5);
  assert.equal(r[1][0].item(), 5);
});

test('Map, Set, Promise, class instances, NDArrays and primitives are invalid fetches (TypeError naming the type)', () => {
  const { c, sess } = setup();
  class Holder {
    constructor(readonly t: tf.Tensor) {}
  }
  const cases: [unknown, string][] = [
    [new Map([['a', c]]), 'Map'],
    [new Set([c]), 'Set'],
    [Promise.resolve(c), 'Promise'],
    [new Holder(c), 'Holder'],
    [new tf.NDArray('float32', [1]), 'NDArray'],
    [5, 'number'],
    [5n, 'bigint'],
    [true, 'boolean'],
    [Symbol('f'), 'symbol'],
    [() => c, 'function'],
  ];
  for (const [f, type] of cases) {
    expectThrows(() => sess.run(f), TypeError, new RegExp(`^Fetch argument .* has invalid type ${type}`));
  }
  expectThrows(() => sess.run(null), TypeError, /^Fetch argument null has invalid type/);
  expectThrows(() => sess.run([c, undefined]), TypeError, /^Fetch argument undefined has invalid type/);
});

test('malformed tensor names as fetches: ValueError "cannot be interpreted as a Tensor"', () => {
  const { sess } = setup();
  for (const name of ['c:5', 'c:-1', 'c:x', '', ':0', 'nope:0', 'nope']) {
    expectThrows(() => sess.run(name), tf.ValueError, /^Fetch argument '.*' cannot be interpreted as a Tensor\. \(/);
  }
});

test('a plain object with an own "__proto__" key (e.g. from JSON.parse) keeps that key in the result', () => {
  const { sess } = setup();
  const fetches = JSON.parse('{"__proto__": "c:0", "b": "c:0"}') as Record<string, string>;
  assert.deepEqual(Object.keys(fetches), ['__proto__', 'b']);
  const r = sess.run(fetches) as Record<string, unknown>;
  // Today the result is built with `out[k] = ...`, so "__proto__" sets the prototype and the value is lost.
  assert.deepEqual(Object.keys(r), ['__proto__', 'b']);
  assert.ok(Object.getOwnPropertyDescriptor(r, '__proto__')?.value instanceof tf.NDArray);
});

test('objects without a prototype work as fetch structures', () => {
  const { c, sess } = setup();
  const f = Object.create(null) as Record<string, unknown>;
  f.a = c;
  const r = sess.run(f) as Record<string, tf.NDArray>;
  assert.equal(r.a?.item(), 5);
});

test('nesting 1000 levels deep (Python\'s recursion limit) works, in arrays and objects', () => {
  const { c, sess } = setup();
  let arr: unknown = c;
  let obj: unknown = c;
  for (let i = 0; i < 1000; i++) {
    arr = [arr];
    obj = { a: obj };
  }
  let r = sess.run(arr) as unknown;
  let depth = 0;
  while (Array.isArray(r)) {
    r = r[0];
    depth++;
  }
  assert.equal(depth, 1000);
  assert.equal((r as tf.NDArray).item(), 5);
  assert.ok(sess.run(obj));
});

test('very deep nesting (5000 levels) gives a clear error or works, never a raw stack overflow', () => {
  const { c, sess } = setup();
  let arr: unknown = c;
  for (let i = 0; i < 5000; i++) arr = [arr];
  try {
    sess.run(arr);
  } catch (e) {
    assert.ok(!(e instanceof RangeError), `got a raw ${describe(e)}`);
    assert.match((e as Error).message, /nest|deep|depth/i);
  }
});

test('a fetch list of 100000 entries (duplicates computed once) works', () => {
  const { c, sess } = setup();
  const r = sess.run(Array.from({ length: 100_000 }, () => c));
  assert.equal(r.length, 100_000);
  assert.equal(r[99_999]?.item(), 5);
  assert.notEqual(r[0], r[1], 'each position gets its own copy');
});

test('empty structures return empty structures without running; an empty graph refuses', () => {
  const { sess } = setup();
  assert.deepEqual(sess.run([]), []);
  assert.deepEqual(sess.run({}), {});
  assert.deepEqual(sess.run([[], {}]), [[], {}]);
  const empty = new tf.Session({ graph: new tf.Graph() });
  expectThrows(() => empty.run([]), tf.RuntimeError, 'The Session graph is empty.  Add operations to the graph before calling run().');
});

test('tf.group given a cyclic list is refused with a clear error, not a stack overflow', () => {
  const { g, c } = setup();
  const cyc: unknown[] = [c];
  cyc.push(cyc);
  g.asDefault(() => {
    const e = (() => {
      try {
        tf.group(cyc as never);
      } catch (err) {
        return err;
      }
      return assert.fail('group of a cyclic list cannot succeed');
    })();
    assert.ok(!(e instanceof RangeError), `got a raw ${describe(e)}`);
  });
});
