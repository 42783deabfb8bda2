// Conformance: MaxPool, MaxPoolGrad, MaxPoolGradGrad, AvgPool, AvgPoolGrad and the tf.nn builders:
// names and attrs, static shapes, TensorFlow's errors, tie and padding rules, NCHW, dtypes and
// finite-difference gradients. Values against TensorFlow: conv-golden.test.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyOp1 } from '../../src/ops/builder.js';
import { getOpDef } from '../../src/ops/registry.js';
import * as tf from '../../src/v1.js';
import { build, checkGradient, evalT, expectArray, expectOpError, expectValueError, shapeStr } from './helpers.js';

const ph = (s: (number | null)[] | null, dtype: tf.DType = 'float32') => tf.placeholder(dtype, s);
const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
/** Distinct values (no ties), so the max-pool gradient is differentiable at them. */
const distinct = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => Math.sin(i * 2.3 + offset) * 3 + i * 1e-3);
const rawOp = (type: string, inputs: unknown[], attrs: Record<string, unknown>) => applyOp1(getOpDef(type) as NonNullable<ReturnType<typeof getOpDef>>, inputs, attrs as never) as tf.Tensor;

describe('pool builders', () => {
  test('names, op types, int/list ksize and strides, explicit padding', () => {
    const { out } = build(() => [
      tf.nn.maxPool(ph([1, 5, 5, 3]), 2, 2, 'SAME'),
      tf.nn.maxPool2d(ph([1, 5, 5, 3]), [2, 2], [2, 2], 'SAME'),
      tf.nn.avgPool(ph([1, 5, 5, 3]), 2, 2, 'VALID'),
      tf.nn.avgPool2d(ph([1, 3, 5, 5]), [1, 1, 2, 2], 2, 'SAME', 'NCHW'),
      tf.nn.maxPool(ph([1, 5, 5, 1]), 2, 2, [[0, 0], [2, 2], [1, 1], [0, 0]]),
    ]);
    const ts = out as tf.Tensor[];
    assert.deepEqual(
      ts.map((t) => [t.op.type, t.op.name, shapeStr(t)]),
      [
        ['MaxPool', 'MaxPool', '(1, 3, 3, 3)'],
        ['MaxPool', 'MaxPool2d', '(1, 3, 3, 3)'],
        ['AvgPool', 'AvgPool', '(1, 2, 2, 3)'],
        ['AvgPool', 'AvgPool2D', '(1, 3, 3, 3)'],
        ['MaxPool', 'MaxPool_1', '(1, 4, 3, 1)'],
      ],
    );
    const [mp, , ap, apc, ex] = ts as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    assert.deepEqual([mp.op.attrs.ksize, mp.op.attrs.strides, mp.op.attrs.explicit_paddings, mp.op.attrs.T], [[1, 2, 2, 1], [1, 2, 2, 1], [], 'float32']);
    assert.equal(ap.op.attrs.explicit_paddings, undefined);
    assert.deepEqual(apc.op.attrs.strides, [1, 1, 2, 2]);
    assert.deepEqual([ex.op.attrs.padding, ex.op.attrs.explicit_paddings], ['EXPLICIT', [0, 0, 2, 2, 1, 1, 0, 0]]);
  });

  test("build-time errors: TensorFlow's messages", () => {
    expectValueError(
      () => build(() => tf.nn.maxPool(ph([5, 5, 1]), [1, 2, 2, 1], [1, 2, 2, 1], 'SAME')),
      `Shape must be rank 4 but is rank 3 for '{{node MaxPool}} = MaxPool[T=DT_FLOAT, data_format="NHWC", explicit_paddings=[], ksize=[1, 2, 2, 1], padding="SAME", strides=[1, 2, 2, 1]](Placeholder)' with input shapes: [5,5,1].`,
    );
    expectValueError(() => build(() => tf.nn.maxPool2d(ph([1, 5, 5, 1]), [2, 2, 2], 2, 'SAME')), 'ksize should be of length 1, 2 or 4. Received: ksize=[2, 2, 2] of length 3');
    expectValueError(
      () => build(() => rawOp('MaxPool', [ph([1, 5, 5, 1])], { ksize: [1, 2, 2], strides: [1, 2, 2, 1], padding: 'SAME' })),
      "Attr 'ksize' of 'MaxPool' Op passed list of length 3 less than minimum 4.",
    );
    expectValueError(
      () => build(() => tf.nn.avgPool(ph([1, 2, 2, 1]), [1, 3, 3, 1], 1, 'VALID')),
      `Negative dimension size caused by subtracting 3 from 2 for '{{node AvgPool}} = AvgPool[T=DT_FLOAT, data_format="NHWC", ksize=[1, 3, 3, 1], padding="VALID", strides=[1, 1, 1, 1]](Placeholder)' with input shapes: [1,2,2,1].`,
    );
    expectValueError(
      () => build(() => rawOp('AvgPool', [ph([1, 5, 5, 1])], { ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: 'EXPLICIT' })),
      `Attr 'padding' of 'AvgPool' Op passed string 'EXPLICIT' not in: "SAME", "VALID".`,
    );
  });
});

