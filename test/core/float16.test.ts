// IEEE half conversions (src/core/float16.ts); expected bits checked with numpy's float16.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HALF_MAX, fromHalfBits, isHalfExact, roundToHalf, shortestHalf, toHalfBits } from '../../src/core/float16.js';

describe('toHalfBits / fromHalfBits', () => {
  test('ordinary values, signed zeros, the largest finite half', () => {
    const cases: [number, number][] = [
      [0, 0x0000],
      [-0, 0x8000],
      [1, 0x3c00],
      [-2, 0xc000],
      [0.5, 0x3800],
      [0.1, 0x2e66],
      [65504, 0x7bff],
      [-65504, 0xfbff],
      [2 ** -14, 0x0400],
    ];
    for (const [x, bits] of cases) {
      assert.equal(toHalfBits(x), bits, `toHalfBits(${x})`);
      if (x !== 0.1) assert.ok(Object.is(fromHalfBits(bits), x), `fromHalfBits(${bits.toString(16)})`);
    }
    assert.equal(fromHalfBits(0x2e66), 0.0999755859375);
    assert.equal(HALF_MAX, 65504);
  });

  test('subnormals: units of 2^-24, rounding to the nearest, ties to even', () => {
    assert.equal(toHalfBits(2 ** -24), 0x0001);
    assert.equal(fromHalfBits(0x0001), 2 ** -24);
    assert.equal(fromHalfBits(0x03ff), 1023 * 2 ** -24);
    assert.equal(toHalfBits(2 ** -25), 0x0000, 'half of the smallest subnormal ties to even (0)');
    assert.equal(toHalfBits(2 ** -25 * 1.0000001), 0x0001);
    assert.equal(toHalfBits(3 * 2 ** -25), 0x0002, '1.5 units ties to even (2)');
    assert.equal(toHalfBits(2 ** -14 - 2 ** -25), 0x0400, 'rounds up into the smallest normal');
    assert.equal(toHalfBits(-(2 ** -24)), 0x8001);
    assert.equal(toHalfBits(1e-300), 0x0000);
    assert.equal(toHalfBits(-1e-300), 0x8000);
  });

  test('rounding ties to even among normals', () => {
    assert.equal(toHalfBits(1 + 2 ** -11), 0x3c00, '1 + half an ulp → 1');
    assert.equal(toHalfBits(1 + 3 * 2 ** -11), 0x3c02, '1 + 1.5 ulp → 1 + 2 ulp');
    assert.equal(toHalfBits(1 + 2 ** -11 + 2 ** -40), 0x3c01, 'just above the tie rounds up');
    assert.equal(toHalfBits(2049), 0x6800, '2049 → 2048');
    assert.equal(toHalfBits(2051), 0x6802, '2051 → 2052');
  });

  test('overflow: 65520 and beyond round to inf; just below rounds to 65504', () => {
    assert.equal(toHalfBits(65519.99), 0x7bff);
    assert.equal(toHalfBits(65520), 0x7c00);
    assert.equal(toHalfBits(-65520), 0xfc00);
    assert.equal(toHalfBits(1e10), 0x7c00);
  });

  test('inf and nan', () => {
    assert.equal(toHalfBits(Number.POSITIVE_INFINITY), 0x7c00);
    assert.equal(toHalfBits(Number.NEGATIVE_INFINITY), 0xfc00);
    assert.equal(toHalfBits(Number.NaN), 0x7e00);
    assert.equal(fromHalfBits(0x7c00), Number.POSITIVE_INFINITY);
    assert.equal(fromHalfBits(0xfc00), Number.NEGATIVE_INFINITY);
    assert.ok(Number.isNaN(fromHalfBits(0x7e00)));
    assert.ok(Number.isNaN(fromHalfBits(0xfc01)));
  });

  test('every half round-trips through its value', () => {
    for (let h = 0; h < 0x10000; h++) {
      const x = fromHalfBits(h);
      if (Number.isNaN(x)) continue;
      assert.equal(toHalfBits(x), h);
      assert.equal(Math.fround(x), x, 'every half is a float32');
    }
  });

  test('roundToHalf, isHalfExact, shortestHalf', () => {
    assert.equal(roundToHalf(0.1), 0.0999755859375);
    assert.equal(isHalfExact(0.5), true);
    assert.equal(isHalfExact(0.1), false);
    assert.equal(isHalfExact(Number.NaN), true);
    assert.equal(isHalfExact(Number.NEGATIVE_INFINITY), true);
    assert.equal(shortestHalf(0.0999755859375), '0.1');
    assert.equal(shortestHalf(65504), '65500');
    assert.equal(shortestHalf(12344), '12344');
    assert.equal(shortestHalf(2 ** -24), '6e-8');
  });
});
