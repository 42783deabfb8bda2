// A MatMul kernel reuses its last call's GEMM jobs while the call repeats (GemmJobs): results must
// follow new values, new shapes, a new thread limit, replaced scratch blocks and rebuilt modules.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cpuBackend } from '../../../src/backends/cpu/backend.js';
import { SCRATCH_GUARD } from '../../../src/backends/wasm/backend.js';
import { gemmBufferBytes } from '../../../src/backends/wasm/kernels/gemm-module.js';
import { NDArray } from '../../../src/core/ndarray.js';
import * as tf from '../../../src/v1.js';
import { assertClose, randomArray, runKernel, wasm1, wasm2 } from './helpers.js';
// after helpers.js, which loads the backend (matmul.js and the kernel table import each other)
import { GemmJobs, forceGemmFma, gemmConfig, setLastGemmRun, stridedGemm } from '../../../src/backends/wasm/kernels/matmul.js';

const product = (a: NDArray, b: NDArray) => runKernel(cpuBackend, 'MatMul', [a, b])[0] as NDArray;

describe('wasm GEMM jobs reused across calls', () => {
  test('a session run again follows new feed values and a new batch size', () => {
    const g = new tf.Graph();
    const [x, w, y] = g.asDefault(() => {
      const x = tf.placeholder('float32', [null, 24]);
      const w = tf.placeholder('float32', [24, 10]);
      return [x, w, tf.matmul(x, w)];
    }) as tf.Tensor[];
    const s = new tf.Session({ graph: g, backend: wasm1 });
    for (const rows of [5, 5, 7, 5, 1, 7]) {
      const xv = randomArray([rows, 24]);
      const wv = randomArray([24, 10]);
      assertClose(s.run(y, new Map([[x, xv], [w, wv]])) as NDArray, product(xv, wv), 1e-5, `${rows} rows`);
    }
  });

  test("column jobs sharing each thread's packing of A follow new values of A every run", () => {
    // 20×40·40×300: two column jobs; 64×200·200×512: balanced, four jobs on two threads
    for (const [m, k, n] of [
      [20, 40, 300],
      [64, 200, 512],
    ] as const) {
      const g = new tf.Graph();
      const [x, w, y] = g.asDefault(() => {
        const x = tf.placeholder('float32', [m, k]);
        const w = tf.placeholder('float32', [k, n]);
        return [x, w, tf.matmul(x, w)];
      }) as tf.Tensor[];
      const s = new tf.Session({ graph: g, backend: wasm2 });
      const wv = randomArray([k, n]);
      for (let run = 0; run < 4; run++) {
        const xv = randomArray([m, k]);
        assertClose(s.run(y, new Map([[x, xv], [w, wv]])) as NDArray, product(xv, wv), 1e-4, `${m}×${k}·${k}×${n}, run ${run}`);
      }
    }
  });

  test("after 2³¹ − 1 products the run numbers restart and no thread's old stamp matches a new one", () => {
    const be = new tf.WasmBackend({ threads: 2 });
    const g = new tf.Graph();
    const [x, w, y] = g.asDefault(() => {
      const x = tf.placeholder('float32', [20, 40]);
      const w = tf.placeholder('float32', [40, 300]);
      return [x, w, tf.matmul(x, w)];
    }) as tf.Tensor[];
    const s = new tf.Session({ graph: g, backend: be });
    const wv = randomArray([40, 300]);
    const check = (what: string) => {
      const xv = randomArray([20, 40]);
      assertClose(s.run(y, new Map([[x, xv], [w, wv]])) as NDArray, product(xv, wv), 1e-4, what);
    };
    // stamps left holding run 1 (the number the restart hands out next)
    setLastGemmRun(be, 0);
    check('run 1');
    setLastGemmRun(be, 2 ** 31 - 1);
    check('the first run after the restart');
    check('the next');
    be.dispose();
  });

  test('sessions with different thread limits alternate on one graph and backend', () => {
    const g = new tf.Graph();
    const [x, y] = g.asDefault(() => {
      const x = tf.placeholder('float32', [96, 96]);
      return [x, tf.nn.relu(tf.matmul(x, x))];
    }) as tf.Tensor[];
    const two = new tf.Session({ graph: g, backend: wasm2 });
    const one = new tf.Session({ graph: g, backend: wasm2, config: new tf.ConfigProto({ intraOpParallelismThreads: 1 }) });
    for (const s of [two, one, two, one]) {
      const xv = randomArray([96, 96]);
      const want = (product(xv, xv).data as Float32Array).map((v) => Math.max(0, v));
      assertClose(s.run(y, new Map([[x, xv]])) as NDArray, new NDArray('float32', [96, 96], want), 1e-4, 'relu(x·x)');
    }
  });

  test('scratch blocks replaced between calls: the next call packs into the new ones, not freed memory', () => {
    const be = new tf.WasmBackend({ threads: 1 });
    const [m, n, k] = [20, 16, 12];
    const put = (values: Float32Array) => {
      const block = be.heap.alloc(values.length * 4) as { ptr: number };
      be.heap.f32.set(values, block.ptr / 4);
      return block.ptr;
    };
    const av = randomArray([m, k]);
    const bv = randomArray([k, n]);
    const a = put(av.data as Float32Array);
    const b = put(bv.data as Float32Array);
    const c = put(new Float32Array(m * n));
    const cache = new GemmJobs();
    const run = () => stridedGemm(be, [a, k * 4, 4], [b, n * 4, 4], c, m, n, k, undefined, false, cache);
    const result = () => new NDArray('float32', [m, n], be.heap.f32.slice(c / 4, c / 4 + m * n));
    run();
    run();
    assertClose(result(), product(av, bv), 1e-5, 'before');
    // a larger request frees the packing blocks; a tensor of their size takes one of them back
    const packA = be.threadScratch('gemm A', 0, 1)[0] as number;
    // the block stridedGemm asked for: 20 rows (+ 4: a panel's padding) by one k block of 12
    const bytes = (m + 4) * k * 4 + 64;
    assert.ok(bytes < gemmBufferBytes(gemmConfig()).a, 'sized for the product, not the largest block');
    const epoch = be.scratchEpoch;
    be.threadScratch('gemm A', bytes * 100, 1); // (another size class than the old block)
    assert.equal(be.scratchEpoch, epoch + 1);
    const reused = be.heap.alloc(bytes + 2 * SCRATCH_GUARD) as { ptr: number; size: number };
    assert.equal(reused.ptr + SCRATCH_GUARD, packA, 'the freed packing block is handed out again');
    be.heap.f32.fill(7, reused.ptr / 4, (reused.ptr + reused.size) / 4);
    run();
    assertClose(result(), product(av, bv), 1e-5, 'after');
    assert.ok(be.heap.f32.subarray(reused.ptr / 4, (reused.ptr + reused.size) / 4).every((v) => v === 7), 'the tensor in the old block is intact');
  });

  test('modules rebuilt by forceGemmFma: the next call runs the new module', () => {
    const a = randomArray([30, 40]);
    const b = randomArray([40, 24]);
    const g = new tf.Graph();
    const [x, y] = g.asDefault(() => {
      const x = tf.placeholder('float32', [30, 40]);
      return [x, tf.matmul(x, tf.constant(b))];
    }) as tf.Tensor[];
    const s = new tf.Session({ graph: g, backend: wasm1 });
    const heap = wasm1.heap;
    const put = (v: Float32Array) => {
      const block = heap.alloc(v.length * 4) as { ptr: number };
      heap.f32.set(v, block.ptr / 4);
      return block.ptr;
    };
    const [ap, bp, cp] = [put(a.data as Float32Array), put(b.data as Float32Array), put(new Float32Array(30 * 24))];
    const cache = new GemmJobs();
    const call = () => {
      stridedGemm(wasm1, [ap, 160, 4], [bp, 96, 4], cp, 30, 24, 40, undefined, false, cache);
      return cache.jobs[0]?.module;
    };
    try {
      const modules = [true, false, null].map((fma) => {
        forceGemmFma(fma);
        assertClose(s.run(y, new Map([[x, a]])) as NDArray, product(a, b), 1e-5, `session, fma ${fma}`);
        const m = call();
        assertClose(new NDArray('float32', [30, 24], heap.f32.slice(cp / 4, cp / 4 + 720)), product(a, b), 1e-5, `stridedGemm, fma ${fma}`);
        return m;
      });
      assert.notEqual(modules[0], modules[1], 'the 6×8 module, then the 4×8 one');
      assert.notEqual(modules[1], modules[2]);
    } finally {
      forceGemmFma(null);
    }
  });
});
