/**
 * The compute layer's reductions over every axis subset of rank-3 tensors (with size-1 and size-0
 * dimensions), every op on every dtype it supports, in both codegen modes; ArgMax/ArgMin on each axis.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
  COMPUTE_DTYPES,
  type ComputeDType,
  REDUCE_OP_NAMES,
  type ReduceOpName,
  allocateFor,
  argMax,
  argMin,
  halfToFloat,
  reduce,
  reduceSum,
  setCodegenEnabled,
} from '../../src/backends/cpu/compute/index.js';
import { INT_BITS, type V, arrayOf, isFloatDType, rand, roundFloat, sample, size, valuesOf, wrapInt } from './compute-ref.js';

const SUPPORTED: Record<ReduceOpName, (d: ComputeDType) => boolean> = {
  Sum: (d) => d !== 'bool',
  Mean: (d) => d !== 'bool',
  Prod: (d) => d !== 'bool',
  Max: (d) => d !== 'bool',
  Min: (d) => d !== 'bool',
  All: (d) => d === 'bool',
  Any: (d) => d === 'bool',
};

function extreme(d: ComputeDType, high: boolean): V {
  if (isFloatDType(d)) return high ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  const [bits, signed] = INT_BITS[d] as [number, boolean];
  const v = high ? (signed ? 2n ** BigInt(bits - 1) - 1n : 2n ** BigInt(bits) - 1n) : signed ? -(2n ** BigInt(bits - 1)) : 0n;
  return wrapInt(d, v);
}

/** Reference reduction of decoded values `vs`, stored as the dtype stores it. */
function refReduce(op: ReduceOpName, d: ComputeDType, vs: V[]): V {
  if (op === 'All') return vs.every((v) => v === 1) ? 1 : 0;
  if (op === 'Any') return vs.some((v) => v === 1) ? 1 : 0;
  if (isFloatDType(d)) {
    const xs = vs as number[];
    let r: number;
    if (op === 'Sum' || op === 'Mean') r = xs.reduce((a, b) => a + b, 0) / (op === 'Mean' ? xs.length : 1);
    else if (op === 'Prod') r = xs.reduce((a, b) => a * b, 1);
    else if (xs.some(Number.isNaN)) r = Number.NaN;
    else r = op === 'Max' ? Math.max(Number.NEGATIVE_INFINITY, ...xs) : Math.min(Number.POSITIVE_INFINITY, ...xs);
    const s = roundFloat(d, r);
    return d === 'float16' ? halfToFloat(s) : s;
  }
  const xs = vs.map((v) => BigInt(v));
  if (op === 'Max' || op === 'Min') {
    if (xs.length === 0) return extreme(d, op === 'Min');
    return wrapInt(d, xs.reduce((a, b) => ((op === 'Max' ? b > a : b < a) ? b : a)));
  }
  if (op === 'Prod') return wrapInt(d, xs.reduce((a, b) => a * b, 1n));
  const sum = xs.reduce((a, b) => a + b, 0n);
  if (op === 'Sum') return wrapInt(d, sum);
  // Mean: TensorFlow sums in 64 bits, then divides (truncating); an empty mean gives 0 here.
  if (xs.length === 0) return wrapInt(d, 0n);
  const s64 = d === 'uint64' ? BigInt.asUintN(64, sum) : BigInt.asIntN(64, sum);
  return wrapInt(d, s64 / BigInt(xs.length));
}

/** Every subset of [0, rank) (as axis lists), including the empty one. */
const subsets = (rank: number): number[][] =>
  Array.from({ length: 2 ** rank }, (_, m) => [...Array(rank).keys()].filter((i) => m & (1 << i)));

function checkReduce(op: ReduceOpName, d: ComputeDType, shape: number[], axes: number[]): void {
  const n = size(shape);
  let xs = sample(d, n);
  if (op === 'Prod' && isFloatDType(d)) xs = xs.map((v, i) => (i < 9 ? v : (v % 3) / 2));
  const x = arrayOf(d, xs);
  const dv = valuesOf(d, x);
  const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const outShape = kept.map((i) => shape[i] as number);
  const groups = new Map<number, V[]>();
  const strides = shape.map((_, i) => size(shape.slice(i + 1)));
  for (let i = 0; i < n; i++) {
    let o = 0;
    for (const k of kept) o = o * (shape[k] as number) + (Math.floor(i / (strides[k] as number)) % (shape[k] as number));
    if (!groups.has(o)) groups.set(o, []);
    groups.get(o)?.push(dv[i] as V);
  }
  const outN = size(outShape);
  const want = Array.from({ length: outN }, (_, o) => refReduce(op, d, groups.get(o) ?? []));
  const od: ComputeDType = op === 'All' || op === 'Any' ? 'bool' : d;
  const out = allocateFor(od, outN);
  reduce(op, d)(x, shape, axes.map((a, i) => (i % 2 ? a - shape.length : a)), out);
  const got = valuesOf(od, out);
  for (let i = 0; i < outN; i++) {
    if (!Object.is(got[i], want[i]) && !close(op, d, got[i] as V, want[i] as V)) assert.fail(`${op} ${d} [${shape}] axes [${axes}]: element ${i} is ${got[i]}, expected ${want[i]}`);
  }
}

