// Conformance: the unary math ops (tf.abs … tf.isFinite), values against TensorFlow 2.21
// (golden/unary-math-golden.ts), dtypes, errors, and finite-difference gradients.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyOp1 } from '../../src/ops/builder.js';
import * as G from '../../src/ops/defs/math/unary-grad.js';
import * as tf from '../../src/v1.js';
import { UNARY_GOLDEN, UNARY_XS } from './golden/unary-math-golden.js';
import { build, checkGradient, evalT, expectArray, expectClose, expectTypeError } from './helpers.js';

const num = (s: string): number => (s === 'nan' ? Number.NaN : s === 'inf' ? Infinity : s === '-inf' ? -Infinity : Number(s));
const BUILDERS: Record<string, (x: tf.Tensor) => tf.Tensor> = {
  Abs: tf.abs, Sign: tf.sign, Sqrt: tf.sqrt, Rsqrt: tf.rsqrt, Exp: tf.exp, Log: tf.log, Log1p: tf.log1p,
  Expm1: tf.expm1, Sin: tf.sin, Cos: tf.cos, Tanh: tf.tanh, Sigmoid: tf.sigmoid, Erf: tf.erf,
  Floor: tf.floor, Ceil: tf.ceil, Round: tf.round, Reciprocal: tf.reciprocal, IsNan: tf.isNan, IsFinite: tf.isFinite,
};

describe('unary math ops against TensorFlow', () => {
  for (const [op, dtype, want] of UNARY_GOLDEN) {
    test(`${op} ${dtype}`, () => {
      const b = BUILDERS[op] as (x: tf.Tensor) => tf.Tensor;
      const { out, sess } = build(() => b(tf.constant(UNARY_XS.map(num), dtype as tf.DType)));
      assert.equal(out.op.type, op);
      const got = sess.run(out);
      if (want[0] === 'true' || want[0] === 'false') {
        expectArray(got, 'bool', [want.length], want.map((s) => s === 'true'));
        return;
      }
      assert.equal(got.dtype, dtype);
      const values = got.toArray() as number[];
      const expected = want.map(num);
      if (op === 'Erf' && dtype === 'float64') {
        // TensorFlow's double Erf gives NaN at ±inf (Eigen); here ±1 (docs/compatibility.md).
        expected[1] = 1;
        expected[2] = -1;
      }
      // TensorFlow's float32 exp/log/tanh/erf are Eigen's polynomial approximations (a few ulp).
      expectClose(values, expected, dtype === 'float32' ? 2e-6 : 1e-13);
    });
  }

  test('float16 and integer kernels', () => {
    expectArray(evalT(() => tf.sqrt(tf.constant([4, 2.25], 'float16'))), 'float16', [2], [2, 1.5]);
    expectArray(evalT(() => tf.abs(tf.constant([-3, 4, -128], 'int8'))), 'int8', [3], [3, 4, -128]);
    expectArray(evalT(() => tf.sign(tf.constant([-3n, 0n, 9n], 'int64'))), 'int64', [3], [-1n, 0n, 1n]);
    expectArray(evalT(() => tf.abs(tf.constant([-2147483648, -5], 'int32'))), 'int32', [2], [-2147483648, 5]);
  });

  test('tf.round: half to even; integers come back unchanged without an op', () => {
    expectArray(evalT(() => tf.round([0.5, 1.5, 2.5, -0.5, -2.5, 2.6])), 'float32', [6], [0, 2, 2, -0, -2, 3]);
    const { g, out } = build(() => tf.round(tf.constant([3, 4], 'int32')));
    assert.equal(out.op.type, 'Const');
    assert.ok(!g.getOperations().some((o) => o.type === 'Round'));
  });

  test('edge shapes keep their static shape', () => {
    const { out, sess } = build(() => {
      const p = tf.placeholder('float32', [null, 2]);
      return { p, y: tf.exp(p), e: tf.tanh(tf.zeros([0, 3])), s: tf.isNan(tf.constant(Number.NaN)) };
    });
    assert.equal(out.y.shape.toString(), '(?, 2)');
    expectArray(sess.run(out.e), 'float32', [0, 3], []);
    expectArray(sess.run(out.s), 'bool', [], true);
    expectClose(sess.run(out.y, new Map([[out.p, [[0, 1]]]])).toArray(), [[1, Math.E]], 1e-6);
  });

  test('names and disallowed dtypes', () => {
    const { out } = build(() => tf.sigmoid([1]));
    assert.equal(out.op.name, 'Sigmoid');
    assert.equal(tf.nn.sigmoid, tf.sigmoid);
    assert.equal(tf.math.erf, tf.erf);
    expectTypeError(
      () => build(() => tf.sqrt(tf.constant([4], 'int32'))),
      "Value passed to parameter 'x' has DataType int32 not in list of allowed values: float16, float32, float64",
    );
    expectTypeError(
      () => build(() => tf.abs(tf.constant([4], 'uint8'))),
      "Value passed to parameter 'x' has DataType uint8 not in list of allowed values: float16, float32, float64, int8, int16, int32, int64",
    );
  });

  test('no CPU kernel where TensorFlow has none (Reciprocal of int32)', () => {
    const { sess, out } = build(() => tf.reciprocal(tf.constant([2], 'int32')));
    assert.throws(() => sess.run(out), /No OpKernel was registered to support Op 'Reciprocal'/);
  });
});

