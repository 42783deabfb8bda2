// Running one kernel directly on a backend, and comparing the wasm backend with the CPU reference.
import assert from 'node:assert/strict';
import type { Backend, BackendTensor, ElementwiseChain, Kernel, KernelContext } from '../../../src/backends/backend.js';
import { cpuBackend } from '../../../src/backends/cpu/backend.js';
import { WasmBackend } from '../../../src/backends/wasm/backend.js';
import type { DType } from '../../../src/core/dtypes.js';
import { NDArray } from '../../../src/core/ndarray.js';
import type { Graph } from '../../../src/graph/graph.js';
import type { Operation } from '../../../src/graph/operation.js';
import type { Tensor } from '../../../src/graph/tensor.js';
import type { Variable } from '../../../src/graph/variable.js';
import { Session } from '../../../src/runtime/session.js';

export const wasm1 = new WasmBackend({ threads: 1 });
export const wasm2 = new WasmBackend({ threads: 2 });

let seed = 12345;
/** A deterministic pseudo-random float in [-1, 1). */
export function rand(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed / 2 ** 32) * 2 - 1;
}

export function randomArray(shape: readonly number[], scale = 1): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  return new NDArray('float32', shape, Float32Array.from({ length: n }, () => rand() * scale));
}

function context(backend: Backend, opType: string, attrs: Record<string, unknown>): KernelContext {
  return {
    env: { opName: `test_${opType}`, opType, attrs: attrs as never },
    resources: {} as never,
    output: (_i: number, dtype: DType, shape: readonly number[]) => backend.allocate(dtype, shape),
  };
}

function runWith(backend: Backend, kernel: Kernel, opType: string, inputs: readonly NDArray[], attrs: Record<string, unknown>): NDArray[] {
  const ts = inputs.map((a) => {
    const t = backend.upload(a);
    backend.retain(t);
    return t;
  });
  const outs = kernel(ts, context(backend, opType, attrs)) as BackendTensor[];
  const res = outs.map((o) => backend.download(o));
  for (const t of ts) backend.release(t);
  for (const o of outs) {
    backend.retain(o);
    backend.release(o);
  }
  return res;
}

/** Runs `opType`'s kernel for float32 inputs on `backend` (failing when it has none). */
export function runKernel(backend: Backend, opType: string, inputs: readonly NDArray[], attrs: Record<string, unknown> = {}, outDtypes: DType[] = ['float32']): NDArray[] {
  const kernel = backend.kernel(opType, { inputs: inputs.map((a) => a.dtype), outputs: outDtypes }, attrs as never);
  assert.ok(kernel, `${backend.name} has a ${opType} kernel`);
  return runWith(backend, kernel, opType, inputs, attrs);
}

export function runFused(backend: Backend, chain: ElementwiseChain, inputs: readonly NDArray[]): NDArray {
  const kernel = backend.fusedKernel?.(chain);
  assert.ok(kernel, `${backend.name} fuses ${chain.links.map((l) => l.op).join(', ')}`);
  return runWith(backend, kernel, 'fused', inputs, {})[0] as NDArray;
}

/** Same shape and values within `tol` relative to max(1, |expected|) (NaN matches NaN). */
export function assertClose(actual: NDArray, expected: NDArray, tol: number, what: string): void {
  assert.deepEqual([...actual.shape], [...expected.shape], `${what}: shape`);
  const a = actual.data as Float32Array;
  const e = expected.data as Float32Array;
  for (let i = 0; i < e.length; i++) {
    const x = a[i] as number;
    const y = e[i] as number;
    if (x === y) continue;
    if (Number.isNaN(y)) {
      assert.ok(Number.isNaN(x), `${what}[${i}]: expected NaN, got ${x}`);
      continue;
    }
    assert.ok(Math.abs(x - y) <= tol * Math.max(1, Math.abs(y)), `${what}[${i}]: expected ${y}, got ${x}`);
  }
}

/** The kernel on the wasm backends (1 and 2 threads) against the CPU reference. */
export function checkAgainstCpu(opType: string, inputs: readonly NDArray[], attrs: Record<string, unknown> = {}, tol = 1e-6): void {
  const [want] = runKernel(cpuBackend, opType, inputs, attrs);
  const what = `${opType}(${inputs.map((a) => `[${a.shape.join(',')}]`).join(', ')})`;
  for (const be of [wasm1, wasm2]) {
    const [got] = runKernel(be, opType, inputs, attrs);
    assertClose(got as NDArray, want as NDArray, tol, `${what} on ${be.threads} thread(s)`);
  }
}

/**
 * Runs a training graph `steps` times on `backend` (fetches: the train op, then scalars) and
 * returns the scalars of each run; on wasm it first asserts the plan has no step off wasm.
 */
export function trainingRuns(g: Graph, init: Operation, fetches: readonly (Tensor | Operation | Variable)[], feeds: Map<Tensor, NDArray>, backend: 'cpu' | 'wasm', steps = 3): number[][] {
  using sess = new Session({ graph: g, backend });
  sess.run(init);
  if (backend === 'wasm') {
    const plan = sess.describePlan([...fetches], feeds);
    const offWasm = plan.steps.filter((s) => s.backend.name !== 'wasm').map((s) => (s.kind === 'transfer' ? 'transfer' : s.op.type));
    assert.deepEqual(offWasm, [], 'steps off wasm');
  }
  return Array.from({ length: steps }, () => (sess.run([...fetches], feeds) as NDArray[]).slice(1).map((a) => Number(a.item())));
}

/** A convolution's NHWC attrs: strides and dilations as one number or per axis [h, w]. */
export type ConvAttrs = {
  strides: number[];
  padding: string;
  dilations: number[];
  explicit_paddings: number[];
  data_format: string;
};

export const convAttrs = (padding: string, s: number | [number, number] = 1, d: number | [number, number] = 1, explicit: number[] = []): ConvAttrs => {
  const [sh, sw] = typeof s === 'number' ? [s, s] : s;
  const [dh, dw] = typeof d === 'number' ? [d, d] : d;
  return { strides: [1, sh, sw, 1], padding, dilations: [1, dh, dw, 1], explicit_paddings: explicit, data_format: 'NHWC' };
};
