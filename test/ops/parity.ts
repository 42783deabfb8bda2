// Backend parity for the op conformance suite: every session the op helpers open runs each
// `run` on the CPU reference backend and again on the wasm backend, and asserts both agree.
import assert from 'node:assert/strict';
import type { Backend } from '../../src/backends/backend.js';
import { WasmBackend } from '../../src/backends/wasm/backend.js';
import { wasmFeatures } from '../../src/backends/wasm/features.js';
import type { FetchResult } from '../../src/runtime/fetch-types.js';
import type { FeedDict } from '../../src/runtime/feeds.js';
import type { RunMetadata, RunOptionsLike } from '../../src/runtime/run-options.js';
import * as tf from '../../src/v1.js';

let twinBackend: Backend | null | undefined;

/**
 * The wasm backend the parity runs use: one per test process, on one thread (the op tests are
 * small; the thread pool has its own tests). Null where WebAssembly SIMD is missing: then the op
 * tests run on the CPU backend alone.
 */
export function parityBackend(): Backend | null {
  if (twinBackend === undefined) twinBackend = wasmFeatures().simd ? new WasmBackend({ threads: 1 }) : null;
  return twinBackend;
}

/**
 * How far a wasm float result may be from the CPU reference: `|a - b| <= rel·max(|a|, |b|) + abs`.
 * float32: wasm's SIMD exp/sigmoid are within 2 ulp of the reference's (each ulp is 6e-8
 * relative), fused chains and a GEMM's different summation order add a few ulp per op; 1e-5
 * relative is ~80 ulp, room for a chain of such ops, and still catches any wrong formula, index or
 * broadcast. 1e-6 absolute covers results that cancel to near zero (sum of terms of size ~1,
 * each off by an ulp). float64 and float16 run on the same CPU kernels on both backends (wasm has
 * float32 kernels only): near-exact bounds (float16: one half ulp).
 */
export const PARITY_TOLERANCE: Readonly<Record<string, { rel: number; abs: number }>> = {
  float32: { rel: 1e-5, abs: 1e-6 },
  float64: { rel: 1e-12, abs: 1e-12 },
  float16: { rel: 1e-3, abs: 1e-4 },
};

/** Asserts a wasm result equals the reference: dtype, shape, values (exact except floats, NaN = NaN). */
export function assertSameArray(ref: tf.NDArray, got: tf.NDArray, where: string): void {
  assert.equal(got.dtype, ref.dtype, `${where}: dtype on wasm`);
  assert.deepEqual([...got.shape], [...ref.shape], `${where}: shape on wasm`);
  const tol = PARITY_TOLERANCE[ref.dtype];
  const n = ref.size;
  for (let k = 0; k < n; k++) {
    // Strings as their bytes (get() decodes them as UTF-8).
    const r = ref.dtype === 'string' ? (ref.data as Uint8Array[])[k] : ref.get(k);
    const g = got.dtype === 'string' ? (got.data as Uint8Array[])[k] : got.get(k);
    if (tol && typeof r === 'number' && typeof g === 'number') {
      if (Number.isNaN(r) && Number.isNaN(g)) continue;
      // Infinities only equal themselves (with one in the bound, any value would pass).
      const ok = r === g || (Number.isFinite(r) && Number.isFinite(g) && Math.abs(r - g) <= tol.rel * Math.max(Math.abs(r), Math.abs(g)) + tol.abs);
      if (!ok) assert.fail(`${where}: element ${k} is ${g} on wasm, ${r} on cpu (${ref.dtype}, tolerance ${tol.rel} rel + ${tol.abs})`);
    } else if (r instanceof Uint8Array && g instanceof Uint8Array) {
      assert.deepEqual(g, r, `${where}: element ${k} on wasm`);
    } else if (!Object.is(r, g) && !(r === 0 && g === 0)) {
      assert.fail(`${where}: element ${k} is ${String(g)} on wasm, ${String(r)} on cpu (${ref.dtype}, exact)`);
    }
  }
}

/** Compares two fetch results of the same structure (NDArrays, null for ops, arrays, records). */
function assertSameResult(ref: unknown, got: unknown, where: string): void {
  if (ref instanceof tf.NDArray) {
    assert.ok(got instanceof tf.NDArray, `${where}: an NDArray on wasm`);
    assertSameArray(ref, got, where);
  } else if (Array.isArray(ref)) {
    assert.ok(Array.isArray(got) && got.length === ref.length, `${where}: the same list on wasm`);
    ref.forEach((r, i) => {
      assertSameResult(r, (got as unknown[])[i], `${where}[${i}]`);
    });
  } else if (ref !== null && typeof ref === 'object') {
    assert.deepEqual(Object.keys(got as object), Object.keys(ref), `${where}: the same keys on wasm`);
    for (const [k, r] of Object.entries(ref)) assertSameResult(r, (got as Record<string, unknown>)[k], `${where}.${k}`);
  } else assert.equal(got, ref, `${where} on wasm`);
}

