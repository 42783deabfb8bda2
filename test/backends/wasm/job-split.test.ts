// How a kernel's range splits into pool jobs: equal jobs, or balanced ones (each thread's first
// job 4/5 of its share, the rest in small jobs for whichever thread is free first).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { splitEnds } from '../../../src/backends/wasm/kernels/job-split.js';

describe('splitEnds', () => {
  test('equal jobs, one per thread, at multiples of the unit', () => {
    assert.deepEqual(splitEnds(256, 8, 2, false), [128, 256]);
    assert.deepEqual(splitEnds(100, 6, 3, false), [36, 66, 100]);
    assert.deepEqual(splitEnds(50, 8, 1, true), [50]); // one thread: one job, balanced or not
  });

  test('balanced: two first jobs of 2/5 each, then two of 1/10', () => {
    assert.deepEqual(splitEnds(256, 8, 2, true), [104, 208, 232, 256]);
    assert.deepEqual(splitEnds(1024, 8, 4, true), [208, 408, 616, 816, 872, 920, 976, 1024]);
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
        assert.equal(ends.length, balanced ? 2 * parts : parts);
        ends.forEach((e, i) => {
          assert.ok(e >= (ends[i - 1] ?? 0), `${ends}`);
          assert.ok(e === whole || e % unit === 0, `${ends}`);
        });
      }
    }
  });
});
