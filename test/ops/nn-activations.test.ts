// Conformance: Relu, Relu6, Elu, Selu, LeakyRelu, Softplus, Softsign and their grad ops.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { applyOp1 } from '../../src/ops/builder.js';
import { EluGrad, LeakyReluGrad, Relu6Grad, ReluGrad, SeluGrad, SoftplusGrad, SoftsignGrad } from '../../src/ops/defs/nn/activations.js';
import type { OpDef } from '../../src/ops/opdef.js';
import { NN_GOLDEN as G } from './golden/nn-golden.js';
import { build, checkGradient, evalT, expectArray, expectClose, expectOpError, expectTypeError, expectValueError, feed, session } from './helpers.js';

const X = [...G.x];
const GR = [...G.g];
const f64 = (v: readonly number[]) => tf.constant(Float64Array.from(v), 'float64');
const f32 = (v: readonly number[]) => tf.constant(Float32Array.from(v), 'float32');
const vals = (t: tf.NDArray) => t.toArray() as number[];

const ACTIVATIONS: [string, (x: tf.Tensor) => tf.Tensor][] = [
  ['Relu', (x) => tf.nn.relu(x)],
  ['Relu6', (x) => tf.nn.relu6(x)],
  ['Elu', (x) => tf.nn.elu(x)],
  ['Selu', (x) => tf.nn.selu(x)],
  ['Softplus', (x) => tf.nn.softplus(x)],
  ['Softsign', (x) => tf.nn.softsign(x)],
  ['LeakyRelu', (x) => tf.nn.leakyRelu(x)],
  ['LeakyRelu2', (x) => tf.nn.leakyRelu(x, 2)],
];

const GRAD_OPS: [string, OpDef, (x: tf.Tensor) => tf.Tensor, Record<string, number>][] = [
  ['ReluGrad', ReluGrad, (x) => x, {}],
  ['Relu6Grad', Relu6Grad, (x) => x, {}],
  ['EluGrad', EluGrad, (x) => tf.nn.elu(x), {}],
  ['SeluGrad', SeluGrad, (x) => tf.nn.selu(x), {}],
  ['LeakyReluGrad', LeakyReluGrad, (x) => x, { alpha: Math.fround(0.3) }],
  ['SoftplusGrad', SoftplusGrad, (x) => x, {}],
  ['SoftsignGrad', SoftsignGrad, (x) => x, {}],
];

