// Conformance: Conv2D, Conv2DBackpropInput/Filter, DepthwiseConv2dNative (+backprops) and their
// builders: attrs and names, static shapes, TensorFlow's build- and run-time errors, NCHW, and
// finite-difference gradient checks. Values against TensorFlow: conv-golden.test.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, checkGradient, evalT, expectArray, expectClose, expectOpError, expectValueError, feed, shapeStr } from './helpers.js';

const ph = (s: (number | null)[] | null, dtype: tf.DType = 'float32') => tf.placeholder(dtype, s);
const seq = (n: number, scale = 0.1, offset = 0) => Array.from({ length: n }, (_, i) => Math.round((Math.sin(i * 1.7 + offset) * 10) / scale) * scale * 0.1);
const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
const nd = (shape: number[], values: number[], dtype: tf.DType = 'float32') =>
  new tf.NDArray(dtype, shape, dtype === 'float64' ? Float64Array.from(values) : Float32Array.from(values));

const NODE = (padding: string, strides = '[1, 1, 1, 1]', extra = '') =>
  `Conv2D[T=DT_FLOAT, data_format="NHWC", dilations=[1, 1, 1, 1], explicit_paddings=[${extra}], padding="${padding}", strides=${strides}, use_cudnn_on_gpu=true](Placeholder, Placeholder_1)`;

