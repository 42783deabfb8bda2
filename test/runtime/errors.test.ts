// Spec section F (items 88, 94–98): the error hierarchy, build-time vs run-time errors, the node
// annotation and creation site, and state after a failing run. Also item 92 (unfetchable ops).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { expectThrows, thisFile } from './helpers.js';

const FILE = thisFile(import.meta.url);

describe('the OpError hierarchy (item 94)', () => {
  const table: [new (nodeDef: unknown, op: null, message: string) => tf.errors.OpError, string, number, string][] = [
    [tf.errors.CancelledError, 'CancelledError', 1, 'CANCELLED'],
    [tf.errors.UnknownError, 'UnknownError', 2, 'UNKNOWN'],
    [tf.errors.InvalidArgumentError, 'InvalidArgumentError', 3, 'INVALID_ARGUMENT'],
    [tf.errors.DeadlineExceededError, 'DeadlineExceededError', 4, 'DEADLINE_EXCEEDED'],
    [tf.errors.NotFoundError, 'NotFoundError', 5, 'NOT_FOUND'],
    [tf.errors.AlreadyExistsError, 'AlreadyExistsError', 6, 'ALREADY_EXISTS'],
    [tf.errors.PermissionDeniedError, 'PermissionDeniedError', 7, 'PERMISSION_DENIED'],
    [tf.errors.ResourceExhaustedError, 'ResourceExhaustedError', 8, 'RESOURCE_EXHAUSTED'],
    [tf.errors.FailedPreconditionError, 'FailedPreconditionError', 9, 'FAILED_PRECONDITION'],
    [tf.errors.AbortedError, 'AbortedError', 10, 'ABORTED'],
    [tf.errors.OutOfRangeError, 'OutOfRangeError', 11, 'OUT_OF_RANGE'],
    [tf.errors.UnimplementedError, 'UnimplementedError', 12, 'UNIMPLEMENTED'],
    [tf.errors.InternalError, 'InternalError', 13, 'INTERNAL'],
    [tf.errors.UnavailableError, 'UnavailableError', 14, 'UNAVAILABLE'],
    [tf.errors.DataLossError, 'DataLossError', 15, 'DATA_LOSS'],
    [tf.errors.UnauthenticatedError, 'UnauthenticatedError', 16, 'UNAUTHENTICATED'],
  ];

  test('every subclass: name, code, constant, op, message, exceptionTypeFromErrorCode', () => {
    const constants = tf.errors as unknown as Record<string, number>;
    assert.equal(tf.errors.OK, 0);
    for (const [cls, name, code, constant] of table) {
      const e = new cls(null, null, 'boom');
      assert.ok(e instanceof tf.errors.OpError, name);
      assert.ok(e instanceof Error, name);
      assert.equal(e.name, name);
      assert.equal(e.errorCode, code, name);
      assert.equal(e.code, code, name);
      assert.equal(constants[constant], code, constant);
      assert.equal(e.op, null);
      assert.equal(e.nodeDef, null);
      assert.equal(e.message, 'boom');
      assert.equal(String(e), `${name}: boom`);
      assert.equal(tf.errors.exceptionTypeFromErrorCode(code), cls);
    }
    expectThrows(() => tf.errors.exceptionTypeFromErrorCode(0), tf.KeyError);
  });

  test('non-OpError classes (item 95)', () => {
    const a = new tf.errors.InaccessibleTensorError('x');
    assert.ok(a instanceof tf.ValueError);
    assert.equal(a.name, 'InaccessibleTensorError');
    const b = new tf.errors.OperatorNotAllowedInGraphError('y');
    assert.ok(b instanceof TypeError);
    assert.equal(b.name, 'OperatorNotAllowedInGraphError');
    assert.ok(!(new tf.ValueError('z') instanceof tf.errors.OpError));
    assert.ok(!(new tf.RuntimeError('z') instanceof tf.errors.OpError));
  });
});

