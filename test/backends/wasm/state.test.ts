// Variables on the wasm backend: float32 VariableV2 / Assign* / IsVariableInitialized and the
// optimizers' Apply* kernels run there (no transfer of weights or gradients), agree with the CPU
// kernels, keep TF1's ref semantics and errors, and a training step allocates nothing after warm-up.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KernelSignature } from '../../../src/backends/backend.js';
import { cpuBackend } from '../../../src/backends/cpu/backend.js';
import { WasmBackend } from '../../../src/backends/wasm/backend.js';
import { InvalidArgumentError } from '../../../src/core/errors.js';
import { NDArray } from '../../../src/core/ndarray.js';
import type { Operation } from '../../../src/graph/operation.js';
import type { Attrs } from '../../../src/ops/types.js';
import type { Tensor } from '../../../src/graph/tensor.js';
import { applyOpAsOperation } from '../../../src/ops/builder.js';
import { ApplyAdagrad, ApplyAdam, ApplyCenteredRMSProp, ApplyGradientDescent, ApplyMomentum, ApplyRMSProp } from '../../../src/ops/defs/train/apply-ops.js';
import * as tf from '../../../src/v1.js';
import { rand, wasm1, wasm2 } from './helpers.js';

const floats = (n: number, lo: number, hi: number, shape: readonly number[] = [n]) =>
  new NDArray('float32', shape, Float32Array.from({ length: n }, () => lo + ((rand() + 1) / 2) * (hi - lo)));

interface Case {
  readonly name: string;
  /** The refs (the variable first) with their initial values' range, the scalars, and the op. */
  readonly refs: readonly (readonly [number, number])[];
  readonly scalars: readonly number[];
  readonly build: (refs: Tensor[], scalars: Tensor[], grad: Tensor) => Operation;
}

const CASES: readonly Case[] = [
  { name: 'ApplyGradientDescent', refs: [[-1, 1]], scalars: [0.1], build: ([v], [a], g) => applyOpAsOperation(ApplyGradientDescent, [v, a, g], {}) },
  ...[false, true].map(
    (nesterov): Case => ({
      name: `ApplyMomentum use_nesterov=${nesterov}`,
      refs: [
        [-1, 1],
        [-0.5, 0.5],
      ],
      scalars: [0.05, 0.9],
      build: ([v, acc], [lr, m], g) => applyOpAsOperation(ApplyMomentum, [v, acc, lr, g, m], { use_nesterov: nesterov, use_locking: true }),
    }),
  ),
  ...[false, true].map(
    (nesterov): Case => ({
      name: `ApplyAdam use_nesterov=${nesterov}`,
      refs: [
        [-1, 1],
        [-0.1, 0.1],
        [0, 0.01],
      ],
      scalars: [0.9 ** 3, 0.999 ** 3, 0.01, 0.9, 0.999, 1e-7],
      build: ([v, m, s], sc, g) => applyOpAsOperation(ApplyAdam, [v, m, s, ...sc, g], { use_nesterov: nesterov }),
    }),
  ),
  {
    name: 'ApplyRMSProp',
    refs: [
      [-1, 1],
      [0.5, 1],
      [-0.1, 0.1],
    ],
    scalars: [0.01, 0.9, 0.5, 1e-6],
    build: ([v, ms, mom], sc, g) => applyOpAsOperation(ApplyRMSProp, [v, ms, mom, ...sc, g], {}),
  },
  {
    name: 'ApplyCenteredRMSProp',
    refs: [
      [-1, 1],
      [-0.1, 0.1],
      [0.5, 1],
      [-0.1, 0.1],
    ],
    scalars: [0.01, 0.9, 0.5, 1e-6],
    build: ([v, mg, ms, mom], sc, g) => applyOpAsOperation(ApplyCenteredRMSProp, [v, mg, ms, mom, ...sc, g], {}),
  },
  ...[true, false].map(
    (updateSlots): Case => ({
      name: `ApplyAdagrad update_slots=${updateSlots}`,
      refs: [
        [-1, 1],
        [0.1, 1],
      ],
      scalars: [0.05],
      build: ([v, acc], [lr], g) => applyOpAsOperation(ApplyAdagrad, [v, acc, lr, g], { update_slots: updateSlots }),
    }),
  ),
];

