// Elementwise kernels of the wasm backend against the CPU reference: broadcasting, edge shapes,
// special values, fused chains, and a session running on the wasm backend.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cpuBackend } from '../../../src/backends/cpu/backend.js';
import { NDArray } from '../../../src/core/ndarray.js';
import * as tf from '../../../src/v1.js';
import { assertClose, checkAgainstCpu, randomArray, runFused, runKernel, wasm1, wasm2 } from './helpers.js';

// The ops whose CPU reference kernel exists on this branch (others are checked against a JS formula below).
const BINARY_CPU = ['AddV2', 'Sub', 'Mul', 'RealDiv'];
const SHAPE_PAIRS: [number[], number[]][] = [
  [[7], [7]],
  [[], []],
  [[13], []],
  [[], [13]],
  [[0], [0]],
  [[0, 3], [3]],
  [[2, 3], [3]],
  [[2, 3], [2, 1]],
  [[2, 1, 5], [1, 4, 1]],
  [[3, 1], [1, 5]],
  [[4, 1, 6, 1], [5, 1, 3]],
  [[1, 9], [9, 1]],
  [[37, 41], [41]],
  [[5, 6, 7], [5, 6, 7]],
  [[1], [1, 1, 1]],
];

describe('wasm binary kernels vs the CPU reference', () => {
  for (const op of BINARY_CPU) {
    test(op, () => {
      for (const [sa, sb] of SHAPE_PAIRS) checkAgainstCpu(op, [randomArray(sa), randomArray(sb)]);
    });
  }

  test('large arrays split over threads agree with one thread', () => {
    const x = randomArray([300001]);
    const y = randomArray([300001]);
    checkAgainstCpu('Mul', [x, y]);
    checkAgainstCpu('AddV2', [x, randomArray([])]);
    checkAgainstCpu('Sub', [randomArray([]), y]);
  });

  test('large broadcasts (rows in one wasm call, split over threads) agree with the CPU', () => {
    // [rows, inner] against a row vector, a column, and a column on the left (scalar-vector rows)
    checkAgainstCpu('AddV2', [randomArray([300, 257]), randomArray([257])]);
    checkAgainstCpu('Sub', [randomArray([257, 300]), randomArray([257, 1])]);
    checkAgainstCpu('RealDiv', [randomArray([257, 1]), randomArray([257, 300])]);
    // three collapsed dims: blocks of rows as pool jobs (8 blocks), or called one after another (100)
    checkAgainstCpu('Mul', [randomArray([8, 40, 300]), randomArray([8, 1, 300])]);
    checkAgainstCpu('Mul', [randomArray([100, 3, 300]), randomArray([100, 1, 300])]);
    // short rows: one call covers them all
    checkAgainstCpu('AddV2', [randomArray([20000, 5]), randomArray([20000, 1])]);
    checkAgainstCpu('Sub', [randomArray([3]), randomArray([30000, 3])]);
  });

  test('incompatible shapes raise TensorFlow InvalidArgumentError', () => {
    assert.throws(() => runKernel(wasm1, 'AddV2', [randomArray([2, 3]), randomArray([4])]), {
      name: 'InvalidArgumentError',
      message: 'Incompatible shapes: [2,3] vs. [4]',
    });
  });

  test('no kernel for other dtypes (the CPU backend runs them)', () => {
    assert.equal(wasm1.kernel('AddV2', { inputs: ['int32', 'int32'], outputs: ['int32'] }, {}), undefined);
    assert.equal(wasm1.kernel('NoSuchOp', { inputs: ['float32'], outputs: ['float32'] }, {}), undefined);
  });
});

