/** The compute layer's MatMul against a naive triple loop: odd sizes, all transpose combinations, every dtype family. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type ComputeDType, allocateFor, halfToFloat, matmul } from '../../src/backends/cpu/compute/index.js';
import { type V, arrayOf, isBig, rand, roundFloat, valuesOf, wrapInt } from './compute-ref.js';

/** Stored A (m×k, or k×m when ta) as values, read through op(). */
function naive(d: ComputeDType, a: V[], b: V[], m: number, n: number, k: number, ta: boolean, tb: boolean): V[] {
  const out: V[] = [];
  const float = d === 'float32' || d === 'float64' || d === 'float16';
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s: V = float ? 0 : 0n;
      for (let p = 0; p < k; p++) {
        const x = a[ta ? p * m + i : i * k + p] as V;
        const y = b[tb ? j * k + p : p * n + j] as V;
        s = float ? (s as number) + (x as number) * (y as number) : (s as bigint) + BigInt(x) * BigInt(y);
      }
      out.push(float ? roundFloat(d, s as number) : wrapInt(d, s as bigint));
    }
  return d === 'float16' ? out.map((h) => halfToFloat(h as number)) : out;
}

function values(d: ComputeDType, n: number): number[] {
  if (d === 'float16') return Array.from({ length: n }, () => Math.floor(rand() * 9) - 4);
  if (d === 'float32' || d === 'float64') return Array.from({ length: n }, () => rand() * 2 - 1);
  if (d === 'int32') return Array.from({ length: n }, () => Math.floor(rand() * 2 ** 32) - 2 ** 31);
  if (d === 'uint8') return Array.from({ length: n }, () => Math.floor(rand() * 256));
  return Array.from({ length: n }, () => Math.floor(rand() * 2 ** 40) - 2 ** 39);
}

function check(d: ComputeDType, m: number, n: number, k: number, ta: boolean, tb: boolean, tol = 0): void {
  const a = arrayOf(d, values(d, m * k));
  const b = arrayOf(d, values(d, k * n));
  const c = allocateFor(d, m * n);
  (c as unknown as V[]).fill(isBig(d) ? 7n : 7);
  matmul(d)(a, b, c, m, n, k, ta, tb);
  const want = naive(d, valuesOf(d, a), valuesOf(d, b), m, n, k, ta, tb);
  const got = valuesOf(d, c);
  const what = `${d} ${m}x${k}·${k}x${n} ta=${ta} tb=${tb}`;
  for (let i = 0; i < want.length; i++) {
    const g = got[i] as V;
    const w = want[i] as V;
    if (tol > 0 ? Math.abs((g as number) - (w as number)) > tol * Math.max(1, Math.abs(w as number)) : !Object.is(g, w)) {
      assert.fail(`${what}: element ${i} is ${g}, expected ${w}`);
    }
  }
}

const SIZES = [1, 3, 17, 65, 130];
const TRANSPOSES: [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];

describe('compute matmul', () => {
  for (const d of ['float32', 'float64'] as const) {
    test(`${d}: sizes ${SIZES.join(', ')} in every combination, all transposes (exact for k <= 256)`, () => {
      for (const [ta, tb] of TRANSPOSES) for (const m of SIZES) for (const n of SIZES) for (const k of SIZES) check(d, m, n, k, ta, tb);
    });
  }
  test('float32/float64 across several K, N and M blocks', () => {
    for (const [ta, tb] of TRANSPOSES) {
      check('float64', 70, 1030, 300, ta, tb, 1e-12);
      check('float32', 131, 9, 513, ta, tb, 1e-5);
    }
  });
  for (const d of ['int32', 'int64', 'uint8', 'float16'] as const) {
    test(`${d}: wraps / rounds as the dtype, all transposes`, () => {
      for (const [ta, tb] of TRANSPOSES) for (const [m, n, k] of [[1, 1, 1], [3, 17, 5], [17, 3, 65], [5, 6, 0]] as const) check(d, m, n, k, ta, tb);
    });
  }
  test('empty dimensions', () => {
    const c = Float32Array.of(5, 5, 5, 5);
    matmul('float32')(new Float32Array(0), new Float32Array(0), c, 2, 2, 0);
    assert.deepEqual([...c], [0, 0, 0, 0]);
    matmul('float32')(new Float32Array(0), new Float32Array(6), new Float32Array(0), 0, 2, 3);
  });
  test('NaN and Inf propagate', () => {
    const c = new Float32Array(4);
    matmul('float32')(Float32Array.of(Number.NaN, 0, 1, 1), Float32Array.of(1, 2, Number.POSITIVE_INFINITY, 3), c, 2, 2, 2);
    assert.deepEqual([...c], [Number.NaN, Number.NaN, Number.POSITIVE_INFINITY, 5]);
    const c2 = new Float64Array(1);
    matmul('float64')(Float64Array.of(0), Float64Array.of(Number.POSITIVE_INFINITY), c2, 1, 1, 1);
    assert.ok(Number.isNaN(c2[0]));
  });
  test('bool has no MatMul', () => {
    assert.throws(() => matmul('bool'), TypeError);
  });
});
