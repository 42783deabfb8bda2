// Light ops of the training graphs that the wasm backend runs with the CPU kernels on views of its
// heap (kernels/hosted.ts): same values, dtypes and errors as the CPU backend, no transfer steps;
// and the example MLP's training step planned entirely on wasm.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cpuBackend } from '../../../src/backends/cpu/backend.js';
import type { DType } from '../../../src/core/dtypes.js';
import { NDArray } from '../../../src/core/ndarray.js';
import * as tf from '../../../src/v1.js';
import { randomArray, runKernel, trainingRuns, wasm1, wasm2 } from './helpers.js';

const i32 = (shape: number[], xs: number[]) => new NDArray('int32', shape, Int32Array.from(xs));
const i64 = (shape: number[], xs: number[]) => new NDArray('int64', shape, BigInt64Array.from(xs.map(BigInt)));
const boolA = (shape: number[], xs: boolean[]) => new NDArray('bool', shape, Uint8Array.from(xs.map(Number)));
const plain = (a: NDArray) => ({ dtype: a.dtype, shape: [...a.shape], data: Array.from(a.data as ArrayLike<number | bigint>, (v) => (typeof v === 'bigint' ? `${v}n` : v)) });

/** The op on both wasm backends gives exactly the CPU kernel's outputs (dtypes, shapes, values). */
function same(op: string, inputs: NDArray[], outs: DType[], attrs: Record<string, unknown> = {}): void {
  const want = runKernel(cpuBackend, op, inputs, attrs, outs).map(plain);
  for (const be of [wasm1, wasm2]) assert.deepEqual(runKernel(be, op, inputs, attrs, outs).map(plain), want, `${op} on ${be.threads} thread(s)`);
}

function sameError(op: string, inputs: NDArray[], outs: DType[], attrs: Record<string, unknown>, message: string): void {
  for (const be of [cpuBackend, wasm1]) {
    assert.throws(() => runKernel(be, op, inputs, attrs, outs), { name: 'InvalidArgumentError', message }, be.name);
  }
}

const SIZES = [0, 1, 7, 33, 70001];

describe('wasm ops run by the CPU kernels on the heap', () => {
  test('ZerosLike, OnesLike of float32, int32, int64, bool; Fill', () => {
    for (const n of SIZES) {
      for (const [x, dt] of [[randomArray([n]), 'float32'], [i32([n], new Array(n).fill(5)), 'int32'], [i64([n], new Array(n).fill(5)), 'int64'], [boolA([n], new Array(n).fill(true)), 'bool']] as const) {
        same('ZerosLike', [x], [dt]);
        same('OnesLike', [x], [dt]);
      }
      same('Fill', [i32([2], [n, 3]), new NDArray('float32', [], Float32Array.from([2.5]))], ['float32']);
    }
    sameError('Fill', [i32([2], [-1, 3]), new NDArray('float32', [], Float32Array.from([1]))], ['float32'], {}, 'Fill dimensions must be >= 0: [-1,3]');
  });

  test('ArgMax, ArgMin over the last and other axes into int32 and int64; their errors', () => {
    for (const shape of [[1, 1], [4, 10], [33, 7], [7001, 10], [3, 0]]) {
      for (const out of ['int32', 'int64'] as const) {
        for (const axis of [1, 0, -1]) {
          if ((shape[axis < 0 ? 1 : axis] as number) === 0) continue;
          same('ArgMax', [randomArray(shape), i32([], [axis])], [out], { output_type: out });
          same('ArgMin', [randomArray(shape), i64([], [axis])], [out], { output_type: out });
        }
      }
    }
    sameError('ArgMax', [randomArray([2, 3]), i32([], [2])], ['int64'], { output_type: 'int64' }, 'Expected dimension in the range [-2, 2), but got 2');
  });

  test('the accuracy path: Equal of int32, Cast of bool to float32; DivNoNan; comparisons; SelectV2', () => {
    for (const n of SIZES) {
      const a = i32([n], Array.from({ length: n }, (_, i) => i % 3));
      const b = i32([n], Array.from({ length: n }, (_, i) => i % 5));
      same('Equal', [a, b], ['bool']);
      same('NotEqual', [a, b], ['bool']);
      const eq = runKernel(cpuBackend, 'Equal', [a, b], {}, ['bool'])[0] as NDArray;
      same('Cast', [eq], ['float32'], { SrcT: 'bool', DstT: 'float32', Truncate: false });
      const x = randomArray([n]);
      const y = new NDArray('float32', [n], Float32Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 0 : i)));
      same('DivNoNan', [x, y], ['float32']);
      same('GreaterEqual', [x, y], ['bool']);
      same('SelectV2', [runKernel(cpuBackend, 'GreaterEqual', [x, y], {}, ['bool'])[0] as NDArray, x, y], ['float32']);
    }
    same('DivNoNan', [randomArray([3, 1]), randomArray([4])], ['float32']);
    sameError('DivNoNan', [randomArray([3]), randomArray([4])], ['float32'], {}, 'Incompatible shapes: [3] vs. [4]');
  });

  test('Max and Min reductions, AddN', () => {
    for (const shape of [[0, 3], [1, 1], [5, 7], [300, 257]]) {
      for (const axes of [[1], [0], [0, 1]]) {
        for (const keep of [false, true]) {
          same('Max', [randomArray(shape), i32([axes.length], axes)], ['float32'], { keep_dims: keep });
          same('Min', [randomArray(shape), i32([axes.length], axes)], ['float32'], { keep_dims: keep });
        }
      }
      same('AddN', [randomArray(shape), randomArray(shape), randomArray(shape)], ['float32'], { N: 3 });
    }
    sameError('Max', [randomArray([2, 3]), i32([1], [2])], ['float32'], { keep_dims: false }, 'Invalid reduction dimension (2 for input with 2 dimension(s)');
  });
});

