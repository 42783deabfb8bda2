// Conformance: the array ops (ExpandDims, Transpose, ConcatV2, Slice, StridedSlice + tf.getItem,
// Tile, BroadcastTo, Pad/PadV2/MirrorPad, ReverseV2, Size, OneHot, Unpack, Split/SplitV, GatherV2 batch_dims,
// GatherNd, ScatterNd, UnsortedSegmentSum, TopKV2, Cumsum, Unique) against TensorFlow 2.21
// values (golden/array_ops.py), their errors and finite-difference gradients.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { ARRAY_GOLDEN } from './golden/array-golden.js';
import { build, checkGradient as checkGradientOf, evalT, expectArray, expectOpError, expectTypeError, expectValueErrorPrefix, shapeStr } from './helpers.js';

const i32 = (v: tf.ArrayLikeValue) => tf.constant(v, { dtype: 'int32' });
const x24 = () => tf.reshape(tf.range(24), [2, 3, 4]);
const v10 = () => tf.range(10);
const { sl, newaxis, ellipsis } = tf;
const run = (f: () => tf.Tensor) => () => evalT(f);
const E = tf.errors.InvalidArgumentError;

/** Compares a run result with TensorFlow's value for `name` (dtype not compared: TF's ints are int32, JS numbers float32). */
function golden(name: string, f: () => tf.Tensor): void {
  const g = ARRAY_GOLDEN[name];
  assert.ok(g, name);
  const r = evalT(f);
  assert.deepEqual([...r.shape], g.shape, `${name} shape`);
  // The generator spells NaN and -0 as strings (JSON has neither); bigints compare as numbers.
  const norm = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(norm) : typeof v === 'bigint' ? Number(v) : typeof v === 'number' && Number.isNaN(v) ? 'NaN' : Object.is(v, -0) ? '-0' : v;
  assert.deepEqual(norm(r.toArray()), g.value, `${name} value`);
}

describe('values against TensorFlow', () => {
  test('strided slices through tf.getItem (Python indexing)', () => {
    golden('ss_rev_shrink_newaxis', () => tf.getItem(x24(), [sl(null, null, -1), 1, newaxis, sl(1, null, 2)]));
    golden('ss_ellipsis_last', () => tf.getItem(x24(), [ellipsis, -1]));
    golden('ss_neg_step_bounds', () => tf.getItem(v10(), [sl(8, 2, -3)]));
    golden('ss_neg_begin', () => tf.getItem(v10(), [sl(-3)]));
    golden('ss_clamped', () => tf.getItem(v10(), sl(-100, 100, 4)));
    golden('ss_empty', () => tf.getItem(v10(), [sl(5, 2)]));
    golden('ss_newaxis_ellipsis', () => tf.getItem(x24(), [newaxis, ellipsis, 0, newaxis]));
    golden('ss_reverse_all', () => tf.getItem(v10(), [sl(null, null, -1)]));
    golden('ss_step_neg_end_masked', () => tf.getItem(v10(), [sl(3, null, -2)]));
  });
  test('other ops', () => {
    golden('transpose_default', () => tf.transpose(x24()));
    golden('tile', () => tf.tile(i32([[1, 2], [3, 4]]), [2, 3]));
    golden('reflect', () => tf.pad(i32([[1, 2, 3], [4, 5, 6]]), [[1, 1], [2, 2]], 'REFLECT'));
    golden('symmetric', () => tf.pad(i32([[1, 2, 3], [4, 5, 6]]), [[1, 1], [2, 2]], 'symmetric'));
    golden('one_hot_axis0', () => tf.oneHot([0, 2, -1, 1], 3, { axis: 0 }));
    golden('one_hot_2d', () => tf.oneHot([[0, 2], [1, 5]], 3, i32(5), i32(-1)));
    golden('gather_batch', () => tf.gather(x24(), [[0, 2], [1, 1]], { axis: 1, batchDims: 1 }));
    golden('gather_batch2', () => tf.gather(x24(), [[[3], [0], [1]], [[2], [2], [0]]], { axis: 2, batchDims: 2 }));
    golden('gather_nd', () => tf.gatherNd(x24(), [[1, 2], [0, 0]]));
    golden('gather_nd_full', () => tf.gatherNd(x24(), [[1, 2, 3], [0, 1, 1]]));
    golden('scatter_nd', () => tf.scatterNd([[1], [3], [1]], i32([[1, 2], [3, 4], [5, 6]]), [5, 2]));
    golden('topk_values', () => tf.math.topK([[1, 3, 3, 2], [5, 4, 5, 5]], 3)[0]);
    golden('topk_indices', () => tf.nn.topK([[1, 3, 3, 2], [5, 4, 5, 5]], 3)[1]);
    golden('cumsum_excl_rev', () => tf.cumsum(i32([[1, 2, 3], [4, 5, 6]]), 1, true, true));
    golden('cumsum_axis0', () => tf.math.cumsum(i32([[1, 2, 3], [4, 5, 6]]), { axis: 0 }));
    golden('unique_y', () => tf.unique(i32([4, 1, 4, 2, 1, 7]))[0]);
    golden('unique_idx', () => tf.unique(i32([4, 1, 4, 2, 1, 7]))[1]);
    golden('uss', () => tf.math.unsortedSegmentSum([[1, 2], [3, 4], [5, 6], [7, 8]], i32([2, 0, 2, -1]), 3));
    golden('splitv', () => tf.split(x24(), [1, -1], 1)[1] as tf.Tensor);
    golden('reverse', () => tf.reverse(x24(), [0, -1]));
    golden('slice', () => tf.slice(x24(), [1, 0, 1], [-1, 2, 2]));
    golden('unique_nan_y', () => tf.unique([NaN, 1, NaN, -0, 0])[0]);
    golden('unique_nan_idx', () => tf.unique([NaN, 1, NaN, -0, 0])[1]);
    golden('cumsum_half', () => tf.cumsum(tf.constant([2048, 1, 1, 1], { dtype: 'float16' })));
    golden('getitem_int64_index', () => tf.getItem(tf.reshape(tf.range(6), [2, 3]), [tf.constant(1n)]));
    golden('gather_nd_int16', () => tf.gatherNd(tf.reshape(tf.range(6), [2, 3]), tf.constant([[1, 2], [0, 1]], { dtype: 'int16' })));
    golden('topk_int64_ties_values', () => tf.math.topK(tf.constant([3n, 1n, 3n, 2n]), 2)[0]);
    golden('topk_int64_ties_indices', () => tf.math.topK(tf.constant([3n, 1n, 3n, 2n]), 2)[1]);
  });
  test('MirrorPadGrad (raw op)', () => {
    const mpg = (mode: string, p: number[][]) => () => {
      const dy = tf.reshape(tf.range(20, { dtype: 'float32' }), [4, 5]);
      return tf.getDefaultGraph() && (tf as unknown as Record<string, never>).x === undefined ? rawMirrorPadGrad(dy, p, mode) : dy;
    };
    golden('mirror_pad_grad', mpg('REFLECT', [[1, 1], [1, 1]]));
    golden('mirror_pad_grad_sym', mpg('SYMMETRIC', [[1, 1], [2, 1]]));
  });
});