describe('tf.nn.conv2d builder', () => {
  test('op type, default name, attrs and defaults; int strides expand as _get_sequence', () => {
    const { out } = build(() => tf.nn.conv2d(ph([1, 5, 5, 2]), ph([3, 3, 2, 4]), 2, 'SAME'));
    assert.equal(out.op.type, 'Conv2D');
    assert.equal(out.op.name, 'Conv2D');
    assert.deepEqual(out.op.attrs.strides, [1, 2, 2, 1]);
    assert.deepEqual(out.op.attrs.dilations, [1, 1, 1, 1]);
    assert.deepEqual(out.op.attrs.explicit_paddings, []);
    assert.equal(out.op.attrs.use_cudnn_on_gpu, true);
    assert.equal(out.op.attrs.data_format, 'NHWC');
    assert.equal(shapeStr(out), '(1, 3, 3, 4)');
  });

  test('NCHW strides, TF2 `filters`, explicit padding as pairs, dilations', () => {
    const { out } = build(() => [
      tf.nn.conv2d(ph([1, 2, 5, 5]), undefined, [1, 2], 'VALID', { dataFormat: 'NCHW', filters: ph([3, 3, 2, 4]) }),
      tf.nn.conv2d(ph([1, 5, 5, 1]), ph([3, 3, 1, 2]), [1, 1, 1, 1], [[0, 0], [1, 2], [3, 4], [0, 0]]),
      tf.nn.conv2d(ph([1, 9, 9, 1]), ph([3, 3, 1, 2]), 1, 'VALID', { dilations: 2 }),
    ]);
    const [a, b, c] = out as [tf.Tensor, tf.Tensor, tf.Tensor];
    assert.deepEqual(a.op.attrs.strides, [1, 1, 1, 2]);
    assert.equal(shapeStr(a), '(1, 4, 3, 2)');
    assert.equal(b.op.attrs.padding, 'EXPLICIT');
    assert.deepEqual(b.op.attrs.explicit_paddings, [0, 0, 1, 2, 3, 4, 0, 0]);
    assert.equal(shapeStr(b), '(1, 6, 10, 2)');
    assert.deepEqual(c.op.attrs.dilations, [1, 2, 2, 1]);
    assert.equal(shapeStr(c), '(1, 5, 5, 2)');
  });

  test('partially known and unknown shapes', () => {
    const { out } = build(() => [
      tf.nn.conv2d(ph([null, null, 5, 1]), ph([3, 3, 1, 2]), [1, 2, 2, 1], 'SAME'),
      tf.nn.conv2d(ph(null), ph([3, 3, 1, 2]), [1, 2, 2, 1], 'SAME'),
    ]);
    assert.deepEqual(
      (out as tf.Tensor[]).map(shapeStr),
      ['(?, ?, 3, 2)', '(?, ?, ?, 2)'],
    );
  });

  test("build-time errors: TensorFlow's messages", () => {
    expectValueError(
      () => build(() => tf.nn.conv2d(ph([1, 5, 5]), ph([3, 3, 1, 2]), [1, 1, 1, 1], 'SAME')),
      `Shape must be rank 4 but is rank 3 for '{{node Conv2D}} = ${NODE('SAME')}' with input shapes: [1,5,5], [3,3,1,2].`,
    );
    expectValueError(
      () => build(() => tf.nn.conv2d(ph([1, 5, 5, 3]), ph([3, 3, 2, 2]), [1, 1, 1, 1], 'SAME')),
      `Depth of input (3) is not a multiple of input depth of filter (2) for '{{node Conv2D}} = ${NODE('SAME')}' with input shapes: [1,5,5,3], [3,3,2,2].`,
    );
    expectValueError(
      () => build(() => tf.nn.conv2d(ph([1, 2, 2, 1]), ph([3, 3, 1, 2]), [1, 1, 1, 1], 'VALID')),
      `Negative dimension size caused by subtracting 3 from 2 for '{{node Conv2D}} = ${NODE('VALID')}' with input shapes: [1,2,2,1], [3,3,1,2].`,
    );
    expectValueError(
      () => build(() => tf.nn.conv2d(ph([1, 5, 5, 1]), ph([3, 3, 1, 2]), [1, 0, 1, 1], 'SAME')),
      `Stride must be > 0, but got 0 for '{{node Conv2D}} = ${NODE('SAME', '[1, 0, 1, 1]')}' with input shapes: [1,5,5,1], [3,3,1,2].`,
    );
    expectValueError(
      () => build(() => tf.nn.conv2d(ph([1, 5, 5, 1]), ph([3, 3, 1, 2]), [1, 1, 1], 'SAME')),
      'strides should be of length 1, 2 or 4. Received: strides=[1, 1, 1] of length 3',
    );
    expectValueError(
      () => build(() => tf.nn.conv2d(ph([1, 5, 5, 1]), ph([3, 3, 1, 2]), 1, 'FOO')),
      `Attr 'padding' of 'Conv2D' Op passed string 'FOO' not in: "SAME", "VALID", "EXPLICIT".`,
    );
  });

  test('explicit_paddings checks (raw op attrs)', async () => {
    const { Conv2D } = await import('../../src/ops/defs/nn/conv2d.js');
    const { applyOp1 } = await import('../../src/ops/builder.js');
    const raw = (padding: string, explicit_paddings: number[]) => () =>
      build(() => applyOp1(Conv2D, [ph([1, 5, 5, 1]), ph([3, 3, 1, 2])], { strides: [1, 1, 1, 1], padding, explicit_paddings }));
    const tail = (p: string, e: string) => ` for '{{node Conv2D}} = ${NODE(p, '[1, 1, 1, 1]', e)}' with input shapes: [1,5,5,1], [3,3,1,2].`;
    expectValueError(raw('EXPLICIT', [0, 0, 1, 2]), `explicit_paddings attribute must contain 8 values, but got: 4${tail('EXPLICIT', '0, 0, 1, 2')}`);
    expectValueError(
      raw('EXPLICIT', [1, 0, 1, 2, 0, 0, 0, 0]),
      `Nonzero explicit padding in the batch or depth dimensions is not supported${tail('EXPLICIT', '1, 0, 1, 2, 0, 0, 0, 0')}`,
    );
    expectValueError(raw('EXPLICIT', [0, 0, -1, 2, 0, 0, 0, 0]), `All elements of explicit_paddings must be nonnegative${tail('EXPLICIT', '0, 0, -1, 2, 0, 0, 0, 0')}`);
    expectValueError(
      raw('SAME', [0, 0, 1, 2, 0, 0, 0, 0]),
      `explicit_paddings attribute must be empty if the padding attribute is not EXPLICIT${tail('SAME', '0, 0, 1, 2, 0, 0, 0, 0')}`,
    );
  });
});

