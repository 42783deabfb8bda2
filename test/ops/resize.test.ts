// Conformance: ResizeBilinear, ResizeNearestNeighbor, their gradients and the tf.image builders:
// names and attrs, static shapes, TensorFlow's errors, the three coordinate modes, dtypes and
// gradient checks. Values against TensorFlow: conv-golden.test.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyOp1 } from '../../src/ops/builder.js';
import { getOpDef } from '../../src/ops/registry.js';
import * as tf from '../../src/v1.js';
import { build, checkGradient, evalT, expectArray, expectClose, expectOpError, expectValueError, feed, shapeStr } from './helpers.js';

const ph = (s: (number | null)[] | null, dtype: tf.DType = 'float32') => tf.placeholder(dtype, s);
const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
const rawOp = (type: string, inputs: unknown[], attrs: Record<string, unknown>) =>
  applyOp1(getOpDef(type) as NonNullable<ReturnType<typeof getOpDef>>, inputs, { align_corners: attrs.alignCorners === true, half_pixel_centers: attrs.halfPixelCenters === true }) as tf.Tensor;
const vals = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => Math.round(Math.sin(i * 1.3 + offset) * 40) / 8);

describe('tf.image resize builders', () => {
  test('op types, names, attrs, static shapes, output dtypes', () => {
    const { out } = build(() => [
      tf.image.resizeBilinear(ph([2, 5, 5, 3]), [3, 4]),
      tf.image.resizeNearestNeighbor(ph([2, 5, 5, 3], 'int32'), [7, 1], true),
      tf.image.resizeBilinear(ph([null, 5, 5, 1], 'uint8'), ph([2], 'int32'), { halfPixelCenters: true, name: 'up' }),
    ]);
    const [a, b, c] = out as [tf.Tensor, tf.Tensor, tf.Tensor];
    assert.deepEqual([a.op.type, a.op.name, a.dtype, shapeStr(a)], ['ResizeBilinear', 'ResizeBilinear', 'float32', '(2, 3, 4, 3)']);
    assert.deepEqual([a.op.attrs.align_corners, a.op.attrs.half_pixel_centers], [false, false]);
    assert.deepEqual([b.op.type, b.dtype, shapeStr(b), b.op.attrs.align_corners], ['ResizeNearestNeighbor', 'int32', '(2, 7, 1, 3)', true]);
    assert.deepEqual([c.op.name, c.dtype, shapeStr(c), c.op.attrs.half_pixel_centers], ['up', 'float32', '(?, ?, ?, 1)', true]);
  });

  test("build-time errors: TensorFlow's messages", () => {
    expectValueError(
      () => build(() => tf.image.resizeBilinear(ph([5, 5, 1]), [3, 3])),
      "Shape must be rank 4 but is rank 3 for '{{node ResizeBilinear}} = ResizeBilinear[T=DT_FLOAT, align_corners=false, half_pixel_centers=false](Placeholder, ResizeBilinear/size)' with input shapes: [5,5,1], [2].",
    );
    expectValueError(
      () => build(() => tf.image.resizeBilinear(ph([1, 5, 5, 1]), [3, 3, 3])),
      "Dimension must be 2 but is 3 for '{{node ResizeBilinear}} = ResizeBilinear[T=DT_FLOAT, align_corners=false, half_pixel_centers=false](Placeholder, ResizeBilinear/size)' with input shapes: [1,5,5,1], [3].",
    );
  });
});

describe('resize kernels', () => {
  const img = [0, 1, 2, 3]; // [1, 2, 2, 1]
  test('bilinear: legacy, align_corners and half_pixel_centers differ', () => {
    // Expected values from TensorFlow 2.21 (tf.compat.v1.image.resize_bilinear, 2×2 → 3×4).
    const r = (o: Record<string, boolean>) => evalT(() => tf.image.resizeBilinear(tf.constant(img, 'float32', [1, 2, 2, 1]), [3, 4], o)).toArray();
    const col = (rows: number[][]) => [rows.map((row) => row.map((v) => [v]))];
    expectClose(r({}), col([[0, 0.5, 1, 1], [4 / 3, 11 / 6, 7 / 3, 7 / 3], [2, 2.5, 3, 3]]), 1e-6);
    expectClose(r({ alignCorners: true }), col([[0, 1 / 3, 2 / 3, 1], [1, 4 / 3, 5 / 3, 2], [2, 7 / 3, 8 / 3, 3]]), 1e-6);
    expectClose(r({ halfPixelCenters: true }), col([[0, 0.25, 0.75, 1], [1, 1.25, 1.75, 2], [2, 2.25, 2.75, 3]]), 1e-6);
  });

  test('nearest neighbour modes, and int32 values copied exactly', () => {
    const r = (o: Record<string, boolean>) => evalT(() => tf.image.resizeNearestNeighbor(tf.constant([10, 20, 30], 'int32', [1, 1, 3, 1]), [1, 5], o)).toArray();
    assert.deepEqual(r({}), [[[[10], [10], [20], [20], [30]]]]);
    assert.deepEqual(r({ alignCorners: true }), [[[[10], [20], [20], [30], [30]]]]);
    assert.deepEqual(r({ halfPixelCenters: true }), [[[[10], [10], [20], [30], [30]]]]);
  });

  test("run-time errors (TensorFlow's kernel messages)", () => {
    expectOpError(
      () => evalT(() => tf.image.resizeBilinear(tf.ones([1, 2, 2, 1]), [3, 3], true, undefined, true)),
      tf.errors.InvalidArgumentError,
      'ResizeBilinear',
      'If half_pixel_centers is True, align_corners must be False.',
    );
    expectOpError(() => evalT(() => tf.image.resizeBilinear(tf.ones([1, 2, 2, 1]), [0, 3])), tf.errors.InvalidArgumentError, 'ResizeBilinear', 'output dimensions must be positive');
    expectOpError(() => evalT(() => tf.image.resizeNearestNeighbor(tf.ones([1, 0, 2, 1]), [2, 3])), tf.errors.InvalidArgumentError, 'ResizeNearestNeighbor', 'input image must be of non-zero size');
  });

  test('a fed size', () => {
    const { sess, out } = build(() => {
      const s = ph([2], 'int32');
      return { s, y: tf.image.resizeNearestNeighbor(tf.constant(img, 'float32', [1, 2, 2, 1]), s) };
    });
    expectArray(sess.run(out.y, feed([out.s, [1, 1]])), 'float32', [1, 1, 1, 1], [[[[0]]]]);
  });
});