describe('which class for what (item 96)', () => {
  test('static shape errors at build time are ValueErrors; the same at run time is InvalidArgument', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const a = tf.constant([[1, 2, 3], [4, 5, 6]]);
      const b = tf.constant([[1, 2], [3, 4], [5, 6], [7, 8]]);
      const e = expectThrows(() => tf.matmul(a, b), tf.ValueError);
      assert.ok(!(e instanceof tf.errors.OpError));
      assert.match(e.message, /Dimensions must be equal, but are 3 and 4/);
    });
    // Nothing was added by the failed build.
    const { p, q, m } = g.asDefault(() => {
      // Rank-2 placeholders: with unknown ranks tf.matmul builds BatchMatMulV2, as TensorFlow does.
      const p = tf.placeholder('float32', { shape: [null, null], name: 'p' });
      const q = tf.placeholder('float32', { shape: [null, null], name: 'q' });
      return { p, q, m: tf.matmul(p, q, { name: 'mm' }) };
    });
    using sess = new tf.Session({ graph: g });
    const e = expectThrows(
      () => sess.run(m, new Map([[p, [[1, 2, 3], [4, 5, 6]]], [q, [[1, 2], [3, 4], [5, 6], [7, 8]]]])),
      tf.errors.InvalidArgumentError,
    );
    assert.equal(e.baseMessage, 'Matrix size-incompatible: In[0]: [2,3], In[1]: [4,2]');
    assert.equal(e.op, m.op);
    assert.equal(e.nodeDef?.name, 'mm');
    assert.equal(e.nodeDef?.op, 'MatMul');
  });

  test('misusing the session is a RuntimeError; an assert failing is InvalidArgument', () => {
    const g = new tf.Graph();
    const { check } = g.asDefault(() => {
      const p = tf.placeholder('bool', [], 'p');
      return { check: tf.Assert(p, [tf.constant([1, 2], { name: 'data' })], { name: 'check' }) };
    });
    const sess = new tf.Session({ graph: g });
    assert.equal(sess.run(check, { p: true }), null);
    const e = expectThrows(() => sess.run(check, { p: false }), tf.errors.InvalidArgumentError);
    assert.equal(e.baseMessage, 'assertion failed: [1 2]');
    assert.equal(e.op, check);
    sess.close();
    expectThrows(() => sess.run(check, { p: true }), tf.RuntimeError);
  });
});

describe('the failing node in messages (item 88)', () => {
  test('[[{{node NAME}}]] and a creation site in this test file', () => {
    const g = new tf.Graph();
    const y = g.asDefault(() => {
      const p = tf.placeholder('float32', { name: 'p' });
      return tf.reshape(p, [2, 2], { name: 'shaped' });
    });
    using sess = new tf.Session({ graph: g });
    const e = expectThrows(() => sess.run(y, { p: [1, 2, 3] }), tf.errors.InvalidArgumentError);
    assert.equal(e.op?.name, 'shaped');
    assert.equal(e.op, y.op);
    const lines = e.message.split('\n');
    assert.equal(lines[0], e.baseMessage);
    assert.equal(lines[1], '\t [[{{node shaped}}]]');
    assert.ok(lines[2]?.startsWith("Op 'shaped' (Reshape) was created at "), lines[2]);
    // The site is where this file built the op, not a line inside the library.
    assert.ok(lines[2]?.includes(`test/runtime/${FILE}:`), lines[2]);
    assert.ok(!lines[2]?.includes('/src/'), lines[2]);
    assert.equal(e.op?.creationSite, lines[2]?.slice("Op 'shaped' (Reshape) was created at ".length));
  });

  test('ops built inside library helpers (a Variable) still point here', () => {
    const g = new tf.Graph();
    const v = g.asDefault(() => new tf.Variable(1, { name: 'foo' }));
    using sess = new tf.Session({ graph: g });
    const e = expectThrows(() => sess.run(v.value()), tf.errors.FailedPreconditionError);
    assert.match(e.message, /^Attempting to use uninitialized value foo\n\t \[\[\{\{node foo\/read\}\}\]\]\nOp 'foo\/read' \(Identity\) was created at /);
    const site = e.op?.creationSite ?? '';
    assert.ok(site.includes(`test/runtime/${FILE}:`), site);
  });

  test('a synthetic fetch node gives no annotation and op null', () => {
    const g = new tf.Graph();
    const v = g.asDefault(() => new tf.Variable(1, { name: 'foo' }));
    using sess = new tf.Session({ graph: g });
    const e = expectThrows(() => sess.run(v), tf.errors.FailedPreconditionError);
    assert.equal(e.message, 'Attempting to use uninitialized value foo');
    assert.equal(e.op, null);
    assert.equal(e.nodeDef, null);
  });
});

