// The op suite's backend parity (parity.ts) can fail: a wrong wasm kernel, a missing or different
// error, a value off by more than the tolerance are each reported; agreeing runs pass.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Backend, Kernel } from '../../src/backends/backend.js';
import { InvalidArgumentError } from '../../src/core/errors.js';
import * as tf from '../../src/v1.js';
import { build, evalT, expectArray, expectOpError } from './helpers.js';
import { PARITY_TOLERANCE, ParitySession, assertSameArray, parityBackend } from './parity.js';

/** The wasm backend with `opType`'s kernel replaced. */
function withKernel(opType: string, replace: (be: Backend) => Kernel | undefined): Backend {
  const be = parityBackend() as Backend;
  return Object.create(be, {
    kernel: { value: (type: string, sig: never, attrs: never) => (type === opType ? replace(be) : be.kernel(type, sig, attrs)) },
  }) as Backend;
}

function negGraph() {
  const g = new tf.Graph();
  const { x, y } = g.asDefault(() => {
    const x = tf.placeholder('float32', [3], 'x');
    return { x, y: tf.negative(x, 'neg') };
  });
  return { g, x, y, feed: new Map<unknown, unknown>([[x, [1, -2, 3]]]) };
}

const f32 = (...v: number[]) => new tf.NDArray('float32', [v.length], Float32Array.from(v));

describe('backend parity of the op suite', () => {
  test('every op test session runs on the wasm backend too (where WebAssembly SIMD exists)', () => {
    const wasm = parityBackend();
    if (!wasm) return; // no SIMD: the suite runs on the CPU backend alone (parity.ts)
    const before = wasm.stats.allocations;
    expectArray(evalT(() => tf.add(tf.constant([1, 2]), tf.constant([3, 4]))), 'float32', [2], [4, 6]);
    assert.ok(wasm.stats.allocations > before, 'the wasm twin allocated its result');
    const { sess } = build(() => tf.constant(1));
    assert.ok(sess.twin, 'build gives a session with a wasm twin');
  });

  test('a wrong kernel on wasm fails the run with both values named', () => {
    if (!parityBackend()) return;
    const { g, y, feed } = negGraph();
    // Abs for Neg: right for -2, wrong for 1 and 3.
    using sess = new ParitySession({ graph: g, twin: withKernel('Neg', (be) => be.kernel('Abs', { inputs: ['float32'], outputs: ['float32'] }, {})) });
    assert.throws(() => sess.run(y, feed), /fetch: element 0 is 1 on wasm, -1 on cpu \(float32/);
  });

  test('an error on one backend only, or a different error, fails the run', () => {
    if (!parityBackend()) return;
    const { g, y, feed } = negGraph();
    const boom: Kernel = () => {
      throw new InvalidArgumentError(null, null, 'boom');
    };
    using sess = new ParitySession({ graph: g, twin: withKernel('Neg', () => boom) });
    assert.throws(() => sess.run(y, feed), /wasm raised InvalidArgumentError: boom/);
    // The reference fails (duplicate reduction axes) and the twin fails differently.
    const sumGraph = () => {
      const h = new tf.Graph();
      const axes = h.asDefault(() => tf.placeholderWithDefault(tf.constant([0, 0], 'int32'), [null]));
      return { h, s: h.asDefault(() => tf.reduceSum(tf.constant([[1, 2]]), axes, { name: 'sum' } as never)) };
    };
    const bad = sumGraph();
    using other = new ParitySession({ graph: bad.h, twin: withKernel('Sum', () => boom) });
    assert.throws(() => other.run(bad.s), (e: unknown) => e instanceof assert.AssertionError && /the same error on wasm/.test(e.message));
    // With the real twin (a new graph: plans are cached per graph and backend name) both raise the
    // same error, and the reference's reaches the test.
    const good = sumGraph();
    using real = new ParitySession({ graph: good.h });
    expectOpError(() => real.run(good.s), tf.errors.InvalidArgumentError, 'sum', 'Invalid reduction arguments: Axes contains duplicate dimension: 0');
  });

  test('the comparison: exact for integers, bools and strings; floats within the tolerance; NaN = NaN', () => {
    const { rel, abs } = PARITY_TOLERANCE.float32 as { rel: number; abs: number };
    assertSameArray(f32(1, Number.NaN, 0, -Infinity), f32(1, Number.NaN, -0, -Infinity), 'same');
    assertSameArray(f32(1000), f32(Math.fround(1000 * (1 + rel / 2))), 'within');
    assertSameArray(f32(0), f32(abs / 2), 'near zero');
    assert.throws(() => assertSameArray(f32(1000), f32(1000 * (1 + 3 * rel)), 'x'), /element 0 is 1000\.0\d+ on wasm, 1000 on cpu/);
    assert.throws(() => assertSameArray(f32(1), f32(Number.NaN), 'x'), /NaN on wasm/);
    assert.throws(() => assertSameArray(f32(Infinity), f32(3e38), 'x'), /Infinity on cpu/);
    assert.throws(() => assertSameArray(f32(Infinity), f32(-Infinity), 'x'));
    const i32 = (...v: number[]) => new tf.NDArray('int32', [v.length], Int32Array.from(v));
    assert.throws(() => assertSameArray(i32(1000000), i32(1000001), 'x'), /exact/);
    assert.throws(() => assertSameArray(i32(1, 2), new tf.NDArray('int32', [1, 2], Int32Array.of(1, 2)), 'x'), /shape on wasm/);
    assert.throws(() => assertSameArray(i32(1), f32(1), 'x'), /dtype on wasm/);
    const str = (s: string) => new tf.NDArray('string', [1], [new TextEncoder().encode(s)]);
    assertSameArray(str('ab'), str('ab'), 'same');
    assert.throws(() => assertSameArray(str('ab'), str('ac'), 'x'));
  });
});