describe('nn activations', () => {
  test('values match TensorFlow 2.21 (float32 and float64)', () => {
    for (const [name, f] of ACTIVATIONS) {
      const want32 = G.f32[name as keyof typeof G.f32] as readonly number[];
      const want64 = G.f64[name as keyof typeof G.f64] as readonly number[];
      expectClose(vals(evalT(() => f(f32(X)))), want32, 2e-7, name);
      expectClose(vals(evalT(() => f(f64(X)))), want64, 1e-15, name);
    }
  });

  test('grad ops match TensorFlow 2.21', () => {
    for (const [name, def, second, attrs] of GRAD_OPS) {
      const want32 = G.f32[name as keyof typeof G.f32] as readonly number[];
      const want64 = G.f64[name as keyof typeof G.f64] as readonly number[];
      expectClose(vals(evalT(() => applyOp1(def, [f32(GR), second(f32(X))], attrs))), want32, 2e-7, name);
      expectClose(vals(evalT(() => applyOp1(def, [f64(GR), second(f64(X))], attrs))), want64, 1e-14, name);
    }
  });

  test('NaN passes through; -0 kept by Relu; float16', () => {
    const nan = Number.NaN;
    expectArray(evalT(() => tf.nn.relu([nan, -0, -1, 2])), 'float32', [4], [nan, -0, 0, 2]);
    expectArray(evalT(() => tf.nn.relu6([nan, -1, 7, 3])), 'float32', [4], [nan, 0, 6, 3]);
    expectArray(evalT(() => tf.nn.leakyRelu([nan, -1, 7], 2)), 'float32', [3], [nan, -2, 7]);
    const h = evalT(() => tf.nn.elu(tf.constant([-1, 0.5], 'float16')));
    assert.equal(h.dtype, 'float16');
    expectClose(h.toArray(), [-0.632, 0.5], 1e-3);
    expectClose(evalT(() => tf.nn.softplus(tf.constant([0, 30], 'float16'))).toArray(), [Math.LN2, 30], 1e-3);
  });

  test('integer Relu/Relu6 (every integer dtype), their grad ops on int64', () => {
    expectArray(evalT(() => tf.nn.relu(tf.constant([-1, 2], 'int32'))), 'int32', [2], [0, 2]);
    expectArray(evalT(() => tf.nn.relu(tf.constant([-1, 2], 'int8'))), 'int8', [2], [0, 2]);
    expectArray(evalT(() => tf.nn.relu6(tf.constant([7, 2], 'uint8'))), 'uint8', [2], [6, 2]);
    expectArray(evalT(() => tf.nn.relu6(tf.constant([-7n, 9n, 3n]))), 'int64', [3], [0n, 6n, 3n]);
    expectArray(evalT(() => applyOp1(ReluGrad, [tf.constant([1n, 2n]), tf.constant([-1n, 2n])])), 'int64', [2], [0n, 2n]);
    expectArray(evalT(() => applyOp1(Relu6Grad, [tf.constant([3, 4, 5], 'int32'), tf.constant([0, 3, 6], 'int32')])), 'int32', [3], [0, 4, 0]);
  });

  test('float grad ops multiply: ReluGrad of an inf gradient at x ≤ 0 is NaN, as TF', () => {
    expectArray(evalT(() => applyOp1(ReluGrad, [f32([Number.POSITIVE_INFINITY, 1]), f32([-1, 1])])), 'float32', [2], [Number.NaN, 1]);
  });

  test('edge shapes: scalar, empty, partially known', () => {
    expectArray(evalT(() => tf.nn.relu6(8)), 'float32', [], 6);
    expectArray(evalT(() => tf.nn.selu(tf.zeros([0, 2]))), 'float32', [0, 2], []);
    const { out } = build(() => tf.nn.elu(tf.placeholder('float32', [null, 3])));
    assert.equal(out.shape.toString(), '(?, 3)');
  });

  test('op types, names, attrs; leakyRelu casts integers and names its scope', () => {
    const { out, g } = build(() => ({
      r: tf.nn.relu([1]),
      l: tf.nn.leakyRelu([1], { alpha: 0.1 }),
      li: tf.nn.leakyRelu(tf.constant([1, 2], 'int32')),
      s: tf.nn.softplus([1], 'sp'),
    }));
    assert.equal(out.r.op.type, 'Relu');
    assert.equal(out.r.op.name, 'Relu');
    assert.equal(out.l.op.type, 'LeakyRelu');
    assert.equal(out.l.op.name, 'LeakyRelu');
    assert.equal(out.l.op.getAttr('alpha'), Math.fround(0.1));
    assert.equal(out.li.op.name, 'LeakyRelu_1');
    assert.equal(out.li.dtype, 'float32');
    assert.equal(out.li.op.inputs[0]?.op.name, 'LeakyRelu_1/Cast');
    assert.equal(out.s.op.name, 'sp');
    assert.ok(g.getOperationByName('LeakyRelu/features'));
    assert.equal(tf.math.softplus, tf.math.softplus);
    assert.equal(typeof tf.math.softsign, 'function');
  });

  test('dtype errors name the allowed dtypes', () => {
    expectTypeError(
      () => build(() => tf.nn.elu(tf.constant([1], 'int32'))),
      "Value passed to parameter 'features' has DataType int32 not in list of allowed values: float16, float32, float64",
    );
    expectTypeError(
      () => build(() => tf.nn.relu(tf.constant([true]))),
      "Value passed to parameter 'features' has DataType bool not in list of allowed values: float32, float64, int32, uint8, int16, int8, int64, uint16, float16, uint32, uint64",
    );
  });

  test('grad ops: mismatched shapes fail at build time and in the kernel', () => {
    expectValueError(
      () => build(() => applyOp1(ReluGrad, [f32([1, 2]), f32([1, 2, 3])])),
      "Dimension 0 in both shapes must be equal, but are 2 and 3. Shapes are [2] and [3]. for '{{node ReluGrad}} = ReluGrad[T=DT_FLOAT](Const, Const_1)' with input shapes: [2], [3].",
    );
    const { sess, out } = build(() => {
      const a = tf.placeholder('float32', null, 'a');
      const b = tf.placeholder('float32', null, 'b');
      return { a, b, y: applyOp1(EluGrad, [a, b], {}, 'eg') };
    });
    expectOpError(
      () => sess.run(out.y, new Map([[out.a, [1, 2]], [out.b, [1, 2, 3]]])),
      tf.errors.InvalidArgumentError,
      'eg',
      'Inputs to operation EluGrad of type EluGrad must have the same size and shape.  Input 0: [2] != input 1: [3]',
    );
  });

  test('gradients (finite differences) of every activation and grad op', () => {
    const xs = [-2.5, -0.7, 0.3, 1.9, 6.4, 4.2];
    checkGradient(([x]) => tf.nn.relu(x as tf.Tensor), [xs], [[6]]);
    checkGradient(([x]) => tf.nn.relu6(x as tf.Tensor), [xs], [[6]]);
    checkGradient(([x]) => tf.nn.elu(x as tf.Tensor), [xs], [[6]]);
    checkGradient(([x]) => tf.nn.selu(x as tf.Tensor), [xs], [[2, 3]]);
    checkGradient(([x]) => tf.nn.leakyRelu(x as tf.Tensor, 0.3), [xs], [[6]]);
    checkGradient(([x]) => tf.nn.softplus(x as tf.Tensor), [xs], [[6]]);
    checkGradient(([x]) => tf.nn.softsign(x as tf.Tensor), [xs], [[6]]);
    const gs = [0.5, -1, 2, 0.25, 1.5, -0.75];
    for (const def of [ReluGrad, Relu6Grad]) checkGradient(([g, x]) => applyOp1(def, [g, x]), [gs, xs], [[6], [6]]);
    checkGradient(([g, x]) => applyOp1(LeakyReluGrad, [g, x], { alpha: 0.3 }), [gs, xs], [[6], [6]]);
    // EluGrad/SeluGrad take the activation's output; SoftplusGrad the input (second order).
    const ys = [-0.9, -0.4, 0.3, 1.9, 6.4, 4.2];
    for (const def of [EluGrad, SeluGrad]) checkGradient(([g, y]) => applyOp1(def, [g, y]), [gs, ys], [[6], [6]]);
    checkGradient(([g, x]) => applyOp1(SoftplusGrad, [g, x]), [gs, xs], [[6], [6]]);
  });
});

