import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DTYPES,
  type DType,
  allocate,
  dtypeAttrName,
  dtypeEnum,
  dtypeFromEnum,
  dtypeTfName,
  isDType,
  isFloating,
  isInteger,
  isNumeric,
  toDType,
} from '../../src/core/dtypes.js';

describe('DTYPES / isDType', () => {
  test('lists the thirteen supported dtypes by their TensorFlow Python names', () => {
    assert.deepEqual(
      [...DTYPES],
      ['float16', 'float32', 'float64', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'bool', 'string'],
    );
  });

  test('isDType accepts exactly the canonical names', () => {
    for (const d of DTYPES) assert.equal(isDType(d), true, d);
    for (const x of ['float', 'double', 'int', 'tf.float32', 'Float32', 'half', 'bfloat16', 'complex64', 'complex128', '', 1, null, undefined, {}]) {
      assert.equal(isDType(x), false, String(x));
    }
  });
});

describe('dtype predicates', () => {
  const table: [DType, boolean, boolean, boolean][] = [
    // dtype, floating, integer, numeric
    ['float32', true, false, true],
    ['float64', true, false, true],
    ['int32', false, true, true],
    ['int64', false, true, true],
    ['uint8', false, true, true],
    ['float16', true, false, true],
    ['int8', false, true, true],
    ['int16', false, true, true],
    ['uint16', false, true, true],
    ['uint32', false, true, true],
    ['uint64', false, true, true],
    ['bool', false, false, false],
    ['string', false, false, false],
  ];
  for (const [d, f, i, n] of table) {
    test(`${d}: floating=${f} integer=${i} numeric=${n}`, () => {
      assert.equal(isFloating(d), f);
      assert.equal(isInteger(d), i);
      assert.equal(isNumeric(d), n);
    });
  }
});

describe('TensorFlow names and enum values', () => {
  test('dtypeEnum matches types.proto DataType values', () => {
    // DT_FLOAT=1, DT_DOUBLE=2, DT_INT32=3, DT_UINT8=4, DT_STRING=7, DT_INT64=9, DT_BOOL=10
    assert.equal(dtypeEnum('float32'), 1);
    assert.equal(dtypeEnum('float64'), 2);
    assert.equal(dtypeEnum('int32'), 3);
    assert.equal(dtypeEnum('uint8'), 4);
    assert.equal(dtypeEnum('string'), 7);
    assert.equal(dtypeEnum('int64'), 9);
    assert.equal(dtypeEnum('bool'), 10);
    assert.equal(dtypeEnum('int16'), 5);
    assert.equal(dtypeEnum('int8'), 6);
    assert.equal(dtypeEnum('uint16'), 17);
    assert.equal(dtypeEnum('float16'), 19);
    assert.equal(dtypeEnum('uint32'), 22);
    assert.equal(dtypeEnum('uint64'), 23);
  });

  test('dtypeFromEnum inverts dtypeEnum and gives undefined for unsupported enum values', () => {
    for (const d of DTYPES) assert.equal(dtypeFromEnum(dtypeEnum(d)), d);
    for (const n of [0, 8, 11, 14, 18, 20, 21, 101, -1]) assert.equal(dtypeFromEnum(n), undefined, String(n));
  });

  test("dtypeTfName gives C++ DataTypeString ('float', 'double', ...)", () => {
    assert.equal(dtypeTfName('float32'), 'float');
    assert.equal(dtypeTfName('float64'), 'double');
    assert.equal(dtypeTfName('int32'), 'int32');
    assert.equal(dtypeTfName('int64'), 'int64');
    assert.equal(dtypeTfName('uint8'), 'uint8');
    assert.equal(dtypeTfName('bool'), 'bool');
    assert.equal(dtypeTfName('string'), 'string');
    assert.equal(dtypeTfName('float16'), 'half');
    for (const d of ['int8', 'int16', 'uint16', 'uint32', 'uint64'] as const) assert.equal(dtypeTfName(d), d);
  });

  test('dtypeAttrName gives the NodeDef attr enum names', () => {
    assert.equal(dtypeAttrName('float32'), 'DT_FLOAT');
    assert.equal(dtypeAttrName('float64'), 'DT_DOUBLE');
    assert.equal(dtypeAttrName('int32'), 'DT_INT32');
    assert.equal(dtypeAttrName('int64'), 'DT_INT64');
    assert.equal(dtypeAttrName('uint8'), 'DT_UINT8');
    assert.equal(dtypeAttrName('bool'), 'DT_BOOL');
    assert.equal(dtypeAttrName('string'), 'DT_STRING');
    assert.equal(dtypeAttrName('float16'), 'DT_HALF');
    assert.equal(dtypeAttrName('int8'), 'DT_INT8');
    assert.equal(dtypeAttrName('int16'), 'DT_INT16');
    assert.equal(dtypeAttrName('uint16'), 'DT_UINT16');
    assert.equal(dtypeAttrName('uint32'), 'DT_UINT32');
    assert.equal(dtypeAttrName('uint64'), 'DT_UINT64');
  });
});

