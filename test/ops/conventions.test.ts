// Conformance suite index: every registered op is covered and has a CPU kernel; TensorFlow's
// naming of auto-converted inputs; DESIGN §4 argument conventions; items 34, 35, 37.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cpuKernelTypes } from '../../src/backends/cpu/backend.js';
import * as tf from '../../src/v1.js';
import { build, expectArray, expectTypeError, feed, opNames, session, shapeStr } from './helpers.js';

/**
 * Every test source under test/, read once: an op counts as covered when a test names its type
 * (`op.type` assertions, golden tables and describe titles do).
 */
function testSources(dir = join(import.meta.dirname, '..', '..', '..', 'test')): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((e) => (e.isDirectory() ? testSources(join(dir, e.name)) : e.name.endsWith('.ts') ? readFileSync(join(dir, e.name), 'utf8') : ''))
    .join('\n');
}

/**
 * Functional control-flow ops have no kernel: the compiler makes them control steps whose
 * sub-plans the executor runs (test/compile/control-steps.test.ts covers them).
 */
const CONTROL_FLOW = new Set(['If', 'StatelessIf', 'While', 'StatelessWhile']);

describe('registry', () => {
  test('every registered op is named by a test (add a conformance test when adding an op)', () => {
    const sources = testSources();
    const untested = tf.registeredOpTypes().filter((t) => !new RegExp(`\\b${t}\\b`).test(sources));
    assert.deepEqual(untested, []);
  });

  test('every registered op has a CPU kernel (control-flow ops: the executor runs their sub-plans)', () => {
    assert.deepEqual(cpuKernelTypes(), tf.registeredOpTypes().filter((t) => !CONTROL_FLOW.has(t)));
  });
});

describe("JS values converted for an op's inputs are named in the op's name scope (_apply_op_helper)", () => {
  test('Reshape/shape, Fill/dims, Fill/value, GatherV2/indices, GatherV2/axis, range/start..delta', () => {
    const { g } = build(() => {
      const x = tf.constant([1, 2, 3, 4], { name: 'x' });
      tf.reshape(x, [2, 2]);
      tf.fill([2], 1);
      tf.gather(x, [0]);
      tf.range(0, 3);
    });
    assert.deepEqual(opNames(g), [
      'x',
      'Reshape/shape',
      'Reshape',
      'Fill/dims',
      'Fill/value',
      'Fill',
      'GatherV2/indices',
      'GatherV2/axis',
      'GatherV2',
      'range/start',
      'range/limit',
      'range/delta',
      'range',
    ]);
  });

  test('the auto-converted names appear in build-time error messages', () => {
    const g = new tf.Graph();
    assert.throws(
      () => g.asDefault(() => tf.reshape(tf.constant([[1, 2], [3, 4]]), [3, 7])),
      (e: unknown) =>
        e instanceof tf.ValueError &&
        e.message.startsWith("Cannot reshape a tensor with 4 elements to shape [3,7] (21 elements) for '{{node Reshape}} = Reshape[T=DT_FLOAT, Tshape=DT_INT32](Const, Reshape/shape)'"),
    );
  });
});

