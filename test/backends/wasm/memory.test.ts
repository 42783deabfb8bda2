// The wasm backend's heap: size classes, reuse through free lists, views after grow(),
// reference counts and stats, every dtype through upload/download/copyInto, and
// ResourceExhaustedError when the memory cannot grow.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SCRATCH_GUARD, WasmBackend } from '../../../src/backends/wasm/backend.js';
import { WasmHeap, sizeClass } from '../../../src/backends/wasm/heap.js';
import { ResourceExhaustedError } from '../../../src/core/errors.js';
import { NDArray } from '../../../src/core/ndarray.js';
import * as tf from '../../../src/v1.js';
import { randomArray, runKernel } from './helpers.js';

describe('heap', () => {
  test('size classes: 64-byte steps up to 1 KiB, then four per power of two', () => {
    assert.equal(sizeClass(0), 64);
    assert.equal(sizeClass(1), 64);
    assert.equal(sizeClass(65), 128);
    assert.equal(sizeClass(1024), 1024);
    assert.equal(sizeClass(1025), 1280);
    assert.equal(sizeClass(4096), 4096);
    assert.equal(sizeClass(4097), 5120);
    assert.equal(sizeClass(7000), 7168);
    for (let b = 1; b < 1e6; b = Math.ceil(b * 1.37)) {
      const c = sizeClass(b);
      assert.ok(c >= b && c % 64 === 0 && c <= Math.max(64, b * 1.25 + 64), `class of ${b}: ${c}`);
    }
  });

  test('freed blocks are reused by their class; distinct live blocks never overlap', () => {
    const h = new WasmHeap({ initialPages: 1, maximumPages: 64 });
    const a = h.alloc(100);
    const b = h.alloc(100);
    assert.ok(a && b && a.ptr !== b.ptr && a.ptr % 64 === 0 && b.ptr % 64 === 0 && Math.abs(a.ptr - b.ptr) >= 128);
    h.release(a.ptr, a.size);
    const c = h.alloc(120);
    assert.equal(c?.ptr, a.ptr);
    assert.equal(h.inUse, 256);
  });

  test('growing re-creates the views; old data survives', () => {
    const h = new WasmHeap({ initialPages: 1, maximumPages: 64 });
    const a = h.alloc(256);
    assert.ok(a);
    h.f32[a.ptr / 4] = 42;
    const before = h.byteLength;
    const big = h.alloc(200_000);
    assert.ok(big);
    assert.ok(h.byteLength > before);
    assert.ok(h.f32.length * 4 === h.byteLength, 'the view covers the grown memory');
    assert.equal(h.f32[a.ptr / 4], 42);
    h.f32[big.ptr / 4 + 49_999] = 7;
    assert.equal(h.f32[big.ptr / 4 + 49_999], 7);
  });

  test('a request past the maximum gets null and changes nothing', () => {
    const h = new WasmHeap({ initialPages: 1, maximumPages: 4 });
    const inUse = h.inUse;
    assert.equal(h.alloc(5 * 65536), null);
    assert.equal(h.inUse, inUse);
    assert.ok(h.alloc(65536));
  });
});

