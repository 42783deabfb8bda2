// Winograd F(2×2, 3×3) Conv2D on the wasm backend against the CPU reference (direct sums in
// float64-free float32 GEMM order): odd and even sizes, SAME / VALID / EXPLICIT padding, batches,
// 1 and 2 threads, and with a fused bias + activation.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
// helpers first: it loads the backend, whose kernel table winograd.js's imports need initialized
import { assertClose, checkAgainstCpu, randomArray, runKernel, wasm1, wasm2 } from './helpers.js';
import type { Epilogue, Kernel } from '../../../src/backends/backend.js';
import { cpuBackend } from '../../../src/backends/cpu/backend.js';
import { WINOGRAD_LIMITS, winogradFits } from '../../../src/backends/wasm/kernels/winograd.js';
import { forceGemmFma } from '../../../src/backends/wasm/kernels/matmul.js';
import { convGeometry } from '../../../src/ops/conv-geometry.js';
import type { NDArray } from '../../../src/core/ndarray.js';

const attrs = (padding: string, explicit: number[] = []) => ({ strides: [1, 1, 1, 1], dilations: [1, 1, 1, 1], padding, explicit_paddings: explicit, data_format: 'NHWC' });

const CASES: [number[], number[], string, number[]?][] = [
  [[1, 64, 64, 32], [3, 3, 32, 64], 'SAME'],
  [[2, 9, 11, 8], [3, 3, 8, 12], 'SAME'],
  [[3, 10, 7, 12], [3, 3, 12, 8], 'VALID'],
  [[1, 8, 9, 16], [3, 3, 16, 20], 'EXPLICIT', [0, 0, 2, 1, 0, 3, 0, 0]],
  [[2, 6, 6, 8], [3, 3, 8, 8], 'SAME'],
];

describe('wasm Conv2D by Winograd F(2×2, 3×3)', () => {
  test('serves 3×3 stride-1 convolutions with channels in fours, and matches the CPU reference', () => {
    for (const [x, f, padding, explicit] of CASES) {
      const a = attrs(padding, explicit);
      assert.ok(winogradFits(convGeometry(a, x as [number, number, number, number], f)), `${x} ${f} ${padding}`);
      // inputs in [-1, 1]: errors are a few float32 ulps of the window sums
      checkAgainstCpu('Conv2D', [randomArray(x), randomArray(f)], a, Math.max(1e-5, 1e-6 * 9 * (f[2] as number)));
    }
    assert.equal(winogradFits(convGeometry(attrs('SAME'), [1, 9, 9, 6], [3, 3, 6, 8])), false);
    assert.equal(winogradFits(convGeometry({ ...attrs('SAME'), strides: [1, 2, 2, 1] }, [1, 9, 9, 8], [3, 3, 8, 8])), false);
  });

  test('both GEMM forms (6×8 with FMA, 4×8 with mul + add) match the CPU reference, Winograd and MatMul', () => {
    try {
      for (const fma of [true, false]) {
        forceGemmFma(fma);
        // tiles 5×6 = 30 (not a multiple of 4 or 6); 13 rows (6 + 4-row tail panels)
        checkAgainstCpu('Conv2D', [randomArray([1, 10, 11, 8]), randomArray([3, 3, 8, 12])], attrs('SAME'), 1e-5);
        checkAgainstCpu('MatMul', [randomArray([13, 37]), randomArray([37, 21])], { transpose_a: false, transpose_b: false }, 1e-5 * Math.sqrt(37));
      }
    } finally {
      forceGemmFma(null);
    }
  });

  test('tiles in several chunks (a small scratch bound)', () => {
    const saved = WINOGRAD_LIMITS.chunkFloats;
    // 36 tiles per run (37 rounded down to whole panels of 4): runs end mid-row and mid-image;
    // then runs of one panel, the smallest
    for (const chunkFloats of [16 * 20 * 37, 1]) {
      WINOGRAD_LIMITS.chunkFloats = chunkFloats;
      try {
        checkAgainstCpu('Conv2D', [randomArray([3, 11, 13, 8]), randomArray([3, 3, 8, 12])], attrs('SAME'), 1e-5);
      } finally {
        WINOGRAD_LIMITS.chunkFloats = saved;
      }
    }
  });

  test('inner sizes over the GEMM k block (C = 644: three blocks of 216, 216, 212)', () => {
    checkAgainstCpu('Conv2D', [randomArray([1, 8, 7, 644]), randomArray([3, 3, 644, 8])], attrs('SAME'), 1e-6 * 9 * 644);
  });

  test('two threads give the floats of one (tiles split in whole panels, same sums)', () => {
    // 15 × 15 tiles: the two ranges are 116 and 109 tiles, the last panel part-full
    for (const [x, f] of [
      [[1, 30, 30, 16], [3, 3, 16, 20]],
      [[2, 64, 64, 32], [3, 3, 32, 64]],
    ] as [number[], number[]][]) {
      const inputs = [randomArray(x), randomArray(f)];
      const [one] = runKernel(wasm1, 'Conv2D', inputs, attrs('SAME'));
      const [two] = runKernel(wasm2, 'Conv2D', inputs, attrs('SAME'));
      assert.deepEqual([...(two as NDArray).data], [...(one as NDArray).data], `${x} ${f}`);
    }
  });

  test('with a fused bias and activation', () => {
    for (const act of ['Relu', 'Relu6', 'Sigmoid', null] as const) {
      const e: Epilogue = { op: 'Conv2D', attrs: attrs('SAME'), dtype: 'float32', bias: true, activation: act };
      const inputs = [randomArray([2, 9, 11, 8], 2), randomArray([3, 3, 8, 12]), randomArray([12], 2)];
      const run = (be: typeof wasm1 | typeof cpuBackend): NDArray => {
        const k = be.epilogueKernel?.(e) as Kernel;
        const ts = inputs.map((a) => be.upload(a));
        for (const t of ts) be.retain(t);
        const [o] = k(ts, { env: { opName: 'c', opType: 'Conv2D', attrs: {} }, resources: {} as never, output: (_i, d, s) => be.allocate(d, s) });
        const r = be.download(o as never);
        for (const t of ts) be.release(t);
        be.retain(o as never);
        be.release(o as never);
        return r;
      };
      const want = run(cpuBackend);
      for (const be of [wasm1, wasm2]) assertClose(run(be), want, 1e-5 * 4, `${act} on ${be.threads} thread(s)`);
    }
  });
});
