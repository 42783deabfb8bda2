import type { WasmMemory, WasmModule } from './wasm-api.js';
import { type HostWorker, startWorker } from '../../core/platform.js';
import { WORKER_SOURCE } from './worker-source.js';

/** Int32 words of one worker's control block: header, args at 8.., an error's text at 32... */
const WORDS = 512;
const MAX_ARGS = 24;
/** Spin this long (ms, by the clock) before sleeping in Atomics.wait: a fork/join then costs ~1 µs. */
const SPIN_MS = 0.2;
/** A worker that does not answer for this long is taken as lost (the pool is rebuilt). */
const JOB_TIMEOUT_MS = 120_000;
const START_TIMEOUT_MS = 20_000;

/** A compiled kernel module the pool's threads instantiate on the shared memory. */
export interface PoolModule {
  readonly id: number;
  readonly module: WasmModule;
  /** Its exports by index (jobs name a function by its index here). */
  readonly names: readonly string[];
}

/** One call of a module's function with i32 args. */
export interface Job {
  readonly module: PoolModule;
  readonly fn: string;
  readonly args: readonly number[];
}

/**
 * Worker threads sharing one memory. `run(jobs)` hands jobs 1.. to the workers, runs job 0
 * itself, and waits for all (fork/join, synchronous). A worker's error fails the call with its
 * text; the workers keep serving the next call.
 */
export class WorkerPool {
  private readonly control: SharedArrayBuffer;
  private readonly ctrl: Int32Array[];
  private readonly workers: HostWorker[];
  private readonly sent: Set<number>[];
  private seq = 0;
  private broken = false;

  private constructor(
    readonly size: number,
    workers: HostWorker[],
    control: SharedArrayBuffer,
  ) {
    this.workers = workers;
    this.control = control;
    this.ctrl = workers.map((_, i) => new Int32Array(control, i * WORDS * 4, WORDS));
    this.sent = workers.map(() => new Set<number>());
  }

  /**
   * A pool of `threads` (the caller's thread counts as one), or null when the host cannot start
   * workers or they do not come up.
   */
  static start(memory: WasmMemory, threads: number): WorkerPool | null {
    const n = threads - 1;
    if (n < 1) return null;
    const control = new SharedArrayBuffer(n * WORDS * 4);
    const source = WORKER_SOURCE.replace('__WORDS__', String(WORDS));
    const workers: HostWorker[] = [];
    for (let i = 0; i < n; i++) {
      let w: HostWorker | null;
      try {
        w = startWorker(source, { memory, control, index: i, spinMs: SPIN_MS });
      } catch {
        w = null; // refused by the host (e.g. Node's permission model without --allow-worker)
      }
      if (!w) {
        for (const x of workers) x.terminate();
        return null;
      }
      workers.push(w);
    }
    const pool = new WorkerPool(threads, workers, control);
    const deadline = performance.now() + START_TIMEOUT_MS;
    for (const c of pool.ctrl) {
      while (Atomics.load(c, 6) !== 1) {
        if (performance.now() > deadline) {
          pool.terminate();
          return null;
        }
        Atomics.wait(c, 6, 0, 10);
      }
    }
    return pool;
  }

  get usable(): boolean {
    return !this.broken;
  }

  /** Runs `jobs` (at most `size`): job 0 on this thread, the others on workers; throws the first error. */
  run(jobs: readonly Job[], runLocal: (job: Job) => void): void {
    if (jobs.length > this.size) throw new Error(`internal: ${jobs.length} jobs for a pool of ${this.size}`);
    if (this.broken) throw new Error('internal: the worker pool is broken');
    const seq = ++this.seq;
    for (let w = 0; w < jobs.length - 1; w++) {
      const job = jobs[w + 1] as Job;
      const c = this.ctrl[w] as Int32Array;
      const sent = this.sent[w] as Set<number>;
      if (!sent.has(job.module.id)) {
        (this.workers[w] as HostWorker).post({ id: job.module.id, module: job.module.module, names: job.module.names });
        sent.add(job.module.id);
      }
      const fn = job.module.names.indexOf(job.fn);
      if (fn < 0 || job.args.length > MAX_ARGS) throw new Error(`internal: bad job ${job.fn}`);
      c[3] = job.module.id;
      c[4] = fn;
      c[5] = job.args.length;
      for (let i = 0; i < job.args.length; i++) c[8 + i] = job.args[i] as number;
      Atomics.store(c, 0, seq);
      Atomics.notify(c, 0);
    }
    let localError: unknown = null;
    try {
      if (jobs.length > 0) runLocal(jobs[0] as Job);
    } catch (e) {
      localError = e;
    }
    let workerError: string | null = null;
    for (let w = 0; w < jobs.length - 1; w++) {
      const c = this.ctrl[w] as Int32Array;
      const start = performance.now();
      for (;;) {
        const done = Atomics.load(c, 1);
        if (done === seq) break;
        const elapsed = performance.now() - start;
        if (elapsed > JOB_TIMEOUT_MS) {
          this.broken = true;
          this.terminate();
          throw new Error(`worker ${w + 1} did not finish its part in ${JOB_TIMEOUT_MS / 1000} s`);
        }
        if (elapsed > SPIN_MS) Atomics.wait(c, 1, done, 50);
      }
      if (c[2] !== 0 && workerError === null) {
        const len = c[32] as number;
        let text = '';
        for (let i = 0; i < len; i++) text += String.fromCharCode(c[33 + i] as number);
        workerError = `worker thread ${w + 1}: ${text}`;
      }
    }
    if (localError !== null) throw localError;
    if (workerError !== null) throw new Error(workerError);
  }

  terminate(): void {
    this.broken = true;
    for (const w of this.workers) w.terminate();
  }

  /** The shared control words (tests). */
  get controlBuffer(): SharedArrayBuffer {
    return this.control;
  }
}
