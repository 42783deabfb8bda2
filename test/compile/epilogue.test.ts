// Epilogue fusion: MatMul / Conv2D → bias → activation as one step, on the CPU and wasm backends,
// with the values of the unfused plan.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';

const UNFUSED = { graphOptions: { rewriteOptions: { remapping: 'OFF' } } } as const;
type Plan = ReturnType<tf.Session['describePlan']>;

const steps = (plan: Plan) =>
  plan.steps.map((s) => (s.kind === 'fused' ? `fused:${s.ops.map((o) => o.name).join('+')}` : s.kind === 'kernel' ? s.op.name : 'transfer'));

let seed = 7;
const rand = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed / 2 ** 32) * 2 - 1;
};
const randomArray = (shape: number[], dtype: 'float32' | 'float64' = 'float32') => {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = dtype === 'float32' ? Float32Array.from({ length: n }, rand) : Float64Array.from({ length: n }, rand);
  return new tf.NDArray(dtype, shape, data);
};

/** Builds a graph; `fetch` picks what to run, `feed` what to feed. */
function setup<T extends { x: tf.Tensor }>(build: () => T, xShape: number[], dtype: 'float32' | 'float64' = 'float32') {
  const g = new tf.Graph();
  const t = g.asDefault(build);
  const feed = new Map<unknown, unknown>([[t.x, randomArray(xShape, dtype)]]);
  return { g, t, feed };
}

/** The fused run's values equal the unfused run's exactly, on `backend`; returns the fused plan. */
function sameAsUnfused(g: tf.Graph, fetches: tf.Tensor[], feed: Map<unknown, unknown>, backend: 'cpu' | 'wasm'): Plan {
  using fused = new tf.Session({ graph: g, backend });
  using plain = new tf.Session({ graph: g, backend, config: UNFUSED });
  const a = fused.run(fetches, feed) as tf.NDArray[];
  const b = plain.run(fetches, feed) as tf.NDArray[];
  a.forEach((x, i) => {
    assert.deepEqual(Array.from(x.data as Float32Array), Array.from((b[i] as tf.NDArray).data as Float32Array), `fetch ${i}`);
  });
  assert.equal(steps(plain.describePlan(fetches, feed)).some((s) => s.startsWith('fused')), false);
  return fused.describePlan(fetches, feed);
}

