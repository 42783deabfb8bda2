/** Fused elementwise chains give the same bits as running their ops one by one, in both codegen modes. */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
  type ChainStep,
  type ComputeArray,
  type ComputeDType,
  allocateFor,
  binary,
  fusedChain,
  setCodegenEnabled,
  unary,
} from '../../src/backends/cpu/compute/index.js';
import { arrayOf, sample, valuesOf } from './compute-ref.js';

/** The chain run op by op through the unfused kernels. */
function unfused(dtype: ComputeDType, steps: readonly ChainStep[], inputs: ComputeArray[], scalar: boolean[], n: number): ComputeArray | string {
  let acc = inputs[0] as ComputeArray;
  let accShape = scalar[0] ? [] : [n];
  for (const s of steps) {
    const out = allocateFor(dtype, n);
    if (typeof s === 'string') {
      if (accShape.length === 0) {
        const full = allocateFor(dtype, n);
        (full as unknown as (number | bigint)[]).fill((acc as ArrayLike<number | bigint>)[0] as never);
        acc = full;
        accShape = [n];
      }
      unary(s, dtype)(acc, out, n);
    } else {
      const [op, j, rev] = s;
      const other = inputs[j] as ComputeArray;
      const oShape = scalar[j] ? [] : [n];
      const err = rev ? binary(op, dtype)(other, oShape, acc, accShape, out, [n]) : binary(op, dtype)(acc, accShape, other, oShape, out, [n]);
      if (err !== null) return err;
    }
    acc = out;
    accShape = [n];
  }
  return acc;
}

const CHAINS: [ComputeDType[], ChainStep[]][] = [
  [['float32', 'float64', 'float16'], [['Mul', 1], ['AddV2', 2], 'Relu']],
  [['float32', 'float16'], ['Neg', 'Exp', ['RealDiv', 1, 'reversed'], 'Tanh', ['Maximum', 2]]],
  [['float64'], ['Sigmoid', ['SquaredDifference', 1], 'Sqrt', 'Round']],
  [['int32', 'int8', 'uint16', 'uint32', 'int64', 'uint64'], [['Mul', 1], ['AddV2', 2], 'Square', ['Sub', 1, 'reversed'], 'Abs']],
  [['int32', 'int16', 'int64'], [['Mul', 2], ['RealDiv', 1]]],
];

for (const gen of [true, false]) {
  describe(`compute fused chains (${gen ? 'generated' : 'closure fallback'})`, () => {
    after(() => setCodegenEnabled(true));
    for (const [dtypes, steps] of CHAINS) {
      test(`${JSON.stringify(steps)} on ${dtypes.join(', ')}`, () => {
        setCodegenEnabled(gen);
        for (const d of dtypes) {
          for (const scalar of [[false, false, false], [false, true, false], [true, false, true]]) {
            const n = 37;
            const inputs = scalar.map((s, j) => arrayOf(d, sample(d, s ? 1 : n).map((v, i) => (j === 1 && !/float/.test(d) && v === 0 ? i + 1 : v))));
            const out = allocateFor(d, n);
            const got = fusedChain(d, steps)(inputs, scalar, out, n);
            const want = unfused(d, steps, inputs, scalar, n);
            if (typeof want === 'string') {
              assert.equal(got, want);
              continue;
            }
            assert.equal(got, null);
            const g = valuesOf(d, out);
            const w = valuesOf(d, want);
            for (let i = 0; i < n; i++) if (!Object.is(g[i], w[i])) assert.fail(`${d} scalar=${scalar}: element ${i} is ${g[i]}, expected ${w[i]}`);
          }
        }
      });
    }
    test('integer division by zero inside a chain', () => {
      setCodegenEnabled(gen);
      const e = fusedChain('int32', [['AddV2', 1], ['RealDiv', 1]])([Int32Array.of(1, 2), Int32Array.of(0)], [false, true], new Int32Array(2), 2);
      assert.equal(e, 'Integer division by zero');
    });
    test('bool-output ops cannot be fused', () => {
      setCodegenEnabled(gen);
      assert.throws(() => fusedChain('float32', [['Less', 1]]), TypeError);
      assert.throws(() => fusedChain('int32', ['Sqrt']), TypeError);
    });
  });
}
