// The worker pool: two threads give the one-thread results, a trap inside a worker fails that
// run with the op's name and the pool serves the next run; missing features are reported once.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Kernel, KernelSignature } from '../../../src/backends/backend.js';
import { SCRATCH_GUARD, WasmBackend, warnOnce } from '../../../src/backends/wasm/backend.js';
import { gemm } from '../../../src/backends/wasm/kernels/matmul.js';
import { ModuleBuilder, ValType } from '../../../src/backends/wasm/builder/index.js';
import { MEMORY_IMPORT } from '../../../src/backends/wasm/kernels/elementwise-module.js';
import { kernelModule } from '../../../src/backends/wasm/modules.js';
import { type Job, WorkerPool } from '../../../src/backends/wasm/pool.js';
import { NDArray } from '../../../src/core/ndarray.js';
import * as tf from '../../../src/v1.js';
import { assertClose, randomArray, runKernel, wasm1, wasm2 } from './helpers.js';

describe('worker pool', () => {
  test('a pool of two starts in Node and splits GEMM and elementwise work identically', () => {
    assert.equal(wasm2.threads, 2);
    assert.equal(wasm1.threads, 1);
    const a = randomArray([96, 200]);
    const b = randomArray([200, 130]);
    const one = runKernel(wasm1, 'MatMul', [a, b])[0] as NDArray;
    const two = runKernel(wasm2, 'MatMul', [a, b])[0] as NDArray;
    // Each thread computes its columns exactly as one thread would: bitwise equal.
    assert.deepEqual(two.data, one.data);
    const x = randomArray([200_003]);
    assert.deepEqual((runKernel(wasm2, 'Sqrt', [x])[0] as NDArray).data, (runKernel(wasm1, 'Sqrt', [x])[0] as NDArray).data);
  });

  test("a trap inside a worker fails the call with the worker's text; the pool then works", () => {
    const mod = gemm();
    const bad = [0xfffffff0, 4, 4, 0, 4, 4, 0, 4, 8, 4, 0, 8, 0, 0, 0];
    const noop = [0, 4, 4, 0, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    // a pool of its own, told to leave job 1 to the worker
    const pool = WorkerPool.start(wasm2.heap.memory, 2) as WorkerPool;
    const local = (j: Job) => (wasm2.exports(j.module)[j.fn] as (...a: number[]) => void)(...j.args);
    const jobs = (second: number[]) => [
      { module: mod, fn: 'gemm', args: noop },
      { module: mod, fn: 'gemm', args: second },
    ];
    assert.throws(() => pool.run(jobs(bad), local, { steal: false }), /^Error: worker thread 1: RuntimeError: memory access out of bounds$/);
    pool.run(jobs(noop), local, { steal: false });
    pool.terminate();
    // through the backend, whichever thread takes the bad job
    assert.throws(() => wasm2.parallel(jobs(bad)), /memory access out of bounds/);
    const a = randomArray([64, 64]);
    assertClose(runKernel(wasm2, 'MatMul', [a, a])[0] as NDArray, runKernel(wasm1, 'MatMul', [a, a])[0] as NDArray, 0, 'after the error');
  });

  test("a job's thread argument tells it which thread runs it (0 here, a worker's index + 1 there)", () => {
    // note(at, thread, value): stores value at at + 4·thread
    const mod = kernelModule('test: note the thread', () => {
      const mb = new ModuleBuilder(MEMORY_IMPORT);
      const f = mb.func('note', [ValType.i32, ValType.i32, ValType.i32]);
      f.get(0).get(1).i32(2).op('i32_shl', 'i32_add').get(2).i32Store();
      return mb;
    });
    const at = wasm2.heap.alloc(64)?.ptr as number;
    const pool = WorkerPool.start(wasm2.heap.memory, 2) as WorkerPool;
    const local = (j: Job) => (wasm2.exports(j.module)[j.fn] as (...a: number[]) => void)(...j.args);
    try {
      wasm2.heap.f32.fill(0, at / 4, at / 4 + 16);
      const jobs: Job[] = [
        { module: mod, fn: 'note', args: [at, 0, 11], threadArg: 1 },
        { module: mod, fn: 'note', args: [at, 0, 22], threadArg: 1 },
        { module: mod, fn: 'note', args: [at + 16, 0, 33] }, // no thread argument: args as given
      ];
      pool.run(jobs, local, { steal: false });
      const words = new Int32Array(wasm2.heap.memory.buffer, at, 8);
      assert.deepEqual([...words], [11, 22, 0, 0, 33, 0, 0, 0]);
    } finally {
      pool.terminate();
    }
  });

  test('a scratch purpose asked for more bytes gets larger blocks, not the old ones', () => {
    const be = new WasmBackend({ threads: 1 });
    const [small] = be.threadScratch('grow test', 64, 1) as [number];
    const neighbour = be.heap.alloc(64)?.ptr as number;
    be.heap.u8.fill(7, neighbour, neighbour + 64);
    const [big] = be.threadScratch('grow test', 8192, 1) as [number];
    be.heap.u8.fill(1, big, big + 8192);
    assert.deepEqual([...be.heap.u8.subarray(neighbour, neighbour + 64)], new Array(64).fill(7), 'the larger scratch overran a neighbouring block');
    assert.equal(be.threadScratch('grow test', 100, 1)[0], big, 'a smaller request reuses the larger block');
    assert.ok(small >= 0);
    be.dispose();
  });

  test('per-thread scratch blocks keep SCRATCH_GUARD bytes from every other block (and from each other)', () => {
    const be = new WasmBackend({ threads: 2 });
    const before = be.heap.alloc(4096)?.ptr as number;
    const [s0, s1] = be.threadScratch('guard test', 192, 2) as [number, number];
    const after = be.heap.alloc(4096)?.ptr as number;
    assert.ok(s0 >= before + 4096 + SCRATCH_GUARD, 'after the block before it');
    assert.ok(s1 >= s0 + 192 + 2 * SCRATCH_GUARD, 'two threads\' blocks apart');
    assert.ok(after >= s1 + 192 + SCRATCH_GUARD, 'before the block after it');
    be.dispose();
  });

  test("a worker that never takes its job holds nothing up: this thread runs it", async () => {
    const pool = WorkerPool.start(wasm2.heap.memory, 2) as WorkerPool;
    // stop the worker thread behind the pool's back (as if the OS never scheduled it again)
    for (const w of (pool as unknown as { workers: { terminate(): void }[] }).workers) w.terminate();
    await new Promise((r) => setTimeout(r, 300));
    const mod = gemm();
    const noop = [0, 4, 4, 0, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const ran: number[] = [];
    const t0 = performance.now();
    // before work claiming, this waited for the worker until the 120 s job timeout
    pool.run(
      [0, 1, 2].map((i) => ({ module: mod, fn: 'gemm', args: [...noop.slice(0, 14), i] })),
      (j) => {
        ran.push(j.args[14] as number);
        (wasm2.exports(j.module)[j.fn] as (...a: number[]) => void)(...j.args);
      },
    );
    assert.deepEqual(ran, [0, 1, 2]);
    assert.ok(performance.now() - t0 < 5000, 'the run waited for the stopped worker');
  });

  test('every thread takes free jobs: more jobs than threads, each run once', () => {
    // 40 one-column products of one 64×64 A: job j writes column j of C (C row stride 40 floats)
    const n = 40;
    const a = randomArray([64, 64]);
    const b = randomArray([64, n]);
    const one = runKernel(wasm1, 'MatMul', [a, b])[0] as NDArray;
    const two = runKernel(wasm2, 'MatMul', [a, b])[0] as NDArray;
    assert.deepEqual(two.data, one.data);
    const heap = wasm2.heap;
    const A = heap.alloc(64 * 64 * 4)?.ptr as number;
    const B = heap.alloc(64 * n * 4)?.ptr as number;
    const C = heap.alloc(64 * n * 4)?.ptr as number;
    heap.f32.set(a.data as Float32Array, A / 4);
    heap.f32.set(b.data as Float32Array, B / 4);
    heap.f32.fill(Number.NaN, C / 4, C / 4 + 64 * n);
    const bufs = (t: number) => wasm2.threadScratch('pool test', 384 * 1024, n)[t] as number;
    const mod = gemm();
    const jobs = Array.from({ length: n }, (_, j) => ({
      module: mod,
      fn: 'gemm',
      args: [A, 256, 4, B, n * 4, 4, C, 64, n, 64, j, j + 1, bufs(j), bufs(j) + 128 * 1024, bufs(j) + 256 * 1024, 0, 0],
    }));
    wasm2.parallel(jobs);
    assert.deepEqual([...heap.f32.subarray(C / 4, C / 4 + 64 * n)], [...(one.data as Float32Array)]);
  });

  test('in a session, the failing op is named and the next run succeeds', () => {
    let fail = true;
    class Faulty extends WasmBackend {
      override kernel(opType: string, sig: KernelSignature, attrs: Record<string, unknown>): Kernel | undefined {
        const k = super.kernel(opType, sig, attrs as never);
        if (opType !== 'MatMul' || !k) return k;
        return (inputs, ctx) => {
          if (fail) {
            const mod = gemm();
            const args = [0xfffffff0, 4, 4, 0, 4, 4, 0, 4, 8, 4, 0, 8, 0, 0, 0];
            this.parallel([
              { module: mod, fn: 'gemm', args: [0, 4, 4, 0, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
              { module: mod, fn: 'gemm', args },
            ]);
          }
          return k(inputs, ctx);
        };
      }
    }
    const g = new tf.Graph();
    const [x, y] = g.asDefault(() => {
      const x = tf.placeholder('float32', [2, 2]);
      return [x, tf.matmul(x, x, { name: 'product' })];
    }) as tf.Tensor[];
    const sess = new tf.Session({ graph: g, backend: new Faulty({ threads: 2 }) });
    const feed = new Map([[x, new NDArray('float32', [2, 2], new Float32Array([1, 2, 3, 4]))]]);
    assert.throws(
      () => sess.run(y, feed),
      (e: unknown) =>
        e instanceof tf.errors.UnknownError && /memory access out of bounds/.test(e.message) && /\{\{node product\}\}/.test(e.message),
    );
    fail = false;
    assert.deepEqual(sess.run(y, feed).toArray(), [
      [7, 10],
      [15, 22],
    ]);
  });

  test("a session's intraOpParallelismThreads bounds the threads its kernels split over", () => {
    const seen: number[] = [];
    class Spy extends WasmBackend {
      override kernel(opType: string, sig: KernelSignature, attrs: Record<string, unknown>): Kernel | undefined {
        const k = super.kernel(opType, sig, attrs as never);
        if (opType !== 'MatMul' || !k) return k;
        return (inputs, ctx) => {
          seen.push(this.threads);
          return k(inputs, ctx);
        };
      }
    }
    const be = new Spy({ threads: 2 });
    const g = new tf.Graph();
    const [x, y] = g.asDefault(() => {
      const x = tf.placeholder('float32', [64, 64]);
      return [x, tf.matmul(x, x)];
    }) as tf.Tensor[];
    const feed = new Map([[x, randomArray([64, 64])]]);
    const two = new tf.Session({ graph: g, backend: be }).run(y, feed);
    const one = new tf.Session({ graph: g, backend: be, config: new tf.ConfigProto({ intraOpParallelismThreads: 1 }) }).run(y, feed);
    assert.deepEqual(seen, [2, 1]);
    assert.deepEqual(one.data, two.data);
    assert.equal(be.threads, 2, 'the limit ends with the run');
    // the pool itself: with one thread allowed no worker takes a job (job 1 is left to it otherwise)
    const pool = WorkerPool.start(be.heap.memory, 2) as WorkerPool;
    const ran: number[] = [];
    const mod = gemm();
    const noop = [0, 4, 4, 0, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    pool.run(
      [0, 1, 2].map(() => ({ module: mod, fn: 'gemm', args: noop })),
      (j) => ran.push(j.args.length),
      { steal: false, threads: 1 },
    );
    assert.equal(ran.length, 3, 'this thread ran every job');
    pool.terminate();
    be.dispose();
  });

  test('a missing feature is reported once', () => {
    const warnings: string[] = [];
    const saved = console.warn;
    console.warn = (m: string) => warnings.push(m);
    try {
      warnOnce('test: no such feature');
      warnOnce('test: no such feature');
    } finally {
      console.warn = saved;
    }
    assert.deepEqual(warnings, ['tensorgraph: test: no such feature']);
  });
});

describe('backend selection', () => {
  test("tf.getBackend() is 'wasm' by default where SIMD exists (or TG_BACKEND), tf.setBackend switches new sessions", () => {
    const before = tf.getBackend();
    // Node ≥ 20 has WebAssembly SIMD, so the default is wasm unless the environment names a backend.
    assert.equal(before, process.env.TG_BACKEND === 'cpu' ? 'cpu' : 'wasm');
    try {
      tf.setBackend('wasm');
      assert.equal(tf.getBackend(), 'wasm');
      const g = new tf.Graph();
      const y = g.asDefault(() => tf.multiply(tf.placeholder('float32', [3], 'x'), tf.constant(2, 'float32')));
      const sess = new tf.Session({ graph: g });
      const feed = new Map([[g.getTensorByName('x:0'), new NDArray('float32', [3], new Float32Array([1, 2, 3]))]]);
      assert.match(sess.describePlan(y, feed).toString(), /\[wasm float32\]/);
      assert.deepEqual(sess.run(y, feed).toArray(), [2, 4, 6]);
      tf.setBackend('cpu');
      assert.match(new tf.Session({ graph: g }).describePlan(y, feed).toString(), /\[cpu float32\]/);
      assert.throws(() => tf.setBackend('gpu' as never), { name: 'ValueError', message: `Unknown backend "gpu": expected 'cpu' or 'wasm'` });
    } finally {
      tf.setBackend(before);
    }
  });
});