describe('Conv2D kernel', () => {
  test('a hand-checked SAME convolution and int32', () => {
    // 3×3 input of 1..9, 2×2 filter of ones: SAME pads after, so each output sums its 2×2 block.
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    expectArray(
      evalT(() => tf.nn.conv2d(tf.constant(x, 'float32', [1, 3, 3, 1]), tf.ones([2, 2, 1, 1]), 1, 'SAME')),
      'float32',
      [1, 3, 3, 1],
      [[[[12], [16], [9]], [[24], [28], [15]], [[15], [17], [9]]]],
    );
    expectArray(
      evalT(() => tf.nn.conv2d(tf.constant(x, 'int32', [1, 3, 3, 1]), tf.constant([1, 1, 1, 1], 'int32', [2, 2, 1, 1]), 1, 'VALID')),
      'int32',
      [1, 2, 2, 1],
      [[[[12], [16]], [[24], [28]]]],
    );
  });

  test('an empty batch gives an empty output; a zero-size filter gives zeros', () => {
    expectArray(evalT(() => tf.nn.conv2d(tf.zeros([0, 4, 4, 2]), tf.ones([3, 3, 2, 3]), 1, 'SAME')), 'float32', [0, 4, 4, 3], []);
    const r = evalT(() => tf.nn.conv2d(tf.ones([1, 2, 2, 0]), tf.ones([1, 1, 0, 2]), 1, 'SAME'));
    expectArray(r, 'float32', [1, 2, 2, 2], [[[[0, 0], [0, 0]], [[0, 0], [0, 0]]]]);
  });

  test('NCHW equals NHWC transposed (TensorFlow CPU refuses NCHW for float64; ours runs it)', () => {
    const xs = seq(2 * 3 * 5 * 4);
    const fs = seq(3 * 3 * 3 * 2, 0.1, 5);
    const { sess, out } = build(() => {
      const x = tf.constant(xs, 'float64', [2, 5, 4, 3]);
      const f = tf.constant(fs, 'float64', [3, 3, 3, 2]);
      const nhwc = tf.nn.conv2d(x, f, [1, 2, 1, 1], 'SAME');
      const xt = tf.constant(transposeTo(xs, [2, 5, 4, 3], 'NCHW'), 'float64', [2, 3, 5, 4]);
      const nchw = tf.nn.conv2d(xt, f, [1, 1, 2, 1], 'SAME', { dataFormat: 'NCHW' });
      return [nhwc, nchw];
    });
    const [a, b] = sess.run(out as tf.Tensor[]) as [tf.NDArray, tf.NDArray];
    assert.deepEqual([...b.shape], [2, 2, 3, 4]);
    expectClose(transposeTo(Array.from(a.data as Float64Array), [...a.shape], 'NCHW'), Array.from(b.data as Float64Array), 1e-12);
  });

  test("run-time errors: strides/dilations in batch or depth (TensorFlow's kernel messages)", () => {
    const run = (strides: number[], dilations = [1, 1, 1, 1]) => () => evalT(() => tf.nn.conv2d(tf.ones([1, 5, 5, 1]), tf.ones([3, 3, 1, 2]), strides, 'SAME', { dilations }));
    expectOpError(run([2, 1, 1, 1]), tf.errors.UnimplementedError, 'Conv2D', 'Current implementation does not yet support strides in the batch and depth dimensions.');
    expectOpError(run([1, 1, 1, 2]), tf.errors.UnimplementedError, 'Conv2D', 'Current implementation does not yet support strides in the batch and depth dimensions.');
    expectOpError(
      run([1, 1, 1, 1], [2, 1, 1, 1]),
      tf.errors.InvalidArgumentError,
      'Conv2D',
      'Current implementation does not yet support dilations in the batch and depth dimensions.',
    );
  });

  test('grouped convolution: shape inference, and each group convolves its own channels', () => {
    const { out } = build(() => tf.nn.conv2d(ph([1, 5, 5, 4]), ph([3, 3, 2, 2]), 1, 'SAME'));
    assert.equal(shapeStr(out), '(1, 5, 5, 2)');
    // Input channels [a, b | c, d] = [1, 10 | 100, 1000]; group 0 makes outputs 0-1 from a, b,
    // group 1 outputs 2-3 from c, d (filter rows: in-channel within the group).
    expectArray(
      evalT(() => tf.nn.conv2d(tf.constant([1, 10, 100, 1000], 'float32', [1, 1, 1, 4]), tf.constant([1, 0, 2, 0, 0, 3, 0, 4], 'float32', [1, 1, 2, 4]), 1, 'VALID')),
      'float32',
      [1, 1, 1, 4],
      [[[[1, 30, 200, 4000]]]],
    );
    // Shapes known only at run time reach the kernel's own check.
    const { sess, out: bad } = build(() => {
      const x = ph(null);
      return { x, y: tf.nn.conv2d(x, tf.ones([3, 3, 2, 2]), 1, 'SAME') };
    });
    expectOpError(
      () => sess.run(bad.y, feed([bad.x, new tf.NDArray('float32', [1, 5, 5, 3])])),
      tf.errors.InvalidArgumentError,
      'Conv2D',
      'input depth must be evenly divisible by filter depth: 3 vs 2',
    );
  });

  test('a batch larger than one im2col chunk (chunked patches give the same result)', () => {
    // 1 048 576 / (5·5·4) = 10 485 rows per chunk; 3·60·60 = 10 800 rows runs as two chunks.
    const xs = seq(3 * 60 * 60 * 4);
    const fs = seq(5 * 5 * 4 * 2, 0.1, 3);
    const { sess, out } = build(() => {
      const x = tf.constant(xs, 'float64', [3, 60, 60, 4]);
      const f = tf.constant(fs, 'float64', [5, 5, 4, 2]);
      const dy = tf.ones([3, 60, 60, 2], 'float64');
      return [tf.nn.conv2d(x, f, 1, 'SAME'), tf.nn.conv2dBackpropFilter(x, [5, 5, 4, 2], dy, 1, 'SAME')];
    });
    const [y, df] = sess.run(out as tf.Tensor[]) as [tf.NDArray, tf.NDArray];
    // Spot-check one output and one filter-gradient element against direct sums.
    const X = (b: number, i: number, j: number, c: number) => (i < 0 || j < 0 || i >= 60 || j >= 60 ? 0 : (xs[((b * 60 + i) * 60 + j) * 4 + c] as number));
    let want = 0;
    for (let ky = 0; ky < 5; ky++) for (let kx = 0; kx < 5; kx++) for (let c = 0; c < 4; c++) want += X(2, 59 + ky - 2, 30 + kx - 2, c) * (fs[((ky * 5 + kx) * 4 + c) * 2 + 1] as number);
    expectClose((y.data as Float64Array)[((2 * 60 + 59) * 60 + 30) * 2 + 1], want, 1e-10);
    let wantF = 0;
    for (let b = 0; b < 3; b++) for (let i = 0; i < 60; i++) for (let j = 0; j < 60; j++) wantF += X(b, i + 1 - 2, j + 3 - 2, 2);
    expectClose((df.data as Float64Array)[((1 * 5 + 3) * 4 + 2) * 2 + 0], wantF, 1e-10);
  });
});

