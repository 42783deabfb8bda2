import { WA } from './wasm-api.js';
import { type DType, type TypedData, copyData } from '../../core/dtypes.js';
import { dtypeTfName } from '../../core/dtypes.js';
import { ResourceExhaustedError } from '../../core/errors.js';
import { NDArray } from '../../core/ndarray.js';
import { sizeOf } from '../../core/shape.js';
import { cpuCount } from '../../core/platform.js';
import type { Attrs } from '../../ops/types.js';
import type { Backend, BackendStats, BackendTensor, ElementwiseChain, Epilogue, Kernel, KernelSignature } from '../backend.js';
import { chainSupported } from './kernels/chain.js';
import { fusedKernel } from './kernels/elementwise.js';
import { wasmEpilogueKernel } from './kernels/epilogue.js';
import { WASM_KERNELS } from './kernels/index.js';
import { isBinary, isUnary } from './kernels/ops.js';
import { PAGE, WasmHeap } from './heap.js';
import type { Job, PoolModule } from './pool.js';
import { WorkerPool } from './pool.js';
import { WasmBuffer, WasmTensor } from './tensor.js';
import { elementBytes } from '../../core/dtypes.js';
import { type WasmFeatures, wasmFeatures } from './features.js';

/**
 * Bytes kept free on each side of a per-thread scratch block. A thread's packing buffer that
 * lies just past data another thread writes (C) is slowed by the other core's prefetches running
 * ahead of its stores: 64³ on two threads, a job whose packed A began at C's end took 9–10 µs
 * against 5.5, until the gap reached 16 KiB (measured on this VM's EPYC, 2026-12-02). The guard
 * pages are never touched, so they add address space, not resident memory.
 */
export const SCRATCH_GUARD = 64 * 1024;

export interface WasmBackendOptions {
  /** Threads kernels split across, the calling thread included (default: the CPU count, at most 4). */
  readonly threads?: number;
  /**
   * The heap's maximum in bytes (default 4 GiB, wasm32's limit); tensors beyond it raise
   * ResourceExhaustedError. Besides tensors it holds each thread's kernel scratch (a matmul's
   * packing buffers: about 1.9 MiB per thread, SCRATCH_GUARD's untouched pages included; on two
   * or more threads also each thread's packing of a product's whole A, up to 6 MiB: 4.1 MiB for
   * a 1024×1024 A), kept for the next product.
   */
  readonly maximumBytes?: number;
  /** The heap's first size in bytes (default 1 MiB). */
  readonly initialBytes?: number;
}

const warned = new Set<string>();
/** Warns once per program run about a missing feature and what the backend does instead. */
export function warnOnce(text: string): void {
  if (warned.has(text)) return;
  warned.add(text);
  console.warn(`tensorgraph: ${text}`);
}

/**
 * The WebAssembly backend: every tensor in one shared `WebAssembly.Memory`; float32 kernels
 * generated as wasm SIMD bytecode (elementwise ops with broadcasting, fused chains, a packed
 * GEMM); a worker pool on the same memory splits large kernels. Ops and dtypes it has no kernel
 * for run on the CPU backend through the plan's transfer steps.
 */
export class WasmBackend implements Backend {
  readonly name = 'wasm';
  // Kernels run on the host CPU: TensorFlow would name this device CPU too.
  readonly device = '/job:localhost/replica:0/task:0/device:CPU:0';
  readonly stats: BackendStats = { allocations: 0, bytesAllocated: 0, frees: 0, live: 0 };
  readonly heap: WasmHeap;
  readonly features: WasmFeatures;
  /** Threads asked for; `threads` says how many run (1 where workers cannot start). */
  readonly requestedThreads: number;
  private pool: WorkerPool | null = null;
  private canStartPool = true;
  private readonly instances = new Map<number, Record<string, (...args: number[]) => void>>();
  /** Per-thread scratch blocks (GEMM packing), by purpose: their size and blocks (addresses apart, for the callers). */
  private readonly scratch = new Map<string, { bytes: number; blocks: { ptr: number; size: number }[]; ptrs: number[] }>();

  constructor(options: WasmBackendOptions = {}) {
    this.features = wasmFeatures();
    if (!this.features.simd) throw new Error('WebAssembly SIMD is not available');
    this.heap = new WasmHeap({
      maximumPages: options.maximumBytes === undefined ? undefined : Math.max(1, Math.floor(options.maximumBytes / PAGE)),
      initialPages: Math.max(1, Math.ceil((options.initialBytes ?? 2 ** 20) / PAGE)),
    });
    this.requestedThreads = Math.max(1, Math.floor(options.threads ?? Math.min(cpuCount(), 4)));
  }