/** The MirrorPad gradient op, through MirrorPad's gradient function. */
function rawMirrorPadGrad(dy: tf.Tensor, p: number[][], mode: string): tf.Tensor {
  const inShape = (dy.shape.dims as number[]).map((d, i) => d - (p[i]?.[0] as number) - (p[i]?.[1] as number));
  const y = tf.pad(tf.zeros(inShape), p, mode);
  const g = y.op.def.grad as NonNullable<typeof y.op.def.grad>;
  return g(y.op, [dy])[0] as tf.Tensor;
}

describe('Select (tf.where(condition, x, y))', () => {
  const b = (v: boolean[] | boolean[][] | boolean) => tf.constant(v);
  test('values as TensorFlow 1 (same shape, row-selecting vector, scalar; any dtype)', () => {
    expectArray(evalT(() => tf.where(b([true, false]), i32([1, 2]), i32([3, 4]))), 'int32', [2], [1, 4]);
    expectArray(evalT(() => tf.where(b([true, false]), i32([[1, 2], [3, 4]]), i32([[5, 6], [7, 8]]))), 'int32', [2, 2], [[1, 2], [7, 8]]);
    expectArray(evalT(() => tf.where(b(true), i32([[1, 2], [3, 4]]), i32([[5, 6], [7, 8]]))), 'int32', [2, 2], [[1, 2], [3, 4]]);
    expectArray(evalT(() => tf.where(b([false, true]), tf.constant(['a', 'b']), tf.constant(['c', 'd']))), 'string', [2], ['c', 'b']);
    const { out } = build(() => tf.where(b([true]), [1], [2]));
    assert.equal(out.op.type, 'Select');
    assert.equal(out.op.name, 'Select');
  });
  test('errors', () => {
    expectValueErrorPrefix(() => build(() => tf.where(b([true, false, true]), [1, 2], [3, 4])), 'Dimension 0 in both shapes must be equal, but are 3 and 2. Shapes are [3] and [2].');
    expectValueErrorPrefix(() => build(() => tf.where(b([[true, false]]), [[1, 2], [3, 4]], [[5, 6], [7, 8]])), 'Dimension 0 in both shapes must be equal, but are 2 and 1. Shapes are [2,2] and [1,2].');
    expectValueErrorPrefix(() => build(() => tf.where(b([true, false]), [1, 2], [3, 4, 5])), 'Dimension 0 in both shapes must be equal, but are 2 and 3. Shapes are [2] and [3].');
    assert.throws(() => build(() => tf.where(b([true]), [1])), /x and y must both be non-None or both be None\./);
    const c = (v: boolean[] | boolean[][]) => tf.placeholderWithDefault(tf.constant(v), null);
    expectOpError(run(() => tf.where(c([true, false, true]), [1, 2], [3, 4])), E, 'Select', 'Inputs to operation Select of type Select must have the same size and shape.  Input 0: [3] != input 1: [2]');
    expectOpError(run(() => tf.where(c([true, false, true]), [[1, 2], [3, 4]], [[1, 2], [3, 4]])), E, 'Select', "Number of batches of 'then' must match size of 'cond', but saw: 2 vs. 3");
    expectOpError(run(() => tf.where(c([[true, false]]), [[1, 2], [3, 4]], [[5, 6], [7, 8]])), E, 'Select', 'Inputs to operation Select of type Select must have the same size and shape.  Input 0: [1,2] != input 1: [2,2]');
  });
  test('gradient', () => {
    checkGradient(([x, y]) => tf.where(b([true, false, false]), x as tf.Tensor, y as tf.Tensor), [[1, 2, 3], [4, 5, 6]], [[3], [3]]);
    checkGradient(([x, y]) => tf.where(b([false, true]), x as tf.Tensor, y as tf.Tensor), [[1, 2, 3, 4], [5, 6, 7, 8]], [[2, 2], [2, 2]]);
  });
});

