/**
 * NDArray printing follows numpy's `str()` (numpy 2.x defaults: precision 8, threshold 1000,
 * edgeitems 3, linewidth 75). Expected strings were produced with numpy. The one documented
 * deviation: scalars print as JS prints the value (`13`, not numpy's `13.0`).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';
import type { DType } from '../../src/core/dtypes.js';
import { NDArray } from '../../src/core/ndarray.js';

const enc = new TextEncoder();

function arr(dtype: DType, shape: number[], values: readonly (number | bigint | string)[]): NDArray {
  switch (dtype) {
    case 'float32':
      return new NDArray(dtype, shape, Float32Array.from(values as number[]));
    case 'float64':
      return new NDArray(dtype, shape, Float64Array.from(values as number[]));
    case 'int32':
      return new NDArray(dtype, shape, Int32Array.from(values as number[]));
    case 'int64':
      return new NDArray(dtype, shape, BigInt64Array.from(values as bigint[]));
    case 'uint8':
    case 'bool':
      return new NDArray(dtype, shape, Uint8Array.from(values as number[]));
    case 'string':
      return new NDArray(dtype, shape, (values as string[]).map((s) => enc.encode(s)));
    default:
      throw new Error(`no test storage for ${dtype}`);
  }
}
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function check(a: NDArray, want: string): void {
  assert.equal(String(a), want);
  assert.equal(inspect(a), want);
}

describe('scalars', () => {
  test('float32 13 prints 13 (the blog-post value)', () => check(arr('float32', [], [13]), '13'));
  test('float32 0.1 prints its shortest float32 repr', () => check(arr('float32', [], [0.1]), '0.1'));
  test('float32 2.5', () => check(arr('float32', [], [2.5]), '2.5'));
  test('float64 0.1', () => check(arr('float64', [], [0.1]), '0.1'));
  test('int32 -7', () => check(arr('int32', [], [-7]), '-7'));
  test('int64 beyond 2^53', () => check(arr('int64', [], [9007199254740993n]), '9007199254740993'));
  test('uint8 255', () => check(arr('uint8', [], [255]), '255'));
  test('bool True / False', () => {
    check(arr('bool', [], [1]), 'True');
    check(arr('bool', [], [0]), 'False');
  });
  test("string b'hello'", () => check(arr('string', [], ['hello']), "b'hello'"));
  test('nan, inf, -inf', () => {
    check(arr('float32', [], [Number.NaN]), 'nan');
    check(arr('float32', [], [Number.POSITIVE_INFINITY]), 'inf');
    check(arr('float64', [], [Number.NEGATIVE_INFINITY]), '-inf');
  });
  test('template literal uses the same text', () => {
    assert.equal(`${arr('int32', [], [13])}`, '13');
  });
});

describe('integer vectors and matrices', () => {
  test('[1 2 3]', () => check(arr('int32', [3], [1, 2, 3]), '[1 2 3]'));
  test('right-aligned to the widest element', () => check(arr('int32', [3], [-1, 20, 3]), '[-1 20  3]'));
  test('2-D', () => check(arr('int32', [2, 2], [1, 2, 3, 4]), '[[1 2]\n [3 4]]'));
  test('2-D with negatives', () => check(arr('int32', [2, 2], [-100, 1, 2, 3]), '[[-100    1]\n [   2    3]]'));
  test('3-D separates blocks with a blank line', () =>
    check(arr('int32', [2, 2, 2], range(8)), '[[[0 1]\n  [2 3]]\n\n [[4 5]\n  [6 7]]]'));
  test('4-D separates blocks with two blank lines', () =>
    check(
      arr('int32', [2, 1, 1, 2], range(4)),
      '[[[[0 1]]]\n\n\n [[[2 3]]]]',
    ));
  test('[[[5]]]', () => check(arr('int32', [1, 1, 1], [5]), '[[[5]]]'));
  test('uint8', () => check(arr('uint8', [2, 2], [0, 255, 10, 1]), '[[  0 255]\n [ 10   1]]'));
  test('int64 extremes', () =>
    check(
      arr('int64', [2], [9223372036854775807n, -9223372036854775808n]),
      '[ 9223372036854775807 -9223372036854775808]',
    ));
  test('long rows wrap at 75 columns', () =>
    check(
      arr('int32', [30], range(30)),
      '[ 0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23\n 24 25 26 27 28 29]',
    ));
  test('wrapped rows inside a matrix are indented', () =>
    check(
      arr('int32', [2, 50], range(100)),
      '[[ 0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23\n' +
        '  24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47\n' +
        '  48 49]\n' +
        ' [50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 69 70 71 72 73\n' +
        '  74 75 76 77 78 79 80 81 82 83 84 85 86 87 88 89 90 91 92 93 94 95 96 97\n' +
        '  98 99]]',
    ));
});

describe('float vectors (numpy alignment)', () => {
  test('[1.  2.5]', () => check(arr('float32', [2], [1, 2.5]), '[1.  2.5]'));
  test('[1. 2.]', () => check(arr('float32', [2], [1, 2]), '[1. 2.]'));
  test('mixed fraction lengths and a negative', () =>
    check(arr('float32', [3], [0.1, 0.25, -3]), '[ 0.1   0.25 -3.  ]'));
  test('[-1.5  2. ]', () => check(arr('float32', [2], [-1.5, 2]), '[-1.5  2. ]'));
  test('2-D floats', () => check(arr('float32', [2, 2], [-1.5, 10, 3, 4.25]), '[[-1.5  10.  ]\n [ 3.    4.25]]'));
  test('float32 uses the shortest float32 repr', () => check(arr('float32', [2], [0.1, 0.2]), '[0.1 0.2]'));
  test('float64 keeps up to 8 fraction digits', () =>
    check(arr('float64', [2], [1 / 3, 2 / 3]), '[0.33333333 0.66666667]'));
  test('float64 padding', () => check(arr('float64', [2], [2 / 3, 10]), '[ 0.66666667 10.        ]'));
  test('max/min ratio over 1000 switches to scientific', () => check(arr('float32', [2], [100000, 1]), '[1.e+05 1.e+00]'));
  test('ratio of 1000 stays positional', () => check(arr('float32', [2], [1000, 1]), '[1000.    1.]'));
  test('ratio 1e4 with 0.0001 is scientific', () => check(arr('float32', [2], [0.0001, 1]), '[1.e-04 1.e+00]'));
  test('empty float vector', () => check(arr('float32', [0], []), '[]'));
  test('empty int vector', () => check(arr('int32', [0], []), '[]'));
});

describe('float: scientific notation', () => {
  test('small values', () => check(arr('float32', [2], [1e-5, 2e-5]), '[1.e-05 2.e-05]'));
  test('values >= 1e8', () => check(arr('float32', [3], [1e9, 1, 2]), '[1.e+09 1.e+00 2.e+00]'));
  test('negative small value', () => check(arr('float32', [3], [-1e-5, 1, 2]), '[-1.e-05  1.e+00  2.e+00]'));
  test('zero next to a tiny value', () => check(arr('float32', [2], [0, 1e-5]), '[0.e+00 1.e-05]'));
  test('float64 mantissas', () =>
    check(arr('float64', [2], [1e-5, 0.123456789]), '[1.00000000e-05 1.23456789e-01]'));
  test('nan in scientific mode', () => check(arr('float32', [2], [1e-5, Number.NaN]), '[1.e-05    nan]'));
  test('float32 mantissa digits beyond the shortest repr are the exact digits (numpy min_digits)', () =>
    check(arr('float32', [2], [1e-5, 1 / 3]), '[9.9999997e-06 3.3333334e-01]'));
  test('float64 precision is capped at 8 digits in scientific mode', () =>
    check(arr('float64', [1], [2 ** 53 + 2]), '[9.00719925e+15]'));
});

describe('float: special values and zeros', () => {
  test('nan, inf, -inf only', () =>
    check(arr('float32', [3], [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]), '[ nan  inf -inf]'));
  test('nan and -inf next to 1.5', () =>
    check(arr('float32', [3], [1.5, Number.NaN, Number.NEGATIVE_INFINITY]), '[ 1.5  nan -inf]'));
  test('nan next to 1.', () => check(arr('float32', [2], [Number.NaN, 1]), '[nan  1.]'));
  test('inf next to 1.25', () => check(arr('float32', [2], [Number.POSITIVE_INFINITY, 1.25]), '[ inf 1.25]'));
  test('-inf next to 100.25', () => check(arr('float32', [2], [Number.NEGATIVE_INFINITY, 100.25]), '[  -inf 100.25]'));
  test('all zeros print positionally', () => check(arr('float32', [3], [0, 0, 0]), '[0. 0. 0.]'));
  test('negative zero keeps its sign', () => check(arr('float32', [2], [-0, 1]), '[-0.  1.]'));
  test('float64 rounding to 8 digits drops the padding too', () =>
    check(arr('float64', [2], [0.1 + 0.2, 1]), '[0.3 1. ]'));
  test('float64 0.1 + 0.2 alone', () => check(arr('float64', [1], [0.1 + 0.2]), '[0.3]'));
});

describe('bool and string arrays', () => {
  test('[ True False]', () => check(arr('bool', [2], [1, 0]), '[ True False]'));
  test('[False False]', () => check(arr('bool', [2], [0, 0]), '[False False]'));
  test('[ True]', () => check(arr('bool', [1], [1]), '[ True]'));
  test('2-D bool', () => check(arr('bool', [2, 2], [1, 0, 0, 1]), '[[ True False]\n [False  True]]'));
  test("[b'a' b'b']", () => check(arr('string', [2], ['a', 'b']), "[b'a' b'b']"));
  test('2-D strings', () => check(arr('string', [2, 1], ['a', 'bc']), "[[b'a']\n [b'bc']]"));
  test('a quote inside switches to double quotes, as Python bytes repr', () =>
    check(arr('string', [2], ["it's", 'x']), '[b"it\'s" b\'x\']'));
  test('both quote kinds: single quotes with escaped quote', () =>
    check(arr('string', [1], ['x"y\'z']), "[b'x\"y\\'z']"));
  test('backslash is escaped', () => check(arr('string', [1], ['\\']), "[b'\\\\']"));
  test('NUL and control bytes are escaped as \\x00, \\n, \\t', () =>
    check(arr('string', [2], ['a\0b', '\n\t\x7f']), "[b'a\\x00b' b'\\n\\t\\x7f']"));
  test('non-ASCII bytes print as \\x escapes (bytes repr)', () =>
    check(arr('string', [2], ['hé', '日']), "[b'h\\xc3\\xa9' b'\\xe6\\x97\\xa5']"));
  test('scalar string with a quote and NUL', () => {
    check(arr('string', [], ["it's"]), 'b"it\'s"');
    check(arr('string', [], ['a\0b']), "b'a\\x00b'");
  });
});

describe('empty arrays of higher rank print [] as numpy', () => {
  test('shape [0, 2]', () => check(arr('int32', [0, 2], []), '[]'));
  test('shape [2, 0]', () => check(arr('int32', [2, 0], []), '[]'));
  test('shape [3, 0, 2]', () => check(arr('float32', [3, 0, 2], []), '[]'));
  test('bool and string empties', () => {
    check(arr('bool', [0], []), '[]');
    check(arr('string', [0], []), '[]');
  });
});