interface Outcome {
  value?: unknown;
  error?: unknown;
  stdout: string;
  stderr: string;
}

/** Runs `fn` with stdout and stderr captured (a Print op's output is compared, then written once). */
function outcome(fn: () => unknown): Outcome {
  const texts = { stdout: '', stderr: '' };
  const originals = { stdout: process.stdout.write, stderr: process.stderr.write };
  for (const s of ['stdout', 'stderr'] as const) {
    process[s].write = ((chunk: unknown, ...rest: unknown[]) => {
      texts[s] += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      if (cb) cb();
      return true;
    }) as typeof process.stdout.write;
  }
  try {
    return { value: fn(), ...texts };
  } catch (error) {
    return { error, ...texts };
  } finally {
    process.stdout.write = originals.stdout;
    process.stderr.write = originals.stderr;
  }
}

const describeError = (e: unknown) => (e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e));

/**
 * Ops whose values differ from run to run by design: random ops without a seed (TF draws a fresh
 * one per kernel), so the two backends' runs of them are compared by dtype and shape only.
 */
function nondeterministic(g: tf.Graph): boolean {
  return g.getOperations().some((op) => op.def.random === true && !op.attrs.seed && !op.attrs.seed2);
}

/**
 * A Session on the CPU reference backend with a twin on the wasm backend: `run` runs on both (each
 * session keeps its own variables and kernel state, so stateful sequences stay in step) and asserts
 * the same values (within PARITY_TOLERANCE), the same error (class and message) and the same printed
 * output, then returns (or throws) the reference's. Everything else (describePlan, partial runs)
 * is the reference session's.
 */
export class ParitySession extends tf.Session {
  readonly twin: tf.Session | null;

  /** `twin`: the backend compared with the reference (default: parityBackend(); the parity tests give others). */
  constructor({ twin, ...options }: { graph: tf.Graph; config?: tf.ConfigProto; twin?: Backend }) {
    super({ ...options, backend: 'cpu' });
    const other = twin ?? parityBackend();
    this.twin = other ? new tf.Session({ ...options, backend: other }) : null;
  }

  /** A run on the CPU reference only (finite differences: many runs, the reference's job). */
  runReference<const F>(fetches: F, feedDict?: FeedDict | null): FetchResult<F> {
    return super.run(fetches, feedDict);
  }

  override run<const F>(fetches: F, feedDict?: FeedDict | null, options?: RunOptionsLike | null, runMetadata?: RunMetadata | null): FetchResult<F> {
    if (!this.twin) return super.run(fetches, feedDict, options, runMetadata);
    const ref = outcome(() => super.run(fetches, feedDict, options, runMetadata));
    const got = outcome(() => (this.twin as tf.Session).run(fetches, feedDict, options));
    process.stdout.write(ref.stdout);
    process.stderr.write(ref.stderr);
    if ('error' in ref) {
      assert.ok('error' in got, `cpu raised ${describeError(ref.error)}; wasm returned normally`);
      assert.equal(describeError(got.error), describeError(ref.error), 'the same error on wasm');
      assert.equal(Object.getPrototypeOf(got.error), Object.getPrototypeOf(ref.error), 'the same error class on wasm');
    } else {
      if ('error' in got) assert.fail(`wasm raised ${describeError(got.error)}; cpu returned normally`);
      if (nondeterministic(this.graph)) assertShapes(ref.value, got.value);
      else assertSameResult(ref.value, got.value, 'fetch');
    }
    assert.equal(got.stdout, ref.stdout, 'the same printed output (stdout) on wasm');
    assert.equal(got.stderr, ref.stderr, 'the same printed output (stderr) on wasm');
    if ('error' in ref) throw ref.error;
    return ref.value as FetchResult<F>;
  }

  override close(): void {
    super.close();
    this.twin?.close();
  }
}

function assertShapes(ref: unknown, got: unknown): void {
  if (ref instanceof tf.NDArray) {
    assert.ok(got instanceof tf.NDArray);
    assert.equal(got.dtype, ref.dtype);
    assert.deepEqual([...got.shape], [...ref.shape]);
  } else if (ref !== null && typeof ref === 'object') {
    for (const [k, r] of Object.entries(ref)) assertShapes(r, (got as Record<string, unknown>)[k]);
  }
}