describe('dtypes and edge shapes', () => {
  test('strings, bools, int64 through the copying kernels', () => {
    expectArray(evalT(() => tf.transpose(tf.constant([['a', 'b'], ['c', 'd']]))), 'string', [2, 2], [['a', 'c'], ['b', 'd']]);
    expectArray(evalT(() => tf.concat([tf.constant([true]), tf.constant([false, true])], 0)), 'bool', [3], [true, false, true]);
    expectArray(evalT(() => tf.tile(tf.constant([1n, 2n]), [2])), 'int64', [4], [1n, 2n, 1n, 2n]);
    expectArray(evalT(() => tf.reverse(tf.constant(['x', 'y', 'z']), [0])), 'string', [3], ['z', 'y', 'x']);
    expectArray(evalT(() => tf.pad(tf.constant(['a']), [[1, 1]])), 'string', [3], ['', 'a', '']);
    expectArray(evalT(() => tf.getItem(tf.constant([1n, 2n, 3n]), [sl(null, null, 2)])), 'int64', [2], [1n, 3n]);
    expectArray(evalT(() => tf.unique(tf.constant(['b', 'a', 'b']))[0]), 'string', [2], ['b', 'a']);
    expectArray(evalT(() => tf.expandDims(tf.constant(true), 0)), 'bool', [1], [true]);
    expectArray(evalT(() => tf.oneHot([1], 2, { dtype: 'int64' })), 'int64', [1, 2], [[0n, 1n]]);
    // ScatterNd adds duplicates: bool by or, strings by concatenation (TensorFlow 2.21's CPU kernel).
    expectArray(evalT(() => tf.scatterNd([[1], [1]], tf.constant([true, true]), [3])), 'bool', [3], [false, true, false]);
    expectArray(evalT(() => tf.scatterNd([[1], [1]], tf.constant(['a', 'b']), [3])), 'string', [3], ['', 'ab', '']);
    expectArray(evalT(() => tf.scatterNd([[0], [0]], tf.constant([2n ** 62n, 2n ** 62n]), [1])), 'int64', [1], [-(2n ** 63n)]);
    expectArray(evalT(() => tf.cumsum(tf.constant([1, 2, 3], { dtype: 'float16' }))), 'float16', [3], [1, 3, 6]);
    // Where on float16 builds and fails at run time, as in TensorFlow 2.21.
    expectOpError(
      () => evalT(() => tf.where(tf.constant([0, 2], { dtype: 'float16' }))),
      tf.errors.UnimplementedError,
      'Where',
      'No WhereOp available for float16/half type on CPU; dying in CPU WhereOp to avoid silently creating costly copies from device.',
    );
  });
  test('scalars and empty tensors', () => {
    expectArray(evalT(() => tf.size(tf.zeros([0, 3]))), 'int32', [], 0);
    expectArray(evalT(() => tf.size(tf.constant(5), { outType: 'int64' })), 'int64', [], 1n);
    expectArray(evalT(() => tf.transpose(tf.constant(5))), 'float32', [], 5);
    expectArray(evalT(() => tf.concat([tf.zeros([0, 2]), tf.ones([1, 2])], 0)), 'float32', [1, 2], [[1, 1]]);
    expectArray(evalT(() => tf.tile(tf.ones([2]), [0])), 'float32', [0], []);
    expectArray(evalT(() => tf.slice(tf.ones([3]), [3], [0])), 'float32', [0], []);
    expectArray(evalT(() => tf.math.topK(tf.zeros([2, 0]), 0)[0]), 'float32', [2, 0], [[], []]);
    expectArray(evalT(() => tf.unique(tf.zeros([0]))[1]), 'int32', [0], []);
    expectArray(evalT(() => tf.pad(tf.zeros([0]), [[1, 1]])), 'float32', [2], [0, 0]);
    assert.equal(tf.unstack(tf.zeros([0, 2]), { axis: 1 }).length, 2);
  });
});