describe('wasm backend tensors', () => {
  const be = new WasmBackend({ threads: 1, maximumBytes: 8 * 65536, initialBytes: 65536 });

  test('every dtype survives upload, download and copyInto', () => {
    const arrays = [
      new NDArray('float32', [3], new Float32Array([1.5, -2, 3])),
      new NDArray('float64', [2], new Float64Array([1e300, -0.5])),
      new NDArray('int32', [2, 2], new Int32Array([1, -2, 3, 2 ** 31 - 1])),
      new NDArray('int64', [2], new BigInt64Array([2n ** 62n, -5n])),
      new NDArray('uint8', [3], new Uint8Array([0, 128, 255])),
      new NDArray('bool', [2], new Uint8Array([1, 0])),
      new NDArray('int8', [1], new Int8Array([-7])),
      new NDArray('float16', [1], new Uint16Array([0x3c00])),
      new NDArray('string', [2], [new Uint8Array([104, 105]), new Uint8Array([])]),
      new NDArray('float32', [0, 4], new Float32Array(0)),
    ];
    for (const a of arrays) {
      const t = be.upload(a);
      be.retain(t);
      const back = be.download(t);
      assert.equal(back.dtype, a.dtype);
      assert.deepEqual([...back.shape], [...a.shape]);
      assert.deepEqual(back.toArray(), a.toArray());
      const d = be.allocate(a.dtype, a.shape);
      be.retain(d);
      be.copyInto(t, d);
      assert.deepEqual(be.download(d).toArray(), a.toArray(), `${a.dtype} copyInto`);
      be.release(t);
      be.release(d);
    }
  });

  test('views share the count; the last release frees the block (stats)', () => {
    const s0 = { ...be.stats };
    const t = be.allocate('float32', [4, 4]);
    be.retain(t);
    const v = be.view(t, [16]);
    be.retain(v);
    assert.equal(be.refCount(t), 2);
    be.release(t);
    assert.equal(be.stats.frees, s0.frees);
    be.release(v);
    assert.equal(be.stats.allocations, s0.allocations + 1);
    assert.equal(be.stats.frees, s0.frees + 1);
    assert.equal(be.stats.live, s0.live);
    assert.equal(be.stats.bytesAllocated, s0.bytesAllocated + 64);
    assert.throws(() => be.release(v), /no references/);
  });

  test('a tensor that does not fit raises ResourceExhaustedError naming the bytes; others stay intact', () => {
    const keep = be.upload(new NDArray('float32', [3], new Float32Array([1, 2, 3])));
    be.retain(keep);
    const err = (() => {
      try {
        be.allocate('float32', [1000, 1000]);
      } catch (e) {
        return e;
      }
      assert.fail('no error');
    })();
    assert.ok(err instanceof ResourceExhaustedError);
    assert.match(err.message, /^OOM when allocating tensor with shape\[1000,1000\] and type float on \/job:localhost\/replica:0\/task:0\/device:CPU:0 by allocator wasm: a tensor needs 4000000 bytes/);
    assert.deepEqual([...(be.download(keep).data as Float32Array)], [1, 2, 3]);
    // the backend still works
    const [sum] = runKernel(be, 'AddV2', [randomArray([5]), randomArray([5])]);
    assert.equal(sum?.size, 5);
    be.release(keep);
  });

  test("scratch that does not fit names the bytes it asked for, its guards included; the backend stays usable", () => {
    const small = new WasmBackend({ threads: 1, maximumBytes: 4 * 65536 });
    assert.throws(
      () => small.threadScratch('big scratch', 200_000, 1),
      (e: unknown) =>
        e instanceof ResourceExhaustedError && e.message.includes(`scratch for big scratch (200000 bytes and its guards) needs ${200_000 + 2 * SCRATCH_GUARD} bytes`),
    );
    const [sum] = runKernel(small, 'AddV2', [randomArray([5]), randomArray([5])]);
    assert.equal(sum?.size, 5);
    // the purpose is not left at the size that failed: a smaller request of it gets a block
    assert.equal(small.threadScratch('big scratch', 1000, 1).length, 1);
  });

  test('in a session: the failing op is named, the session stays usable', () => {
    const g = new tf.Graph();
    const [x, y, small] = g.asDefault(() => {
      const x = tf.placeholder('float32', [null, null]);
      const y = tf.matmul(x, x, { name: 'big_product' });
      return [x, y, tf.add(x, x)];
    }) as tf.Tensor[];
    const sess = new tf.Session({ graph: g, backend: new WasmBackend({ threads: 1, maximumBytes: 40 * 65536 }) });
    const n = 600; // the 1.4 MB feed fits, the product's output does not
    const feed = new Map([[x, randomArray([n, n])]]);
    assert.throws(
      () => sess.run(y, feed),
      (e: unknown) => e instanceof tf.errors.ResourceExhaustedError && /\[\[\{\{node big_product\}\}\]\]/.test(e.message) && /needs 1440000 bytes/.test(e.message),
    );
    const ok = sess.run(small, new Map([[x, new NDArray('float32', [1, 2], new Float32Array([1, 2]))]]));
    assert.deepEqual(ok.toArray(), [[2, 4]]);
  });
});