/** NHWC flat values to NCHW (or back with `to` = 'NHWC' given the NCHW shape). */
function transposeTo(v: readonly number[], shape: readonly number[], to: 'NCHW'): number[] {
  const [n, h, w, c] = shape as [number, number, number, number];
  const o = new Array<number>(v.length);
  for (let b = 0; b < n; b++) for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) for (let k = 0; k < c; k++) o[((b * c + k) * h + i) * w + j] = v[((b * h + i) * w + j) * c + k] as number;
  void to;
  return o;
}

describe('Conv2DBackpropInput / Conv2DBackpropFilter / conv2dTranspose', () => {
  test('builders: op types, names, static shapes (4 or 2 input sizes)', () => {
    const { out } = build(() => [
      tf.nn.conv2dBackpropInput([1, 5, 5, 1], ph([3, 3, 1, 2]), ph([1, 5, 5, 2]), 1, 'SAME'),
      tf.nn.conv2dBackpropFilter(ph([1, 5, 5, 1]), [3, 3, 1, 2], ph([1, 5, 5, 2]), [1, 1, 1, 1], 'SAME'),
      tf.nn.conv2dTranspose(ph([1, 5, 5, 2]), ph([3, 3, 1, 2]), [1, 10, 10, 1], [1, 2, 2, 1], 'SAME'),
      tf.nn.conv2dBackpropInput([5, 5], ph([3, 3, 1, 2]), ph([1, 2, 5, 5]), 1, 'SAME', { dataFormat: 'NCHW' }),
      tf.nn.conv2dBackpropInput(ph([4], 'int32'), ph([3, 3, 1, 2]), ph([1, 5, 5, 2]), 1, 'SAME'),
    ]);
    const ts = out as tf.Tensor[];
    assert.deepEqual(
      ts.map((t) => [t.op.type, t.op.name, shapeStr(t)]),
      [
        ['Conv2DBackpropInput', 'Conv2DBackpropInput', '(1, 5, 5, 1)'],
        ['Conv2DBackpropFilter', 'Conv2DBackpropFilter', '(3, 3, 1, 2)'],
        ['Conv2DBackpropInput', 'conv2d_transpose', '(1, 10, 10, 1)'],
        ['Conv2DBackpropInput', 'Conv2DBackpropInput_1', '(1, 1, 5, 5)'],
        ['Conv2DBackpropInput', 'Conv2DBackpropInput_2', '(1, ?, ?, ?)'],
      ],
    );
  });

  test('build-time errors', () => {
    expectValueError(
      () => build(() => tf.nn.conv2dBackpropInput([1, 5, 5], ph([3, 3, 1, 2]), ph([1, 5, 5, 2]), 1, 'SAME')),
      `Conv2DBackpropInput requires input_sizes to contain 4 values or 2 values, but got: 3 for '{{node Conv2DBackpropInput}} = Conv2DBackpropInput[T=DT_FLOAT, data_format="NHWC", dilations=[1, 1, 1, 1], explicit_paddings=[], padding="SAME", strides=[1, 1, 1, 1], use_cudnn_on_gpu=true](Conv2DBackpropInput/input_sizes, Placeholder, Placeholder_1)' with input shapes: [3], [3,3,1,2], [1,5,5,2].`,
    );
  });

  test('run time: out_backprop of the wrong size', () => {
    expectOpError(
      () => evalT(() => tf.nn.conv2dBackpropInput([1, 5, 5, 1], tf.ones([3, 3, 1, 2]), tf.ones([1, 4, 5, 2]), 1, 'SAME')),
      tf.errors.InvalidArgumentError,
      'Conv2DBackpropInput',
      "Conv2DBackpropInput: Size of out_backprop doesn't match computed: actual = [1,4,5,2], computed = [1,5,5,2]",
    );
  });

  test('conv2dTranspose of a one-hot input places the filter', () => {
    const v = new Array(4).fill(0);
    v[0] = 1; // [1,2,2,1] with a 1 at (0,0)
    const f = [1, 2, 3, 4]; // [2,2,1,1]
    expectArray(
      evalT(() => tf.nn.conv2dTranspose(tf.constant(v, 'float32', [1, 2, 2, 1]), tf.constant(f, 'float32', [2, 2, 1, 1]), [1, 4, 4, 1], 2, 'VALID')),
      'float32',
      [1, 4, 4, 1],
      [[[[1], [2], [0], [0]], [[3], [4], [0], [0]], [[0], [0], [0], [0]], [[0], [0], [0], [0]]]],
    );
  });
});

