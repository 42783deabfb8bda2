// The fused MatMul / Conv2D epilogue kernels (bias + activation as the GEMM stores each tile) on
// 1 and 2 threads against the CPU backend's: full and edge tiles, k split in blocks, k = 0,
// grouped convolutions (epilogue in place after the product) and NaN through the activations.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Backend, Epilogue, EpilogueActivation, Kernel } from '../../../src/backends/backend.js';
import { cpuBackend } from '../../../src/backends/cpu/backend.js';
import type { NDArray } from '../../../src/core/ndarray.js';
import { assertClose, randomArray, wasm1, wasm2 } from './helpers.js';

function run(be: Backend, e: Epilogue, inputs: NDArray[]): NDArray {
  const k = be.epilogueKernel?.(e) as Kernel;
  assert.ok(k, `${be.name} fuses ${e.op} ${e.activation}`);
  const ts = inputs.map((a) => {
    const t = be.upload(a);
    be.retain(t);
    return t;
  });
  const ctx = { env: { opName: 'fused', opType: e.activation ?? 'BiasAdd', attrs: {} }, resources: {} as never, output: (_i: number, d: 'float32', s: readonly number[]) => be.allocate(d, s) };
  const [o] = k(ts, ctx as never);
  const r = be.download(o as never);
  for (const t of ts) be.release(t);
  be.retain(o as never);
  be.release(o as never);
  return r;
}

const check = (e: Epilogue, inputs: NDArray[], tol: number, what: string) => {
  const want = run(cpuBackend, e, inputs);
  for (const be of [wasm1, wasm2]) assertClose(run(be, e, inputs), want, tol, `${what} ${e.activation} on ${be.threads} thread(s)`);
};

const ACTS: (EpilogueActivation | null)[] = ['Relu', 'Relu6', 'Sigmoid', 'Elu', 'Tanh', null];

describe('wasm GEMM epilogues', () => {
  test('MatMul + bias + activation: edge tiles, transposes, k in blocks, k = 0', () => {
    for (const [m, k, n, ta, tb] of [
      [37, 19, 29, false, false],
      [64, 700, 40, false, false],
      [9, 333, 130, true, true],
      [5, 0, 7, false, false],
    ] as const) {
      for (const act of ACTS) {
        for (const bias of [true, false]) {
          if (!bias && !act) continue;
          const a = randomArray(ta ? [k, m] : [m, k], 3);
          const b = randomArray(tb ? [n, k] : [k, n], 3);
          const inputs = bias ? [a, b, randomArray([n], 4)] : [a, b];
          const e: Epilogue = { op: 'MatMul', attrs: { transpose_a: ta, transpose_b: tb }, dtype: 'float32', bias, activation: act };
          check(e, inputs, 2e-7 * Math.max(k, 8) * 9, `MatMul ${m}x${k}x${n} bias=${bias}`);
        }
      }
    }
  });

  test('Conv2D + bias + activation, plain and grouped', () => {
    const attrs = { strides: [1, 1, 1, 1], dilations: [1, 1, 1, 1], padding: 'SAME', explicit_paddings: [], data_format: 'NHWC' };
    for (const [x, f] of [
      [[2, 9, 10, 6], [3, 3, 6, 11]],
      [[1, 7, 7, 6], [3, 3, 2, 9]],
      [[2, 5, 5, 4], [1, 1, 4, 5]],
    ]) {
      for (const act of ACTS) {
        const e: Epilogue = { op: 'Conv2D', attrs, dtype: 'float32', bias: true, activation: act };
        check(e, [randomArray(x as number[], 3), randomArray(f as number[]), randomArray([(f as number[])[3] as number], 4)], 1e-5, `Conv2D ${x} * ${f}`);
      }
    }
  });

  test('NaN passes the activations as the unfused kernels pass it', () => {
    const a = randomArray([4, 3]);
    (a.data as Float32Array)[0] = Number.NaN;
    for (const act of ['Relu', 'Relu6', 'Sigmoid', 'Elu', 'Tanh'] as const) {
      const got = run(wasm1, { op: 'MatMul', attrs: {}, dtype: 'float32', bias: false, activation: act }, [a, randomArray([3, 8])]);
      assert.ok(Number.isNaN((got.data as Float32Array)[0] as number), act);
    }
    assert.equal(wasm1.epilogueKernel({ op: 'MatMul', attrs: {}, dtype: 'float64', bias: true, activation: null }), undefined);
  });
});