describe('toDType', () => {
  test('returns canonical names unchanged', () => {
    for (const d of DTYPES) assert.equal(toDType(d), d);
  });

  test("accepts the 'tf.' prefix", () => {
    assert.equal(toDType('tf.float32'), 'float32');
    assert.equal(toDType('tf.int64'), 'int64');
    assert.equal(toDType('tf.string'), 'string');
  });

  test('accepts the documented aliases', () => {
    assert.equal(toDType('float'), 'float32');
    assert.equal(toDType('double'), 'float64');
    assert.equal(toDType('int'), 'int32');
    assert.equal(toDType('long'), 'int64');
    assert.equal(toDType('boolean'), 'bool');
    assert.equal(toDType('tf.double'), 'float64');
    assert.equal(toDType('half'), 'float16');
    assert.equal(toDType('tf.half'), 'float16');
    assert.equal(toDType('tf.float16'), 'float16');
    assert.equal(toDType('tf.uint64'), 'uint64');
  });

  test('rejects unknown names with a TypeError naming the value and the choices', () => {
    assert.throws(() => toDType('complex64'), {
      name: 'TypeError',
      message: "Cannot convert 'complex64' to a dtype. Expected one of: float16, float32, float64, int8, int16, int32, int64, uint8, uint16, uint32, uint64, bool, string.",
    });
    assert.throws(() => toDType('toString'), TypeError);
    assert.throws(() => toDType('Float32'), TypeError);
    assert.throws(() => toDType('tf.'), TypeError);
  });

  test('rejects non-string values with a TypeError', () => {
    assert.throws(() => toDType(3), { name: 'TypeError', message: /^Cannot convert 3 to a dtype\./ });
    assert.throws(() => toDType(null), { name: 'TypeError', message: /^Cannot convert null to a dtype\./ });
    assert.throws(() => toDType(undefined), TypeError);
  });
});

describe('allocate', () => {
  test('returns a zero-filled typed array of the right class and length', () => {
    const cases: [DType, abstract new (...args: never) => unknown][] = [
      ['float32', Float32Array],
      ['float64', Float64Array],
      ['int32', Int32Array],
      ['int64', BigInt64Array],
      ['uint8', Uint8Array],
      ['bool', Uint8Array],
      ['float16', Uint16Array],
      ['int8', Int8Array],
      ['int16', Int16Array],
      ['uint16', Uint16Array],
      ['uint32', Uint32Array],
      ['uint64', BigUint64Array],
    ];
    for (const [d, cls] of cases) {
      const a = allocate(d, 4);
      assert.ok(a instanceof cls, d);
      assert.equal(a.length, 4);
      for (let i = 0; i < 4; i++) assert.ok((a as ArrayLike<unknown>)[i] === 0 || (a as ArrayLike<unknown>)[i] === 0n);
    }
  });

  test('string storage is an array of distinct empty byte strings', () => {
    const a = allocate('string', 3) as Uint8Array[];
    assert.ok(Array.isArray(a));
    assert.equal(a.length, 3);
    for (const b of a) {
      assert.ok(b instanceof Uint8Array);
      assert.equal(b.length, 0);
    }
    assert.notEqual(a[0], a[1]);
  });

  test('new dtypes count their element bytes against the 4 GiB limit', () => {
    assert.throws(() => allocate('float16', 2 ** 31 + 1), { name: 'ResourceExhaustedError', message: /type half/ });
    assert.throws(() => allocate('uint64', 2 ** 29 + 1), { name: 'ResourceExhaustedError', message: /type uint64/ });
  });

  test('size 0 gives empty storage', () => {
    for (const d of DTYPES) assert.equal(allocate(d, 0).length, 0, d);
  });
});
