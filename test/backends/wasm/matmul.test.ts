// The wasm GEMM against the CPU reference: odd sizes around the tile and block edges, all four
// transpose combinations, empty and k = 0 products, one and two threads.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { NDArray } from '../../../src/core/ndarray.js';
import { defaultGemm, gemmModule } from '../../../src/backends/wasm/kernels/gemm-module.js';
import { checkAgainstCpu, randomArray, runKernel, wasm1, wasm2 } from './helpers.js';
// after helpers.js, which loads the backend (matmul.js and the kernel table import each other)
import { gemmSplit } from '../../../src/backends/wasm/kernels/matmul.js';

function check(m: number, n: number, k: number, ta: boolean, tb: boolean): void {
  const a = randomArray(ta ? [k, m] : [m, k]);
  const b = randomArray(tb ? [n, k] : [k, n]);
  // float32 sums in another order: relative error grows like sqrt(k)·eps
  checkAgainstCpu('MatMul', [a, b], { transpose_a: ta, transpose_b: tb }, 1e-5 * Math.max(1, Math.sqrt(k)));
}

describe('wasm MatMul', () => {
  test('sizes around the 6×8 tile, all transposes', () => {
    for (const [m, n, k] of [
      [1, 1, 1],
      [3, 7, 5],
      [4, 8, 4],
      [5, 9, 3],
      [8, 16, 17],
      [13, 27, 33],
      [1, 40, 7],
      [40, 1, 9],
      // B packed two panels at a time: pairs only, pairs and a full panel, pairs and a partial one
      [7, 32, 6],
      [5, 24, 11],
      [6, 35, 10],
      // B read in place (small, whole column tiles), over three k blocks
      [5, 8, 700],
    ] as [number, number, number][]) {
      for (const ta of [false, true]) for (const tb of [false, true]) check(m, n, k, ta, tb);
    }
  });

  test('sizes crossing the KC, MC and NC blocks (and split over two threads)', () => {
    check(130, 1030, 260, false, false);
    check(129, 67, 513, true, false);
    check(67, 129, 300, false, true);
    check(200, 200, 200, true, true);
    // split by columns on two threads, A packed once for every job, in more jobs than threads:
    // two row blocks (MC) by three k blocks, A either way round
    check(140, 300, 700, false, false);
    check(140, 300, 700, true, true);
  });

  test('narrow products split by rows over two threads (matrix-vector, a few tiles wide)', () => {
    for (const [m, n, k] of [
      [200, 1, 200],
      [97, 3, 150],
      [300, 8, 40],
      [150, 20, 64],
      [6, 1, 9000],
    ] as [number, number, number][]) {
      for (const ta of [false, true]) for (const tb of [false, true]) check(m, n, k, ta, tb);
    }
  });

  test('the split: columns while they balance the tiles, rows for narrow C, never rows for a conv', () => {
    const cfg = { mr: 4, nr: 8 };
    assert.deepEqual(gemmSplit(128, 256, 2, cfg), { parts: 2, byRows: false });
    assert.deepEqual(gemmSplit(128, 10, 2, cfg), { parts: 2, byRows: true }); // as balanced either way: B is smaller
    assert.deepEqual(gemmSplit(784, 256, 2, cfg), { parts: 2, byRows: true });
    assert.deepEqual(gemmSplit(256, 256, 2, cfg), { parts: 2, byRows: false });
    assert.deepEqual(gemmSplit(64, 64, 2, cfg, false, true), { parts: 2, byRows: true }); // B packed by vector copies
    assert.deepEqual(gemmSplit(128, 8, 2, cfg), { parts: 2, byRows: true });
    assert.deepEqual(gemmSplit(128, 20, 2, cfg), { parts: 2, byRows: true }); // 3 column tiles: 2 + 1
    assert.deepEqual(gemmSplit(4, 8, 2, cfg), { parts: 1, byRows: false }); // one tile
    assert.deepEqual(gemmSplit(128, 8, 2, cfg, true), { parts: 1, byRows: false });
    assert.deepEqual(gemmSplit(128, 256, 1, cfg), { parts: 1, byRows: false });
  });

  test('empty operands and k = 0 (a zero matrix, over whatever the buffer held)', () => {
    check(0, 5, 3, false, false);
    check(4, 0, 3, false, true);
    for (const be of [wasm1, wasm2]) {
      // dirty a block of the right size first, so zeros must be written
      runKernel(be, 'MatMul', [randomArray([3, 4]), randomArray([4, 5])]);
      const out = runKernel(be, 'MatMul', [randomArray([3, 0]), randomArray([0, 5])])[0] as NDArray;
      assert.deepEqual([...out.shape], [3, 5]);
      assert.deepEqual([...(out.data as Float32Array)], new Array(15).fill(0));
    }
  });

  test("TensorFlow's errors for mismatched operands", () => {
    assert.throws(() => runKernel(wasm1, 'MatMul', [randomArray([2, 3]), randomArray([4, 5])]), {
      name: 'InvalidArgumentError',
      message: 'Matrix size-incompatible: In[0]: [2,3], In[1]: [4,5]',
    });
    assert.throws(() => runKernel(wasm1, 'MatMul', [randomArray([2, 3, 1]), randomArray([4, 5])]), {
      name: 'InvalidArgumentError',
      message: 'In[0] and In[1] has different ndims: [2,3,1] vs. [4,5]',
    });
  });

  test('every tile that fits the register budget computes the same product, each operand either way round', () => {
    const memory = new WebAssembly.Memory({ initial: 64, maximum: 65536, shared: true });
    const f = new Float32Array(memory.buffer);
    // k past a multiple of four: the packing's four-step transposes and their one-step tail
    const [m, n, k] = [19, 37, 45];
    for (let i = 0; i < m * k; i++) f[(1 << 16) / 4 + i] = Math.sin(i);
    for (let i = 0; i < k * n; i++) f[(2 << 16) / 4 + i] = Math.cos(i);
    // the same operands stored transposed: Aᵀ (k×m) at 10 << 16, Bᵀ (n×k) at 12 << 16
    for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) f[(10 << 16) / 4 + p * m + i] = f[(1 << 16) / 4 + i * k + p] as number;
    for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) f[(12 << 16) / 4 + j * k + p] = f[(2 << 16) / 4 + p * n + j] as number;
    const want: number[] = [];
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += (f[(1 << 16) / 4 + i * k + p] as number) * (f[(2 << 16) / 4 + p * n + j] as number);
        want.push(s);
      }
    for (const [mr, nr] of [
      [6, 8],
      [4, 8],
      [3, 12],
      [2, 16],
    ] as [number, number][]) {
      const mod = gemmModule({ ...defaultGemm(false), mr, nr, kc: 16, mc: 2 * mr, nc: 3 * nr }).compile();
      const g = new WebAssembly.Instance(mod, { env: { memory } }).exports as Record<string, (...a: number[]) => void>;
      for (const ta of [false, true]) {
        for (const tb of [false, true]) {
          const A = ta ? [10 << 16, 4, m * 4] : [1 << 16, k * 4, 4];
          const B = tb ? [12 << 16, 4, k * 4] : [2 << 16, n * 4, 4];
          f.fill(Number.NaN, (3 << 16) / 4, (3 << 16) / 4 + m * n);
          g.gemm?.(...A, ...B, 3 << 16, m, n, k, 0, n, 4 << 16, 6 << 16, 8 << 16);
          const got = [...f.subarray((3 << 16) / 4, (3 << 16) / 4 + m * n)];
          for (let i = 0; i < got.length; i++) {
            assert.ok(Math.abs((got[i] as number) - (want[i] as number)) < 1e-4, `${mr}x${nr} ta=${ta} tb=${tb} [${i}]: ${got[i]} vs ${want[i]}`);
          }
        }
      }
    }
  });
});