  /** Threads kernels split across now (starting the pool on first use), at most the run's limit. */
  get threads(): number {
    if (this.limit === 1) return 1;
    return Math.min(this.workerPool() ? (this.pool as WorkerPool).size : 1, this.limit);
  }

  /** `withThreadLimit`'s bound for the run in progress. */
  private limit = Number.POSITIVE_INFINITY;

  /** Runs `fn` with kernels splitting over at most `threads` threads (a session's intraOpParallelismThreads). */
  withThreadLimit<T>(threads: number, fn: () => T): T {
    const outer = this.limit;
    this.limit = Math.max(1, Math.min(outer, Math.floor(threads)));
    try {
      return fn();
    } finally {
      this.limit = outer;
    }
  }

  private workerPool(): WorkerPool | null {
    if (this.requestedThreads <= 1) return null;
    if (this.pool && !this.pool.usable) this.pool = null; // lost (a worker stopped answering): start afresh
    if (!this.pool && this.canStartPool) {
      if (!this.features.sharedMemory) {
        this.canStartPool = false;
        warnOnce('the wasm backend runs on one thread: this host has no shared WebAssembly memory');
        return null;
      }
      this.pool = WorkerPool.start(this.heap.memory, this.requestedThreads);
      if (!this.pool) {
        this.canStartPool = false;
        warnOnce('the wasm backend runs on one thread: this host cannot start worker threads');
      }
    }
    return this.pool;
  }

  /** The exports of `m` instantiated on this backend's memory (on this thread). */
  exports(m: PoolModule): Record<string, (...args: number[]) => void> {
    let e = this.instances.get(m.id);
    if (!e) {
      e = new WA.Instance(m.module, { env: { memory: this.heap.memory } }).exports as Record<string, (...args: number[]) => void>;
      this.instances.set(m.id, e);
    }
    return e;
  }

  /**
   * Runs jobs in parallel (every thread of the pool taking free jobs, this one included) or,
   * without a pool, one after another here. A trap on any thread fails the call with its text;
   * the pool stays usable.
   */
  parallel(jobs: readonly Job[]): void {
    const pool = jobs.length > 1 && this.limit > 1 ? this.workerPool() : null;
    if (pool && jobs.length <= WorkerPool.maxJobs) pool.run(jobs, this.runHere, { threads: this.limit });
    else for (const j of jobs) this.runHere(j);
  }

  /** Runs one job on this thread (one function for every call, and `apply`, not a spread: no garbage per call). */
  private readonly runHere = (j: Job): void => {
    (this.exports(j.module)[j.fn] as (...a: number[]) => void).apply(undefined, j.args as number[]);
  };

  /** Counts replacements of scratch blocks: a job that names a scratch address is stale once this moves. */
  scratchEpoch = 0;

  /**
   * Per-thread (per-job) scratch blocks of at least `bytes` for `purpose`: kept for the next call,
   * replaced by larger ones when a call asks for more (freeing the old ones: `scratchEpoch` moves).
   */
  threadScratch(purpose: string, bytes: number, threads: number): number[] {
    let entry = this.scratch.get(purpose);
    if (entry && entry.bytes < bytes) {
      for (const b of entry.blocks) this.heap.release(b.ptr, b.size);
      entry = undefined;
      this.scratchEpoch++;
    }
    if (!entry) {
      entry = { bytes, blocks: [], ptrs: [] };
      this.scratch.set(purpose, entry);
    }
    while (entry.blocks.length < threads) {
      const want = entry.bytes + 2 * SCRATCH_GUARD;
      const b = this.heap.alloc(want);
      if (!b) {
        // a purpose left without blocks starts afresh (a smaller request may fit)
        if (entry.blocks.length === 0) this.scratch.delete(purpose);
        throw this.oom(`scratch for ${purpose} (${entry.bytes} bytes and its guards)`, [want], 'uint8', want);
      }
      entry.blocks.push(b);
      entry.ptrs.push(b.ptr + SCRATCH_GUARD);
    }
    return entry.ptrs;
  }

  kernel(opType: string, signature: KernelSignature, attrs: Attrs): Kernel | undefined {
    const entry = WASM_KERNELS[opType];
    return entry ? entry(this, signature, attrs) : undefined;
  }

