// Array ops whose output shapes depend on fed values (sizes, multiples, k, paddings, index
// bounds): the plan sizes their outputs at run time.
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, expectArray, feed } from './helpers.js';

const i32 = (v: number[] | number) => new tf.NDArray('int32', Array.isArray(v) ? [v.length] : [], Int32Array.from(Array.isArray(v) ? v : [v]));

describe('output shapes from fed values', () => {
  test('Slice, Tile, Pad, TopKV2, OneHot, StridedSlice, Split (SplitV) with fed arguments', () => {
    const { sess, out } = build(() => {
      const x = tf.reshape(tf.range(12, { dtype: 'int32' }), [3, 4]);
      const size = tf.placeholder('int32', [2]);
      const mult = tf.placeholder('int32', [2]);
      const k = tf.placeholder('int32', []);
      const pads = tf.placeholder('int32', [2, 2]);
      const b = tf.placeholder('int32', [1]);
      const sizes = tf.placeholder('int32', [2]);
      return {
        size,
        mult,
        k,
        pads,
        b,
        sizes,
        sl: tf.slice(x, [1, 1], size),
        ti: tf.tile(x, mult),
        tk: tf.math.topK(tf.cast(x, 'float32'), k)[1],
        oh: tf.oneHot([0, 1], k),
        pd: tf.pad(x, pads),
        ss: tf.stridedSlice(x, b, [3]),
        sp: tf.split(x, sizes, 1)[1] as tf.Tensor,
      };
    });
    const f = feed(
      [out.size, i32([2, -1])],
      [out.mult, i32([1, 2])],
      [out.k, i32(2)],
      [out.pads, new tf.NDArray('int32', [2, 2], Int32Array.from([0, 1, 1, 0]))],
      [out.b, i32([1])],
      [out.sizes, i32([3, 1])],
    );
    const [sl, ti, tk, oh, pd, ss, sp] = sess.run([out.sl, out.ti, out.tk, out.oh, out.pd, out.ss, out.sp], f);
    expectArray(sl as tf.NDArray, 'int32', [2, 3], [[5, 6, 7], [9, 10, 11]]);
    expectArray(ti as tf.NDArray, 'int32', [3, 8], [[0, 1, 2, 3, 0, 1, 2, 3], [4, 5, 6, 7, 4, 5, 6, 7], [8, 9, 10, 11, 8, 9, 10, 11]]);
    expectArray(tk as tf.NDArray, 'int32', [3, 2], [[3, 2], [3, 2], [3, 2]]);
    expectArray(oh as tf.NDArray, 'float32', [2, 2], [[1, 0], [0, 1]]);
    expectArray(pd as tf.NDArray, 'int32', [4, 5], [[0, 0, 1, 2, 3], [0, 4, 5, 6, 7], [0, 8, 9, 10, 11], [0, 0, 0, 0, 0]]);
    expectArray(ss as tf.NDArray, 'int32', [2, 4], [[4, 5, 6, 7], [8, 9, 10, 11]]);
    expectArray(sp as tf.NDArray, 'int32', [3, 1], [[3], [7], [11]]);
    // A second run with other values re-sizes the outputs.
    const f2 = feed(
      [out.size, i32([1, 1])],
      [out.mult, i32([2, 1])],
      [out.k, i32(1)],
      [out.pads, new tf.NDArray('int32', [2, 2], Int32Array.from([0, 0, 0, 0]))],
      [out.b, i32([2])],
      [out.sizes, i32([1, 3])],
    );
    const [sl2, ti2, tk2, , , ss2, sp2] = sess.run([out.sl, out.ti, out.tk, out.oh, out.pd, out.ss, out.sp], f2);
    expectArray(sl2 as tf.NDArray, 'int32', [1, 1], [[5]]);
    expectArray(ti2 as tf.NDArray, 'int32', [6, 4], [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11], [0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]);
    expectArray(tk2 as tf.NDArray, 'int32', [3, 1], [[3], [3], [3]]);
    expectArray(ss2 as tf.NDArray, 'int32', [1, 4], [[8, 9, 10, 11]]);
    expectArray(sp2 as tf.NDArray, 'int32', [3, 3], [[1, 2, 3], [5, 6, 7], [9, 10, 11]]);
  });
});