describe('op types, attrs and static shapes', () => {
  test('TF op types and attrs', () => {
    const { out } = build(() => ({
      e: tf.expandDims(tf.ones([2]), 0),
      t: tf.transpose(tf.ones([2, 3])),
      c: tf.concat([tf.ones([2]), tf.ones([2])], 0),
      s: tf.getItem(tf.ones([4, 4]), [sl(1), 0]),
      p: tf.pad(tf.ones([2]), [[1, 1]], { constantValues: 3 }),
      m: tf.pad(tf.ones([2]), [[1, 1]], 'REFLECT'),
      sp: tf.split(tf.ones([4]), 2),
      spv: tf.split(tf.ones([4]), [1, 3]),
      u: tf.unstack(tf.ones([2, 3])),
      k: tf.math.topK(tf.ones([3]), 2),
    }));
    assert.equal(out.e.op.type, 'ExpandDims');
    assert.equal(out.t.op.type, 'Transpose');
    assert.equal(out.t.op.name, 'transpose');
    assert.equal(out.c.op.type, 'ConcatV2');
    assert.equal(out.c.op.name, 'concat');
    assert.equal(out.s.op.type, 'StridedSlice');
    assert.equal(out.s.op.name, 'strided_slice');
    assert.deepEqual(
      ['begin_mask', 'end_mask', 'ellipsis_mask', 'new_axis_mask', 'shrink_axis_mask'].map((a) => out.s.op.attrs[a]),
      [0, 1, 0, 0, 2],
    );
    assert.equal(out.p.op.type, 'PadV2');
    assert.equal(out.m.op.type, 'MirrorPad');
    assert.equal(out.m.op.attrs.mode, 'REFLECT');
    assert.equal(out.sp[0]?.op.type, 'Split');
    assert.equal(out.spv[0]?.op.type, 'SplitV');
    assert.equal(out.u[0]?.op.type, 'Unpack');
    assert.equal(out.u.length, 2);
    assert.equal(out.k[0].op.type, 'TopKV2');
  });
  test('op and input names as TensorFlow 2.21 gives them', () => {
    const { out } = build(() => ({
      c1: tf.concat([tf.ones([2])], 0),
      oh: tf.oneHot([1, 2], 3),
      ss: tf.stridedSlice(tf.ones([3]), [0], [1]),
      sl: tf.slice(tf.ones([3]), [0], [1]),
      sl64: tf.slice(tf.ones([3]), [0n], [1n]),
      uss: tf.math.unsortedSegmentSum([1, 2], [0, 0], 1),
      gi: tf.getItem(tf.ones([3, 4]), [sl(1), tf.placeholder('int32', [])]),
    }));
    assert.equal(out.c1.op.name, 'concat/concat');
    assert.deepEqual(out.oh.op.inputs.map((t) => t.op.name), ['one_hot/indices', 'one_hot/depth', 'one_hot/on_value', 'one_hot/off_value']);
    assert.equal(out.oh.op.name, 'one_hot');
    assert.deepEqual(out.ss.op.inputs.slice(1).map((t) => t.op.name), ['StridedSlice/begin', 'StridedSlice/end', 'ones_like']);
    assert.equal(out.ss.op.attrs.Index, 'int32');
    assert.deepEqual(out.sl.op.inputs.slice(1).map((t) => `${t.op.name}:${t.dtype}`), ['Slice/begin:int32', 'Slice/size:int32']);
    assert.deepEqual(out.sl64.op.inputs.slice(1).map((t) => t.dtype), ['int64', 'int64']);
    assert.equal(out.uss.op.inputs[1]?.op.name, 'UnsortedSegmentSum/segment_ids');
    assert.equal(out.uss.op.attrs.Tindices, 'int32');
    assert.deepEqual(out.gi.op.inputs.slice(1).map((t) => t.op.name), ['strided_slice/stack', 'strided_slice/stack_1', 'strided_slice/stack_2']);
    assert.equal(shapeStr(out.gi), '(?,)');
  });
  test('partially known shapes', () => {
    const { out } = build(() => {
      const p = tf.placeholder('float32', [null, 3, 4]);
      return [
        tf.expandDims(p, -1),
        tf.transpose(p, [2, 0, 1]),
        tf.concat([p, p], 1),
        tf.concat([p, p], 0),
        tf.getItem(p, [ellipsis, sl(1, 3)]),
        tf.getItem(p, [0, newaxis]),
        tf.tile(p, [2, 2, 1]),
        tf.pad(p, [[1, 1], [0, 0], [2, 0]]),
        tf.slice(p, [0, 1, 0], [-1, 2, -1]),
        tf.oneHot(tf.placeholder('int32', [null]), 5),
        tf.split(p, 2, 2)[0] as tf.Tensor,
        tf.math.topK(p, 2)[0],
        tf.transpose(tf.placeholder('float32')),
      ];
    });
    assert.deepEqual(out.map(shapeStr), [
      '(?, 3, 4, 1)',
      '(4, ?, 3)',
      '(?, 6, 4)',
      '(?, 3, 4)',
      '(?, 3, 2)',
      '(1, 3, 4)',
      '(?, 6, 4)',
      '(?, 3, 6)',
      '(?, 2, 4)',
      '(?, 5)',
      '(?, 3, 2)',
      '(?, 3, 2)',
      '<unknown>',
    ]);
  });
});

