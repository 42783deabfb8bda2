// Conv2DBackpropInput of 3×3 stride-1 convolutions by Winograd F(2×2, 3×3) on the wasm backend (a
// convolution of dy with the rotated, channel-swapped filter) against the CPU reference: SAME,
// VALID and EXPLICIT pads, odd and even sizes, batches, channels 8 to 64, 1 and 2 threads; and the
// pads and channel counts that fall back to the direct path.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
// helpers first: it loads the backend, whose kernel table winograd.js's imports need initialized
import { checkAgainstCpu, randomArray, runKernel, wasm1, wasm2 } from './helpers.js';
import { WINOGRAD_LIMITS, winogradInputGradGeometry } from '../../../src/backends/wasm/kernels/winograd.js';
import { convGeometry } from '../../../src/ops/conv-geometry.js';
import { NDArray } from '../../../src/core/ndarray.js';

const attrs = (padding: string, explicit: number[] = []) => ({ strides: [1, 1, 1, 1], dilations: [1, 1, 1, 1], padding, explicit_paddings: explicit, data_format: 'NHWC' });
const ints = (v: readonly number[]) => new NDArray('int32', [v.length], Int32Array.from(v));

type Case = [number[], number[], string, number[]?];

/** The forward geometry of a case, and Conv2DBackpropInput's inputs (input_sizes, filter, dy in [-1, 1]). */
function setup([x, f, padding, explicit]: Case) {
  const a = attrs(padding, explicit);
  const g = convGeometry(a, x as [number, number, number, number], f);
  const dy = randomArray([g.batch, g.outH, g.outW, g.outC]);
  return { a, g, inputs: [ints(x), randomArray(f), dy] };
}

// errors are a few float32 ulps of the sums over 9 taps × the forward's output channels
const tolFor = (f: number[]) => Math.max(1e-5, 1e-6 * 9 * (f[3] as number));

const FITS: Case[] = [
  [[1, 64, 64, 32], [3, 3, 32, 64], 'SAME'],
  [[2, 9, 11, 8], [3, 3, 8, 12], 'SAME'],
  [[2, 10, 12, 64], [3, 3, 64, 32], 'SAME'],
  [[3, 10, 7, 12], [3, 3, 12, 8], 'VALID'],
  [[2, 9, 8, 32], [3, 3, 32, 8], 'VALID'],
  // pads (top, bottom, left, right) (2, 1, 0, 3): padded by 0 above and 2 on the left in the gradient
  [[1, 8, 9, 16], [3, 3, 16, 20], 'EXPLICIT', [0, 0, 2, 1, 0, 3, 0, 0]],
  [[2, 7, 9, 8], [3, 3, 8, 8], 'EXPLICIT', [0, 0, 1, 2, 2, 0, 0, 0]],
];

describe('wasm Conv2DBackpropInput by Winograd F(2×2, 3×3)', () => {
  test('serves 3×3 stride-1 input gradients with channels in fours, and matches the CPU reference', () => {
    for (const c of FITS) {
      const { a, g, inputs } = setup(c);
      assert.ok(winogradInputGradGeometry(g), `${c[0]} ${c[1]} ${c[2]} ${c[3] ?? ''}`);
      checkAgainstCpu('Conv2DBackpropInput', inputs, a, tolFor(c[1]));
    }
  });

  test('falls back to the direct path (same results) where the gradient is not such a convolution', () => {
    const fallbacks: Case[] = [
      // 4 channels: under winogradFits' 8
      [[1, 12, 12, 4], [3, 3, 4, 8], 'SAME'],
      [[1, 12, 12, 8], [3, 3, 8, 4], 'SAME'],
      // a pad of 3 above: the gradient would crop dy
      [[1, 8, 9, 8], [3, 3, 8, 8], 'EXPLICIT', [0, 0, 3, 0, 1, 1, 0, 0]],
      // a pad of 3 on the left
      [[1, 8, 9, 8], [3, 3, 8, 8], 'EXPLICIT', [0, 0, 1, 1, 3, 0, 0, 0]],
      // pads of 5 below / 5 on the right: dy overhangs Winograd's padded block
      [[1, 8, 9, 8], [3, 3, 8, 8], 'EXPLICIT', [0, 0, 0, 5, 1, 1, 0, 0]],
      [[1, 8, 9, 8], [3, 3, 8, 8], 'EXPLICIT', [0, 0, 1, 1, 0, 5, 0, 0]],
    ];
    for (const c of fallbacks) {
      const { a, g, inputs } = setup(c);
      assert.equal(winogradInputGradGeometry(g), null, `${c[0]} ${c[1]} ${c[2]} ${c[3] ?? ''}`);
      checkAgainstCpu('Conv2DBackpropInput', inputs, a, tolFor(c[1]));
    }
    const strided = convGeometry({ ...attrs('SAME'), strides: [1, 2, 2, 1] }, [1, 16, 16, 8], [3, 3, 8, 8]);
    assert.equal(winogradInputGradGeometry(strided), null);
    const dilated = convGeometry({ ...attrs('SAME'), dilations: [1, 2, 2, 1] }, [1, 16, 16, 8], [3, 3, 8, 8]);
    assert.equal(winogradInputGradGeometry(dilated), null);
    assert.equal(winogradInputGradGeometry(convGeometry(attrs('SAME'), [1, 16, 16, 8], [5, 5, 8, 8])), null);
  });

  test('tiles in several chunks (a small scratch bound)', () => {
    const saved = WINOGRAD_LIMITS.chunkFloats;
    for (const chunkFloats of [16 * 20 * 37, 1]) {
      WINOGRAD_LIMITS.chunkFloats = chunkFloats;
      try {
        const { a, inputs } = setup([[3, 11, 13, 12], [3, 3, 12, 8], 'SAME']);
        checkAgainstCpu('Conv2DBackpropInput', inputs, a, 1e-5);
      } finally {
        WINOGRAD_LIMITS.chunkFloats = saved;
      }
    }
  });

  test('two threads give the floats of one', () => {
    for (const c of [
      [[1, 30, 30, 20], [3, 3, 20, 16], 'SAME'],
      [[2, 64, 64, 32], [3, 3, 32, 64], 'SAME'],
    ] as Case[]) {
      const { a, g, inputs } = setup(c);
      assert.ok(winogradInputGradGeometry(g));
      const [one] = runKernel(wasm1, 'Conv2DBackpropInput', inputs, a);
      const [two] = runKernel(wasm2, 'Conv2DBackpropInput', inputs, a);
      assert.deepEqual([...(two as NDArray).data], [...(one as NDArray).data], `${c[0]} ${c[1]}`);
    }
  });
});