/**
 * Float Sum/Mean/Prod may differ from the sequential reference in the last bits: rows reduced in
 * registers use four interleaved accumulators (as Eigen combines vector lanes).
 */
function close(op: ReduceOpName, d: ComputeDType, g: V, w: V): boolean {
  // Which zero Max/Min keep of -0 and 0 depends on the order (Eigen's maxps/minps too).
  if (g === 0 && w === 0 && (op === 'Max' || op === 'Min')) return true;
  if (!isFloatDType(d) || !(op === 'Sum' || op === 'Mean' || op === 'Prod')) return false;
  const eps = d === 'float64' ? 1e-14 : d === 'float32' ? 1e-6 : 1e-3;
  return Math.abs((g as number) - (w as number)) <= eps * Math.abs(w as number);
}

const SHAPES = [
  [2, 3, 4],
  [3, 1, 5],
  [2, 0, 3],
  [1, 4, 1],
  [9, 6, 7],
];

for (const gen of [true, false]) {
  describe(`compute reductions (${gen ? 'generated' : 'closure fallback'})`, () => {
    after(() => setCodegenEnabled(true));
    for (const op of REDUCE_OP_NAMES) {
      test(`${op}: every dtype, every axis subset of rank-3 shapes`, () => {
        setCodegenEnabled(gen);
        for (const d of COMPUTE_DTYPES) {
          if (!SUPPORTED[op](d)) {
            assert.throws(() => reduce(op, d), TypeError);
            continue;
          }
          for (const shape of SHAPES) for (const axes of subsets(3)) checkReduce(op, d, shape, axes);
          checkReduce(op, d, [], []);
          checkReduce(op, d, [6], [0]);
        }
      });
    }
  });
}

describe('compute reductions: generated and closure kernels agree bit for bit', () => {
  after(() => setCodegenEnabled(true));
  for (const d of ['float16', 'float32', 'float64', 'int32', 'int64'] as const) {
    test(d, () => {
      const x = arrayOf(d, Array.from({ length: 103 * 37 }, () => (d.startsWith('float') ? rand() * 3 - 1 : Math.floor(rand() * 2000) - 1000)));
      for (const op of ['Sum', 'Prod', 'Mean', 'Max', 'Min'] as const) {
        for (const axes of [[1], [0], [0, 1]]) {
          const n = axes.length === 2 ? 1 : axes[0] === 1 ? 103 : 37;
          const outs = [true, false].map((gen) => {
            setCodegenEnabled(gen);
            const o = allocateFor(d, n);
            reduce(op, d)(x, [103, 37], axes, o);
            return valuesOf(d, o);
          });
          for (let i = 0; i < n; i++) if (!Object.is(outs[0]?.[i], outs[1]?.[i])) assert.fail(`${op} ${d} axes [${axes}] element ${i}`);
        }
      }
    });
  }
});

describe('compute reductions: the float sums\' order along a row', () => {
  after(() => setCodegenEnabled(true));
  // The documented order (reduce-ops.ts): blocks of 65536, each with 16 interleaved float64
  // accumulators (the tail into the first) combined in adjacent pairs; block sums folded in order.
  const documented = (x: Float32Array): number => {
    let total = 0;
    for (let b0 = 0; b0 < x.length; b0 += 65536) {
      const len = Math.min(65536, x.length - b0);
      const a = new Array<number>(16).fill(0);
      const full = len - (len % 16);
      for (let r = 0; r < len; r++) a[r < full ? r % 16 : 0] += x[b0 + r] as number;
      for (let w = 16; w > 1; w /= 2) for (let k = 0; k < w / 2; k++) a[k] = (a[2 * k] as number) + (a[2 * k + 1] as number);
      total = b0 === 0 ? (a[0] as number) : total + (a[0] as number);
    }
    return total;
  };
  test('generated and closure kernels follow it, for short rows and rows of several blocks', () => {
    for (const n of [1, 15, 16, 17, 100, 65536, 65537, 200003]) {
      // ±2^60 pairs that cancel among values of order 1: another grouping gives another float32
      const x = Float32Array.from({ length: n }, () => rand() * 4 - 2);
      for (let p = 0; p < 8 && n > 1; p++) {
        x[Math.floor(rand() * n)] = 2 ** 60;
        x[Math.floor(rand() * n)] = -(2 ** 60);
      }
      for (const gen of [true, false]) {
        setCodegenEnabled(gen);
        for (const op of ['Sum', 'Mean'] as const) {
          const out = new Float32Array(1);
          reduce(op, 'float32')(x, [n], [0], out);
          const want = op === 'Sum' ? documented(x) : documented(x) / n;
          assert.equal(out[0], Math.fround(want), `${op} of ${n} (generated: ${gen})`);
        }
      }
    }
  });
});