/** Ops without a CPU kernel on this branch: checked against their float32 formula. */
const FORMULA: Record<string, (x: number, y: number) => number> = {
  Maximum: (x, y) => (Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : Math.max(x, y)),
  Minimum: (x, y) => (Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : Math.min(x, y)),
  SquaredDifference: (x, y) => Math.fround(Math.fround(x - y) ** 2),
};
const UNARY_FORMULA: Record<string, (x: number) => number> = {
  Neg: (x) => -x,
  Square: (x) => x * x,
  Abs: Math.abs,
  Sqrt: Math.sqrt,
  // biome-ignore lint/complexity/useMathMinMax: x < 0 ? 0 : x keeps -0 and NaN, as the kernel does
  Relu: (x) => (x < 0 ? 0 : x),
};

function broadcastRef(f: (x: number, y: number) => number, a: NDArray, b: NDArray): NDArray {
  const out = runKernel(cpuBackend, 'AddV2', [a, b])[0] as NDArray; // for the broadcast shape
  const rank = out.shape.length;
  const idx = (arr: NDArray, flat: number) => {
    let off = 0;
    let stride = 1;
    let rem = flat;
    const coords: number[] = [];
    for (let i = rank - 1; i >= 0; i--) {
      coords[i] = rem % (out.shape[i] as number);
      rem = Math.floor(rem / (out.shape[i] as number));
    }
    for (let i = arr.shape.length - 1; i >= 0; i--) {
      const d = arr.shape[i] as number;
      off += (d === 1 ? 0 : (coords[i + rank - arr.shape.length] as number)) * stride;
      stride *= d;
    }
    return (arr.data as Float32Array)[off] as number;
  };
  const data = Float32Array.from({ length: out.size }, (_, i) => f(idx(a, i), idx(b, i)));
  return new NDArray('float32', out.shape, data);
}

describe('wasm kernels of ops checked against their formula', () => {
  for (const [op, f] of Object.entries(FORMULA)) {
    test(op, () => {
      for (const [sa, sb] of SHAPE_PAIRS) {
        const a = randomArray(sa);
        const b = randomArray(sb);
        for (const be of [wasm1, wasm2]) assertClose(runKernel(be, op, [a, b])[0] as NDArray, broadcastRef(f, a, b), 1e-6, `${op} [${sa}] [${sb}]`);
      }
    });
  }
  test('Maximum and Minimum propagate NaN', () => {
    const a = new NDArray('float32', [5], new Float32Array([Number.NaN, 1, -2, Number.NaN, 0]));
    const b = new NDArray('float32', [5], new Float32Array([1, Number.NaN, 3, Number.NaN, -1]));
    assert.deepEqual([...(runKernel(wasm1, 'Maximum', [a, b])[0] as NDArray).data], [Number.NaN, Number.NaN, 3, Number.NaN, 0]);
    assert.deepEqual([...(runKernel(wasm1, 'Minimum', [a, b])[0] as NDArray).data], [Number.NaN, Number.NaN, -2, Number.NaN, -1]);
  });
  for (const [op, f] of Object.entries(UNARY_FORMULA)) {
    test(op, () => {
      for (const shape of [[], [0], [1], [3], [4], [5], [17, 3], [2, 3, 4], [100003]]) {
        const x = randomArray(shape, 3);
        if (op === 'Sqrt') for (let i = 0; i < x.size; i++) (x.data as Float32Array)[i] = Math.abs((x.data as Float32Array)[i] as number);
        const want = new NDArray('float32', shape, (x.data as Float32Array).map(f));
        for (const be of [wasm1, wasm2]) assertClose(runKernel(be, op, [x])[0] as NDArray, want, 1e-7, `${op} [${shape}]`);
      }
    });
  }
  test('Relu keeps NaN, Neg and Square match the CPU kernels', () => {
    const x = new NDArray('float32', [6], new Float32Array([Number.NaN, -1, 0, 2, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]));
    assert.deepEqual([...(runKernel(wasm1, 'Relu', [x])[0] as NDArray).data], [Number.NaN, 0, 0, 2, Number.POSITIVE_INFINITY, 0]);
    checkAgainstCpu('Neg', [x]);
    checkAgainstCpu('Square', [x]);
  });
});

