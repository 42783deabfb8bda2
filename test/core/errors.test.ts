/** The tf.errors hierarchy (spec F.94–95): classes, codes, op annotation, code → class lookup. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as errors from '../../src/core/errors.js';
import {
  AssertionError,
  type ErrorOp,
  InaccessibleTensorError,
  InvalidArgumentError,
  KeyError,
  OpError,
  type OpErrorClass,
  OperatorNotAllowedInGraphError,
  RuntimeError,
  ValueError,
  exceptionTypeFromErrorCode,
  withOp,
} from '../../src/core/errors.js';

/** Spec item 94's table: class name, code constant name, code value. */
const TABLE: [string, string, number][] = [
  ['CancelledError', 'CANCELLED', 1],
  ['UnknownError', 'UNKNOWN', 2],
  ['InvalidArgumentError', 'INVALID_ARGUMENT', 3],
  ['DeadlineExceededError', 'DEADLINE_EXCEEDED', 4],
  ['NotFoundError', 'NOT_FOUND', 5],
  ['AlreadyExistsError', 'ALREADY_EXISTS', 6],
  ['PermissionDeniedError', 'PERMISSION_DENIED', 7],
  ['ResourceExhaustedError', 'RESOURCE_EXHAUSTED', 8],
  ['FailedPreconditionError', 'FAILED_PRECONDITION', 9],
  ['AbortedError', 'ABORTED', 10],
  ['OutOfRangeError', 'OUT_OF_RANGE', 11],
  ['UnimplementedError', 'UNIMPLEMENTED', 12],
  ['InternalError', 'INTERNAL', 13],
  ['UnavailableError', 'UNAVAILABLE', 14],
  ['DataLossError', 'DATA_LOSS', 15],
  ['UnauthenticatedError', 'UNAUTHENTICATED', 16],
];

const mod = errors as unknown as Record<string, unknown>;
const cls = (name: string) => mod[name] as OpErrorClass;

const op: ErrorOp = { name: 'foo/bar', type: 'MatMul', creationSite: 'model.ts:12:7' };
const opNoSite: ErrorOp = { name: 'x', type: 'Placeholder', creationSite: undefined };

describe('error code constants', () => {
  test('OK is 0', () => assert.equal(errors.OK, 0));
  for (const [, constName, code] of TABLE) {
    test(`${constName} = ${code}`, () => assert.equal(mod[constName], code));
  }
});

describe('OpError subclasses', () => {
  for (const [name, , code] of TABLE) {
    test(`${name}: code ${code}, name, instanceof OpError and Error`, () => {
      const C = cls(name);
      assert.equal(typeof C, 'function', `${name} is exported`);
      const e = new C(null, null, 'boom');
      assert.ok(e instanceof C);
      assert.ok(e instanceof OpError);
      assert.ok(e instanceof Error);
      assert.ok(!(e instanceof ValueError));
      assert.equal(e.name, name);
      assert.equal(e.errorCode, code);
      assert.equal(e.code, code);
      assert.equal(e.message, 'boom');
      assert.equal(e.baseMessage, 'boom');
      assert.equal(e.op, null);
      assert.equal(e.nodeDef, null);
      assert.equal(String(e), `${name}: boom`);
      assert.ok(typeof e.stack === 'string' && e.stack.startsWith(`${name}: boom`));
    });
  }

  test('subclasses are distinct from each other', () => {
    const e = new errors.NotFoundError(null, null, 'm');
    assert.ok(!(e instanceof errors.InvalidArgumentError));
    assert.ok(!(e instanceof errors.FailedPreconditionError));
  });
});

describe('OpError base class', () => {
  test('takes (nodeDef, op, message, errorCode)', () => {
    const e = new OpError(null, null, 'msg', errors.ABORTED);
    assert.equal(e.name, 'OpError');
    assert.equal(e.errorCode, 10);
    assert.equal(e.code, 10);
    assert.equal(e.message, 'msg');
  });

  test('errorCode defaults to UNKNOWN', () => {
    assert.equal(new OpError(null, null, 'msg').errorCode, errors.UNKNOWN);
  });
});

