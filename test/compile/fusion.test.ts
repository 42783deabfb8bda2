// Elementwise fusion: chains of elementwise ops run as one fused step with the same results.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_CHAIN_LINKS, MAX_CHAIN_OPERANDS } from '../../src/compile/passes/fuse.js';
import * as tf from '../../src/v1.js';

/** Compiles on `backend` (default: the session default, TG_BACKEND's). */
function compile<T>(build: () => T, fetch: (t: T) => unknown, feed: (t: T) => Map<unknown, unknown>, backend?: 'cpu' | 'wasm') {
  const g = new tf.Graph();
  const t = g.asDefault(build);
  const sess = new tf.Session({ graph: g, ...(backend ? { backend } : {}) });
  return { t, sess, plan: sess.describePlan(fetch(t), feed(t)), run: () => sess.run(fetch(t) as tf.Tensor, feed(t)) };
}

const kinds = (plan: tf.Session extends { describePlan(...a: never[]): infer P } ? P : never) =>
  plan.steps.map((s) => (s.kind === 'fused' ? `fused:${s.ops.map((o) => o.name).join('+')}` : s.kind === 'kernel' ? s.op.name : 'transfer'));

describe('elementwise fusion', () => {
  test('relu-like chain x*a+b, squared, with scalar and full-size operands: one step, same values', () => {
    const xs = [-2, -0.5, 0, 1.5, 3, 4.25];
    const bs = [1, 2, 3, 4, 5, 6];
    const { plan, run } = compile(
      () => {
        const x = tf.placeholder('float32', [2, 3], 'x');
        const b = tf.placeholder('float32', [2, 3], 'b');
        const y = tf.square(tf.add(tf.multiply(x, 0.5, { name: 'm' }), b, { name: 'a' }), 's');
        return { x, b, y };
      },
      (t) => t.y,
      (t) => new Map<unknown, unknown>([[t.x, [xs.slice(0, 3), xs.slice(3)]], [t.b, [bs.slice(0, 3), bs.slice(3)]]]),
    );
    assert.deepEqual(kinds(plan), ['fused:m+a+s']);
    const got = (run().toArray() as number[][]).flat();
    const want = xs.map((x, i) => Math.fround((Math.fround(Math.fround(x * 0.5) + (bs[i] as number))) ** 2));
    assert.deepEqual(got, want);
  });

  test('a scalar on the left (2 - x, 1 / y) is a reversed link: float64 on cpu, float32 on cpu and wasm', () => {
    // The CPU backend fuses float32 and float64 chains; wasm fuses float32 only (its float64 ops
    // run on the CPU kernels through transfer steps, unfused).
    for (const [backend, dtype, want] of [
      ['cpu', 'float64', ['fused:sub+div']],
      ['cpu', 'float32', ['fused:sub+div']],
      ['wasm', 'float32', ['fused:sub+div']],
      ['wasm', 'float64', ['transfer', 'transfer', 'sub', 'transfer', 'div']],
    ] as const) {
      const { plan, run } = compile(
        () => {
          const x = tf.placeholder(dtype, [4], 'x');
          return { x, y: tf.realdiv(1, tf.subtract(2, x, { name: 'sub' }), { name: 'div' }) };
        },
        (t) => t.y,
        (t) => new Map<unknown, unknown>([[t.x, [0, 1, 3, 4]]]),
        backend,
      );
      assert.deepEqual(kinds(plan), want, `${backend} ${dtype}`);
      assert.deepEqual(run().toArray(), [0.5, 1, -1, -0.5]);
    }
  });

  test('a value used twice, or fetched, ends the chain', () => {
    const { plan } = compile(
      () => {
        const x = tf.placeholder('float32', [3], 'x');
        const z = tf.negative(tf.square(x, 'sq'), 'neg');
        return { x, y: tf.multiply(z, z, { name: 'zz' }), z };
      },
      (t) => [t.y, t.z],
      (t) => new Map<unknown, unknown>([[t.x, [1, 2, 3]]]),
    );
    assert.deepEqual(kinds(plan), ['fused:sq+neg', 'zz']);
  });

  test('integer ops, operands broadcast other than as a scalar, a row or a column, and generic (unknown-shape) plans are not fused', () => {
    // int32 on both backends: wasm has no int32 kernels, so its plan first moves x to the CPU ones.
    for (const [backend, want] of [
      ['cpu', ['sq', 'neg']],
      ['wasm', ['transfer', 'sq', 'neg']],
    ] as const) {
      const ints = compile(
        () => {
          const x = tf.placeholder('int32', [3], 'x');
          return { x, y: tf.negative(tf.square(x, 'sq'), 'neg') };
        },
        (t) => t.y,
        (t) => new Map<unknown, unknown>([[t.x, new Int32Array([1, 2, 3])]]),
        backend,
      );
      assert.deepEqual(kinds(ints.plan), want, backend);
      assert.deepEqual(ints.run().toArray(), [-1, -4, -9]);
    }
    // [3, 1] against [2, 3, 2] is neither a scalar, a row nor a column of the output
    const broadcast = compile(
      () => {
        const x = tf.placeholder('float32', [2, 3, 2], 'x');
        const mid = tf.placeholder('float32', [3, 1], 'mid');
        return { x, mid, y: tf.negative(tf.add(x, mid, { name: 'add' }), 'neg') };
      },
      (t) => t.y,
      (t) => new Map<unknown, unknown>([[t.x, [[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]]]], [t.mid, [[1], [2], [3]]]]),
    );
    assert.deepEqual(kinds(broadcast.plan), ['add', 'neg']);
    assert.deepEqual(broadcast.run().toArray(), [[[-2, -3], [-5, -6], [-8, -9]], [[-8, -9], [-11, -12], [-14, -15]]]);
  });

  test('row and column operands (batch and layer normalization written as ops): one step on both backends, the unfused values, over threads', () => {
    const nhwc = [2, 5, 7, 8];
    const rand = (shape: number[], seed: number) =>
      new tf.NDArray('float32', shape, Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(i * 0.37 + seed) * 2));
    const build = (shape: number[]) => () => {
      const x = tf.placeholder('float32', shape, 'x');
      const mean = tf.placeholder('float32', [shape.at(-1) as number], 'mean');
      const gamma = tf.placeholder('float32', [1, 1, shape.at(-1) as number], 'gamma');
      const beta = tf.placeholder('float32', [shape.at(-1) as number], 'beta');
      // batch normalization written as ops, then relu; gamma on the left (a reversed row link)
      const y = tf.nn.relu(tf.add(tf.multiply(gamma, tf.subtract(x, mean, { name: 'sub' }), { name: 'mul' }), beta, { name: 'add' }), 'relu');
      return { x, mean, gamma, beta, y };
    };
    for (const shape of [nhwc, [64, 32, 40]]) {
      const c = shape.at(-1) as number;
      const feed = (t: { x: tf.Tensor; mean: tf.Tensor; gamma: tf.Tensor; beta: tf.Tensor }) =>
        new Map<unknown, unknown>([
          [t.x, rand(shape, 1)],
          [t.mean, rand([c], 2)],
          [t.gamma, rand([1, 1, c], 3)],
          [t.beta, rand([c], 4)],
        ]);
      const want = (() => {
        const g = new tf.Graph();
        const t = g.asDefault(build(shape));
        using plain = new tf.Session({ graph: g, backend: 'cpu', config: new tf.ConfigProto({ graphOptions: { optimizerOptions: { optLevel: 'L0' } } }) });
        return plain.run(t.y, feed(t));
      })();
      for (const backend of ['cpu', 'wasm'] as const) {
        const { plan, run } = compile(build(shape), (t) => t.y, feed, backend);
        assert.deepEqual(kinds(plan), ['fused:sub+mul+add+relu'], backend);
        assert.deepEqual(run().toArray(), want.toArray(), `${backend} ${shape}`);
      }
    }
    // layer normalization written as ops: columns (a mean and a scale per example, [B, T, 1]) and
    // rows (gamma, beta over the channels) in one chain
    for (const shape of [[2, 3, 8], [32, 64, 48]]) {
      const [b, t, c] = shape as [number, number, number];
      const buildLn = () => {
        const x = tf.placeholder('float32', shape, 'x');
        const mean = tf.placeholder('float32', [b, t, 1], 'mean');
        const inv = tf.placeholder('float32', [b, t, 1], 'inv');
        const gamma = tf.placeholder('float32', [c], 'gamma');
        const beta = tf.placeholder('float32', [c], 'beta');
        const y = tf.add(tf.multiply(tf.multiply(tf.subtract(x, mean, { name: 'center' }), inv, { name: 'scale' }), gamma, { name: 'gain' }), beta, { name: 'shift' });
        return { x, mean, inv, gamma, beta, y };
      };
      const feedLn = (q: ReturnType<typeof buildLn>) =>
        new Map<unknown, unknown>([
          [q.x, rand(shape, 6)],
          [q.mean, rand([b, t, 1], 7)],
          [q.inv, rand([b, t, 1], 8)],
          [q.gamma, rand([c], 9)],
          [q.beta, rand([c], 10)],
        ]);
      const g = new tf.Graph();
      const q = g.asDefault(buildLn);
      using plain = new tf.Session({ graph: g, backend: 'cpu', config: new tf.ConfigProto({ graphOptions: { optimizerOptions: { optLevel: 'L0' } } }) });
      const want = plain.run(q.y, feedLn(q));
      for (const backend of ['cpu', 'wasm'] as const) {
        const { plan, run } = compile(buildLn, (u) => u.y, feedLn, backend);
        assert.deepEqual(kinds(plan), ['fused:center+scale+gain+shift'], backend);
        assert.deepEqual(run().toArray(), want.toArray(), `${backend} ${shape}`);
      }
    }
    // a column and a row over different runs ([2, 3, 1]: runs of 4; [3, 4]: runs of 12) do not share a chain
    const mixed = compile(
      () => {
        const x = tf.placeholder('float32', [2, 3, 4], 'x');
        return { x, y: tf.exp(tf.multiply(tf.add(x, tf.ones([2, 3, 1]), { name: 'a' }), tf.ones([3, 4]), { name: 'm' }), 'e') };
      },
      (t) => t.y,
      (t) => new Map<unknown, unknown>([[t.x, rand([2, 3, 4], 11)]]),
    );
    assert.deepEqual(kinds(mixed.plan), ['a', 'fused:m+e']);
    // rows of two sizes: the second one starts a new chain
    const two = compile(
      () => {
        const x = tf.placeholder('float32', [2, 3, 4], 'x');
        return { x, y: tf.exp(tf.multiply(tf.add(x, tf.ones([4]), { name: 'a' }), tf.ones([3, 4]), { name: 'm' }), 'e') };
      },
      (t) => t.y,
      (t) => new Map<unknown, unknown>([[t.x, rand([2, 3, 4], 5)]]),
    );
    assert.deepEqual(kinds(two.plan), ['a', 'fused:m+e']);
  });

  test('a pure op run as a target fuses with the ops before it', () => {
    const { plan } = compile(
      () => {
        const x = tf.placeholder('float32', [8], 'x');
        return { x, y: tf.square(tf.add(tf.multiply(x, 0.5, { name: 'm' }), 0.1, { name: 'a' }), 's') };
      },
      (t) => t.y.op,
      (t) => new Map<unknown, unknown>([[t.x, new Float32Array(8)]]),
    );
    assert.deepEqual(kinds(plan), ['fused:m+a+s']);
  });

  test('a chain longer than MAX_CHAIN_LINKS is split into several fused steps', () => {
    const { plan, run } = compile(
      () => {
        const x = tf.placeholder('float32', [4], 'x');
        let y = x;
        for (let i = 0; i < MAX_CHAIN_LINKS + 8; i++) y = tf.negative(y);
        return { x, y };
      },
      (t) => t.y,
      (t) => new Map<unknown, unknown>([[t.x, [0, 1, 2, 3]]]),
    );
    assert.deepEqual(
      plan.steps.map((s) => (s.kind === 'fused' ? s.ops.length : 0)),
      [MAX_CHAIN_LINKS, 8],
    );
    assert.deepEqual(run().toArray(), [0, 1, 2, 3]);
  });

  test('a chain reading more than MAX_CHAIN_OPERANDS arrays is split', () => {
    const { plan, run } = compile(
      () => {
        const x = tf.placeholder('float32', [2], 'x');
        let y = x;
        for (let i = 0; i < MAX_CHAIN_OPERANDS + 4; i++) y = tf.add(y, tf.placeholder('float32', [2], `v${i}`));
        return { x, y };
      },
      (t) => t.y,
      (t) => {
        const feed = new Map<unknown, unknown>([[t.x, [1, 2]]]);
        for (let i = 0; i < MAX_CHAIN_OPERANDS + 4; i++) feed.set(`v${i}:0`, [1, 10]);
        return feed;
      },
    );
    assert.deepEqual(
      plan.steps.filter((s) => s.kind === 'fused').map((s) => (s.kind === 'fused' ? s.ops.length : 0)),
      [MAX_CHAIN_OPERANDS, 4],
    );
    assert.deepEqual(run().toArray(), [1 + MAX_CHAIN_OPERANDS + 4, 2 + 10 * (MAX_CHAIN_OPERANDS + 4)]);
  });

  test('a fused step needs no buffer for the intermediates', () => {
    const { plan } = compile(
      () => {
        const x = tf.placeholder('float32', [1000], 'x');
        let y = x;
        for (let i = 0; i < 10; i++) y = tf.add(tf.multiply(y, 0.9), 0.1);
        return { x, y };
      },
      (t) => t.y,
      (t) => new Map<unknown, unknown>([[t.x, new Float32Array(1000)]]),
    );
    assert.equal(plan.steps.length, 1);
    assert.equal(plan.numBuffers, 1);
    assert.match(String(plan), /fused Mul→AddV2→Mul→AddV2/);
  });
});