const dense = (x: tf.Tensor, n: number, m: number, act: ((t: tf.Tensor) => tf.Tensor) | null, useBiasAdd: boolean, dtype: 'float32' | 'float64' = 'float32') => {
  const w = tf.constant(randomArray([n, m], dtype), undefined, undefined, 'w');
  const b = tf.constant(randomArray([m], dtype), undefined, undefined, 'b');
  const mm = tf.matmul(x, w, false, false, { name: 'mm' });
  const z = useBiasAdd ? tf.nn.biasAdd(mm, b, undefined, 'bias') : tf.add(mm, b, { name: 'bias' });
  return act ? act(z) : z;
};

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`epilogue fusion (${backend})`, () => {
    test('MatMul → BiasAdd → Relu is one step, printed as an epilogue', () => {
      const { g, t, feed } = setup(() => {
        const x = tf.placeholder('float32', [5, 7], 'x');
        return { x, y: dense(x, 7, 9, (z) => tf.nn.relu(z, 'act'), true) };
      }, [5, 7]);
      const plan = sameAsUnfused(g, [t.y], feed, backend);
      assert.deepEqual(steps(plan), ['fused:mm+bias+act']);
      const text = plan.toString();
      assert.match(text, /pass epilogue fusion: mm → bias → act/);
      assert.match(text, /act = fused epilogue MatMul→BiasAdd→Relu\(%\d+, %\d+, %\d+\)/);
    });

    for (const [name, act] of [
      ['Relu6', (z: tf.Tensor) => tf.nn.relu6(z, 'act')],
      ['Sigmoid', (z: tf.Tensor) => tf.sigmoid(z, 'act')],
      ['Tanh', (z: tf.Tensor) => tf.tanh(z, 'act')],
      ['Elu', (z: tf.Tensor) => tf.nn.elu(z, 'act')],
      ['none', null],
    ] as const) {
      test(`MatMul → AddV2(1-D bias) → ${name}, also with tails past the tile edge`, () => {
        const { g, t, feed } = setup(() => {
          const x = tf.placeholder('float32', [13, 300], 'x');
          return { x, y: dense(x, 300, 19, act, false) };
        }, [13, 300]);
        const plan = sameAsUnfused(g, [t.y], feed, backend);
        const s = steps(plan);
        // Both backends fuse all five activations (computed as their unfused kernels compute them).
        assert.equal(s[0], name === 'none' ? 'fused:mm+bias' : 'fused:mm+bias+act');
      });
    }

    test('float64 MatMul → BiasAdd → Tanh (a large k, split in blocks)', () => {
      const { g, t, feed } = setup(() => {
        const x = tf.placeholder('float64', [6, 600], 'x');
        return { x, y: dense(x, 600, 5, (z) => tf.tanh(z, 'act'), true, 'float64') };
      }, [6, 600], 'float64');
      const plan = sameAsUnfused(g, [t.y], feed, backend);
      if (backend === 'cpu') assert.deepEqual(steps(plan), ['fused:mm+bias+act']);
    });

    test('Conv2D → BiasAdd → Relu and Conv2D → AddV2 (1×1 and 3×3, strided, SAME and VALID)', () => {
      for (const [k, stride, padding] of [[3, 1, 'SAME'], [1, 1, 'VALID'], [3, 2, 'VALID'], [5, 1, 'SAME']] as const) {
        const { g, t, feed } = setup(() => {
          const x = tf.placeholder('float32', [2, 9, 11, 6], 'x');
          const f = tf.constant(randomArray([k, k, 6, 10]), undefined, undefined, 'f');
          const b = tf.constant(randomArray([10]), undefined, undefined, 'b');
          const c = tf.nn.conv2d(x, f, [1, stride, stride, 1], padding, { name: 'conv' });
          const y1 = tf.nn.relu(tf.nn.biasAdd(c, b, undefined, 'bias'), 'act');
          const c2 = tf.nn.conv2d(y1, tf.constant(randomArray([k, k, 10, 3])), [1, 1, 1, 1], 'SAME', { name: 'conv2' });
          return { x, y: tf.add(c2, tf.constant(randomArray([3])), { name: 'bias2' }) };
        }, [2, 9, 11, 6]);
        const plan = sameAsUnfused(g, [t.y], feed, backend);
        assert.deepEqual(steps(plan), ['fused:conv+bias+act', 'fused:conv2+bias2'], `${k} ${stride} ${padding}`);
      }
    });

    test('fetched or shared intermediates, 2-D addends, NCHW and control edges keep the ops apart', () => {
      const { g, t, feed } = setup(() => {
        const x = tf.placeholder('float32', [4, 3], 'x');
        const w = () => tf.constant(randomArray([3, 3]));
        const b = tf.constant(randomArray([3]), undefined, undefined, 'b');
        const mm1 = tf.matmul(x, w(), false, false, { name: 'mm1' });
        const fetchedZ = tf.nn.biasAdd(mm1, b, undefined, 'z1');
        const y1 = tf.nn.relu(fetchedZ, 'act1');
        const mm2 = tf.matmul(x, w(), false, false, { name: 'mm2' });
        const y2 = tf.add(tf.nn.relu(tf.add(mm2, b, { name: 'z2' }), 'act2'), mm2, { name: 'twice' });
        const y3 = tf.nn.relu(tf.add(tf.matmul(x, w(), false, false, { name: 'mm3' }), tf.constant(randomArray([4, 3])), { name: 'full' }), 'act3');
        const mm4 = tf.matmul(x, w(), false, false, { name: 'mm4' });
        const z5 = tf.add(tf.matmul(x, w(), false, false, { name: 'mm5' }), b, { name: 'z5' });
        const y4: tf.Tensor = tf.controlDependencies([mm4.op], () => tf.nn.relu(z5, 'act5'));
        return { x, y1, z1: fetchedZ, y2, y3, y4, mm4 };
      }, [4, 3]);
      const fetches = [t.y1, t.z1, t.y2, t.y3, t.y4, t.mm4];
      const plan = sameAsUnfused(g, fetches, feed, backend);
      const s = steps(plan);
      // z1 is fetched: only mm1 + bias fuse, relu stays. mm2 feeds two ops: it stays apart, and its
      // bias add (a row operand), relu and sum fuse as an elementwise chain. A [4,3] addend is no bias.
      assert.ok(s.includes('fused:mm1+z1') && s.includes('act1'), s.join(' '));
      assert.ok(s.includes('mm2') && s.includes('fused:z2+act2+twice'), s.join(' '));
      assert.ok(s.includes('mm3') && !s.some((x) => x.startsWith('fused:mm3')), s.join(' '));
      // act5 has a control input: mm5 + z5 fuse, the relu stays apart.
      assert.ok(s.includes('fused:mm5+z5') && s.includes('act5'), s.join(' '));

      const nchw = setup(() => {
        const x = tf.placeholder('float32', [1, 2, 4, 4], 'x');
        const c = tf.nn.conv2d(x, tf.constant(randomArray([1, 1, 2, 3])), [1, 1, 1, 1], 'VALID', { name: 'conv', dataFormat: 'NCHW' });
        return { x, y: tf.nn.relu(tf.nn.biasAdd(c, tf.constant(randomArray([3])), 'NCHW', 'bias'), 'act') };
      }, [1, 2, 4, 4]);
      using s2 = new tf.Session({ graph: nchw.g, backend });
      assert.equal(steps(s2.describePlan(nchw.t.y, nchw.feed)).some((x) => x.startsWith('fused:conv')), false);
    });

    test('a training step: gradients read the fused activation and match the unfused run', () => {
      const { g, t, feed } = setup(() => {
        const x = tf.placeholder('float32', [8, 6], 'x');
        const w1 = new tf.Variable(randomArray([6, 5]), { name: 'w1' });
        const b1 = new tf.Variable(randomArray([5]), { name: 'b1' });
        const w2 = new tf.Variable(randomArray([5, 3]), { name: 'w2' });
        const b2 = new tf.Variable(randomArray([3]), { name: 'b2' });
        const h = tf.nn.relu(tf.add(tf.matmul(x, w1), b1), 'h');
        const out = tf.add(tf.matmul(h, w2), b2);
        const loss = tf.reduceSum(tf.square(out));
        const grads = tf.gradients(loss, [w1, b1, w2, b2]);
        return { x, loss, grads, init: tf.globalVariablesInitializer() };
      }, [8, 6]);
      using fused = new tf.Session({ graph: g, backend });
      using plain = new tf.Session({ graph: g, backend, config: UNFUSED });
      fused.run(t.init);
      plain.run(t.init);
      const fetches = [t.loss, ...(t.grads as tf.Tensor[])];
      const a = fused.run(fetches, feed) as tf.NDArray[];
      const b = plain.run(fetches, feed) as tf.NDArray[];
      a.forEach((x, i) => {
        assert.deepEqual(x.toArray(), (b[i] as tf.NDArray).toArray());
      });
      assert.ok(steps(fused.describePlan(fetches, feed)).some((s) => s.endsWith('+h')));
    });

    test('run-time bias errors are BiasAdd\'s', () => {
      const { g, t, feed } = setup(() => {
        const x = tf.placeholder('float32', [2, 3], 'x');
        const b = tf.placeholder('float32', null, 'b');
        return { x, b, y: tf.nn.relu(tf.nn.biasAdd(tf.matmul(x, tf.constant(randomArray([3, 4]))), b)) };
      }, [2, 3]);
      using sess = new tf.Session({ graph: g, backend });
      feed.set(t.b, [1, 2, 3]);
      assert.throws(() => sess.run(t.y, feed), (e: unknown) => e instanceof tf.errors.InvalidArgumentError && /Must provide as many biases as the last dimension of the input tensor: \[3\] vs. \[2,4\]/.test((e as Error).message));
      feed.set(t.b, [[1, 2, 3, 4]]);
      assert.throws(() => sess.run(t.y, feed), (e: unknown) => e instanceof tf.errors.InvalidArgumentError && /Biases must be 1D: \[1,4\]/.test((e as Error).message));
    });
  });
}