describe('argument conventions (DESIGN §4): positional ≡ trailing options object', () => {
  test('tf.constant(value, dtype, shape, name)', () => {
    const { out } = build(() => [tf.constant(1, 'int32', [2], 'a'), tf.constant(1, { dtype: 'int32', shape: [2], name: 'b' })]);
    const [a, b] = out as [tf.Tensor, tf.Tensor];
    assert.deepEqual([a.op.name, b.op.name], ['a', 'b']);
    assert.equal(a.dtype, b.dtype);
    assert.equal(shapeStr(a), shapeStr(b));
  });

  test('tf.squeeze, tf.gather, tf.shape, tf.cast, tf.range, tf.stack, tf.matmul', () => {
    const { out } = build(() => {
      const x = tf.constant([[1, 2]]);
      return [
        [tf.squeeze(x, [0], 's1'), tf.squeeze(x, { axis: [0], name: 's2' })],
        [tf.gather(x, [1], null, 'g1', 1), tf.gather(x, [1], { axis: 1, name: 'g2' })],
        [tf.shape(x, 'h1', 'int64'), tf.shape(x, { name: 'h2', outType: 'int64' })],
        [tf.cast(x, 'int32', 'c1'), tf.cast(x, 'int32', { name: 'c2' })],
        [tf.range(0, 4, 2, 'int64', 'r1'), tf.range(0, { limit: 4, delta: 2, dtype: 'int64', name: 'r2' })],
        [tf.stack([x, x], 1, 'k1'), tf.stack([x, x], { axis: 1, name: 'k2' })],
        [tf.matmul(x, x, false, true, false, false, false, false, undefined, 'm1'), tf.matmul(x, x, { transposeB: true, name: 'm2' })],
      ] as const;
    });
    for (const [p, o] of out) {
      assert.equal(p.op.type, o.op.type);
      assert.equal(p.op.name.slice(0, -1), o.op.name.slice(0, -1));
      assert.equal(p.dtype, o.dtype);
      assert.equal(shapeStr(p), shapeStr(o));
      for (const k of Object.keys(p.op.attrs)) assert.deepEqual(p.op.attrs[k], o.op.attrs[k], `${p.op.type}.${k}`);
    }
  });

  test('unknown option names are TypeErrors (camelCase only; TF\'s snake_case names are refused)', () => {
    const x = () => tf.constant([[1, 2]]);
    const cases: [string, () => unknown][] = [
      ['dtyp', () => tf.constant(1, { dtyp: 'int32' } as never)],
      ['transpose_a', () => tf.matmul(x(), x(), { transpose_a: true } as never)],
      ['axes', () => tf.gather(x(), [0], { axes: 1 } as never)],
      ['squeeze_dims', () => tf.squeeze(x(), { squeeze_dims: [0] } as never)],
      ['out_type', () => tf.shape(x(), { out_type: 'int64' } as never)],
      ['first_n', () => tf.Print(x(), [x()], { first_n: 1 } as never)],
      ['keep_dims', () => tf.reduceSum(x(), { keep_dims: true } as never)],
      ['shap', () => tf.placeholder('float32', { shap: [2] } as never)],
      ['output_stream', () => tf.print('a', { output_stream: 'stdout' } as never)],
    ];
    for (const [name, fn] of cases) expectTypeError(() => build(fn), new RegExp(`unexpected keyword argument '${name}'`));
  });

  test('a failed build leaves no op of that name in the graph, and the name is not reused later by another op', () => {
    const g = new tf.Graph();
    const a = g.asDefault(() => tf.constant([[1, 2, 3]], { name: 'a' }));
    assert.throws(() => g.asDefault(() => tf.matmul(a, a, { name: 'mm' })), tf.ValueError);
    assert.ok(!opNames(g).includes('mm'));
    const ok = g.asDefault(() => tf.matmul(a, a, { transposeB: true, name: 'mm' }));
    assert.ok(ok.op.name === 'mm' || ok.op.name === 'mm_1');
    expectArray(session(g).run(ok), 'float32', [1, 1], [[14]]);
  });
});

describe('items 34, 35, 37: static shapes and error phases', () => {
  test('setShape refines the static shape (no op); a conflicting shape is a ValueError', () => {
    const { g, out } = build(() => tf.placeholder('float32', [null, 3]));
    const before = opNames(g);
    out.setShape([2, null]);
    assert.equal(shapeStr(out), '(2, 3)');
    assert.deepEqual(opNames(g), before);
    assert.throws(() => out.setShape([3, 3]), tf.ValueError);
    assert.throws(() => out.setShape([2]), tf.ValueError);
  });

  test('shapes refined by setShape flow into later shape inference', () => {
    const { out } = build(() => {
      const p = tf.placeholder('float32', [null, null]);
      p.setShape([null, 3]);
      return tf.matmul(p, tf.constant([[1], [2], [3]]));
    });
    assert.equal(shapeStr(out), '(?, 1)');
  });

  test('item 35: the placeholder shape is checked at feed time, before anything runs (ValueError, not OpError)', () => {
    const { sess, out } = build(() => {
      const p = tf.placeholder('float32', [null, 3]);
      return { p, y: tf.identity(p) };
    });
    assert.throws(() => sess.run(out.y, feed([out.p, [[1, 2]]])), (e: unknown) => e instanceof tf.ValueError && !(e instanceof tf.errors.OpError));
    expectArray(sess.run(out.y, feed([out.p, [[1, 2, 3]]])), 'float32', [1, 3], [[1, 2, 3]]);
  });

  test('item 37: build-time errors are plain ValueError/TypeError; run-time errors are OpErrors with the op', () => {
    const g = new tf.Graph();
    let buildError: unknown;
    try {
      g.asDefault(() => tf.add(tf.constant([1, 2]), tf.constant([1, 2, 3])));
    } catch (e) {
      buildError = e;
    }
    assert.ok(buildError instanceof tf.ValueError);
    assert.ok(!(buildError instanceof tf.errors.OpError));
    const { sess, out } = build(() => {
      const a = tf.placeholder('float32');
      return { a, y: tf.add(a, tf.constant([1, 2, 3])) };
    });
    assert.throws(
      () => sess.run(out.y, feed([out.a, [1, 2]])),
      (e: unknown) => e instanceof tf.errors.InvalidArgumentError && e.op?.type === 'AddV2' && e.errorCode === tf.errors.INVALID_ARGUMENT,
    );
  });
});
