// Identity, StopGradient, Reshape, ExpandDims and Squeeze of float32 on the wasm backend: views of
// their input (no copy), CPU kernels' shapes and messages; other dtypes stay on the CPU backend.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cpuBackend } from '../../../src/backends/cpu/backend.js';
import { NDArray } from '../../../src/core/ndarray.js';
import { randomArray, runKernel, wasm1 } from './helpers.js';

const ints = (...v: number[]) => new NDArray('int32', [v.length], Int32Array.from(v));

describe('wasm forwarding kernels', () => {
  test('shapes and values as the CPU kernels', () => {
    const x = randomArray([2, 3, 4]);
    const cases: [string, NDArray[], Record<string, unknown>][] = [
      ['Identity', [x], {}],
      ['StopGradient', [x], {}],
      ['Reshape', [x, ints(-1, 4)], {}],
      ['Reshape', [x, ints(4, 6)], {}],
      ['Reshape', [randomArray([0, 3]), ints(-1, 3)], {}],
      ['ExpandDims', [x, ints(-1)], {}],
      ['ExpandDims', [x, ints(0)], {}],
      ['Squeeze', [randomArray([1, 3, 1, 2])], { squeeze_dims: [] }],
      ['Squeeze', [randomArray([1, 3, 1, 2])], { squeeze_dims: [-2] }],
    ];
    for (const [op, inputs, attrs] of cases) {
      const want = runKernel(cpuBackend, op, inputs, attrs)[0] as NDArray;
      const got = runKernel(wasm1, op, inputs, attrs)[0] as NDArray;
      assert.deepEqual([...got.shape], [...want.shape], op);
      assert.deepEqual(got.data, want.data, op);
    }
  });

  test('a view shares its input storage', () => {
    const t = wasm1.upload(randomArray([2, 6]));
    wasm1.retain(t);
    const k = wasm1.kernel('Reshape', { inputs: ['float32', 'int32'], outputs: ['float32'] }, {} as never);
    const shape = wasm1.upload(ints(3, 4));
    const ctx = {
      env: { opName: 'r', opType: 'Reshape', attrs: {} as never },
      resources: {} as never,
      output: (): never => {
        throw new Error('no output expected');
      },
    };
    const [v] = (k as NonNullable<typeof k>)([t, shape], ctx);
    assert.equal((v as typeof t).ptr, t.ptr);
    assert.deepEqual([...(v as typeof t).shape], [3, 4]);
    wasm1.release(t);
  });

  test("the CPU kernels' errors; int32 stays on the CPU backend", () => {
    const x = randomArray([2, 3]);
    for (const [op, inputs, attrs] of [
      ['Reshape', [x, ints(4, -1)], {}],
      ['Reshape', [x, ints(-1, -1)], {}],
      ['Reshape', [x, ints(7)], {}],
      ['Reshape', [randomArray([0, 2]), ints(0, -1)], {}],
      ['ExpandDims', [x, ints(4)], {}],
      ['Squeeze', [x], { squeeze_dims: [0] }],
    ] as [string, NDArray[], Record<string, unknown>][]) {
      let message = '';
      assert.throws(() => runKernel(cpuBackend, op, inputs, attrs), (e: Error) => {
        message = e.message;
        return true;
      });
      assert.throws(() => runKernel(wasm1, op, inputs, attrs), { name: 'InvalidArgumentError', message });
    }
    assert.equal(wasm1.kernel('Reshape', { inputs: ['int32', 'int32'], outputs: ['int32'] }, {} as never), undefined);
  });
});