describe('errors', () => {
  test('run-time kernel messages (TensorFlow 2.21 texts)', () => {
    const feedX = (f: (x: tf.Tensor) => tf.Tensor, name: string, msg: string) => {
      const { sess, out } = build(() => {
        const x = tf.placeholder('int32');
        return { x, y: f(x) };
      });
      expectOpError(() => sess.run(out.y, new Map([[out.x, tf.constant(0) && new tf.NDArray('int32', [2, 3, 4], new Int32Array(24))]])), E, name, msg);
    };
    feedX((x) => tf.transpose(x, [0, 1, 1]), 'transpose', '2 is missing from {0,1,1}.');
    feedX((x) => tf.transpose(x, [0, 1]), 'transpose', 'transpose expects a vector of size 3. But input(1) is a vector of size 2');
    feedX((x) => tf.concat([x, x], 3), 'concat', 'ConcatOp : Expected concatenating dimensions in the range [-3, 3), but got 3');
    feedX((x) => tf.slice(x, [0, 0, 0], [3, 1, 1]), 'Slice', 'Expected size[0] in [0, 2], but got 3');
    feedX((x) => tf.tile(x, [1, 2]), 'Tile', 'Expected multiples argument to be a vector of length 3 but got length 2');
    feedX((x) => tf.tile(x, [1, 2, -1]), 'Tile', 'Expected multiples[2] >= 0, but got -1');
    feedX((x) => tf.pad(x, [[1, 1], [3, 1], [1, 1]], 'REFLECT'), 'MirrorPad', 'paddings must be less than the dimension size: 3, 1 not less than 3');
    feedX((x) => tf.pad(x, [[1, 1], [1, 1]]), 'Pad', 'The first dimension of paddings must be the rank of inputs[2,2] [2,3,4]');
    feedX((x) => tf.reverse(x, [0, 0]), 'ReverseV2', 'axis 0 specified more than once.');
    feedX((x) => tf.split(x, 2, 1)[0] as tf.Tensor, 'split', 'Number of ways to split should evenly divide the split dimension, but got split_dim 1 (size = 3) and num_split 2');
    feedX((x) => tf.getItem(x, [5]), 'strided_slice', 'slice index 5 of dimension 0 out of bounds.');
    feedX((x) => tf.stridedSlice(x, [0, 0, 0, 0], [1, 1, 1, 1]), 'StridedSlice', 'Index out of range using input dim 3; input has only 3 dims');
    feedX((x) => tf.gatherNd(x, [[5, 0]]), 'GatherNd', 'indices[0] = [5, 0] does not index into param shape [2,3,4], node name: GatherNd');
    feedX((x) => tf.cumsum(x, 3), 'Cumsum', 'ScanOp: Expected scan axis in the range [-3, 3), but got 3');
    feedX((x) => tf.unique(x)[0], 'Unique', 'unique expects a 1D vector.');
    feedX((x) => tf.expandDims(x, 4), 'ExpandDims', 'Tried to expand dim index 4 for tensor with 3 dimensions.');
    feedX((x) => tf.gather(x, [[0], [1]], { batchDims: 2 }), 'GatherV2', 'params.shape[1]: 3 should be equal to indices.shape[1]: 1');
  });
  test('more kernel messages', () => {
    expectOpError(run(() => tf.split(tf.ones([2, 3]), tf.placeholderWithDefault(i32([-1, -1, 1]), [3]), 1)[0] as tf.Tensor), E, 'split', 'There can only be one -1 in the input.');
    expectOpError(run(() => tf.scatterNd([[5]], [1], [3])), E, 'ScatterNd', 'indices[0] = [5] does not index into shape [3]');
    expectOpError(run(() => tf.math.topK(tf.placeholderWithDefault([1, 2], [null]), 3)[0]), E, 'TopKV2', 'input must have at least k columns. Had 2, needed 3');
    expectOpError(run(() => tf.math.unsortedSegmentSum([1, 2], i32([0, 5]), 3)), E, 'UnsortedSegmentSum', 'segment_ids[1] = 5 is out of range [0, 3)');
    expectOpError(
      run(() => tf.oneHot(tf.placeholderWithDefault(i32([1]), null), tf.placeholderWithDefault(i32(-1), null))),
      E,
      'one_hot',
      'depth must be non-negative, got: -1',
    );
  });
  test('build-time errors from the shape functions (TensorFlow 2.21 graph-mode texts)', () => {
    const p = () => tf.placeholder('float32', [2, 3, 4]);
    const cases: [() => unknown, string][] = [
      [() => tf.expandDims(p(), 4), "dim 4 not in the interval [-4, 3]. for '{{node ExpandDims}} = ExpandDims[T=DT_FLOAT, Tdim=DT_INT32](Placeholder, ExpandDims/dim)'"],
      [() => tf.transpose(p(), [0, 1]), 'Dimension must be 3 but is 2'],
      [() => tf.transpose(p(), [0, 1, 3]), 'perm dim 3 is out of range of input rank 3'],
      [() => tf.concat([p(), tf.zeros([2, 3])], 0), 'Shape must be rank 3 but is rank 2'],
      [() => tf.concat([p(), tf.zeros([2, 4, 4])], 0), 'Dimension 0 in both shapes must be equal, but are 3 and 4. Shapes are [3,4] and [4,4].'],
      [() => tf.concat([p(), p()], 3), 'Shape must be at least rank 4 but is rank 3'],
      [() => tf.slice(p(), [0, 0], [1, 1]), 'Shape must be rank 2 but is rank 3'],
      [() => tf.getItem(p(), [5]), 'slice index 5 of dimension 0 out of bounds.'],
      [() => tf.getItem(p(), [sl(null, null, 0)]), 'strides[0] must be non-zero'],
      [() => tf.getItem(p(), [0, 0, 0, 0]), 'Index out of range using input dim 3; input has only 3 dims'],
      [() => tf.tile(p(), [1, 2]), 'Shape must be rank 3 but is rank 2'],
      [() => tf.pad(p(), [[1, 1], [1, 1]]), 'Shape must be rank 2 but is rank 3'],
      [() => tf.pad(p(), [[1, 1], [1, 1], [-1, 1]]), 'Paddings must be non-negative'],
      [() => tf.reverse(p(), [0, 0]), 'axis 0 specified more than once.'],
      [() => tf.reverse(p(), [3]), "'axis'[0] = 3 is out of valid range [0, 2"],
      [() => tf.split(p(), 2, 1), 'Dimension size must be evenly divisible by 2 but is 3'],
      [() => tf.split(p(), 2, 3), 'Dimension size, given by scalar input 3 must be in range [-3, 3)'],
      [() => tf.split(p(), [1, 1], 1), "can't split axis of size 3 into pieces of size [1,1]"],
      [() => tf.split(p(), [-1, -1, 1], 1), 'size_splits can only have one -1'],
      [() => tf.unstack(p(), 5), 'Dimension must be 5 but is 2'],
      [() => tf.oneHot([1, 2], -1), 'Dimension size, given by scalar input 1, must be non-negative but is -1'],
      [() => tf.oneHot([1, 2], 3, { axis: -2 }), 'axis must be >= -1'],
      [() => tf.gatherNd(p(), [[0, 0, 0, 0]]), 'indices.shape[-1] must be <= params.rank, but saw indices shape: [1,4] and params shape: [2,3,4]'],
      [
        () => tf.scatterNd([[1]], [[1, 2]], [3, 3]),
        'Dimensions [1,2) of input[shape=[3,3]] = [3] must match dimensions [1,2) of updates[shape=[1,2]] = [2]: Dimension 0 in both shapes must be equal, but are 3 and 2. Shapes are [3] and [2].',
      ],
      [() => tf.math.topK([1, 2], 3), 'input must have last dimension >= k = 3 but is 2'],
      [() => tf.math.topK([1, 2], -1), 'Dimension size, given by scalar input 1, must be non-negative but is -1'],
      [() => tf.math.topK(1, 1), 'Shape must be at least rank 1 but is rank 0'],
      [() => tf.unique(p()), 'Shape must be rank 1 but is rank 3'],
      [() => tf.math.unsortedSegmentSum(tf.zeros([2, 3]), i32([0, 1, 2]), 3), 'Dimensions must be equal, but are 2 and 3'],
    ];
    for (const [f, msg] of cases) expectValueErrorPrefix(() => build(f), msg);
    assert.throws(() => build(() => tf.unstack(tf.placeholder('float32', [null]))), /Cannot infer argument `num` from shape \(\?,\)/);
    assert.throws(() => build(() => tf.pad(tf.ones([2]), [[1, 1]], 'WRAP')), /Received `mode` = WRAP/);
    assert.throws(() => build(() => tf.getItem(tf.ones([2]), [1.5])), /Only integers, slices/);
    const numberTypes = 'float32, float64, int32, uint8, int16, int8, int64, uint16, float16, uint32, uint64';
    expectTypeError(() => build(() => tf.cumsum(tf.constant([true]))), `Value passed to parameter 'x' has DataType bool not in list of allowed values: ${numberTypes}`);
    expectTypeError(() => build(() => tf.math.topK(tf.constant([true]))), `Value passed to parameter 'input' has DataType bool not in list of allowed values: ${numberTypes}`);
    expectTypeError(
      () => build(() => tf.math.unsortedSegmentSum(tf.constant([true]), [0], 1)),
      `Value passed to parameter 'data' has DataType bool not in list of allowed values: ${numberTypes}`,
    );
  });
  test('no build-time error where TensorFlow leaves the check to the kernel', () => {
    const { out } = build(() => [tf.slice(tf.placeholder('float32', [2, 3, 4]), [0, 0, 0], [3, 1, 1]), tf.pad(tf.placeholder('float32', [2, 3]), [[1, 1], [3, 1]], 'REFLECT')]);
    assert.deepEqual(out.map(shapeStr), ['(3, 1, 1)', '(4, 7)']);
  });
});