describe('unary math gradients (finite differences)', () => {
  const xs = [0.3, 1.7, -0.8, 2.2, -1.4, 0.9];
  const pos = [0.3, 1.7, 0.8, 2.2, 1.4, 0.9];
  const cases: [string, (x: tf.Tensor) => tf.Tensor, number[]][] = [
    ['abs', tf.abs, xs],
    ['sqrt', tf.sqrt, pos],
    ['rsqrt', tf.rsqrt, pos],
    ['exp', tf.exp, xs],
    ['log', tf.log, pos],
    ['log1p', tf.log1p, pos],
    ['expm1', tf.expm1, xs],
    ['sin', tf.sin, xs],
    ['cos', tf.cos, xs],
    ['tanh', tf.tanh, xs],
    ['sigmoid', tf.sigmoid, xs],
    ['erf', tf.erf, xs],
    ['reciprocal', tf.reciprocal, pos],
  ];
  for (const [name, f, values] of cases) {
    test(name, () => checkGradient(([x]) => f(x as tf.Tensor), [values], [[2, 3]]));
  }

  test('second order: the *Grad ops are differentiable in both inputs', () => {
    const y = [0.2, 0.7, 0.4, 0.9];
    const dy = [0.5, -1.2, 0.8, 2];
    for (const def of [G.SigmoidGrad, G.TanhGrad, G.SqrtGrad, G.RsqrtGrad, G.ReciprocalGrad]) {
      checkGradient(([a, b]) => applyOp1(def, [a, b]), [y, dy], [[4], [4]]);
    }
  });

  test('abs at 0 has gradient 0; sign, floor, ceil, round have none', () => {
    const { out, sess } = build(() => {
      const x = tf.constant([0, -2, 3]);
      const y = tf.abs(x);
      const g = (y.op.def.grad as NonNullable<typeof y.op.def.grad>)(y.op, [tf.onesLike(y)]);
      const nulls = [tf.floor(x), tf.ceil(x), tf.round(x)].map((t) => (t.op.def.grad as NonNullable<typeof t.op.def.grad>)(t.op, [t])[0]);
      const s = tf.sign(x);
      const gs = (s.op.def.grad as NonNullable<typeof s.op.def.grad>)(s.op, [s])[0];
      return { g: g[0] as tf.Tensor, nulls, gs: gs as tf.Tensor };
    });
    expectArray(sess.run(out.g), 'float32', [3], [0, -1, 1]);
    assert.deepEqual(out.nulls, [null, null, null]);
    expectArray(sess.run(out.gs), 'float32', [3], [0, 0, 0]);
  });
});