describe('random ops on the wasm heap', () => {
  test('the same values as on cpu, run after run', () => {
    const g = new tf.Graph();
    const ys = g.asDefault(() => {
      tf.setRandomSeed(7);
      return [tf.random.uniform([3, 33]), tf.random.normal([70001]), tf.random.truncatedNormal([5]), tf.random.uniform([0, 4])];
    });
    const values = (backend: 'cpu' | 'wasm') => {
      using sess = new tf.Session({ graph: g, backend });
      if (backend === 'wasm') {
        const off = sess.describePlan(ys).steps.filter((s) => s.backend.name !== 'wasm');
        assert.deepEqual(off.map((s) => (s.kind === 'transfer' ? 'transfer' : s.op.type)), []);
      }
      return [0, 1].map(() => (sess.run(ys) as NDArray[]).map(plain));
    };
    const want = values('cpu');
    assert.notDeepEqual(want[0], want[1]);
    assert.deepEqual(values('wasm'), want);
  });
});

describe('the MLP training step on wasm', () => {
  test('runs without a CPU step or transfer and gives the CPU results', () => {
    const g = new tf.Graph();
    const m = g.asDefault(() => {
      tf.setRandomSeed(1);
      const x = tf.placeholder(tf.float32, [null, 64], 'x');
      const y = tf.placeholder(tf.int32, [null], 'y');
      const hidden = tf.layers.dense(tf.divide(x, 16), 16, { activation: tf.nn.relu, name: 'hidden' });
      const logits = tf.layers.dense(hidden, 10, { name: 'logits' });
      const loss = tf.losses.sparseSoftmaxCrossEntropy({ labels: y, logits });
      const accuracy = tf.reduceMean(tf.cast(tf.equal(tf.argmax(logits, 1, { outputType: tf.int32 }), y), tf.float32));
      const trainOp = new tf.train.AdamOptimizer(0.01).minimize(loss);
      return { x, y, fetches: [trainOp, loss, accuracy], init: tf.globalVariablesInitializer() };
    });
    const B = 9;
    const feeds = new Map<tf.Tensor, NDArray>([
      [m.x, new NDArray('float32', [B, 64], Float32Array.from({ length: B * 64 }, (_, i) => (i * 7) % 17))],
      [m.y, i32([B], Array.from({ length: B }, (_, i) => (i * 3) % 10))],
    ]);
    const results = (backend: 'cpu' | 'wasm') => trainingRuns(g, m.init, m.fetches, feeds, backend);
    const want = results('cpu');
    const got = results('wasm');
    got.forEach(([l, a], i) => {
      assert.ok(Math.abs((l as number) - (want[i]?.[0] as number)) < 1e-5, `step ${i}: loss ${l} vs ${want[i]?.[0]}`);
      assert.equal(a, want[i]?.[1]);
    });
  });
});

