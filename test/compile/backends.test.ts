// A backend per step (DESIGN §2): ops the session's backend lacks run on the CPU reference
// backend, with transfer steps between them; each value crosses once; results are identical.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Backend, BackendStats, BackendTensor, Kernel } from '../../src/backends/backend.js';
import { WasmBackend } from '../../src/backends/wasm/backend.js';
import { NDArray } from '../../src/core/ndarray.js';
import * as tf from '../../src/v1.js';

/** A tensor of the toy backend: its own class, so a missing transfer could not go unnoticed. */
class BoxTensor implements BackendTensor {
  refs = 0;
  constructor(
    readonly dtype: tf.DType,
    readonly shape: readonly number[],
    readonly data: Float32Array,
  ) {}
}

function box(t: unknown): BoxTensor {
  assert.ok(t instanceof BoxTensor, 'a toy-backend kernel got a tensor of another backend');
  return t;
}

/** A backend with only Mul (float32, same shapes or a scalar second operand). */
function toyBackend(): Backend & { kernelsRun: string[] } {
  const stats: BackendStats = { allocations: 0, bytesAllocated: 0, frees: 0, live: 0 };
  const kernelsRun: string[] = [];
  const mul: Kernel = (inputs, ctx) => {
    const [a, b] = [box(inputs[0]), box(inputs[1])];
    const out = box(ctx.output(0, 'float32', a.shape));
    for (let i = 0; i < a.data.length; i++) out.data[i] = (a.data[i] as number) * (b.data[b.data.length === 1 ? 0 : i] as number);
    kernelsRun.push('Mul');
    return [out];
  };
  return {
    name: 'toy',
    device: '/job:localhost/replica:0/task:0/device:TOY:0',
    stats,
    kernelsRun,
    kernel: (type, sig) => (type === 'Mul' && sig.inputs[0] === 'float32' ? mul : undefined),
    allocate: (dtype, shape) => {
      stats.allocations++;
      return new BoxTensor(dtype, shape, new Float32Array(shape.reduce((x, y) => x * y, 1)));
    },
    view: (t, shape) => new BoxTensor(t.dtype, shape, box(t).data),
    retain: (t) => {
      box(t).refs++;
    },
    release: (t) => {
      box(t).refs--;
    },
    refCount: (t) => box(t).refs,
    upload: (a) => new BoxTensor(a.dtype, a.shape, Float32Array.from(a.data as Float32Array)),
    download: (t) => new NDArray('float32', t.shape, box(t).data.slice()),
    copyInto: (src, dst) => box(dst).data.set(box(src).data),
  };
}

describe('transfer steps between backends', () => {
  test('an op the backend lacks runs on the CPU reference backend, its inputs transferred once', () => {
    const g = new tf.Graph();
    const { x, y } = g.asDefault(() => {
      const x = tf.placeholder('float32', [2], 'x');
      const m = tf.multiply(x, 3, { name: 'm' });
      // m feeds two CPU-only ops: it crosses to the CPU once.
      const y = tf.add(tf.add(m, 1, { name: 'a1' }), m, { name: 'y' });
      return { x, y };
    });
    const toy = toyBackend();
    using sess = new tf.Session({ graph: g, backend: toy });
    assert.deepEqual(sess.run(y, new Map([[x, [1, 2]]])).toArray(), [7, 13]);
    assert.deepEqual(toy.kernelsRun, ['Mul']);
    const plan = sess.describePlan(y, new Map([[x, [1, 2]]]));
    const kinds = plan.steps.map((s) => (s.kind === 'transfer' ? `transfer ${s.from.name}→${s.backend.name}` : `${s.op.name}@${s.backend.name}`));
    assert.deepEqual(kinds, ['m@toy', 'transfer toy→cpu', 'transfer toy→cpu', 'a1@cpu', 'y@cpu']);
    assert.match(plan.toString(), /transfer\(%\d+\) {2}\[toy → cpu\]/);
    using cpuSess = new tf.Session({ graph: g });
    assert.deepEqual(cpuSess.run(y, new Map([[x, [1, 2]]])).toArray(), [7, 13]);
  });

  test('a value made on the CPU goes back to the backend that has the kernel', () => {
    const g = new tf.Graph();
    const { x, y } = g.asDefault(() => {
      const x = tf.placeholder('float32', [3], 'x');
      const s = tf.add(x, 1, { name: 's' });
      return { x, y: tf.multiply(s, s, { name: 'y' }) };
    });
    const toy = toyBackend();
    using sess = new tf.Session({ graph: g, backend: toy });
    assert.deepEqual(sess.run(y, new Map([[x, [0, 1, 2]]])).toArray(), [1, 4, 9]);
    const plan = sess.describePlan(y, new Map([[x, [0, 1, 2]]]));
    assert.deepEqual(
      plan.steps.map((s) => (s.kind === 'kernel' ? s.op.name : 'transfer')),
      ['transfer', 'transfer', 's', 'transfer', 'y'],
    );
  });

  test('two backends of one name (two wasm heaps) never share a plan: each runs on its own constants', () => {
    const g = new tf.Graph();
    const { x, y } = g.asDefault(() => {
      const x = tf.placeholder('float32', [4], 'x');
      return { x, y: tf.multiply(x, tf.constant([1, 2, 3, 4]), { name: 'y' }) };
    });
    const a = new WasmBackend({ threads: 1 });
    const b = new WasmBackend({ threads: 1 });
    b.allocate('float32', [1000]); // so that the two heaps' blocks are at different offsets
    using sa = new tf.Session({ graph: g, backend: a });
    using sb = new tf.Session({ graph: g, backend: b });
    const feed = new Map([[x, [1, 1, 1, 1]]]);
    assert.deepEqual(sa.run(y, feed).toArray(), [1, 2, 3, 4]);
    assert.deepEqual(sb.run(y, feed).toArray(), [1, 2, 3, 4]);
    assert.notEqual(sa.describePlan(y, feed), sb.describePlan(y, feed));
    // Two toy backends too (kernels are bound to their backend).
    const [t1, t2] = [toyBackend(), toyBackend()];
    for (const t of [t1, t2]) assert.deepEqual(new tf.Session({ graph: g, backend: t }).run(y, feed).toArray(), [1, 2, 3, 4]);
    assert.deepEqual([t1.kernelsRun, t2.kernelsRun], [['Mul'], ['Mul']]);
  });
});

test('the CPU backend counts allocated bytes by each dtype\'s element size', async () => {
  const { cpuBackend } = await import('../../src/backends/cpu/backend.js');
  for (const [dtype, bytes] of [['float16', 2], ['float32', 4], ['float64', 8], ['int8', 1], ['uint64', 8]] as const) {
    const before = cpuBackend.stats.bytesAllocated;
    cpuBackend.allocate(dtype, [3, 2]);
    assert.equal(cpuBackend.stats.bytesAllocated - before, 6 * bytes, dtype);
  }
});
