// How a kernel's range splits into pool jobs: one per thread, or (balanced) four per thread, taken
// by whichever thread is free.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { splitEnds } from '../../../src/backends/wasm/kernels/job-split.js';

describe('splitEnds', () => {
  test('equal jobs, one per thread, at multiples of the unit', () => {
    assert.deepEqual(splitEnds(256, 8, 2, false), [128, 256]);
    assert.deepEqual(splitEnds(100, 6, 3, false), [36, 66, 100]);
    assert.deepEqual(splitEnds(50, 8, 1, true), [50]); // one thread: one job, balanced or not
  });

  test('balanced: four equal jobs per thread, at multiples of the unit', () => {
    assert.deepEqual(splitEnds(256, 8, 2, true), [32, 64, 96, 128, 160, 192, 224, 256]);
    assert.deepEqual(splitEnds(100, 6, 2, true), [12, 24, 36, 48, 60, 78, 90, 100]);
  });

  test('ends never go back and the last is the whole range (short ranges leave empty jobs)', () => {
    for (const [whole, unit, parts] of [
      [10, 8, 2],
      [3, 6, 4],
      [130, 6, 3],
      [1030, 8, 2],
    ] as const) {
      for (const balanced of [false, true]) {
        const ends = splitEnds(whole, unit, parts, balanced);
        assert.equal(ends.at(-1), whole);
        assert.equal(ends.length, balanced && parts > 1 ? 4 * parts : parts);
        ends.forEach((e, i) => {
          assert.ok(e >= (ends[i - 1] ?? 0), `${ends}`);
          assert.ok(e === whole || e % unit === 0, `${ends}`);
        });
      }
    }
  });
});