const MODES: Record<string, boolean>[] = [{}, { alignCorners: true }, { halfPixelCenters: true }];

describe('resize gradients', () => {
  for (const m of MODES) {
    const label = JSON.stringify(m);
    test(`ResizeNearestNeighbor ${label} (finite differences)`, () => {
      for (const [src, dst] of [[[3, 4], [5, 2]], [[4, 4], [2, 3]]] as const) {
        const xs = [1, src[0], src[1], 2];
        checkGradient(([x]) => tf.image.resizeNearestNeighbor(x as tf.Tensor, [...dst], m), [vals(size(xs))], [xs]);
      }
    });

    test(`ResizeBilinear ${label}: ResizeBilinearGrad is the adjoint of the (linear) resize`, () => {
      // ResizeBilinear outputs float32 whatever the input, so helpers.ts's float64 check does not
      // apply; the map is linear, so <resize(x), dy> = <x, grad(dy)> for every x and dy.
      for (const [src, dst] of [[[3, 4], [5, 2]], [[4, 5], [2, 3]], [[3, 3], [1, 1]]] as const) {
        const xs = [2, src[0], src[1], 2];
        const ys = [2, dst[0], dst[1], 2];
        const xv = vals(size(xs));
        const dyv = vals(size(ys), 2);
        const { sess, out } = build(() => {
          const x = tf.constant(xv, 'float64', xs);
          const y = tf.image.resizeBilinear(x, [...dst], m);
          const def = y.op.def;
          const [gx, gs] = (def.grad as NonNullable<typeof def.grad>)(y.op, [tf.constant(dyv, 'float32', ys)]);
          assert.equal(gs, null, 'no gradient for size');
          assert.equal((gx as tf.Tensor).op.type, 'ResizeBilinearGrad');
          return [y, gx as tf.Tensor];
        });
        const [y, gx] = sess.run(out) as [tf.NDArray, tf.NDArray];
        assert.equal(gx.dtype, 'float64');
        const lhs = Array.from(y.data as Float32Array).reduce((s, v, i) => s + v * (dyv[i] as number), 0);
        const rhs = Array.from(gx.data as Float64Array).reduce((s, v, i) => s + v * (xv[i] as number), 0);
        expectClose(lhs, rhs, 1e-5);
      }
    });
  }

  test('the gradient ops have gradients: the forward resize is their adjoint (TensorFlow has none)', () => {
    for (const m of MODES) {
      const xs = [1, 3, 4, 2];
      const ys = [1, 5, 2, 2];
      // ResizeNearestNeighborGrad in float64: finite differences.
      checkGradient(([g]) => rawOp('ResizeNearestNeighborGrad', [g as tf.Tensor, tf.constant([3, 4], 'int32')], m), [vals(size(ys))], [ys]);
      // ResizeBilinearGrad takes float32 grads: <G(d), g> = <d, H(g)> with H its gradient.
      const d = vals(size(ys), 1);
      const gv = vals(size(xs), 2);
      const { sess, out } = build(() => {
        const dT = tf.constant(d, 'float32', ys);
        const G = rawOp('ResizeBilinearGrad', [dT, tf.zeros(xs, 'float64')], m);
        const def = G.op.def;
        const [H, none] = (def.grad as NonNullable<typeof def.grad>)(G.op, [tf.constant(gv, 'float64', xs)]);
        assert.equal(none, null);
        assert.equal((H as tf.Tensor).op.type, 'ResizeBilinear');
        return [G, H as tf.Tensor];
      });
      const [Gv, Hv] = sess.run(out) as [tf.NDArray, tf.NDArray];
      const lhs = Array.from(Gv.data as Float64Array).reduce((s, v, i) => s + v * (gv[i] as number), 0);
      const rhs = Array.from(Hv.data as Float32Array).reduce((s, v, i) => s + v * (d[i] as number), 0);
      expectClose(lhs, rhs, 1e-5);
    }
  });
});