describe('convolution gradients (finite differences)', () => {
  const cases: [string, number[], number[], Record<string, unknown>, (string | number)[] | string][] = [
    ['SAME 3×3', [1, 4, 4, 2], [3, 3, 2, 2], {}, 'SAME'],
    ['VALID strides 2', [1, 5, 6, 1], [2, 3, 1, 2], { strides: [1, 2, 2, 1] }, 'VALID'],
    ['dilations 2', [1, 5, 5, 1], [2, 2, 1, 2], { dilations: 2 }, 'SAME'],
    ['explicit', [1, 3, 4, 1], [2, 2, 1, 2], {}, 'EXPLICIT'],
    ['NCHW', [1, 2, 4, 3], [3, 3, 2, 2], { dataFormat: 'NCHW', strides: [1, 1, 2, 1] }, 'SAME'],
    ['grouped (2 groups)', [1, 3, 4, 4], [2, 2, 2, 4], {}, 'SAME'],
  ];
  for (const [label, xs, fs, opts, padding] of cases) {
    const pad = padding === 'EXPLICIT' ? (opts.dataFormat === 'NCHW' ? [[0, 0], [0, 0], [1, 0], [2, 1]] : [[0, 0], [1, 0], [2, 1], [0, 0]]) : padding;
    const strides = (opts.strides as number[] | undefined) ?? 1;
    const o = { dataFormat: ((opts.dataFormat as 'NCHW' | undefined) ?? 'NHWC') as 'NCHW' | 'NHWC', dilations: (opts.dilations as number | undefined) ?? 1 };
    test(`Conv2D ${label}`, () => {
      checkGradient(([x, f]) => tf.nn.conv2d(x as tf.Tensor, f as tf.Tensor, strides, pad as string, o), [seq(size(xs)), seq(size(fs), 0.1, 2)], [xs, fs]);
    });
    test(`Conv2DBackpropInput ${label} (its gradient: BackpropFilter and Conv2D)`, () => {
      const y = evalT(() => tf.nn.conv2d(tf.zeros(xs, 'float64'), tf.zeros(fs, 'float64'), strides, pad as string, o));
      // Only BackpropInput's own gradient function: the int32 sizes input stays fixed.
      checkGradient(
        ([f, dy]) => tf.nn.conv2dBackpropInput(xs, f as tf.Tensor, dy as tf.Tensor, strides, pad as string, o),
        [seq(size(fs), 0.1, 2), seq(size(y.shape), 0.1, 4)],
        [fs, [...y.shape]],
        { direct: true, every: true },
      );
    });
    test(`Conv2DBackpropFilter ${label} (its gradient: BackpropInput and Conv2D)`, () => {
      const y = evalT(() => tf.nn.conv2d(tf.zeros(xs, 'float64'), tf.zeros(fs, 'float64'), strides, pad as string, o));
      checkGradient(
        ([x, dy]) => tf.nn.conv2dBackpropFilter(x as tf.Tensor, fs, dy as tf.Tensor, strides, pad as string, o),
        [seq(size(xs)), seq(size(y.shape), 0.1, 4)],
        [xs, [...y.shape]],
        { direct: true, every: true },
      );
    });
  }

  test('DepthwiseConv2dNative SAME, strides, dilations, NCHW, and its backprops', () => {
    const runs: [number[], number[], Record<string, unknown>][] = [
      [[1, 4, 4, 2], [3, 3, 2, 2], { strides: [1, 1, 1, 1], padding: 'SAME' }],
      [[1, 5, 4, 2], [2, 2, 2, 1], { strides: [1, 2, 2, 1], padding: 'VALID' }],
      [[1, 5, 5, 1], [2, 2, 1, 2], { strides: [1, 1, 1, 1], padding: 'SAME', dilations: [2, 2] }],
      [[1, 2, 4, 3], [3, 3, 2, 2], { strides: [1, 1, 1, 1], padding: 'SAME', dataFormat: 'NCHW' }],
    ];
    for (const [xs, fs, o] of runs) {
      const call = (x: tf.Tensor, f: tf.Tensor) => tf.nn.depthwiseConv2dNative(x, f, o.strides as number[], o.padding as string, { dataFormat: o.dataFormat as 'NCHW', dilations: o.dilations as number[] });
      checkGradient(([x, f]) => call(x as tf.Tensor, f as tf.Tensor), [seq(size(xs)), seq(size(fs), 0.1, 2)], [xs, fs]);
      const y = evalT(() => call(tf.zeros(xs, 'float64'), tf.zeros(fs, 'float64')));
      const attrs = { strides: o.strides, padding: o.padding, data_format: o.dataFormat ?? 'NHWC', dilations: dil4(o.dilations as number[] | undefined, o.dataFormat as string | undefined) };
      checkGradient(
        ([f, dy]) => rawOp('DepthwiseConv2dNativeBackpropInput', [tf.constant(xs, 'int32'), f as tf.Tensor, dy as tf.Tensor], attrs),
        [seq(size(fs), 0.1, 2), seq(size(y.shape), 0.1, 4)],
        [fs, [...y.shape]],
        { direct: true, every: true },
      );
      checkGradient(
        ([x, dy]) => rawOp('DepthwiseConv2dNativeBackpropFilter', [x as tf.Tensor, tf.constant(fs, 'int32'), dy as tf.Tensor], attrs),
        [seq(size(xs)), seq(size(y.shape), 0.1, 4)],
        [xs, [...y.shape]],
        { direct: true, every: true },
      );
    }
  });
});

