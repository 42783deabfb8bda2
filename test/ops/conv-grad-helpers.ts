// A finite-difference gradient check for ops whose first inputs are int32 sizes
// (Conv2DBackpropInput, AvgPoolGrad, …): helpers.ts's checkGradient pairs every op input with a
// float64 placeholder, so here placeholder i stands for op input `at[i]` and the others are fixed.
import assert from 'node:assert/strict';
import * as tf from '../../src/v1.js';

export function checkGradientAt(
  f: (xs: tf.Tensor[]) => tf.Tensor,
  inputs: readonly (readonly number[])[],
  shapes: readonly (readonly number[])[],
  at: readonly number[],
  tol = 1e-6,
): void {
  const g = new tf.Graph();
  const { xs, y, dy, grads } = g.asDefault(() => {
    const xs = shapes.map((s, i) => tf.placeholder('float64', s, `x${i}`));
    const y = f(xs);
    const dy = tf.placeholder('float64', y.shape.dims as number[], 'dy');
    const def = y.op.def;
    assert.equal(typeof def.grad, 'function', `${def.type} has a gradient function`);
    const grads = (def.grad as NonNullable<typeof def.grad>)(y.op, [dy]);
    return { xs, y, dy, grads };
  });
  using sess = new tf.Session({ graph: g });
  const ySize = (y.shape.dims as number[]).reduce((a, b) => a * b, 1);
  let seed = 11;
  const rand = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647 - 0.5;
  };
  const dyFlat = Array.from({ length: ySize }, rand);
  const dyValue = new tf.NDArray('float64', y.shape.dims as number[], Float64Array.from(dyFlat));
  const feed = (vals: readonly (readonly number[])[]) =>
    new Map<unknown, unknown>([
      ...xs.map((x, i) => [x, new tf.NDArray('float64', shapes[i] as number[], Float64Array.from(vals[i] as number[]))] as [unknown, unknown]),
      [dy, dyValue],
    ]);
  const objective = (vals: readonly (readonly number[])[]) => {
    const out = sess.run(y, feed(vals)).data as Float64Array;
    return out.reduce((s, v, k) => s + v * (dyFlat[k] as number), 0);
  };
  xs.forEach((_x, i) => {
    const gi = grads[at[i] as number];
    assert.ok(gi !== null && gi !== undefined, `op input ${at[i]} has a gradient`);
    const analytic = sess.run(gi, feed(inputs)).data as Float64Array;
    const base = inputs[i] as readonly number[];
    assert.equal(analytic.length, base.length, `gradient ${i} has the input's size`);
    base.forEach((v, j) => {
      const h = 1e-6 * Math.max(1, Math.abs(v));
      const plus = inputs.map((a, k) => (k === i ? a.map((w, m) => (m === j ? w + h : w)) : a));
      const minus = inputs.map((a, k) => (k === i ? a.map((w, m) => (m === j ? w - h : w)) : a));
      const numeric = (objective(plus) - objective(minus)) / (2 * h);
      const got = analytic[j] as number;
      assert.ok(Math.abs(got - numeric) <= tol * Math.max(1, Math.abs(numeric)) + 1e-7, `d/dx${i}[${j}]: analytic ${got}, numeric ${numeric}`);
    });
  });
}
