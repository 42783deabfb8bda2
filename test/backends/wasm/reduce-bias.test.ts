// Sum/Mean (the last axis and runs of axes before it in wasm, other axis sets through the compute
// loops) and BiasAdd.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NDArray } from '../../../src/core/ndarray.js';
import { assertClose, checkAgainstCpu, randomArray, runKernel, wasm1, wasm2 } from './helpers.js';

const axes = (...a: number[]) => new NDArray('int32', [a.length], Int32Array.from(a));

describe('wasm Sum and Mean', () => {
  test('Sum matches the CPU kernel over the last axis, other axes, all axes, keep_dims', () => {
    const cases: [number[], number[]][] = [
      [[7], [0]],
      [[3, 5], [1]],
      [[3, 5], [-1]],
      [[4, 33], [1]],
      [[2, 3, 4], [2]],
      [[2, 3, 4], [0]],
      [[2, 3, 4], [0, 2]],
      [[2, 3, 4], []],
      [[300, 301], [1]],
      // columns (one run of axes before the last): f64x2 pairs and an odd tail, split over threads
      [[128, 256], [0]],
      [[5, 7], [0]],
      [[3, 9], [0]],
      [[1, 6], [0]],
      [[2, 3, 5], [1]],
      [[2, 3, 4], [0, 1]],
      // a run ending with the last axis (all axes, the last two): rows of the run's size
      [[2, 3, 4], [1, 2]],
      [[2, 3, 4], [0, 1, 2]],
      [[301, 299], [0, 1]],
      [[300, 301], [0]],
      [[0, 3], [0]],
      [[3, 0], [1]],
      [[0, 3], [1]],
      [[], []],
    ];
    for (const [shape, ax] of cases) {
      // The same float64 accumulation order as the CPU reference: bitwise equal.
      for (const keep of [false, true]) checkAgainstCpu('Sum', [randomArray(shape), axes(...ax)], { keep_dims: keep }, 0);
    }
  });

  test('rows sum in the CPU reference order: values whose float64 sum depends on the order', () => {
    // Each row holds pairs of ±2^60 that cancel, among values of order 1: a small value added to
    // a partial sum holding 2^60 is lost, so which values are lost, and the float32 result,
    // depend on how the adds are grouped. Row lengths around the 16 lanes.
    let s = 99;
    const next = () => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s / 2 ** 32;
    };
    const wild = (shape: number[]) => {
      const cols = shape.at(-1) as number;
      const d = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => next() * 4 - 2);
      for (let row = 0; row < d.length; row += cols) {
        for (let p = 0; p + 1 < cols && p < 6; p += 2) {
          d[row + Math.floor(next() * cols)] = 2 ** 60;
          d[row + Math.floor(next() * cols)] = -(2 ** 60);
        }
      }
      return new NDArray('float32', shape, d);
    };
    for (const cols of [1, 5, 15, 16, 17, 31, 33, 47, 64, 100, 255]) {
      for (const op of ['Sum', 'Mean']) checkAgainstCpu(op, [wild([9, cols]), axes(1)], {}, 0);
    }
    checkAgainstCpu('Sum', [wild([3, 4, 37]), axes(1, 2)], {}, 0);
    // Rows past SUM_BLOCK (65536): blocks split over the threads, their sums folded in order.
    checkAgainstCpu('Mean', [wild([70000]), axes(0)], {}, 0);
    checkAgainstCpu('Sum', [wild([2, 140000]), axes(1)], {}, 0);
    checkAgainstCpu('Mean', [wild([5, 300, 301]), axes(0, 1, 2)], {}, 0);
    checkAgainstCpu('Sum', [wild([3 * 65536]), axes(0)], {}, 0);
  });

  test('Mean over the last axis divides the row sum (empty rows give NaN), other axes through the compute loop', () => {
    for (const [shape, ax] of [
      [[3, 5], [1]],
      [[5, 17], [-1]],
      [[2, 3, 4], [1]],
      [[4, 0], [1]],
    ] as [number[], number[]][]) {
      const x = randomArray(shape);
      const sum = runKernel(wasm1, 'Sum', [x, axes(...ax)])[0] as NDArray;
      const n = ax.reduce((p, a) => p * (shape.at(a) as number), 1);
      const want = new NDArray('float32', sum.shape, (sum.data as Float32Array).map((s) => s / n));
      for (const be of [wasm1, wasm2]) assertClose(runKernel(be, 'Mean', [x, axes(...ax)])[0] as NDArray, want, 1e-6, `Mean [${shape}] over ${ax}`);
    }
    // over columns: the CPU kernel's float64 sum ÷ R, bit for bit
    for (const [shape, ax] of [
      [[128, 256], [0]],
      [[3, 9], [0]],
      [[2, 3, 5], [0, 1]],
      [[2, 3, 5], [1, 2]],
      [[301, 299], [0, 1]],
    ] as [number[], number[]][]) {
      checkAgainstCpu('Mean', [randomArray(shape), axes(...ax)], {}, 0);
    }
  });

  test('an axis out of range is refused with TensorFlow text', () => {
    assert.throws(() => runKernel(wasm1, 'Sum', [randomArray([2, 3]), axes(2)]), {
      name: 'InvalidArgumentError',
      message: 'Invalid reduction dimension (2 for input with 2 dimension(s)',
    });
  });

  test('duplicate axes are refused as the CPU kernel refuses them (also spelled -1 and 1)', () => {
    for (const op of ['Sum', 'Mean']) {
      for (const ax of [[0, 0], [1, -1]]) {
        assert.throws(() => runKernel(wasm1, op, [randomArray([2, 3]), axes(...ax)]), {
          name: 'InvalidArgumentError',
          message: `Invalid reduction arguments: Axes contains duplicate dimension: ${ax[0]}`,
        });
      }
    }
  });
});

describe('wasm BiasAdd', () => {
  const ref = (x: NDArray, b: NDArray, nchw: boolean) => {
    const out = new Float32Array(x.size);
    const c = b.size;
    const inner = nchw ? x.shape.slice(2).reduce((p, q) => p * q, 1) : 1;
    for (let i = 0; i < x.size; i++) out[i] = ((x.data as Float32Array)[i] as number) + ((b.data as Float32Array)[Math.floor(i / inner) % c] as number);
    return new NDArray('float32', x.shape, out);
  };
  test('NHWC and NCHW, odd channel counts', () => {
    for (const [shape, nchw] of [
      [[2, 3], false],
      [[4, 5, 7], false],
      [[2, 7, 3, 5], true],
      [[2, 3], true],
      [[0, 3], false],
    ] as [number[], boolean][]) {
      const c = shape[nchw ? 1 : shape.length - 1] as number;
      const x = randomArray(shape);
      const b = randomArray([c]);
      for (const be of [wasm1, wasm2]) {
        assertClose(runKernel(be, 'BiasAdd', [x, b], { data_format: nchw ? 'NCHW' : 'NHWC' })[0] as NDArray, ref(x, b, nchw), 0, `BiasAdd [${shape}]`);
      }
    }
  });
  test("TensorFlow's errors", () => {
    const err = (x: number[], b: number[], message: string) =>
      assert.throws(() => runKernel(wasm1, 'BiasAdd', [randomArray(x), randomArray(b)], { data_format: 'NHWC' }), { name: 'InvalidArgumentError', message });
    err([3], [3], 'Input tensor must be at least 2D: [3]');
    err([2, 3], [1, 3], 'Biases must be 1D: [1,3]');
    err([2, 3], [4], 'Must provide as many biases as the last dimension of the input tensor: [4] vs. [2,3]');
  });
});
