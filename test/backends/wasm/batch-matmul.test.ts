// BatchMatMulV2 on the wasm backend (kernels/batch-matmul.ts) against the CPU kernel: broadcast
// batch dims, adj_x / adj_y, small products as one job each (more than the pool takes at once),
// large ones split, empty shapes, the CPU kernel's errors; a plan runs it without transfer steps.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cpuBackend } from '../../../src/backends/cpu/backend.js';
import type { NDArray } from '../../../src/core/ndarray.js';
import * as tf from '../../../src/v1.js';
import { assertClose, randomArray, runKernel, wasm1, wasm2 } from './helpers.js';

/** x's and y's shapes for op(x)·op(y) with the given batch shapes and matrix sizes. */
function operands(bx: number[], by: number[], m: number, k: number, n: number, ax: boolean, ay: boolean): [NDArray, NDArray] {
  return [randomArray([...bx, ...(ax ? [k, m] : [m, k])]), randomArray([...by, ...(ay ? [n, k] : [k, n])])];
}

describe('wasm BatchMatMulV2', () => {
  const cases: [number[], number[], number, number, number][] = [
    [[3], [3], 5, 7, 9],
    [[2, 1], [1, 3], 8, 16, 8],
    [[], [4], 6, 6, 16],
    [[70], [70], 12, 20, 24],
    [[1], [5], 33, 17, 40],
    [[2], [2], 150, 140, 130],
    [[2], [1], 1, 3, 1],
  ];
  for (const [bx, by, m, k, n] of cases) {
    test(`[${bx}]×[${by}], ${m}×${k}·${k}×${n}, every adj_x / adj_y, 1 and 2 threads`, () => {
      for (const ax of [false, true]) {
        for (const ay of [false, true]) {
          const [x, y] = operands(bx, by, m, k, n, ax, ay);
          const attrs = { adj_x: ax, adj_y: ay };
          const want = runKernel(cpuBackend, 'BatchMatMulV2', [x, y], attrs)[0] as NDArray;
          for (const be of [wasm1, wasm2]) {
            // twice: the second run reuses the first's jobs
            for (let r = 0; r < 2; r++) assertClose(runKernel(be, 'BatchMatMulV2', [x, y], attrs)[0] as NDArray, want, 1e-5, `${be.threads} T, adj ${ax} ${ay}, run ${r}`);
          }
        }
      }
    });
  }
  test('empty batches, rows and inner size (k = 0 gives zeros)', () => {
    for (const [bx, by, m, k, n] of [[[0], [0], 3, 4, 5], [[2], [2], 0, 4, 5], [[2], [2], 3, 0, 5]] as [number[], number[], number, number, number][]) {
      const [x, y] = operands(bx, by, m, k, n, false, false);
      const want = runKernel(cpuBackend, 'BatchMatMulV2', [x, y])[0] as NDArray;
      for (const be of [wasm1, wasm2]) assertClose(runKernel(be, 'BatchMatMulV2', [x, y])[0] as NDArray, want, 0, `[${bx}] ${m}×${k}×${n}`);
    }
  });
  test("the CPU kernel's errors", () => {
    const bad: [number[], number[]][] = [
      [[2, 3, 4], [3, 4, 5]],
      [[2, 3, 4], [2, 5, 6]],
    ];
    for (const [xs, ys] of bad) {
      const message = (be: typeof wasm1 | typeof cpuBackend) => {
        try {
          runKernel(be, 'BatchMatMulV2', [randomArray(xs), randomArray(ys)]);
        } catch (e) {
          assert.equal((e as Error).name, 'InvalidArgumentError');
          return (e as Error).message;
        }
        assert.fail(`${be.name}: no error for [${xs}]·[${ys}]`);
      };
      assert.equal(message(wasm1), message(cpuBackend));
    }
  });
  test('tf.matmul of rank-3 tensors plans one wasm step, no transfers', () => {
    const g = new tf.Graph();
    const [x, t] = g.asDefault(() => {
      const x = tf.placeholder('float32', [4, 8, 8], 'x');
      return [x, tf.matmul(x, new tf.Variable(randomArray([4, 8, 8])))];
    });
    const s = new tf.Session({ graph: g, backend: wasm2 });
    const plan = s.describePlan(t, new Map([[x, randomArray([4, 8, 8])]])).toString();
    assert.match(plan, /BatchMatMulV2.*\[wasm float32\]/);
    assert.doesNotMatch(plan, /transfer/);
    s.close();
  });
});
