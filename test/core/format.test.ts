/**
 * formatNDArray options and summarization (numpy's array2string arguments; expected strings
 * produced with numpy 2.x), TensorFlow's plain print style, and summarizeFlat (Assert/Print data).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DType } from '../../src/core/dtypes.js';
import { type Formattable, formatNDArray, summarizeFlat } from '../../src/core/format.js';

const enc = new TextEncoder();

function arr(dtype: DType, shape: number[], values: readonly (number | bigint | string)[]): Formattable {
  const data =
    dtype === 'float32'
      ? Float32Array.from(values as number[])
      : dtype === 'float64'
        ? Float64Array.from(values as number[])
        : dtype === 'int32'
          ? Int32Array.from(values as number[])
          : dtype === 'int64'
            ? BigInt64Array.from(values as bigint[])
            : dtype === 'string'
              ? (values as string[]).map((s) => enc.encode(s))
              : Uint8Array.from(values as number[]);
  return { dtype, shape, data };
}
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('summarization past 1000 elements', () => {
  test('exactly 1000 elements are printed in full', () => {
    const s = formatNDArray(arr('int32', [1000], range(1000)));
    assert.ok(!s.includes('...'));
    assert.ok(s.startsWith('[  0   1   2   3'));
    assert.ok(s.endsWith(' 998 999]'));
  });

  test('1001 elements: three at each end, widths from the shown elements', () => {
    assert.equal(formatNDArray(arr('int32', [1001], range(1001))), '[   0    1    2 ...  998  999 1000]');
  });

  test('2000 elements', () => {
    assert.equal(formatNDArray(arr('int32', [2000], range(2000))), '[   0    1    2 ... 1997 1998 1999]');
  });

  test('floats: alignment computed on the shown elements', () => {
    const vals = range(1001).map((i) => i / 4 - 1);
    assert.equal(formatNDArray(arr('float32', [1001], vals)), '[ -1.    -0.75  -0.5  ... 248.5  248.75 249.  ]');
  });

  test('bool and string', () => {
    const b = range(1001).map((i) => (i % 2 === 0 ? 1 : 0));
    assert.equal(formatNDArray(arr('bool', [1001], b)), '[ True False  True ...  True False  True]');
    const s = range(1001).map((i) => `s${i}`);
    assert.equal(formatNDArray(arr('string', [1001], s)), "[b's0' b's1' b's2' ... b's998' b's999' b's1000']");
  });

  test('2-D: rows and columns summarized', () => {
    assert.equal(
      formatNDArray(arr('int32', [40, 40], range(1600))),
      '[[   0    1    2 ...   37   38   39]\n' +
        ' [  40   41   42 ...   77   78   79]\n' +
        ' [  80   81   82 ...  117  118  119]\n' +
        ' ...\n' +
        ' [1480 1481 1482 ... 1517 1518 1519]\n' +
        ' [1520 1521 1522 ... 1557 1558 1559]\n' +
        ' [1560 1561 1562 ... 1597 1598 1599]]',
    );
  });

  test('2-D: an axis of length <= 6 is not cut', () => {
    assert.equal(
      formatNDArray(arr('int32', [4, 300], range(1200))),
      '[[   0    1    2 ...  297  298  299]\n' +
        ' [ 300  301  302 ...  597  598  599]\n' +
        ' [ 600  601  602 ...  897  898  899]\n' +
        ' [ 900  901  902 ... 1197 1198 1199]]',
    );
  });

  test('3-D: the block gap is a blank-line separated ...', () => {
    const s = formatNDArray(arr('int32', [11, 11, 11], range(1331)));
    assert.ok(s.startsWith('[[[   0    1    2 ...    8    9   10]\n  [  11   12   13 ...   19   20   21]\n'));
    assert.ok(s.includes('  [ 352  353  354 ...  360  361  362]]\n\n ...\n\n [[ 968  969  970 ...  976  977  978]\n'));
    assert.ok(s.endsWith('  [1320 1321 1322 ... 1328 1329 1330]]]'));
    assert.equal(s.split('\n').length, 49);
  });
});

describe('formatNDArray options', () => {
  test('threshold 0 always summarizes; edgeItems sets how many are kept', () => {
    assert.equal(formatNDArray(arr('int32', [10], range(10)), { threshold: 0, edgeItems: 2 }), '[0 1 ... 8 9]');
    assert.equal(formatNDArray(arr('int32', [7], range(7)), { threshold: 0 }), '[0 1 2 ... 4 5 6]');
  });

  test('an axis no longer than 2*edgeItems is never cut', () => {
    assert.equal(formatNDArray(arr('int32', [6], range(6)), { threshold: 0 }), '[0 1 2 3 4 5]');
  });

  test('3-D with threshold 0, edgeItems 1', () => {
    assert.equal(
      formatNDArray(arr('int32', [3, 3, 3], range(27)), { threshold: 0, edgeItems: 1 }),
      '[[[ 0 ...  2]\n  ...\n  [ 6 ...  8]]\n\n ...\n\n [[18 ... 20]\n  ...\n  [24 ... 26]]]',
    );
  });

  test("separator ', '", () => {
    assert.equal(formatNDArray(arr('int32', [10], range(10)), { separator: ', ' }), '[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]');
    assert.equal(formatNDArray(arr('int32', [2, 3], range(6)), { separator: ', ' }), '[[0, 1, 2],\n [3, 4, 5]]');
    assert.equal(formatNDArray(arr('float32', [3], [-1.5, 2, 3]), { separator: ', ' }), '[-1.5,  2. ,  3. ]');
  });

  test('lineWidth', () => {
    assert.equal(
      formatNDArray(arr('int32', [30], range(30)), { lineWidth: 20 }),
      '[ 0  1  2  3  4  5\n  6  7  8  9 10 11\n 12 13 14 15 16 17\n 18 19 20 21 22 23\n 24 25 26 27 28 29]',
    );
  });

  test('scalars ignore the options', () => {
    assert.equal(formatNDArray(arr('int32', [], [5]), { threshold: 0, separator: ', ' }), '5');
  });
});

describe('plain (TensorFlow print) style', () => {
  test('shortest values, no alignment', () => {
    assert.equal(formatNDArray(arr('float32', [3], [1.5, 2, -3]), { plain: true }), '[1.5 2 -3]');
    assert.equal(formatNDArray(arr('int32', [3], [1, 20, -3]), { plain: true }), '[1 20 -3]');
  });

  test('strings are double-quoted, scalars too (SummarizeValue with print_v2)', () => {
    assert.equal(formatNDArray(arr('string', [2], ['a', 'b']), { plain: true }), '["a" "b"]');
    assert.equal(formatNDArray(arr('string', [], ['hello']), { plain: true }), '"hello"');
  });

  test('2-D', () => {
    assert.equal(formatNDArray(arr('int32', [2, 2], [1, 2, 3, 4]), { plain: true }), '[[1 2]\n [3 4]]');
  });

  test('summarization with threshold', () => {
    assert.equal(formatNDArray(arr('int32', [10], range(10)), { plain: true, threshold: 0 }), '[0 1 2 ... 7 8 9]');
  });

  test('plain rows are not wrapped', () => {
    const s = formatNDArray(arr('int32', [40], range(40)), { plain: true });
    assert.ok(!s.includes('\n'));
    assert.equal(s, `[${range(40).join(' ')}]`);
  });
});

describe('summarizeFlat (legacy Assert/Print data)', () => {
  test('the first n elements, then ...', () => {
    assert.equal(summarizeFlat(arr('int32', [10], range(10)), 3), '0 1 2...');
  });

  test('n >= size: everything, no ...', () => {
    assert.equal(summarizeFlat(arr('int32', [3], [1, 2, 3]), 3), '1 2 3');
    assert.equal(summarizeFlat(arr('int32', [3], [1, 2, 3]), 10), '1 2 3');
  });

  test('n < 0: everything', () => {
    assert.equal(summarizeFlat(arr('float32', [2], [1.5, 2]), -1), '1.5 2');
  });

  test('n = 0 on a non-empty array: only ...', () => {
    assert.equal(summarizeFlat(arr('int32', [2], [1, 2]), 0), '...');
  });

  test('scalars, empties', () => {
    assert.equal(summarizeFlat(arr('int32', [], [7]), 3), '7');
    assert.equal(summarizeFlat(arr('int32', [0], []), 3), '');
  });

  test('floats shortest, nan/inf, int64, strings bare', () => {
    assert.equal(summarizeFlat(arr('float32', [3], [0.1, Number.NaN, Number.NEGATIVE_INFINITY]), -1), '0.1 nan -inf');
    assert.equal(summarizeFlat(arr('float32', [3], [1.5, 2, -3]), -1), '1.5 2 -3');
    assert.equal(summarizeFlat(arr('int64', [1], [2n ** 60n]), -1), '1152921504606846976');
    assert.equal(summarizeFlat(arr('string', [2], ['a b', 'c']), -1), 'a b c');
  });

  test("floats use C's %g form for tiny and large magnitudes (StrCat(float)): 1e-05, 1e+06", () => {
    // tensor.cc PrintOneElement -> strings::StrCat(float) -> FloatToBuffer: "%.*g" with FLT_DIG.
    assert.equal(summarizeFlat(arr('float32', [2], [1e-5, 1e6]), -1), '1e-05 1e+06');
    assert.equal(summarizeFlat(arr('float32', [], [1e20]), -1), '1e+20');
  });

  test('rank >= 2: inner rows in brackets, as tensor.cc PrintOneDim (non-v2)', () => {
    // tensor.cc SummarizeArray(print_v2=false): PrintOneDim, then "..." when truncated.
    assert.equal(summarizeFlat(arr('int32', [2, 2], [1, 2, 3, 4]), -1), '[1 2][3 4]');
    assert.equal(summarizeFlat(arr('int32', [2, 2], [1, 2, 3, 4]), 3), '[1 2][3...]...');
    assert.equal(summarizeFlat(arr('int32', [2, 2], [1, 2, 3, 4]), 2), '[1 2]...');
    assert.equal(summarizeFlat(arr('int32', [2, 1, 2], [1, 2, 3, 4]), -1), '[[1 2]][[3 4]]');
  });
});