/** The gradient function of the op producing `f(xs)`, for every x (each a direct input of that op). */
const checkGradient = (f: (xs: tf.Tensor[]) => tf.Tensor, inputs: readonly number[][], shapes: readonly (readonly number[])[]): void =>
  checkGradientOf(f, inputs, shapes, { direct: true, every: true });

describe('gradients (finite differences)', () => {
  const data = (n: number) => Array.from({ length: n }, (_, i) => Math.sin(i + 1) * 3);
  test('ExpandDims, Transpose, ConcatV2, Pack, Unpack', () => {
    checkGradient(([x]) => tf.expandDims(x as tf.Tensor, 1), [data(6)], [[2, 3]]);
    checkGradient(([x]) => tf.transpose(x as tf.Tensor, [2, 0, 1]), [data(24)], [[2, 3, 4]]);
    checkGradient(([a, b]) => tf.concat([a as tf.Tensor, b as tf.Tensor], -1), [data(6), data(4)], [[2, 3], [2, 2]]);
    checkGradient(([a, b]) => tf.stack([a as tf.Tensor, b as tf.Tensor], 1), [data(6), data(6)], [[2, 3], [2, 3]]);
    checkGradient(([x]) => tf.unstack(x as tf.Tensor, { axis: 1 })[1] as tf.Tensor, [data(6)], [[2, 3]]);
  });
  test('Split, SplitV, Slice, StridedSlice, Tile', () => {
    checkGradient(([x]) => tf.split(x as tf.Tensor, 2, 1)[1] as tf.Tensor, [data(8)], [[2, 4]]);
    checkGradient(([x]) => tf.split(x as tf.Tensor, [1, -1], 1)[0] as tf.Tensor, [data(8)], [[2, 4]]);
    checkGradient(([x]) => tf.slice(x as tf.Tensor, [1, 0, 1], [1, 2, -1]), [data(24)], [[2, 3, 4]]);
    checkGradient(([x]) => tf.getItem(x as tf.Tensor, [sl(null, null, -1), 1, newaxis, sl(1, null, 2)]), [data(24)], [[2, 3, 4]]);
    checkGradient(([x]) => tf.tile(x as tf.Tensor, [2, 3]), [data(6)], [[2, 3]]);
  });
  test('Pad, PadV2, MirrorPad, ReverseV2, GatherV2, GatherNd, ScatterNd', () => {
    checkGradient(([x]) => tf.pad(x as tf.Tensor, [[1, 0], [2, 1]]), [data(6)], [[2, 3]]);
    checkGradient(([x]) => tf.pad(x as tf.Tensor, [[1, 0], [2, 1]], { constantValues: 2 }), [data(6)], [[2, 3]]);
    checkGradient(([x]) => tf.pad(x as tf.Tensor, [[1, 1], [2, 2]], 'REFLECT'), [data(12)], [[3, 4]]);
    checkGradient(([x]) => tf.pad(x as tf.Tensor, [[1, 1], [2, 2]], 'SYMMETRIC'), [data(12)], [[3, 4]]);
    checkGradient(([x]) => tf.reverse(x as tf.Tensor, [1]), [data(6)], [[2, 3]]);
    checkGradient(([x]) => tf.gather(x as tf.Tensor, [2, 0, 2]), [data(12)], [[3, 4]]);
    checkGradient(([x]) => tf.gather(x as tf.Tensor, [[1, 1], [0, 3]], { axis: 1 }), [data(24)], [[2, 4, 3]]);
    checkGradient(([x]) => tf.gather(x as tf.Tensor, [[0, 2, 2], [1, 1, 0]], { axis: 1, batchDims: 1 }), [data(24)], [[2, 3, 4]]);
    checkGradient(([x]) => tf.gather(x as tf.Tensor, [[[3], [0], [3]], [[2], [2], [0]]], { axis: 2, batchDims: -1 }), [data(24)], [[2, 3, 4]]);
    checkGradient(([x]) => tf.gather(x as tf.Tensor, [[1, 0, 1], [0, 0, 1]], { axis: 2, batchDims: 1 }), [data(24)], [[2, 3, 2, 2]]);
    checkGradient(([x]) => tf.gatherNd(x as tf.Tensor, [[1, 2], [1, 2], [0, 0]]), [data(24)], [[2, 3, 4]]);
    checkGradient(([u]) => tf.scatterNd([[1], [3], [1]], u as tf.Tensor, [5, 2]), [data(6)], [[3, 2]]);
  });
  test('StridedSliceGrad and MirrorPadGrad (gradients of gradients)', () => {
    const gradOf = (y: tf.Tensor, dy: tf.Tensor) => (y.op.def.grad as NonNullable<typeof y.op.def.grad>)(y.op, [dy])[0] as tf.Tensor;
    checkGradient(([dy]) => gradOf(tf.getItem(tf.zeros([2, 3, 4], 'float64'), [sl(null, null, -1), 1, newaxis, sl(1, null, 2)]), dy as tf.Tensor), [data(4)], [[2, 1, 2]]);
    checkGradient(([dy]) => gradOf(tf.pad(tf.zeros([3, 4], 'float64'), [[1, 1], [2, 2]], 'REFLECT'), dy as tf.Tensor), [data(40)], [[5, 8]]);
  });
  test('UnsortedSegmentSum, TopKV2, Cumsum', () => {
    checkGradient(([x]) => tf.math.unsortedSegmentSum(x as tf.Tensor, i32([2, 0, 2, 1]), 3), [data(8)], [[4, 2]]);
    checkGradient(([x]) => tf.math.topK(x as tf.Tensor, 2)[0], [data(12)], [[3, 4]]);
    checkGradient(([x]) => tf.cumsum(x as tf.Tensor, 1), [data(6)], [[2, 3]]);
    checkGradient(([x]) => tf.cumsum(x as tf.Tensor, 0, { exclusive: true, reverse: true }), [data(6)], [[2, 3]]);
  });
});