describe('MaxPool / AvgPool kernels', () => {
  const x = [1, 2, 3, 4, 5, 6, 7, 8, 9];
  test('SAME puts the extra cell after; average pooling leaves padding out of the divisor', () => {
    expectArray(evalT(() => tf.nn.maxPool(tf.constant(x, 'float32', [1, 3, 3, 1]), 2, 2, 'SAME')), 'float32', [1, 2, 2, 1], [[[[5], [6]], [[8], [9]]]]);
    expectArray(evalT(() => tf.nn.avgPool(tf.constant(x, 'float32', [1, 3, 3, 1]), 2, 2, 'SAME')), 'float32', [1, 2, 2, 1], [[[[3], [4.5]], [[7.5], [9]]]]);
  });

  test('explicit padding cells never win (all-negative input)', () => {
    const r = evalT(() => tf.nn.maxPool(tf.constant([-1, -2, -3, -4], 'float32', [1, 2, 2, 1]), 2, 1, [[0, 0], [1, 1], [1, 1], [0, 0]]));
    expectArray(r, 'float32', [1, 3, 3, 1], [[[[-1], [-1], [-2]], [[-1], [-1], [-2]], [[-3], [-3], [-4]]]]);
  });

  test('dtypes: int32, uint8, int64, float16 (MaxPool); float64 (AvgPool)', () => {
    expectArray(evalT(() => tf.nn.maxPool(tf.constant([1, -5, 3, 2], 'int32', [1, 2, 2, 1]), 2, 2, 'VALID')), 'int32', [1, 1, 1, 1], [[[[3]]]]);
    expectArray(evalT(() => tf.nn.maxPool(tf.constant([1, 250, 3, 2], 'uint8', [1, 2, 2, 1]), 2, 2, 'VALID')), 'uint8', [1, 1, 1, 1], [[[[250]]]]);
    expectArray(evalT(() => tf.nn.maxPool(tf.constant([1n, 2n ** 40n, 3n, 2n], 'int64', [1, 2, 2, 1]), 2, 2, 'VALID')), 'int64', [1, 1, 1, 1], [[[[2n ** 40n]]]]);
    expectArray(evalT(() => tf.nn.maxPool(tf.constant([0.5, -1, 1.5, 2], 'float16', [1, 2, 2, 1]), [1, 1], 1, 'VALID')), 'float16', [1, 2, 2, 1], [[[[0.5], [-1]], [[1.5], [2]]]]);
    expectArray(evalT(() => tf.nn.avgPool(tf.constant([1, 2, 3, 5], 'float64', [1, 2, 2, 1]), 2, 2, 'VALID')), 'float64', [1, 1, 1, 1], [[[[2.75]]]]);
  });

  test('NaN never wins the max value; an all-NaN window gives the lowest float', () => {
    const r = evalT(() => tf.nn.maxPool(tf.constant([Number.NaN, 1, 3, 2, Number.NaN, Number.NaN, Number.NaN, Number.NaN], 'float32', [1, 4, 2, 1]), 2, 2, 'VALID'));
    expectArray(r, 'float32', [1, 2, 1, 1], [[[[3]], [[-3.4028234663852886e38]]]]);
  });

  test('-inf never wins either: a window of -inf (and NaN) gives the lowest float, per channel (TF 2.21)', () => {
    const inf = Number.NEGATIVE_INFINITY;
    // 2×2 windows over 6 channels (a vector of four and a tail of two on wasm): channel c of the
    // first window holds -inf, NaN or a number
    const cells = [
      [inf, inf, Number.NaN, 1, inf, -5],
      [inf, Number.NaN, inf, inf, Number.NaN, inf],
      [inf, inf, Number.NaN, inf, inf, inf],
      [inf, Number.NaN, Number.NaN, inf, inf, inf],
    ];
    const lowest = -3.4028234663852886e38;
    const r = evalT(() => tf.nn.maxPool(tf.constant(cells.flat(), 'float32', [1, 2, 2, 6]), 2, 2, 'VALID'));
    expectArray(r, 'float32', [1, 1, 1, 6], [[[[lowest, lowest, lowest, 1, lowest, -5]]]]);
    const d = evalT(() => tf.nn.maxPool(tf.constant([inf, inf, inf, inf], 'float64', [1, 2, 2, 1]), 2, 2, 'VALID'));
    expectArray(d, 'float64', [1, 1, 1, 1], [[[[-Number.MAX_VALUE]]]]);
  });

  test('max pooling over the depth dimension (NHWC and NCHW), and its limits', () => {
    const x = Array.from({ length: 2 * 3 * 3 * 6 }, (_, i) => i);
    const r = evalT(() => tf.nn.maxPool(tf.constant(x, 'float32', [2, 3, 3, 6]), [1, 1, 1, 2], [1, 1, 1, 2], 'VALID'));
    assert.deepEqual([...r.shape], [2, 3, 3, 3]);
    assert.deepEqual(Array.from(r.data as Float32Array).slice(0, 6), [1, 3, 5, 7, 9, 11]); // TF 2.21's values
    const s = evalT(() => tf.nn.maxPool(tf.constant(x, 'float32', [2, 3, 3, 6]), [1, 1, 1, 3], [1, 1, 1, 3], 'SAME'));
    assert.deepEqual([[...s.shape], Array.from(s.data as Float32Array).slice(0, 6)], [[2, 3, 3, 2], [2, 5, 8, 11, 14, 17]]);
    const c = evalT(() => tf.nn.maxPool(tf.constant([1, 5, 2, 0, 9, 4, 3, 8], 'int32', [1, 4, 1, 2]), [1, 2, 1, 1], [1, 2, 1, 1], 'VALID', 'NCHW'));
    expectArray(c, 'int32', [1, 2, 1, 2], [[[[2, 5]], [[9, 8]]]]);
    const run = (ksize: number[], strides: number[]) => () => evalT(() => tf.nn.maxPool(tf.ones([1, 3, 3, 6]), ksize, strides, 'VALID'));
    expectOpError(run([1, 1, 1, 4], [1, 1, 1, 4]), tf.errors.UnimplementedError, 'MaxPool', 'Depthwise max pooling requires the depth window to evenly divide the input depth');
    expectOpError(run([1, 1, 1, 2], [1, 1, 1, 1]), tf.errors.UnimplementedError, 'MaxPool', 'Depthwise max pooling requires the depth window to equal the depth stride');
    expectOpError(run([1, 2, 2, 2], [1, 1, 1, 2]), tf.errors.UnimplementedError, 'MaxPool', 'MaxPooling supports exactly one of pooling across depth or pooling across width/height.');
    expectOpError(
      () => evalT(() => tf.nn.avgPool(tf.ones([1, 3, 3, 6]), [1, 1, 1, 2], [1, 1, 1, 2], 'VALID')),
      tf.errors.UnimplementedError,
      'AvgPool',
      'Non-spatial pooling is not yet supported. Volunteers? :)',
    );
  });

  test('empty batch', () => {
    expectArray(evalT(() => tf.nn.maxPool(tf.zeros([0, 4, 4, 2]), 2, 2, 'SAME')), 'float32', [0, 2, 2, 2], []);
    expectArray(evalT(() => tf.nn.avgPool(tf.zeros([0, 4, 4, 2]), 2, 2, 'SAME')), 'float32', [0, 2, 2, 2], []);
  });

  test("run-time errors (TensorFlow's kernel messages)", () => {
    expectOpError(
      () => evalT(() => tf.nn.maxPool(tf.ones([1, 5, 5, 1]), [2, 2, 2, 1], [1, 2, 2, 1], 'SAME')),
      tf.errors.UnimplementedError,
      'MaxPool',
      'Pooling is not yet supported on the batch dimension.',
    );
    expectOpError(
      () => evalT(() => tf.nn.avgPool(tf.ones([1, 5, 5, 1]), [1, 2, 2, 1], [2, 2, 2, 1], 'SAME')),
      tf.errors.UnimplementedError,
      'AvgPool',
      'Pooling is not yet supported on the batch dimension.',
    );
    expectOpError(
      () => evalT(() => tf.nn.maxPool(tf.ones([1, 5, 5, 1]), 2, 2, [[0, 0], [2, 2], [1, 1], [0, 0]])),
      tf.errors.InvalidArgumentError,
      'MaxPool',
      'Top padding 2 needs to be smaller than the window size 2',
    );
  });
});