describe('data-movement ops on the wasm heap', () => {
  test('Transpose, ConcatV2, Pack, Unpack, Split(V), Slice, StridedSlice(+Grad), Tile, BroadcastTo, Pad(V2), MirrorPad, ReverseV2, GatherV2, the resizes and the gradients of some: no transfer, the CPU values', () => {
    const g = new tf.Graph();
    const { ys, feeds } = g.asDefault(() => {
      const x = tf.placeholder(tf.float32, [2, 5, 6, 3], 'x');
      const l = tf.placeholder(tf.int64, [4, 7], 'l');
      const b = tf.placeholder(tf.bool, [3, 2], 'b');
      const image = tf.placeholder(tf.int64, [1, 4, 7, 2], 'image');
      const sliced = tf.stridedSlice(x, [0, 1, 0, 0], [2, 5, 6, 3], [1, 2, 3, 1]);
      const ys = [
        tf.transpose(x, [0, 3, 1, 2]),
        tf.transpose(l),
        tf.concat([x, x], 2),
        tf.concat([b, b], 0),
        tf.stack([l, l], 1),
        ...tf.unstack(l, { axis: 1 }).slice(0, 2),
        ...tf.split(x, 3, 2),
        ...tf.split(l, [2, -1], 1),
        tf.slice(x, [1, 1, 0, 0], [-1, 3, 4, 3]),
        sliced,
        tf.gradients(tf.reduceSum(tf.square(sliced)), x)[0] as tf.Tensor,
        tf.tile(l, [2, 3]),
        tf.broadcastTo(l, [2, 4, 7]),
        tf.broadcastTo(tf.slice(x, [0, 0, 0, 0], [2, 1, 6, 3]), [2, 5, 6, 3]),
        tf.pad(x, [[0, 0], [1, 1], [2, 0], [0, 0]]),
        tf.pad(l, [[1, 1], [0, 2]], { constantValues: 7n }),
        tf.pad(x, [[0, 0], [1, 1], [2, 0], [0, 0]], 'REFLECT'),
        tf.reverse(b, [0]),
        tf.gather(l, [3, 0, 3], { axis: 1 }),
        tf.gather(x, [1, 0]),
        tf.image.resizeBilinear(x, [8, 4]),
        tf.image.resizeNearestNeighbor(image, [6, 9]),
        // the backward passes of concat, mirror pad and the resizes
        ...tf.gradients(tf.reduceSum(tf.square(tf.concat([x, tf.square(x)], 2))), x),
        ...tf.gradients(tf.reduceSum(tf.square(tf.pad(x, [[0, 0], [1, 1], [2, 0], [0, 0]], 'REFLECT'))), x),
        ...tf.gradients(tf.reduceSum(tf.square(tf.image.resizeBilinear(x, [8, 4]))), x),
        ...tf.gradients(tf.reduceSum(tf.square(tf.image.resizeNearestNeighbor(x, [9, 7]))), x),
      ] as tf.Tensor[];
      const feeds = new Map<tf.Tensor, NDArray>([
        [x, randomArray([2, 5, 6, 3])],
        [l, i64([4, 7], Array.from({ length: 28 }, (_, i) => i * 1e6 - 5))],
        [b, boolA([3, 2], [true, false, false, true, true, true])],
        [image, i64([1, 4, 7, 2], Array.from({ length: 56 }, (_, i) => 3 ** (i % 30)))],
      ]);
      return { ys, feeds };
    });
    const results = (backend: 'cpu' | 'wasm') => {
      using sess = new tf.Session({ graph: g, backend });
      if (backend === 'wasm') {
        const plan = sess.describePlan(ys, feeds);
        const off = plan.steps.filter((s) => s.backend.name !== 'wasm' || s.kind === 'transfer');
        assert.deepEqual(off.map((s) => (s.kind === 'transfer' ? 'transfer' : s.op.type)), []);
        const types = new Set(plan.steps.flatMap((s) => (s.kind === 'kernel' ? [s.op.type] : [])));
        for (const t of ['Transpose', 'ConcatV2', 'Pack', 'Unpack', 'Split', 'SplitV', 'Slice', 'StridedSlice', 'StridedSliceGrad', 'Tile', 'BroadcastTo', 'Pad', 'PadV2', 'MirrorPad', 'ReverseV2', 'GatherV2', 'ResizeBilinear', 'ResizeNearestNeighbor', 'MirrorPadGrad', 'ResizeBilinearGrad', 'ResizeNearestNeighborGrad']) {
          assert.ok(types.has(t), `${t} in the plan`);
        }
      }
      return (sess.run(ys, feeds) as NDArray[]).map(plain);
    };
    assert.deepEqual(results('wasm'), results('cpu'));
  });

  test('string tensors stay on the CPU kernels (through transfer steps)', () => {
    const g = new tf.Graph();
    const y = g.asDefault(() => tf.transpose(tf.placeholder(tf.string, [2, 2], 's')));
    using sess = new tf.Session({ graph: g, backend: 'wasm' });
    const plan = sess.describePlan(y);
    const kernels = plan.steps.filter((s) => s.kind === 'kernel').map((s) => `${(s as { op: tf.Operation }).op.type}@${s.backend.name}`);
    assert.deepEqual(kernels.filter((k) => !k.startsWith('Placeholder')), ['Transpose@cpu']);
  });
});