describe('message annotation with the failing op', () => {
  test('adds the node line and the creation site', () => {
    const e = new InvalidArgumentError(null, op, 'Matrix size-incompatible: In[0]: [2,3], In[1]: [4,2]');
    assert.equal(
      e.message,
      'Matrix size-incompatible: In[0]: [2,3], In[1]: [4,2]\n\t [[{{node foo/bar}}]]\n' +
        "Op 'foo/bar' (MatMul) was created at model.ts:12:7",
    );
    assert.equal(e.baseMessage, 'Matrix size-incompatible: In[0]: [2,3], In[1]: [4,2]');
    assert.equal(e.op, op);
  });

  test('without a creation site only the node line is added', () => {
    const e = new errors.FailedPreconditionError(null, opNoSite, 'Attempting to use uninitialized value x');
    assert.equal(e.message, 'Attempting to use uninitialized value x\n\t [[{{node x}}]]');
  });

  test('nodeDef names the op and its type', () => {
    const e = new errors.NotFoundError(null, op, 'm');
    assert.deepEqual(e.nodeDef, { name: 'foo/bar', op: 'MatMul' });
  });

  test('a node_def passed without an op is kept (errors_impl.py stores node_def as given)', () => {
    const e = new errors.NotFoundError({ name: 'v', op: 'VarHandleOp' }, null, 'Resource not found');
    assert.deepEqual(e.nodeDef, { name: 'v', op: 'VarHandleOp' });
    assert.equal(e.message, 'Resource not found');
  });

  test('OpError.annotate is the identity without an op', () => {
    assert.equal(OpError.annotate('m', null), 'm');
  });
});

describe('withOp', () => {
  test('keeps the class and code, attaches the op, annotates the base message once', () => {
    const e0 = new InvalidArgumentError(null, null, 'bad value');
    const e1 = withOp(e0, op);
    assert.ok(e1 instanceof InvalidArgumentError);
    assert.equal(e1.errorCode, errors.INVALID_ARGUMENT);
    assert.equal(e1.op, op);
    assert.equal(e1.baseMessage, 'bad value');
    assert.equal(e1.message, "bad value\n\t [[{{node foo/bar}}]]\nOp 'foo/bar' (MatMul) was created at model.ts:12:7");
    const e2 = withOp(e1, opNoSite);
    assert.equal(e2.message, 'bad value\n\t [[{{node x}}]]');
  });

  test('withOp(e, null) strips the annotation', () => {
    const e = withOp(new errors.OutOfRangeError(null, op, 'Reached limit of 3'), null);
    assert.equal(e.message, 'Reached limit of 3');
    assert.equal(e.op, null);
  });

  test('keeps the code of a base OpError too', () => {
    const e = withOp(new OpError(null, null, 'm', errors.DATA_LOSS), op);
    assert.equal(e.errorCode, errors.DATA_LOSS);
    assert.equal(e.name, 'OpError');
  });
});

describe('exceptionTypeFromErrorCode', () => {
  for (const [name, , code] of TABLE) {
    test(`${code} -> ${name}`, () => {
      const C = exceptionTypeFromErrorCode(code);
      assert.equal(C, cls(name));
      assert.equal(new C(null, null, 'm').errorCode, code);
    });
  }

  test('OK and unknown codes raise KeyError', () => {
    for (const code of [0, 17, -1, 100, 1.5]) {
      assert.throws(
        () => exceptionTypeFromErrorCode(code),
        (e: unknown) => e instanceof KeyError && e.name === 'KeyError' && e.message === String(code),
        String(code),
      );
    }
  });
});

describe('Python exception classes', () => {
  test('ValueError, RuntimeError, KeyError, AssertionError', () => {
    const cases: [new (m: string) => Error, string][] = [
      [ValueError, 'ValueError'],
      [RuntimeError, 'RuntimeError'],
      [KeyError, 'KeyError'],
      [AssertionError, 'AssertionError'],
    ];
    for (const [C, name] of cases) {
      const e = new C('text');
      assert.ok(e instanceof Error);
      assert.ok(e instanceof C);
      assert.ok(!(e instanceof OpError));
      assert.ok(!(e instanceof TypeError));
      assert.equal(e.name, name);
      assert.equal(e.message, 'text');
      assert.equal(String(e), `${name}: text`);
    }
    assert.ok(!(new RuntimeError('x') instanceof ValueError));
    assert.ok(!(new KeyError('x') instanceof ValueError));
  });

  test('InaccessibleTensorError is a ValueError', () => {
    const e = new InaccessibleTensorError('The tensor x cannot be accessed here');
    assert.ok(e instanceof InaccessibleTensorError);
    assert.ok(e instanceof ValueError);
    assert.ok(e instanceof Error);
    assert.ok(!(e instanceof OpError));
    assert.equal(e.name, 'InaccessibleTensorError');
    assert.equal(e.message, 'The tensor x cannot be accessed here');
  });

  test('OperatorNotAllowedInGraphError is a TypeError', () => {
    const e = new OperatorNotAllowedInGraphError('Using a symbolic `tf.Tensor` as a JS `boolean` is not allowed.');
    assert.ok(e instanceof OperatorNotAllowedInGraphError);
    assert.ok(e instanceof TypeError);
    assert.ok(!(e instanceof ValueError));
    assert.ok(!(e instanceof OpError));
    assert.equal(e.name, 'OperatorNotAllowedInGraphError');
  });

  test('assert.throws can match by class name', () => {
    assert.throws(() => {
      throw new InvalidArgumentError(null, null, 'x');
    }, { name: 'InvalidArgumentError', message: 'x' });
  });
});