/** Runs `c`'s op three times on `backend` from the given initial values: the refs' final values. */
function runCase(c: Case, inits: readonly NDArray[], grad: NDArray, backend: 'cpu' | WasmBackend): Float32Array[] {
  const g = new tf.Graph();
  const { refs, op, init } = g.asDefault(() => {
    const refs = inits.map((a, i) => new tf.Variable(a, { name: `r${i}` }));
    const scalars = c.scalars.map((s) => tf.constant(s, 'float32'));
    const op = c.build(
      refs.map((r) => r._ref),
      scalars,
      tf.constant(grad),
    );
    return { refs, op, init: tf.globalVariablesInitializer() };
  });
  using sess = new tf.Session({ graph: g, backend });
  sess.run(init);
  for (let i = 0; i < 3; i++) sess.run(op);
  return refs.map((r) => sess.run(r).data as Float32Array);
}

function close(got: Float32Array, want: Float32Array, what: string): void {
  assert.equal(got.length, want.length);
  for (let i = 0; i < got.length; i++) {
    const w = want[i] as number;
    const d = Math.abs((got[i] as number) - w);
    if (!(d <= 2e-5 + 2e-5 * Math.abs(w))) assert.fail(`${what}[${i}]: ${got[i]} vs the CPU kernel's ${w}`);
  }
}

describe('wasm Apply* kernels agree with the CPU kernels', () => {
  for (const c of CASES) {
    for (const [n, be] of [
      [1, wasm1],
      [7, wasm1],
      [1029, wasm1],
      [70_001, wasm2], // split over two threads, with a tail
    ] as const) {
      test(`${c.name}, ${n} elements, ${be.requestedThreads} thread(s)`, () => {
        const inits = c.refs.map(([lo, hi]) => floats(n, lo, hi));
        const grad = floats(n, -1, 1);
        const want = runCase(c, inits, grad, 'cpu');
        const got = runCase(c, inits, grad, be);
        for (let i = 0; i < want.length; i++) close(got[i] as Float32Array, want[i] as Float32Array, `${c.name} ref ${i}`);
        // The variable did change (else the comparison proves nothing).
        const before = (inits[0] as NDArray).data as Float32Array;
        assert.ok((got[0] as Float32Array).some((x, i) => x !== before[i]));
      });
    }
  }
});