const dil4 = (d: number[] | undefined, fmt: string | undefined) => (d === undefined ? [1, 1, 1, 1] : fmt === 'NCHW' ? [1, 1, ...d] : [1, ...d, 1]);

import { applyOp1 } from '../../src/ops/builder.js';
import { getOpDef } from '../../src/ops/registry.js';

function rawOp(type: string, inputs: tf.Tensor[], attrs: Record<string, unknown>): tf.Tensor {
  return applyOp1(getOpDef(type) as NonNullable<ReturnType<typeof getOpDef>>, inputs, attrs as never) as tf.Tensor;
}

describe('tf.nn.depthwiseConv2d (composite) and depthwiseConv2dNative', () => {
  test('names, rate → dilations, shapes and the depth check', () => {
    const { out } = build(() => [
      tf.nn.depthwiseConv2d(ph([1, 5, 5, 3]), ph([3, 3, 3, 2]), [1, 1, 1, 1], 'SAME'),
      tf.nn.depthwiseConv2d(ph([1, 5, 5, 3]), ph([3, 3, 3, 2]), [1, 1, 1, 1], 'SAME', [2, 2]),
      tf.nn.depthwiseConv2dNative(ph([1, 5, 5, 3]), ph([3, 3, 3, 2]), [1, 2, 1, 1], 'SAME'),
    ]);
    const [a, b, c] = out as [tf.Tensor, tf.Tensor, tf.Tensor];
    assert.deepEqual([a.op.type, a.op.name, shapeStr(a)], ['DepthwiseConv2dNative', 'depthwise', '(1, 5, 5, 6)']);
    assert.deepEqual([b.op.name, b.op.attrs.dilations], ['depthwise_1', [1, 2, 2, 1]]);
    assert.deepEqual([c.op.name, shapeStr(c)], ['DepthwiseConv2dNative', '(1, 3, 5, 6)']);
    expectValueError(
      () => build(() => tf.nn.depthwiseConv2dNative(ph([1, 5, 5, 3]), ph([3, 3, 2, 2]), [1, 1, 1, 1], 'SAME')),
      `Dimensions must be equal, but are 3 and 2 for '{{node DepthwiseConv2dNative}} = DepthwiseConv2dNative[T=DT_FLOAT, data_format="NHWC", dilations=[1, 1, 1, 1], explicit_paddings=[], padding="SAME", strides=[1, 1, 1, 1]](Placeholder, Placeholder_1)' with input shapes: [1,5,5,3], [3,3,2,2].`,
    );
  });

  test('values: each channel convolved with its own filters', () => {
    // Two channels, multiplier 1, 1×1 filter [2, -1]: scales channel 0 by 2 and negates channel 1.
    expectArray(
      evalT(() => tf.nn.depthwiseConv2dNative(tf.constant([1, 2, 3, 4], 'float32', [1, 1, 2, 2]), tf.constant([2, -1], 'float32', [1, 1, 2, 1]), [1, 1, 1, 1], 'VALID')),
      'float32',
      [1, 1, 2, 2],
      [[[[2, -2], [6, -4]]]],
    );
  });
});

void nd;