describe('compute reductions: TensorFlow semantics', () => {
  test('float32 sums accumulate in float64', () => {
    const x = new Float32Array(1_000_001).fill(0.1);
    const out = new Float32Array(1);
    reduceSum('float32')(x, [x.length], [0], out);
    assert.equal(out[0], Math.fround(Math.fround(0.1) * 1_000_001));
  });
  test('Max/Min of empty floats are -inf/+inf; NaN propagates', () => {
    const o = new Float32Array(2);
    reduce('Max', 'float32')(new Float32Array(0), [2, 0], [1], o);
    assert.deepEqual([...o], [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    reduce('Min', 'float32')(Float32Array.of(1, Number.NaN, 3, 2), [2, 2], [1], o);
    assert.deepEqual([...o], [Number.NaN, 2]);
  });
  test('Mean of integers truncates toward zero', () => {
    const o = new Int32Array(2);
    reduce('Mean', 'int32')(Int32Array.of(1, 2, -1, -2), [2, 2], [1], o);
    assert.deepEqual([...o], [1, -1]);
    const u = new Uint8Array(1);
    reduce('Mean', 'uint8')(Uint8Array.of(200, 250), [2], [0], u);
    assert.equal(u[0], 225);
  });
  test('invalid axes throw RangeError', () => {
    assert.throws(() => reduceSum('float32')(new Float32Array(6), [2, 3], [2], new Float32Array(2)), /Invalid reduction dimension/);
  });
});

describe('compute ArgMax / ArgMin', () => {
  for (const d of ['float32', 'float16', 'int32', 'int64', 'uint8'] as const) {
    test(`${d}: each axis of [3, 4, 5], first index on ties`, () => {
      const shape = [3, 4, 5];
      const xs = Array.from({ length: 60 }, (_, i) => ((i * 37) % 11) - 3);
      const x = arrayOf(d, xs.map((v) => (d === 'uint8' ? v + 3 : v)));
      const dv = valuesOf(d, x);
      for (const [fn, max] of [
        [argMax, true],
        [argMin, false],
      ] as const) {
        for (let axis = 0; axis < 3; axis++) {
          const outShape = shape.filter((_, i) => i !== axis);
          const out = new Int32Array(size(outShape));
          assert.equal(fn(d)(x, shape, axis, out), null);
          const strides = [20, 5, 1];
          for (let o = 0; o < out.length; o++) {
            const idx = [Math.floor(o / (outShape[1] as number)), o % (outShape[1] as number)];
            idx.splice(axis, 0, 0);
            const base = idx.reduce((s, v, i) => s + v * (strides[i] as number), 0);
            let best = 0;
            for (let r = 1; r < (shape[axis] as number); r++) {
              const v = dv[base + r * (strides[axis] as number)] as V;
              const b = dv[base + best * (strides[axis] as number)] as V;
              if (max ? v > b : v < b) best = r;
            }
            assert.equal(out[o], best, `${max ? 'ArgMax' : 'ArgMin'} ${d} axis ${axis} element ${o}`);
          }
        }
      }
    });
  }
  test('NaN is never chosen, as TF 2.21; int64 output; negative axis; empty axis message', () => {
    const out = new BigInt64Array(1);
    const nan = Number.NaN;
    const cases: [typeof argMax, number[], number][] = [
      [argMax, [1, nan, 3, nan], 2],
      [argMax, [nan, 1, 3], 2],
      [argMax, [nan, nan], 0],
      [argMax, [Number.NEGATIVE_INFINITY, nan, Number.NEGATIVE_INFINITY], 0],
      [argMax, [Number.NEGATIVE_INFINITY, -3.4028234663852886e38], 0],
      [argMin, [1, 0, nan], 1],
      [argMin, [nan, 3, 1], 2],
      [argMin, [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY], 0],
    ];
    for (const [fn, xs, want] of cases) {
      assert.equal(fn('float32')(Float32Array.from(xs), [xs.length], -1, out), null);
      assert.equal(out[0], BigInt(want), `${fn === argMax ? 'ArgMax' : 'ArgMin'}([${xs}])`);
    }
    const o2 = new Int32Array(2);
    argMax('float16')(arrayOf('float16', [nan, 1, 2, nan, 0, 0]), [3, 2], 0, o2);
    assert.deepEqual([...o2], [1, 0]);
    assert.equal(argMax('float32')(new Float32Array(0), [2, 0], 1, new Int32Array(2)), 'Reduction axis 1 is empty in shape [2,0]');
    assert.equal(argMax('float32')(new Float32Array(0), [0, 2], 1, new Int32Array(0)), null);
  });
});