describe('pooling gradients', () => {
  test('MaxPoolGrad routes to the first maximum of a tie, in row-major order', () => {
    const { sess, out } = build(() => {
      const x = tf.constant([7, 7, 7, 7], 'float32', [1, 2, 2, 1]);
      const y = tf.nn.maxPool(x, 2, 2, 'VALID');
      const def = y.op.def;
      return (def.grad as NonNullable<typeof def.grad>)(y.op, [tf.constant([5], 'float32', [1, 1, 1, 1])])[0] as tf.Tensor;
    });
    assert.equal(out.op.type, 'MaxPoolGrad');
    expectArray(sess.run(out), 'float32', [1, 2, 2, 1], [[[[5], [0]], [[0], [0]]]]);
  });

  const maxCases: [string, number[], Record<string, unknown>][] = [
    ['SAME 2×2/2', [1, 5, 5, 2], { ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: 'SAME' }],
    ['VALID 3×3/2', [1, 5, 6, 1], { ksize: [1, 3, 3, 1], strides: [1, 2, 2, 1], padding: 'VALID' }],
    ['EXPLICIT', [1, 3, 4, 1], { ksize: [1, 2, 2, 1], strides: [1, 1, 1, 1], padding: 'EXPLICIT', explicit_paddings: [0, 0, 1, 0, 1, 1, 0, 0] }],
    ['NCHW', [1, 2, 4, 5], { ksize: [1, 1, 2, 2], strides: [1, 1, 2, 2], padding: 'SAME', data_format: 'NCHW' }],
  ];
  for (const [label, xs, attrs] of maxCases) {
    test(`MaxPool ${label}: gradient, and MaxPoolGrad's and MaxPoolGradGrad's gradients`, () => {
      const xv = distinct(size(xs));
      checkGradient(([x]) => rawOp('MaxPool', [x], attrs), [xv], [xs]);
      const y = evalT(() => rawOp('MaxPool', [tf.constant(xv, 'float64', xs)], attrs));
      const yv = Array.from(y.data as Float64Array);
      // MaxPoolGrad is linear in its `grad` input: the gradient of that input is MaxPoolGradGrad,
      // which (as in TensorFlow) has no EXPLICIT padding.
      if (attrs.padding === 'EXPLICIT') return;
      checkGradient(([g]) => rawOp('MaxPoolGrad', [tf.constant(xv, 'float64', xs), tf.constant(yv, 'float64', [...y.shape]), g], attrs), [distinct(size(y.shape), 1)], [[...y.shape]], { direct: true, every: true });
      checkGradient(([g]) => rawOp('MaxPoolGradGrad', [tf.constant(xv, 'float64', xs), tf.constant(yv, 'float64', [...y.shape]), g], attrs), [distinct(size(xs), 2)], [xs], { direct: true, every: true });
    });
  }

  test('MaxPoolGrad / MaxPoolGradGrad NCHW equal NHWC transposed (TF refuses NCHW here on CPU)', () => {
    const nhwc = [1, 4, 5, 2];
    const xv = distinct(size(nhwc));
    const gv = distinct(size(nhwc), 3);
    const t = (v: number[], [n, h, w, c]: number[]) => {
      const o = new Array<number>(v.length);
      for (let b = 0; b < (n as number); b++)
        for (let i = 0; i < (h as number); i++)
          for (let j = 0; j < (w as number); j++) for (let k = 0; k < (c as number); k++) o[((b * (c as number) + k) * (h as number) + i) * (w as number) + j] = v[((b * (h as number) + i) * (w as number) + j) * (c as number) + k] as number;
      return o;
    };
    const run = (fmt: 'NHWC' | 'NCHW') => {
      const shape = fmt === 'NCHW' ? [1, 2, 4, 5] : nhwc;
      const attrs = { ksize: fmt === 'NCHW' ? [1, 1, 2, 2] : [1, 2, 2, 1], strides: fmt === 'NCHW' ? [1, 1, 2, 2] : [1, 2, 2, 1], padding: 'SAME', data_format: fmt };
      const { sess, out } = build(() => {
        const x = tf.constant(fmt === 'NCHW' ? t(xv, nhwc) : xv, 'float64', shape);
        const y = rawOp('MaxPool', [x], attrs);
        const dy = tf.constant(fmt === 'NCHW' ? t(gv, nhwc) : gv, 'float64', shape);
        const dyOut = tf.onesLike(y);
        return [rawOp('MaxPoolGrad', [x, y, dyOut], attrs), rawOp('MaxPoolGradGrad', [x, y, dy], attrs), y];
      });
      return (sess.run(out as tf.Tensor[]) as tf.NDArray[]).map((a) => [...a.shape, ...Array.from(a.data as Float64Array)]);
    };
    const [g1, gg1, y1] = run('NHWC') as [number[], number[], number[]];
    const [g2, gg2, y2] = run('NCHW') as [number[], number[], number[]];
    assert.deepEqual(g2.slice(4), t(g1.slice(4), g1.slice(0, 4)));
    assert.deepEqual(gg2.slice(4), t(gg1.slice(4), gg1.slice(0, 4)));
    assert.deepEqual(y2.slice(4), t(y1.slice(4), y1.slice(0, 4)));
  });

  const avgCases: [string, number[], Record<string, unknown>][] = [
    ['SAME 2×2/2', [1, 5, 5, 2], { ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: 'SAME' }],
    ['VALID 3×2/1', [1, 4, 5, 1], { ksize: [1, 3, 2, 1], strides: [1, 1, 1, 1], padding: 'VALID' }],
    ['NCHW', [1, 2, 4, 5], { ksize: [1, 1, 3, 3], strides: [1, 1, 2, 2], padding: 'SAME', data_format: 'NCHW' }],
  ];
  for (const [label, xs, attrs] of avgCases) {
    test(`AvgPool ${label}: gradient, and AvgPoolGrad's gradient`, () => {
      checkGradient(([x]) => rawOp('AvgPool', [x], attrs), [distinct(size(xs))], [xs]);
      const y = evalT(() => rawOp('AvgPool', [tf.zeros(xs, 'float64')], attrs));
      checkGradient(([g]) => rawOp('AvgPoolGrad', [tf.constant(xs, 'int32'), g], attrs), [distinct(size(y.shape), 1)], [[...y.shape]], { direct: true, every: true });
    });
  }

  test('the builders build gradients with the pool attrs (MaxPoolGrad keeps explicit_paddings)', () => {
    const { out } = build(() => {
      const y = tf.nn.maxPool(ph([1, 4, 4, 1]), 2, 1, [[0, 0], [1, 0], [0, 1], [0, 0]]);
      const def = y.op.def;
      return (def.grad as NonNullable<typeof def.grad>)(y.op, [tf.onesLike(y)])[0] as tf.Tensor;
    });
    assert.deepEqual([out.op.type, out.op.attrs.padding, out.op.attrs.explicit_paddings], ['MaxPoolGrad', 'EXPLICIT', [0, 0, 1, 0, 0, 1, 0, 0]]);
  });
});
