// ResizeBilinear on the wasm backend (kernels/resize.ts) against the CPU kernel, bit for bit:
// every coordinate mode, up- and downscaling, one-pixel sources, depths with a lane tail, ±inf,
// NaN and -0, 1 and 2 threads; int32 images through the CPU kernel on heap views; the errors.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cpuBackend } from '../../../src/backends/cpu/backend.js';
import { NDArray } from '../../../src/core/ndarray.js';
import { randomArray, runKernel, wasm1, wasm2 } from './helpers.js';

const size = (h: number, w: number) => new NDArray('int32', [2], Int32Array.of(h, w));
const MODES = [{}, { align_corners: true }, { half_pixel_centers: true }];

function same(x: NDArray, h: number, w: number, attrs: Record<string, unknown>): void {
  const want = runKernel(cpuBackend, 'ResizeBilinear', [x, size(h, w)], attrs)[0] as NDArray;
  for (const be of [wasm1, wasm2]) {
    const got = runKernel(be, 'ResizeBilinear', [x, size(h, w)], attrs)[0] as NDArray;
    assert.deepEqual([...got.shape], [...want.shape]);
    const [g, e] = [got.data as Float32Array, want.data as Float32Array];
    for (let i = 0; i < e.length; i++) {
      if (!Object.is(g[i], e[i])) assert.fail(`[${x.shape}] → ${h}×${w} ${JSON.stringify(attrs)} on ${be.threads} thread(s): element ${i} is ${g[i]}, the CPU kernel's ${e[i]}`);
    }
  }
}

describe('wasm ResizeBilinear', () => {
  test('every mode, up and down, odd and wide depths, one-pixel sources: the CPU values bit for bit', () => {
    const cases: [number[], number, number][] = [
      [[1, 4, 5, 3], 8, 10],
      [[2, 6, 6, 8], 3, 4],
      [[1, 1, 1, 5], 4, 3],
      [[1, 7, 3, 16], 7, 9],
      [[3, 24, 24, 33], 48, 48],
      [[1, 5, 4, 1], 1, 1],
      [[2, 9, 11, 4], 17, 5],
      // Depths past four vectors: 24 (four, then one), 70 (sixteen, one, two channels).
      [[2, 4, 4, 24], 7, 6],
      [[1, 3, 5, 70], 5, 8],
    ];
    for (const [shape, h, w] of cases) for (const attrs of MODES) same(randomArray(shape, 3), h, w, attrs);
  });
  test('±inf, NaN and -0 spread as in the CPU kernel', () => {
    const x = randomArray([1, 4, 4, 6]);
    const d = x.data as Float32Array;
    [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, -0].forEach((v, k) => {
      for (let i = k; i < d.length; i += 7) d[i] = v;
    });
    for (const attrs of MODES) same(x, 7, 5, attrs);
  });
  test('int32 images run the CPU kernel on heap views; the errors are the CPU kernel\'s', () => {
    const x = new NDArray('int32', [1, 3, 3, 2], Int32Array.from({ length: 18 }, (_, i) => i * 7 - 20));
    const want = runKernel(cpuBackend, 'ResizeBilinear', [x, size(5, 4)], {})[0] as NDArray;
    assert.deepEqual(Array.from((runKernel(wasm1, 'ResizeBilinear', [x, size(5, 4)], {})[0] as NDArray).data as Float32Array), Array.from(want.data as Float32Array));
    const message = (be: typeof wasm1 | typeof cpuBackend, attrs: Record<string, unknown>, s: NDArray) => {
      try {
        runKernel(be, 'ResizeBilinear', [randomArray([1, 3, 3, 2]), s], attrs);
      } catch (e) {
        assert.equal((e as Error).name, 'InvalidArgumentError');
        return (e as Error).message;
      }
      assert.fail('no error');
    };
    for (const [attrs, s] of [[{ align_corners: true, half_pixel_centers: true }, size(2, 2)], [{}, size(0, 2)], [{}, new NDArray('int32', [3], Int32Array.of(1, 2, 3))]] as const) {
      assert.equal(message(wasm1, attrs, s), message(cpuBackend, attrs, s));
    }
  });
});