describe('a failing run (item 98)', () => {
  test('keeps what completed before the failure, and the session keeps working', () => {
    const g = new tf.Graph();
    const { v, w, shp, bad, incW } = g.asDefault(() => {
      const v = new tf.Variable(0, { name: 'v' });
      const w = new tf.Variable(0, { name: 'w' });
      const shp = tf.placeholder('int32', [2], 'shp');
      // The reshape consumes the assign's output, so the assign has run when the reshape fails.
      const bad = tf.reshape(v.assign(5), shp, { name: 'bad' });
      return { v, w, shp, bad, incW: w.assignAdd(1) };
    });
    using sess = new tf.Session({ graph: g });
    sess.run(g.asDefault(() => tf.variablesInitializer([v, w])));
    expectThrows(() => sess.run(bad, new Map([[shp, [2, 2]]])), tf.errors.InvalidArgumentError);
    assert.equal(sess.run(v).item(), 5);
    // Nothing else is damaged: other runs, the same signature, other variables.
    assert.equal(sess.run(incW).item(), 1);
    assert.deepEqual(sess.run(bad, new Map([[shp, [1, 1]]])).toArray(), [[5]]);
    assert.equal(sess.run(w).item(), 1);
  });

  test('an error in one session does not affect another', () => {
    const g = new tf.Graph();
    const { v, p, y } = g.asDefault(() => {
      const v = new tf.Variable(2, { name: 'v' });
      const p = tf.placeholder('float32', [], 'p');
      return { v, p, y: tf.multiply(v, p) };
    });
    using s1 = new tf.Session({ graph: g });
    using s2 = new tf.Session({ graph: g });
    s1.run(v.initializer);
    s2.run(v.initializer);
    expectThrows(() => s1.run(y), tf.errors.InvalidArgumentError);
    assert.equal(s2.run(y, new Map([[p, 3]])).item(), 6);
    assert.equal(s1.run(y, new Map([[p, 4]])).item(), 8);
  });
});

describe('unfetchable ops (item 92)', () => {
  test('InaccessibleTensorError (a ValueError) with TF text', () => {
    const g = new tf.Graph();
    const c = g.asDefault(() => tf.constant(1, { name: 'hidden' }));
    g.preventFetching(c.op);
    using sess = new tf.Session({ graph: g });
    const msg =
      "Operation 'hidden' has been marked as not fetchable. Typically this happens when it is defined in another function or code block. Use return values,explicit Python locals or TensorFlow collections to access it.";
    const e = expectThrows(() => sess.run(c), tf.errors.InaccessibleTensorError, msg);
    assert.ok(e instanceof tf.ValueError);
    expectThrows(() => sess.run([c.op]), tf.errors.InaccessibleTensorError, msg);
    // It can still be computed as a dependency.
    const d = g.asDefault(() => tf.add(c, 1));
    assert.equal(sess.run(d).item(), 2);
  });

  test('a fetch run before is refused once its op is marked not fetchable (the session keeps no stale answer)', () => {
    const g = new tf.Graph();
    const c = g.asDefault(() => tf.constant(1, { name: 'later_hidden' }));
    using sess = new tf.Session({ graph: g });
    assert.equal(sess.run(c).item(), 1);
    assert.equal(sess.run(c).item(), 1);
    g.preventFetching(c.op);
    expectThrows(() => sess.run(c), tf.errors.InaccessibleTensorError, /Operation 'later_hidden' has been marked as not fetchable/);
    expectThrows(() => sess.run(c.op), tf.errors.InaccessibleTensorError, /Operation 'later_hidden' has been marked as not fetchable/);
  });
});
