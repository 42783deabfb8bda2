/**
 * The compute layer's elementwise kernels (src/backends/cpu/compute): every binary and unary op on
 * every dtype it supports, against plain reference computations, over broadcasting shapes, in both
 * the generated (`new Function`) and the closure-fallback modes; plus the float16 conversion.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
  BINARY_OP_NAMES,
  type BinaryOpName,
  COMPUTE_DTYPES,
  type ComputeDType,
  UNARY_OP_NAMES,
  type UnaryOpName,
  allocateFor,
  binary,
  binaryOutputDType,
  biasAdd,
  codegenActive,
  floatToHalf,
  halfToFloat,
  setCodegenEnabled,
  supportsBinary,
  supportsUnary,
  unary,
  unaryOutputDType,
} from '../../src/backends/cpu/compute/index.js';
import { HELPERS } from '../../src/backends/cpu/compute/codegen.js';
import { type V, arrayOf, broadcastIndex, broadcastShape, isFloatDType, roundFloat, sample, size, valuesOf, wrapInt } from './compute-ref.js';

const DIV0 = 'Integer division by zero';
const NEG_POW = 'Integers to negative integer powers are not allowed';
const DIVISIONS: readonly BinaryOpName[] = ['RealDiv', 'Div', 'TruncateDiv', 'FloorDiv', 'FloorMod'];

// biome-ignore lint/complexity/useMathMinMax: std::max keeps x on a -0/0 tie, Math.max does not
const cmax = (x: number, y: number) => (Number.isNaN(x) ? x : Number.isNaN(y) ? y : x < y ? y : x);
// biome-ignore lint/complexity/useMathMinMax: std::min keeps x on a -0/0 tie, Math.min does not
const cmin = (x: number, y: number) => (Number.isNaN(x) ? x : Number.isNaN(y) ? y : y < x ? y : x);
const cpow = (x: number, y: number) => (x === 1 || y === 0 ? 1 : x === -1 && Math.abs(y) === Number.POSITIVE_INFINITY ? 1 : x ** y);
function bpow(x: bigint, y: bigint): bigint {
  let r = 1n;
  for (let i = 0n; i < y; i++) r = BigInt.asIntN(64, r * x);
  return r;
}

/** Reference binary op on decoded values; a string is the expected failure. */
function refBinary(op: BinaryOpName, d: ComputeDType, x: V, y: V): V | string {
  const cmp = (c: boolean) => (c ? 1 : 0);
  switch (op) {
    case 'Equal':
      return cmp(x === y);
    case 'NotEqual':
      return cmp(x !== y);
    case 'Less':
      return cmp(x < y);
    case 'LessEqual':
      return cmp(x <= y);
    case 'Greater':
      return cmp(x > y);
    case 'GreaterEqual':
      return cmp(x >= y);
    case 'LogicalAnd':
      return cmp(x === 1 && y === 1);
    case 'LogicalOr':
      return cmp(x === 1 || y === 1);
  }
  if (isFloatDType(d)) {
    const a = x as number;
    const b = y as number;
    const fmod = a % b;
    const f = {
      AddV2: a + b,
      Sub: a - b,
      Mul: a * b,
      RealDiv: a / b,
      Div: a / b,
      TruncateDiv: Math.trunc(a / b),
      FloorDiv: Math.floor(a / b),
      FloorMod: fmod !== 0 && fmod < 0 !== b < 0 ? fmod + b : fmod,
      Maximum: cmax(a, b),
      Minimum: cmin(a, b),
      SquaredDifference: (a - b) ** 2,
      Pow: cpow(a, b),
      SigmoidGrad: b * a * (1 - a),
      TanhGrad: b * (1 - a * a),
      SqrtGrad: (b * 0.5) / a,
      RsqrtGrad: a * a * a * b * -0.5,
      ReciprocalGrad: -b * a * a,
    }[op];
    return roundFloat(d, f);
  }
  const a = BigInt(x);
  const b = BigInt(y);
  if (DIVISIONS.includes(op) && b === 0n) return DIV0;
  const floorDiv = () => a / b - (a % b !== 0n && a < 0n !== b < 0n ? 1n : 0n);
  if (op === 'Pow' && b < 0n) return NEG_POW;
  const exactOf = {
    AddV2: () => a + b,
    Sub: () => a - b,
    Mul: () => a * b,
    RealDiv: () => a / b,
    Div: () => a / b,
    TruncateDiv: () => a / b,
    FloorDiv: floorDiv,
    FloorMod: () => a - b * floorDiv(),
    Maximum: () => (a < b ? b : a),
    Minimum: () => (b < a ? b : a),
    SquaredDifference: () => (a - b) * (a - b),
    Pow: () => bpow(a, b),
  };
  // The gradient ops (SigmoidGrad, …) are float-only: never reached with integers.
  const exact = exactOf[op as keyof typeof exactOf]();
  return wrapInt(d, exact);
}