describe('fused elementwise chains', () => {
  const chain = {
    dtype: 'float32' as const,
    links: [{ op: 'Mul', operand: 1 }, { op: 'AddV2', operand: 2 }, { op: 'Relu' }, { op: 'Sub', operand: 3, reversed: true }, { op: 'SquaredDifference', operand: 1 }],
    scalar: [false, false, true, false],
  };
  test('a generated chain equals the ops one by one, at odd sizes and over threads', () => {
    for (const n of [0, 1, 3, 4, 5, 31, 70001]) {
      const [x, a, b, c] = [randomArray([n]), randomArray([n]), randomArray([]), randomArray([n])] as NDArray[];
      const step = (op: string, ...xs: NDArray[]) => runKernel(wasm1, op, xs)[0] as NDArray;
      const want = step('SquaredDifference', step('Sub', c as NDArray, step('Relu', step('AddV2', step('Mul', x as NDArray, a as NDArray), b as NDArray))), a as NDArray);
      for (const be of [wasm1, wasm2]) assertClose(runFused(be, chain, [x, a, b, c] as NDArray[]), want, 1e-6, `chain n=${n}`);
    }
  });
  test('a chain with an unsupported op is not fused', () => {
    assert.equal(wasm1.fusedKernel({ dtype: 'float32', links: [{ op: 'Tan' }], scalar: [false] }), undefined);
    assert.equal(wasm1.fusible('Tan', 'float32'), false);
    assert.equal(wasm1.fusible('Mul', 'float64'), false);
    assert.equal(wasm1.fusible('Mul', 'float32'), true);
  });
  test('a session on the wasm backend fuses a chain and matches the CPU session', () => {
    const g = new tf.Graph();
    const [x, y] = g.asDefault(() => {
      const x = tf.placeholder('float32', [1000]);
      const y = tf.square(tf.subtract(tf.multiply(x, tf.constant(3, 'float32')), tf.constant(1, 'float32')));
      return [x, tf.negative(y)];
    }) as [tf.Tensor, tf.Tensor];
    const xs = randomArray([1000]);
    const feed = new Map([[x, xs]]);
    const sw = new tf.Session({ graph: g, backend: 'wasm' });
    const sc = new tf.Session({ graph: g, backend: 'cpu' });
    const plan = sw.describePlan(y, feed).toString();
    assert.match(plan, /fused/);
    assert.match(plan, /\[wasm float32\]/);
    assertClose(sw.run(y, feed), sc.run(y, feed), 1e-6, 'session');
  });
  test('a chain reading 30 distinct arrays runs over threads (split so a job carries its operands)', () => {
    // Past PARALLEL_MIN, so the two-thread backend hands out jobs; the first operand is a row, so
    // the first chain runs `chain_rows` with the most arguments a chain passes.
    const shape = [2048, 64];
    const g = new tf.Graph();
    const [x, y] = g.asDefault(() => {
      const x = tf.placeholder('float32', shape);
      let y = x;
      for (let i = 0; i < 30; i++) {
        const v = tf.placeholder('float32', i === 0 ? [64] : shape, `v${i}`);
        y = i % 2 ? tf.multiply(y, v) : tf.add(y, v);
      }
      return [x, y];
    }) as [tf.Tensor, tf.Tensor];
    const feed = new Map<tf.Tensor | string, NDArray>([[x, randomArray(shape)]]);
    for (let i = 0; i < 30; i++) feed.set(`v${i}:0`, randomArray(i === 0 ? [64] : shape, 0.5));
    const sw = new tf.Session({ graph: g, backend: wasm2 });
    const plan = sw.describePlan(y, feed).toString();
    assert.equal(plan.match(/fused/g)?.length, 2, plan);
    assertClose(sw.run(y, feed), new tf.Session({ graph: g, backend: 'cpu' }).run(y, feed), 1e-5, 'wide chain');
  });
});