describe('float32 variables live on the wasm backend', () => {
  test('VariableV2 and its Assign/AssignAdd/AssignSub/IsVariableInitialized run on wasm: no transfer for the variable', () => {
    const g = new tf.Graph();
    const { v, inc, dec, isInit, read } = g.asDefault(() => {
      const v = new tf.Variable([1, 2, 3], { name: 'v' });
      return { v, inc: tf.assignAdd(v, [1, 1, 1]), dec: tf.assignSub(v, [0.5, 0.5, 0.5]), isInit: tf.isVariableInitialized(v), read: tf.multiply(v, 2) };
    });
    using sess = new tf.Session({ graph: g, backend: wasm1 });
    assert.equal(sess.run(isInit).data[0], 0);
    sess.run(v.initializer);
    assert.equal(sess.run(isInit).data[0], 1);
    sess.run(inc);
    sess.run(dec);
    assert.deepEqual(sess.run(read).toArray(), [3, 5, 7]);
    for (const [fetch, what] of [
      [read, 'read'],
      [inc, 'assignAdd'],
      [isInit, 'isVariableInitialized'],
    ] as const) {
      const plan = sess.describePlan(fetch);
      const kernels = plan.steps.filter((s) => s.kind === 'kernel' || s.kind === 'fused');
      assert.ok(
        kernels.every((s) => s.backend.name === 'wasm'),
        `${what}: ${kernels.map((s) => `${s.ops[0]?.type}@${s.backend.name}`).join(' ')}`,
      );
      assert.equal(plan.steps.filter((s) => s.kind === 'transfer').length, 0, `${what}: no transfer`);
    }
  });

  test('errors as the CPU kernels raise them: uninitialized, shape mismatch', () => {
    const g = new tf.Graph();
    const { v, bad, grow, read } = g.asDefault(() => {
      const v = new tf.Variable(tf.zeros([2]), { name: 'v' });
      const p = tf.placeholder('float32', null, 'p');
      return { v, bad: tf.assignAdd(v, p), grow: tf.assign(v, p, { validateShape: false }), read: tf.identity(v) };
    });
    using sess = new tf.Session({ graph: g, backend: wasm1 });
    assert.throws(() => sess.run(read), /Attempting to use uninitialized value v/);
    sess.run(v.initializer);
    const three = new NDArray('float32', [3], Float32Array.of(1, 2, 3));
    assert.throws(
      () => sess.run(bad, new Map([[g.getTensorByName('p:0'), three]])),
      (e: unknown) => e instanceof InvalidArgumentError && /Must have the same shape\. lhs shape= \[2\] rhs shape= \[3\]/.test(e.message),
    );
    sess.run(grow, new Map([[g.getTensorByName('p:0'), three]]));
    assert.deepEqual(sess.run(read).toArray(), [1, 2, 3]);
  });

  test('int32 and int64 variables run on wasm too: wrapping adds, ref reads, Assign of a new shape', () => {
    for (const dtype of ['int32', 'int64'] as const) {
      const g = new tf.Graph();
      const m = g.asDefault(() => {
        const v = new tf.Variable(tf.constant([2147483646, -5], dtype), { name: 'v' });
        const p = tf.placeholder(dtype, null, 'p');
        return {
          v,
          inc: tf.assignAdd(v, tf.constant([1, 2], dtype)),
          dec: tf.assignSub(v, tf.constant([3, 3], dtype)),
          bad: tf.assignAdd(v, p),
          grow: tf.assign(v, p, { validateShape: false }),
          read: tf.identity(v),
        };
      });
      using sess = new tf.Session({ graph: g, backend: wasm1 });
      assert.throws(() => sess.run(m.read), /Attempting to use uninitialized value v/);
      sess.run(m.v.initializer);
      const val = (a: NDArray) => Array.from(a.data as ArrayLike<number | bigint>, Number);
      // AssignAdd returns the ref: its value is the variable's after the update
      assert.deepEqual(val(sess.run(m.inc)), [2147483647, -3]);
      assert.deepEqual(val(sess.run(m.inc)), dtype === 'int32' ? [-2147483648, -1] : [2147483648, -1]);
      assert.deepEqual(val(sess.run(m.dec)), dtype === 'int32' ? [2147483645, -4] : [2147483645, -4]);
      for (const fetch of [m.read, m.inc, m.dec, m.grow]) {
        const plan = sess.describePlan(fetch, fetch === m.grow ? new Map([[g.getTensorByName('p:0'), new NDArray(dtype, [1], dtype === 'int64' ? BigInt64Array.of(9n) : Int32Array.of(9))]]) : undefined);
        assert.deepEqual(
          plan.steps.filter((s) => s.backend.name !== 'wasm').map((s) => (s.kind === 'transfer' ? 'transfer' : s.op.type)),
          [],
          dtype,
        );
      }
      const three = new NDArray(dtype, [3], dtype === 'int64' ? BigInt64Array.of(1n, 2n, 3n) : Int32Array.of(1, 2, 3));
      assert.throws(
        () => sess.run(m.bad, new Map([[g.getTensorByName('p:0'), three]])),
        (e: unknown) => e instanceof InvalidArgumentError && /Must have the same shape\. lhs shape= \[2\] rhs shape= \[3\]/.test(e.message),
      );
      sess.run(m.grow, new Map([[g.getTensorByName('p:0'), three]]));
      assert.deepEqual(val(sess.run(m.read)), [1, 2, 3]);
      assert.equal(sess.run(m.read).dtype, dtype);
    }
  });

  test('a float64 variable keeps running on the CPU next to float32 ones', () => {
    const g = new tf.Graph();
    const { v, w, sum } = g.asDefault(() => {
      const v = new tf.Variable(tf.constant([1, 2], 'float64'), { name: 'v' });
      const w = new tf.Variable([3, 4], { name: 'w' });
      return { v, w, sum: tf.add(tf.cast(tf.assignAdd(v, tf.constant([1, 1], 'float64')), 'float32'), tf.assignAdd(w, [1, 1])) };
    });
    using sess = new tf.Session({ graph: g, backend: wasm1 });
    sess.run([v.initializer, w.initializer]);
    assert.deepEqual(sess.run(sum).toArray(), [2 + 4, 3 + 5]);
    assert.deepEqual(sess.run(sum).toArray(), [3 + 5, 4 + 6]);
  });
});