describe('activations in fused elementwise chains', () => {
  test('Relu6/Elu/Selu/Softplus/Softsign fuse with their neighbours; LeakyRelu (an attr) stays a kernel', () => {
    const { sess, out } = build(() => {
      const x = tf.placeholder('float32', [4], 'x');
      const y = tf.nn.softsign(tf.nn.softplus(tf.nn.selu(tf.nn.elu(tf.nn.relu6(tf.multiply(x, 3))))));
      return { x, y, l: tf.nn.leakyRelu(tf.multiply(x, 3)) };
    });
    const xs = [-2, -0.5, 0.5, 3];
    const plan = sess.describePlan(out.y, feed([out.x, xs]));
    const fused = plan.steps.filter((s) => s.kind === 'fused');
    assert.equal(fused.length, 1);
    assert.deepEqual(
      fused[0]?.kind === 'fused' ? fused[0].ops.map((o) => o.type) : [],
      ['Mul', 'Relu6', 'Elu', 'Selu', 'Softplus', 'Softsign'],
    );
    const lplan = sess.describePlan(out.l, feed([out.x, xs]));
    assert.equal(lplan.steps.filter((s) => s.kind === 'fused').length, 0);
    // Fused and unfused runs agree exactly.
    // (The plans above are the CPU backend's: build's sessions plan there. The wasm backend has no
    // code for these activations yet; its plan runs them on the CPU kernels, unfused.)
    const unfused = session(out.y.graph, new tf.ConfigProto({ graphOptions: { rewriteOptions: { remapping: 'OFF' } } }));
    assert.deepEqual(sess.run(out.y, feed([out.x, xs])).toArray(), unfused.run(out.y, feed([out.x, xs])).toArray());
    expectArray(sess.run(out.l, feed([out.x, xs])), 'float32', [4], [Math.fround(-6 * Math.fround(0.2)), Math.fround(-1.5 * Math.fround(0.2)), 1.5, 9]);
  });
});
