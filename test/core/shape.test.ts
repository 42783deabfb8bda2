import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';
import { ValueError } from '../../src/core/errors.js';
import {
  TensorShape,
  shapeDebugString,
  shapeTupleString,
  sizeOf,
  stridesOf,
} from '../../src/core/shape.js';

const S = (dims: readonly (number | null)[] | null) => new TensorShape(dims);

describe('TensorShape construction', () => {
  test('keeps dims, copies and freezes them', () => {
    const src = [2, null, 3];
    const s = S(src);
    assert.deepEqual(s.dims, [2, null, 3]);
    src[0] = 99;
    assert.deepEqual(s.dims, [2, null, 3]);
    assert.ok(Object.isFrozen(s.dims));
  });

  test('unknown rank has dims null', () => {
    assert.equal(S(null).dims, null);
  });

  test('rejects dims as TensorFlow\'s Dimension does: negative ValueError, fractional TypeError, NaN/inf ValueError', () => {
    assert.throws(() => S([2, -1]), (e: unknown) => e instanceof ValueError && e.message === 'Dimension -1 must be >= 0');
    assert.throws(
      () => S([2, 1.5]),
      (e: unknown) =>
        e instanceof TypeError && !(e instanceof ValueError) && e.message === "Dimension value must be integer or None, got value '1.5' with type 'number'",
    );
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(
        () => S([2, bad]),
        (e: unknown) => e instanceof ValueError && e.message === `Dimension value must be a finite integer, got ${String(bad)}`,
      );
    }
  });

  test('TensorShape.from refuses a non-list with a TypeError about the shape', () => {
    assert.throws(() => TensorShape.from('x' as never), { name: 'TypeError', message: /^A shape must be an array of dims/ });
    assert.throws(() => TensorShape.from(5 as never), { name: 'TypeError', message: /^A shape must be an array of dims/ });
  });

  test('accepts zero-sized dims', () => {
    assert.deepEqual(S([0, 3]).dims, [0, 3]);
  });
});

describe('TensorShape.from', () => {
  test('returns a TensorShape unchanged', () => {
    const s = S([1, 2]);
    assert.equal(TensorShape.from(s), s);
  });

  test('null and undefined mean unknown rank', () => {
    assert.equal(TensorShape.from(null).dims, null);
    assert.equal(TensorShape.from(undefined).dims, null);
    assert.equal(TensorShape.from(undefined).rank, null);
  });

  test('-1 and null mean an unknown dimension', () => {
    assert.deepEqual(TensorShape.from([-1, 3]).dims, [null, 3]);
    assert.deepEqual(TensorShape.from([null, 3]).dims, [null, 3]);
  });

  test('[] is a scalar shape, distinct from unknown rank', () => {
    const s = TensorShape.from([]);
    assert.equal(s.rank, 0);
    assert.deepEqual(s.dims, []);
    assert.deepEqual(TensorShape.scalar().dims, []);
  });

  test('other negative dims are rejected', () => {
    assert.throws(() => TensorShape.from([-2]), ValueError);
  });
});

describe('rank / isFullyDefined / asList / numElements', () => {
  test('rank', () => {
    assert.equal(S([]).rank, 0);
    assert.equal(S([5]).rank, 1);
    assert.equal(S([null, 3]).rank, 2);
    assert.equal(S(null).rank, null);
  });

  test('isFullyDefined', () => {
    assert.equal(S([]).isFullyDefined(), true);
    assert.equal(S([2, 3]).isFullyDefined(), true);
    assert.equal(S([0]).isFullyDefined(), true);
    assert.equal(S([null, 3]).isFullyDefined(), false);
    assert.equal(S(null).isFullyDefined(), false);
  });

  test('asList returns a fresh mutable copy, null for unknown dims', () => {
    const s = S([null, 3]);
    const l = s.asList();
    assert.deepEqual(l, [null, 3]);
    l[0] = 7;
    assert.deepEqual(s.dims, [null, 3]);
    assert.deepEqual(S([]).asList(), []);
  });

  test("asList on unknown rank raises TensorFlow's ValueError", () => {
    assert.throws(
      () => S(null).asList(),
      (e: unknown) => e instanceof ValueError && e.message === 'as_list() is not defined on an unknown TensorShape.',
    );
  });

  test('numElements', () => {
    assert.equal(S([]).numElements(), 1);
    assert.equal(S([2, 3]).numElements(), 6);
    assert.equal(S([2, 0, 5]).numElements(), 0);
    assert.equal(S([null, 3]).numElements(), null);
    assert.equal(S(null).numElements(), null);
  });
});

describe('isCompatibleWith', () => {
  test('unknown rank is compatible with everything', () => {
    assert.equal(S(null).isCompatibleWith([2, 3]), true);
    assert.equal(S([2, 3]).isCompatibleWith(null), true);
    assert.equal(S([]).isCompatibleWith(undefined), true);
  });

  test('different ranks are incompatible', () => {
    assert.equal(S([2]).isCompatibleWith([2, 1]), false);
    assert.equal(S([]).isCompatibleWith([1]), false);
  });

  test('unknown dims match any size; known dims must be equal', () => {
    assert.equal(S([null, 3]).isCompatibleWith([2, 3]), true);
    assert.equal(S([2, 3]).isCompatibleWith([null, null]), true);
    assert.equal(S([2, 3]).isCompatibleWith([2, 4]), false);
    assert.equal(S([2, 3]).isCompatibleWith(S([2, 3])), true);
    assert.equal(S([0]).isCompatibleWith([1]), false);
  });

  test('accepts -1 for unknown dims in plain arrays', () => {
    assert.equal(S([5, 3]).isCompatibleWith([-1, 3]), true);
  });
});