describe('BroadcastTo (tf.broadcastTo)', () => {
  test('values against TensorFlow, every dtype, scalars and empty targets', () => {
    golden('broadcast_to', () => tf.broadcastTo(i32([[1], [2]]), [3, 2, 4]));
    golden('broadcast_to_int64_shape', () => tf.broadcastTo(tf.constant(7n), tf.constant([2n, 3n])));
    expectArray(evalT(() => tf.broadcastTo(tf.constant(['a', 'b']), [2, 2])), 'string', [2, 2], [['a', 'b'], ['a', 'b']]);
    expectArray(evalT(() => tf.broadcastTo(tf.constant([true, false]), [2, 1, 2])), 'bool', [2, 1, 2], [[[true, false]], [[true, false]]]);
    expectArray(evalT(() => tf.broadcastTo(tf.constant(2.5), [])), 'float32', [], 2.5);
    expectArray(evalT(() => tf.broadcastTo(tf.ones([1, 3]), [0, 3])), 'float32', [0, 3], []);
    // a large float32 broadcast (the wasm backend runs it on its heap) against the formula
    const r = evalT(() => tf.broadcastTo(tf.reshape(tf.range(300, undefined, undefined, 'float32'), [300, 1]), [4, 300, 257]));
    const d = r.data as Float32Array;
    assert.deepEqual([...r.shape], [4, 300, 257]);
    assert.ok(d.every((v, i) => v === Math.floor(i / 257) % 300));
  });
  test('op type, names and static shapes (known, partial, unknown targets)', () => {
    const { out } = build(() => {
      const q = tf.placeholder('float32', [null, 3]);
      const s = tf.placeholder('int32', [3]);
      const r = tf.placeholder('float32', [null, 1]);
      return {
        b: tf.broadcastTo(tf.ones([3]), [2, 3]),
        shapes: [tf.broadcastTo(q, [5, 3]), tf.broadcastTo(q, [2, 5, 3]), tf.broadcastTo(q, s), tf.broadcastTo(r, tf.stack([4, tf.getItem(s, [0])])), tf.broadcastTo(q, tf.placeholder('int32'))],
      };
    });
    assert.equal(out.b.op.type, 'BroadcastTo');
    assert.equal(out.b.op.name, 'BroadcastTo');
    assert.equal(out.b.op.inputs[1]?.op.name, 'BroadcastTo/shape');
    assert.equal(out.b.op.attrs.Tidx, 'int32');
    assert.deepEqual(out.shapes.map(shapeStr), ['(5, 3)', '(2, 5, 3)', '(?, ?, 3)', '(4, ?)', '<unknown>']);
  });
  test('errors: build time (shape function) and run time (kernel), TensorFlow 2.21 texts', () => {
    const p = () => tf.placeholder('float32', [2, 3]);
    expectValueErrorPrefix(() => build(() => tf.broadcastTo(p(), [4])), 'Shape must be at most rank 1 but is rank 2');
    expectValueErrorPrefix(() => build(() => tf.broadcastTo(p(), [3, 3])), 'Dimensions must be equal, but are 2 and 3');
    expectValueErrorPrefix(() => build(() => tf.broadcastTo(p(), [[2, 3]])), 'Shape must be rank 1 but is rank 2');
    // a constant shape with a value below -1, here and in the other ops taking a shape tensor
    expectValueErrorPrefix(() => build(() => tf.broadcastTo(p(), [2, -3])), 'Invalid value in tensor used for shape: -3');
    expectValueErrorPrefix(() => build(() => tf.reshape(p(), [2, -3])), 'Invalid value in tensor used for shape: -3');
    expectValueErrorPrefix(() => build(() => tf.fill([2, -3], 1)), 'Invalid value in tensor used for shape: -3');
    expectValueErrorPrefix(() => build(() => tf.fill([2, -1], 1)), 'Fill dimensions must be >= 0');
    const feed = (target: number[], msg: string) => {
      const { sess, out } = build(() => {
        const x = tf.placeholder('float32');
        const s = tf.placeholder('int32');
        return { x, s, y: tf.broadcastTo(x, s) };
      });
      const feeds = new Map<tf.Tensor, tf.NDArray>([
        [out.x, new tf.NDArray('float32', [2, 3], new Float32Array(6))],
        [out.s, new tf.NDArray('int32', [target.length], Int32Array.from(target))],
      ]);
      expectOpError(() => sess.run(out.y, feeds), E, 'BroadcastTo', msg);
    };
    feed([4], 'Rank of input (2) must be no greater than rank of output shape (1).');
    feed([3, 3], 'Incompatible shapes: [2,3] vs. [3,3]');
    feed([2, 0], 'Incompatible shapes: [2,3] vs. [2,0]');
    feed([2, -3], 'Dimension -3 must be >= 0');
    const { sess, out } = build(() => {
      const s = tf.placeholder('int32');
      return { s, y: tf.broadcastTo(tf.ones([2]), s) };
    });
    expectOpError(() => sess.run(out.y, new Map([[out.s, new tf.NDArray('int32', [1, 2], Int32Array.of(2, 2))]])), E, 'BroadcastTo', 'shape must be a vector of {int32,int64}, got shape [1,2]');
  });
  test('gradient: the sum over the broadcast axes (finite differences)', () => {
    const data = (n: number) => Array.from({ length: n }, (_, i) => Math.sin(i + 1) * 3);
    checkGradient(([x]) => tf.broadcastTo(x as tf.Tensor, [2, 3, 4]), [data(4)], [[4]]);
    checkGradient(([x]) => tf.broadcastTo(x as tf.Tensor, [2, 3, 4]), [data(3)], [[3, 1]]);
    checkGradient(([x]) => tf.broadcastTo(x as tf.Tensor, [2, 3]), [data(6)], [[2, 3]]);
  });
});