describe('a training step on wasm allocates nothing after warm-up', () => {
  for (const [name, optimizer] of [
    ['SGD', () => new tf.train.GradientDescentOptimizer(0.1)],
    ['Adam', () => new tf.train.AdamOptimizer(0.01)],
    ['Momentum (Nesterov)', () => new tf.train.MomentumOptimizer(0.01, 0.9, { useNesterov: true })],
  ] as const) {
    for (const be of [wasm1, wasm2]) {
      test(`an MLP ${name} step, ${be.requestedThreads} thread(s)`, () => {
        const B = 16;
        const g = new tf.Graph();
        const { x, labels, loss, step, init } = g.asDefault(() => {
          const x = tf.placeholder('float32', [B, 20], 'x');
          const labels = tf.placeholder('float32', [B, 4], 'labels');
          let h: Tensor = x;
          for (const [fi, fo] of [
            [20, 32],
            [32, 4],
          ] as const) {
            const w = new tf.Variable(floats(fi * fo, -0.3, 0.3, [fi, fo]));
            const b = new tf.Variable(tf.zeros([fo]));
            h = tf.add(tf.matmul(h, w), b);
            if (fo !== 4) h = tf.nn.relu(h);
          }
          const loss = tf.reduceMean(tf.nn.softmaxCrossEntropyWithLogits({ labels, logits: h }));
          return { x, labels, loss, step: optimizer().minimize(loss), init: tf.globalVariablesInitializer() };
        });
        const oneHot = new Float32Array(B * 4);
        for (let i = 0; i < B; i++) oneHot[i * 4 + (i % 4)] = 1;
        const feed = new Map<Tensor, NDArray>([
          [x, floats(B * 20, -1, 1, [B, 20])],
          [labels, new NDArray('float32', [B, 4], oneHot)],
        ]);
        using sess = new tf.Session({ graph: g, backend: be });
        sess.run(init);
        const first = sess.run(loss, feed).data[0] as number;
        sess.run([loss, step], feed);
        sess.run([loss, step], feed);
        const a0 = be.stats.allocations;
        for (let i = 0; i < 5; i++) sess.run([loss, step], feed);
        assert.equal(be.stats.allocations - a0, 0, 'allocations in 5 steps after the second');
        const last = sess.run(loss, feed).data[0] as number;
        assert.ok(last < first, `the loss goes down: ${first} → ${last}`);
      });
    }
  }

  test('the same steps on the CPU give the same loss (weights and gradients never cross)', () => {
    const run = (backend: 'cpu' | WasmBackend) => {
      const g = new tf.Graph();
      const { loss, step, init } = g.asDefault(() => {
        const w = new tf.Variable(new NDArray('float32', [3, 2], Float32Array.of(0.1, -0.2, 0.3, 0.4, -0.5, 0.6)));
        const x = tf.constant([
          [1, 2, 3],
          [-1, 0.5, 2],
        ]);
        const loss = tf.reduceMean(tf.square(tf.matmul(x, w)));
        return { loss, step: new tf.train.AdamOptimizer(0.05).minimize(loss), init: tf.globalVariablesInitializer() };
      });
      using sess = new tf.Session({ graph: g, backend });
      sess.run(init);
      for (let i = 0; i < 5; i++) sess.run(step);
      return sess.run(loss).data[0] as number;
    };
    const want = run('cpu');
    const got = run(wasm1);
    assert.ok(Math.abs(got - want) <= 1e-5 * Math.abs(want), `${got} vs ${want}`);
  });
});

describe('a ref op on the other backend than its variable', () => {
  // A backend without AssignAdd: the CPU kernel updates the wasm variable through a stand-in cell.
  class NoAssignAdd extends WasmBackend {
    override kernel(opType: string, signature: KernelSignature, attrs: Attrs) {
      return opType === 'AssignAdd' ? undefined : super.kernel(opType, signature, attrs);
    }
  }

  test('the update lands in the variable’s own buffer: reads that alias it see it', () => {
    const be = new NoAssignAdd({ threads: 1 });
    const g = new tf.Graph();
    const { v, inc, dbl, read, asInt, incThenRead } = g.asDefault(() => {
      const v = new tf.Variable([1, 2], { name: 'v' });
      const inc = tf.assignAdd(v, [1, 1]);
      return {
        v,
        inc,
        dbl: tf.assign(v, tf.multiply(v, 2)),
        read: tf.multiply(v, 1),
        asInt: tf.cast(v, 'int32'),
        incThenRead: tf.controlDependencies([inc], () => tf.identity(v)),
      };
    });
    using sess = new tf.Session({ graph: g, backend: be });
    sess.run(v.initializer);
    assert.deepEqual(sess.run(inc).toArray(), [2, 3]);
    assert.deepEqual(sess.run(read).toArray(), [2, 3]);
    assert.deepEqual(sess.run(asInt).toArray(), [2, 3]);
    assert.deepEqual(sess.run(dbl).toArray(), [4, 6]);
    assert.deepEqual(sess.run(incThenRead).toArray(), [5, 7]);
    assert.deepEqual(sess.run(read).toArray(), [5, 7]);
    assert.deepEqual(sess.run(asInt).toArray(), [5, 7]);
    // The stand-in cells' copies are freed after each step.
    const live = [be.stats.live, cpuBackend.stats.live];
    for (let i = 0; i < 5; i++) sess.run(inc);
    assert.deepEqual([be.stats.live, cpuBackend.stats.live], live);
    assert.deepEqual(sess.run(read).toArray(), [10, 12]);
    be.dispose();
  });
});