  fusible(opType: string, dtype: DType): boolean {
    return dtype === 'float32' && (isBinary(opType) || isUnary(opType));
  }

  epilogueKernel(e: Epilogue): Kernel | undefined {
    return wasmEpilogueKernel(this, e);
  }

  fusedKernel(chain: ElementwiseChain): Kernel | undefined {
    if (chain.dtype !== 'float32' || !chainSupported(chain.links)) return undefined;
    return fusedKernel(this, chain);
  }

  private oom(what: string, shape: readonly number[], dtype: DType, bytes: number): ResourceExhaustedError {
    return new ResourceExhaustedError(
      null,
      null,
      `OOM when allocating tensor with shape[${shape.join(',')}] and type ${dtypeTfName(dtype)} on ${this.device} by allocator wasm: ` +
        `${what} needs ${bytes} bytes; the wasm heap has ${this.heap.byteLength} bytes (${this.heap.inUse} in use) and cannot grow past ${this.heap.maximumPages * PAGE}`,
    );
  }

  private block(dtype: DType, shape: readonly number[], what: string): WasmBuffer {
    const size = sizeOf(shape);
    if (dtype === 'string') return new WasmBuffer(0, 0, Array.from({ length: size }, () => new Uint8Array(0)));
    const bytes = size * elementBytes(dtype);
    if (bytes === 0) return new WasmBuffer(0, 0, null);
    const b = Number.isSafeInteger(bytes) ? this.heap.alloc(bytes) : null;
    if (!b) throw this.oom(what, shape, dtype, bytes);
    this.stats.allocations++;
    this.stats.live++;
    this.stats.bytesAllocated += bytes;
    return new WasmBuffer(b.ptr, b.size, null);
  }

  allocate(dtype: DType, shape: readonly number[]): WasmTensor {
    return new WasmTensor(dtype, shape, this.block(dtype, shape, 'a tensor'), this.heap);
  }

  view(t: BackendTensor, shape: readonly number[]): WasmTensor {
    const w = wasm(t);
    return new WasmTensor(w.dtype, shape, w.buffer, this.heap);
  }

  retain(t: BackendTensor): void {
    wasm(t).buffer.refs++;
  }

  release(t: BackendTensor): void {
    const b = wasm(t).buffer;
    if (b.refs <= 0) throw new Error('internal: releasing a wasm buffer with no references');
    if (--b.refs === 0 && b.blockBytes > 0) {
      this.heap.release(b.ptr, b.blockBytes);
      this.stats.frees++;
      this.stats.live--;
    }
  }

  refCount(t: BackendTensor): number {
    return wasm(t).buffer.refs;
  }

  upload(a: NDArray): WasmTensor {
    if (a instanceof WasmTensor) return a;
    const t = new WasmTensor(a.dtype, a.shape, this.block(a.dtype, a.shape, 'an uploaded tensor'), this.heap);
    const d = t.data();
    if (Array.isArray(d)) {
      const s = a.data as Uint8Array[];
      for (let i = 0; i < s.length; i++) d[i] = s[i] as Uint8Array;
    } else (d as Float32Array).set(a.data as Float32Array);
    return t;
  }

  download(t: BackendTensor): NDArray {
    const w = wasm(t);
    const d = w.data();
    return new NDArray(w.dtype, w.shape, copyData(d) as never);
  }

  hostData(t: BackendTensor): TypedData {
    return wasm(t).data();
  }

  copyInto(src: BackendTensor, dst: BackendTensor): void {
    const s = wasm(src).data();
    const d = wasm(dst).data() as TypedData;
    if (Array.isArray(d)) for (let i = 0; i < d.length; i++) d[i] = (s as Uint8Array[])[i] as Uint8Array;
    else (d as Float32Array).set(s as Float32Array);
  }

  /** Stops the worker threads (they never keep the program alive; this frees them sooner). */
  dispose(): void {
    this.pool?.terminate();
    this.pool = null;
  }
}

function wasm(t: BackendTensor): WasmTensor {
  if (!(t instanceof WasmTensor)) throw new Error('internal: not a wasm backend tensor');
  return t;
}

/** Input `i` of a kernel as a wasm tensor. */
export function input(inputs: readonly unknown[], i: number): WasmTensor {
  return wasm(inputs[i] as BackendTensor);
}