function rint(v: number): number {
  const r = rintAbs(v);
  return r === 0 && (v < 0 || Object.is(v, -0)) ? -0 : r;
}

function rintAbs(v: number): number {
  const f = Math.floor(v);
  const diff = v - f;
  if (diff < 0.5) return f;
  if (diff > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

function refUnary(op: UnaryOpName, d: ComputeDType, x: V): V {
  if (op === 'LogicalNot') return x ? 0 : 1;
  if (op === 'IsNan') return Number.isNaN(x) ? 1 : 0;
  if (op === 'IsFinite') return Number.isFinite(x) ? 1 : 0;
  if (isFloatDType(d)) {
    const v = x as number;
    const f: Record<Exclude<UnaryOpName, 'LogicalNot' | 'IsNan' | 'IsFinite'>, () => number> = {
      Neg: () => -v,
      Square: () => v * v,
      Abs: () => Math.abs(v),
      Sign: () => (Number.isNaN(v) ? v : v > 0 ? 1 : v < 0 ? -1 : 0),
      Sqrt: () => Math.sqrt(v),
      Rsqrt: () => 1 / Math.sqrt(v),
      Exp: () => Math.exp(v),
      Log: () => Math.log(v),
      Log1p: () => Math.log1p(v),
      Expm1: () => Math.expm1(v),
      Sin: () => Math.sin(v),
      Cos: () => Math.cos(v),
      Tanh: () => Math.tanh(v),
      Sigmoid: () => 1 / (1 + Math.exp(-v)),
      // The kernel's own helper (its values are checked against TensorFlow in test/ops/unary-math.test.ts).
      Erf: () => HELPERS.erf(v),
      // biome-ignore lint/complexity/useMathMinMax: std::max(x, 0) keeps -0
      Relu: () => (v < 0 ? 0 : v),
      Floor: () => Math.floor(v),
      Ceil: () => Math.ceil(v),
      Round: () => (Number.isFinite(v) ? rint(v) : v),
      Reciprocal: () => 1 / v,
    };
    return roundFloat(d, f[op as keyof typeof f]());
  }
  const a = BigInt(x);
  const exact = { Neg: -a, Square: a * a, Abs: a < 0n ? -a : a, Sign: a > 0n ? 1n : a < 0n ? -1n : 0n, Relu: a < 0n ? 0n : a }[op as 'Neg'];
  return wrapInt(d, exact);
}

/** Compares stored results: floats by value with NaN equal to NaN and -0 distinct from 0. */
function assertSame(d: ComputeDType, got: readonly V[], want: readonly V[], what: string): void {
  assert.equal(got.length, want.length, what);
  for (let i = 0; i < got.length; i++) {
    if (!Object.is(got[i], want[i])) assert.fail(`${what}: element ${i} is ${String(got[i])}, expected ${String(want[i])}`);
  }
  void d;
}

const SHAPES: [number[], number[]][] = [
  [[7], [7]],
  [[2, 3, 4], [2, 3, 4]],
  [[2, 1, 3], [4, 1]],
  [[4, 1], [2, 1, 3]],
  [[1], [5]],
  [[5], [1]],
  [[], [3, 2]],
  [[3, 2], []],
  [[], []],
  [[2, 0, 3], [3]],
  [[0], [1]],
  [[3, 4], [4]],
  [[2, 3, 4, 5], [3, 1, 5]],
  [[2, 1, 4, 1, 3], [1, 5, 1, 2, 3]],
  [[6, 1], [1, 6]],
];

/** Operands for op: divisors without zeros, small non-negative exponents for integer Pow. */
function operands(op: BinaryOpName, d: ComputeDType, n: number, m: number): [number[], number[]] {
  const a = sample(d, n);
  let b = sample(d, m).reverse();
  if (!isFloatDType(d) && DIVISIONS.includes(op)) b = b.map((v) => (v === 0 ? 3 : v));
  if (!isFloatDType(d) && op === 'Pow') b = b.map((v) => Math.abs(v) % 7);
  if (isFloatDType(d) && op === 'Pow') b = b.map((v, i) => (i % 3 === 0 ? v : Math.trunc(v / 3)));
  return [a, b];
}

function checkBinary(op: BinaryOpName, d: ComputeDType, aShape: number[], bShape: number[]): void {
  const outShape = broadcastShape(aShape, bShape);
  const [av, bv] = operands(op, d, size(aShape), size(bShape));
  const a = arrayOf(d, av);
  const b = arrayOf(d, bv);
  const od = binaryOutputDType(op, d);
  const n = size(outShape);
  const out = allocateFor(od, n);
  const da = valuesOf(d, a);
  const db = valuesOf(d, b);
  const want: V[] = [];
  let failure: string | null = null;
  for (let i = 0; i < n; i++) {
    const r = refBinary(op, d, da[broadcastIndex(i, aShape, outShape)] as V, db[broadcastIndex(i, bShape, outShape)] as V);
    if (typeof r === 'string') {
      failure ??= r;
      break;
    }
    want.push(od === 'float16' ? halfToFloat(r as number) : r);
  }
  const err = binary(op, d)(a, aShape, b, bShape, out, outShape);
  const what = `${op} ${d} [${aShape}] x [${bShape}]`;
  assert.equal(err, failure, what);
  if (failure === null) assertSame(od, valuesOf(od, out), want, what);
}

for (const gen of [true, false]) {
  describe(`compute elementwise (${gen ? 'generated' : 'closure fallback'})`, () => {
    setCodegenEnabled(gen);
    after(() => setCodegenEnabled(true));
    test('mode', () => {
      setCodegenEnabled(gen);
      assert.equal(codegenActive(), gen);
    });
    for (const op of BINARY_OP_NAMES) {
      test(`binary ${op}: every dtype, broadcasting shapes`, () => {
        setCodegenEnabled(gen);
        let any = false;
        for (const d of COMPUTE_DTYPES) {
          if (!supportsBinary(op, d)) continue;
          any = true;
          for (const [as, bs] of SHAPES) checkBinary(op, d, as, bs);
        }
        assert.ok(any);
      });
    }
    for (const op of UNARY_OP_NAMES) {
      test(`unary ${op}: every dtype`, () => {
        setCodegenEnabled(gen);
        for (const d of COMPUTE_DTYPES) {
          if (!supportsUnary(op, d)) continue;
          const xs = sample(d, 40);
          if (op === 'Round' || op === 'Floor' || op === 'Ceil') xs.push(0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999, -0.4);
          const x = arrayOf(d, xs);
          const od = unaryOutputDType(op, d);
          const out = allocateFor(od, x.length);
          unary(op, d)(x, out);
          const want = valuesOf(d, x).map((v) => {
            const r = refUnary(op, d, v);
            return od === 'float16' ? halfToFloat(r as number) : r;
          });
          assertSame(od, valuesOf(od, out), want, `${op} ${d}`);
        }
      });
    }
    test('integer division by zero and negative integer powers fail with TF messages', () => {
      setCodegenEnabled(gen);
      for (const d of ['int8', 'int32', 'uint32', 'int64', 'uint64'] as const) {
        const a = arrayOf(d, [6, 7, 8]);
        const z = arrayOf(d, [2, 0, 1]);
        assert.equal(binary('RealDiv', d)(a, [3], z, [3], allocateFor(d, 3), [3]), DIV0, d);
        assert.equal(binary('RealDiv', d)(a, [3], arrayOf(d, [0]), [], allocateFor(d, 3), [3]), DIV0, d);
        assert.equal(binary('FloorDiv', d)(a, [3], z, [3], allocateFor(d, 3), [3]), DIV0, d);
        assert.equal(binary('FloorMod', d)(arrayOf(d, [0]), [], z, [3], allocateFor(d, 3), [3]), DIV0, d);
      }
      const e = binary('Pow', 'int32')(Int32Array.of(2), [], Int32Array.of(1, -1), [2], new Int32Array(2), [2]);
      assert.equal(e, NEG_POW);
      // Float division by zero is IEEE.
      const f = new Float32Array(3);
      assert.equal(binary('RealDiv', 'float32')(Float32Array.of(1, -1, 0), [3], Float32Array.of(0), [], f, [3]), null);
      assert.deepEqual([...f], [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN]);
    });
    test('integer arithmetic wraps as C++', () => {
      setCodegenEnabled(gen);
      const i32 = new Int32Array(3);
      binary('AddV2', 'int32')(Int32Array.of(2147483647, -2147483648, 65536), [3], Int32Array.of(1, -1, 65536), [3], i32, [3]);
      assert.deepEqual([...i32], [-2147483648, 2147483647, 131072]);
      binary('Mul', 'int32')(Int32Array.of(65536, 123456789, -2147483648), [3], Int32Array.of(65536, 987654321, -1), [3], i32, [3]);
      assert.deepEqual([...i32], [0, Math.imul(123456789, 987654321), -2147483648]);
      const i64 = new BigInt64Array(2);
      binary('AddV2', 'int64')(BigInt64Array.of(2n ** 63n - 1n, -(2n ** 63n)), [2], BigInt64Array.of(1n, -1n), [2], i64, [2]);
      assert.deepEqual([...i64], [-(2n ** 63n), 2n ** 63n - 1n]);
      binary('Mul', 'int64')(BigInt64Array.of(2n ** 62n), [1], BigInt64Array.of(4n), [1], i64, [1]);
      assert.equal(i64[0], 0n);
      const u64 = new BigUint64Array(1);
      binary('Sub', 'uint64')(BigUint64Array.of(0n), [1], BigUint64Array.of(1n), [1], u64, [1]);
      assert.equal(u64[0], 2n ** 64n - 1n);
      const u8 = new Uint8Array(2);
      binary('AddV2', 'uint8')(Uint8Array.of(250, 3), [2], Uint8Array.of(10), [], u8, [2]);
      assert.deepEqual([...u8], [4, 13]);
      const i8 = new Int8Array(2);
      binary('Mul', 'int8')(Int8Array.of(100, -128), [2], Int8Array.of(3, -1), [2], i8, [2]);
      assert.deepEqual([...i8], [44, -128]);
      const u16 = new Uint16Array(1);
      unary('Neg', 'uint16')(Uint16Array.of(1), u16);
      assert.equal(u16[0], 65535);
      const ia = new Int32Array(1);
      unary('Abs', 'int32')(Int32Array.of(-2147483648), ia);
      assert.equal(ia[0], -2147483648);
    });
    test('FloorDiv and FloorMod round toward -inf, as Python // and %', () => {
      setCodegenEnabled(gen);
      const x = [-7, 7, -7, 7, -8];
      const y = [2, -2, -2, 2, 2];
      for (const d of ['int32', 'int64', 'float32'] as const) {
        const q = allocateFor(d, 5);
        const r = allocateFor(d, 5);
        binary('FloorDiv', d)(arrayOf(d, x), [5], arrayOf(d, y), [5], q, [5]);
        binary('FloorMod', d)(arrayOf(d, x), [5], arrayOf(d, y), [5], r, [5]);
        assert.deepEqual(valuesOf(d, q).map(Number), [-4, -4, 3, 3, -4], d);
        // fmod keeps x's sign: -8 mod 2 is -0 for floats, as TF's C++ (Python prints 0.0).
        assert.deepEqual(valuesOf(d, r).map(Number), [1, -1, -1, 1, d === 'float32' ? -0 : 0], d);
      }
      const f = new Float64Array(2);
      binary('FloorMod', 'float64')(Float64Array.of(-7.5, 7.5), [2], Float64Array.of(2), [], f, [2]);
      assert.deepEqual([...f], [0.5, 1.5]);
    });
    test('NaN and Inf propagate through Maximum, Minimum and arithmetic', () => {
      setCodegenEnabled(gen);
      const o = new Float64Array(4);
      const nan = Number.NaN;
      const inf = Number.POSITIVE_INFINITY;
      binary('Maximum', 'float64')(Float64Array.of(nan, 1, inf, -inf), [4], Float64Array.of(1, nan, nan, 0), [4], o, [4]);
      assert.deepEqual([...o], [nan, nan, nan, 0]);
      binary('Minimum', 'float64')(Float64Array.of(nan, 1, inf, -inf), [4], Float64Array.of(1, nan, 2, 0), [4], o, [4]);
      assert.deepEqual([...o], [nan, nan, 2, -inf]);
      binary('AddV2', 'float64')(Float64Array.of(inf, inf, nan, 1), [4], Float64Array.of(-inf, 1, 1, inf), [4], o, [4]);
      assert.deepEqual([...o], [nan, inf, nan, inf]);
    });
    test('an output larger than both operands repeats the result', () => {
      setCodegenEnabled(gen);
      const o = new BigInt64Array(6);
      binary('AddV2', 'int64')(BigInt64Array.of(2n), [], BigInt64Array.of(3n, 4n), [2, 1], o, [2, 3]);
      assert.deepEqual([...o], [5n, 5n, 5n, 6n, 6n, 6n]);
      const f = new Float32Array(3);
      binary('Mul', 'float32')(Float32Array.of(2), [], Float32Array.of(3), [1], f, [3]);
      assert.deepEqual([...f], [6, 6, 6]);
    });
    test('shapes that do not broadcast to the output throw RangeError', () => {
      setCodegenEnabled(gen);
      const add = binary('AddV2', 'float32');
      assert.throws(() => add(new Float32Array(6), [2, 3], new Float32Array(4), [4], new Float32Array(12), [3, 4]), RangeError);
      assert.throws(() => add(new Float32Array(6), [2, 3], new Float32Array(2), [2, 1], new Float32Array(6), [3, 2]), RangeError);
    });
    test('unsupported (op, dtype) pairs throw TypeError', () => {
      setCodegenEnabled(gen);
      assert.throws(() => binary('AddV2', 'bool'), TypeError);
      assert.throws(() => binary('LogicalAnd', 'float32'), TypeError);
      assert.throws(() => unary('Sqrt', 'int32'), TypeError);
      assert.throws(() => binary('AddV2', 'string' as ComputeDType), TypeError);
    });
    test('BiasAdd NHWC and NCHW', () => {
      setCodegenEnabled(gen);
      for (const d of ['float32', 'float64', 'int32', 'float16', 'int64'] as const) {
        const shape = [2, 3, 4, 5];
        const xs = Array.from({ length: size(shape) }, (_, i) => (i % 17) - 8);
        const x = arrayOf(d, xs);
        for (const fmt of ['NHWC', 'NCHW'] as const) {
          const c = fmt === 'NHWC' ? 5 : 3;
          const bias = arrayOf(d, Array.from({ length: c }, (_, i) => i * 10 + 1));
          const out = allocateFor(d, xs.length);
          biasAdd(d)(x, shape, bias, out, fmt);
          const want = xs.map((v, i) => {
            const ch = fmt === 'NHWC' ? i % 5 : Math.floor(i / 20) % 3;
            const r = v + ch * 10 + 1;
            return typeof valuesOf(d, x, 1)[0] === 'bigint' ? BigInt(r) : r;
          });
          assertSame(d, valuesOf(d, out), want, `BiasAdd ${d} ${fmt}`);
        }
      }
      const o = new Float32Array(6);
      biasAdd('float32')(Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3], Float32Array.of(10, 20, 30), o, 'NCHW');
      assert.deepEqual([...o], [11, 22, 33, 14, 25, 36]);
    });
  });
}

describe('float16 conversion (local helper)', () => {
  test('known values and rounding to nearest even', () => {
    const cases: [number, number][] = [
      [0, 0x0000],
      [-0, 0x8000],
      [1, 0x3c00],
      [-2, 0xc000],
      [65504, 0x7bff],
      [65519.99, 0x7bff],
      [65520, 0x7c00],
      [Number.POSITIVE_INFINITY, 0x7c00],
      [Number.NEGATIVE_INFINITY, 0xfc00],
      [2 ** -24, 0x0001],
      [2 ** -25, 0x0000],
      [3 * 2 ** -25, 0x0002],
      [2 ** -14, 0x0400],
      [1 + 2 ** -11, 0x3c00],
      [1 + 3 * 2 ** -11, 0x3c02],
      [1 + 2 ** -11 + 2 ** -20, 0x3c01],
    ];
    for (const [v, h] of cases) assert.equal(floatToHalf(v).toString(16), h.toString(16), `floatToHalf(${v})`);
    assert.ok(Number.isNaN(halfToFloat(floatToHalf(Number.NaN))));
  });
  test('every half value round-trips', () => {
    for (let h = 0; h < 65536; h++) {
      const v = halfToFloat(h);
      if (Number.isNaN(v)) continue;
      if (floatToHalf(v) !== h) assert.fail(`half ${h.toString(16)} -> ${v} -> ${floatToHalf(v).toString(16)}`);
    }
  });
});