describe('mergeWith', () => {
  test('unknown rank merges to the other shape', () => {
    assert.deepEqual(S(null).mergeWith([2, null]).dims, [2, null]);
    assert.deepEqual(S([2, null]).mergeWith(null).dims, [2, null]);
    assert.equal(S(null).mergeWith(null).dims, null);
  });

  test('takes the known dim of either side', () => {
    assert.deepEqual(S([null, 3]).mergeWith([2, null]).dims, [2, 3]);
    assert.deepEqual(S([2, 3]).mergeWith([2, 3]).dims, [2, 3]);
    assert.deepEqual(S([]).mergeWith([]).dims, []);
  });

  test('different ranks: ValueError "Shapes (2,) and (2, 3) are not compatible"', () => {
    assert.throws(
      () => S([2]).mergeWith([2, 3]),
      (e: unknown) => e instanceof ValueError && e.message === 'Shapes (2,) and (2, 3) are not compatible',
    );
  });

  test('conflicting dims: ValueError "Shapes (2, 3) and (2, 4) are not compatible" (TF re-raises the Dimension error)', () => {
    // tensor_shape.py merge_with catches Dimension.merge_with's ValueError and re-raises
    // ValueError("Shapes %s and %s are not compatible" % (self, other)).
    assert.throws(
      () => S([2, 3]).mergeWith([2, 4]),
      (e: unknown) => e instanceof ValueError && e.message === 'Shapes (2, 3) and (2, 4) are not compatible',
    );
    assert.throws(
      () => S([null, 3]).mergeWith([5, 1]),
      (e: unknown) => e instanceof ValueError && e.message === 'Shapes (?, 3) and (5, 1) are not compatible',
    );
  });

  test('does not mutate either operand', () => {
    const a = S([null, 3]);
    const b = S([2, null]);
    a.mergeWith(b);
    assert.deepEqual(a.dims, [null, 3]);
    assert.deepEqual(b.dims, [2, null]);
  });
});

describe('equals', () => {
  test('known shapes compare dimension by dimension', () => {
    assert.equal(S([2, 3]).equals([2, 3]), true);
    assert.equal(S([2, 3]).equals([3, 2]), false);
    assert.equal(S([2]).equals([2, 1]), false);
    assert.equal(S([]).equals([]), true);
    assert.equal(S([]).equals(null), false);
  });

  test('unknown rank equals only unknown rank', () => {
    assert.equal(S(null).equals(null), true);
    assert.equal(S(null).equals([]), false);
  });
});

describe('printing', () => {
  test('toString is the TF1 tuple form', () => {
    assert.equal(S([2, 3]).toString(), '(2, 3)');
    assert.equal(S([null, 3]).toString(), '(?, 3)');
    assert.equal(S([5]).toString(), '(5,)');
    assert.equal(S([null]).toString(), '(?,)');
    assert.equal(S([]).toString(), '()');
    assert.equal(S(null).toString(), '<unknown>');
    assert.equal(S([0, 1, 2, 3]).toString(), '(0, 1, 2, 3)');
    assert.equal(String(S([2, 3])), '(2, 3)');
    assert.equal(`${S([null, null])}`, '(?, ?)');
  });

  test('toDebugString is the C++ form', () => {
    assert.equal(S([2, 3]).toDebugString(), '[2,3]');
    assert.equal(S([null, 3]).toDebugString(), '[?,3]');
    assert.equal(S([5]).toDebugString(), '[5]');
    assert.equal(S([]).toDebugString(), '[]');
    assert.equal(S(null).toDebugString(), '<unknown>');
  });

  test('util.inspect shows TensorShape(...)', () => {
    assert.equal(inspect(S([null, 3])), 'TensorShape((?, 3))');
    assert.equal(inspect(S(null)), 'TensorShape(<unknown>)');
  });
});

describe('shape helpers', () => {
  test('sizeOf', () => {
    assert.equal(sizeOf([]), 1);
    assert.equal(sizeOf([2, 3, 4]), 24);
    assert.equal(sizeOf([3, 0]), 0);
  });

  test('stridesOf is row-major', () => {
    assert.deepEqual(stridesOf([]), []);
    assert.deepEqual(stridesOf([5]), [1]);
    assert.deepEqual(stridesOf([2, 3, 4]), [12, 4, 1]);
    assert.deepEqual(stridesOf([2, 0, 3]), [0, 3, 1]);
  });

  test('shapeDebugString and shapeTupleString', () => {
    assert.equal(shapeDebugString([2, 3]), '[2,3]');
    assert.equal(shapeDebugString([]), '[]');
    assert.equal(shapeTupleString([2, 3]), '(2, 3)');
    assert.equal(shapeTupleString([7]), '(7,)');
    assert.equal(shapeTupleString([]), '()');
  });
});
