import type { WasmMemory, WasmModule } from './wasm-api.js';
import { type HostWorker, startWorker } from '../../core/platform.js';
import { POOL_LAYOUT, WORKER_SOURCE } from './worker-source.js';

/**
 * Spin this long (ms, by the clock) before sleeping in Atomics.wait: a fork/join then costs ~1 µs.
 * Waking a sleeping worker took 40–80 µs on the 2-vCPU VM (a 128K-float square on two threads:
 * 22–27 µs after gaps under 0.2 ms, 57–107 µs after gaps of 0.3–3 ms), and a plan's host-side
 * steps (hosted kernels, per-channel loops) leave such gaps between wasm steps: 2 ms keeps the
 * workers awake through them. Two threads, processes alternating, 2026-12-02: the Fashion-MNIST
 * CNN step 91–103 → 87–90 ms, three conv + batch-norm layers 19.0–19.6 → 18.3–18.7 ms.
 */
const SPIN_MS = 2;
/** A job that does not finish for this long is taken as lost (the pool is rebuilt). */
const JOB_TIMEOUT_MS = 120_000;
const START_TIMEOUT_MS = 20_000;
const { SEQ, COUNT, WORKERS, ERROR, ERROR_LEN, FLAGS, READY, JOBS, JOB_WORDS, ERROR_TEXT, ERROR_WORDS, WORDS, MAX_JOBS, MAX_WORKERS, MAX_ARGS } = POOL_LAYOUT;
/** A job's state in FLAGS: not yet taken, taken by a thread, finished (or not part of this run). */
const FREE = 0;
const TAKEN = 1;
const DONE = 2;

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
  /**
   * An argument that tells the job which thread runs it: a worker sets it to its index + 1; the
   * thread calling `run` runs the job with `args` as they are, so the job's value there is 0.
   */
  readonly threadArg?: number;
}

/**
 * Worker threads sharing one memory. `run(jobs)` publishes the jobs in one shared control block
 * and every thread, this one included, takes jobs it finds free until none are left (job i + 1
 * is worker i's first pick, job 0 this thread's), then this thread waits for the taken ones. A
 * worker that the OS has not scheduled yet therefore delays nothing: this thread runs its jobs
 * too. A trap fails the call with its text; the workers keep serving the next call.
 */
export class WorkerPool {
  private readonly control: SharedArrayBuffer;
  private readonly c: Int32Array;
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
    this.c = new Int32Array(control);
    this.sent = workers.map(() => new Set<number>());
  }

  /**
   * A pool of `threads` (the caller's thread counts as one), or null when the host cannot start
   * workers or they do not come up.
   */
  static start(memory: WasmMemory, threads: number): WorkerPool | null {
    const n = Math.min(threads, MAX_WORKERS + 1) - 1;
    if (n < 1) return null;
    const control = new SharedArrayBuffer(WORDS * 4);
    const c = new Int32Array(control);
    c.fill(DONE, FLAGS, FLAGS + MAX_JOBS);
    const workers: HostWorker[] = [];
    for (let i = 0; i < n; i++) {
      let w: HostWorker | null;
      try {
        w = startWorker(WORKER_SOURCE, { memory, control, index: i, spinMs: SPIN_MS, layout: POOL_LAYOUT });
      } catch {
        w = null; // refused by the host (e.g. Node's permission model without --allow-worker)
      }
      if (!w) {
        for (const x of workers) x.terminate();
        return null;
      }
      workers.push(w);
    }
    const pool = new WorkerPool(n + 1, workers, control);
    const deadline = performance.now() + START_TIMEOUT_MS;
    for (let i = 0; i < n; i++) {
      while (Atomics.load(c, READY + i) !== 1) {
        if (performance.now() > deadline) {
          pool.terminate();
          return null;
        }
        Atomics.wait(c, READY + i, 0, 10);
      }
    }
    return pool;
  }

  get usable(): boolean {
    return !this.broken;
  }

  /** The most jobs one `run` takes. */
  static get maxJobs(): number {
    return MAX_JOBS;
  }

  /**
   * Runs `jobs` (at most `maxJobs`) on `threads` threads (this one and workers 1…threads−1; all
   * by default); throws the first error once all have stopped. `steal: false` (tests) leaves
   * jobs 1…size−1 to the workers whatever their delay.
   */
  run(jobs: readonly Job[], runLocal: (job: Job) => void, { steal = true, threads = this.size } = {}): void {
    const n = jobs.length;
    if (n > MAX_JOBS) throw new Error(`internal: ${n} jobs for one run of the pool (at most ${MAX_JOBS})`);
    if (this.broken) throw new Error('internal: the worker pool is broken');
    const c = this.c;
    // Every thread may take any job: each needs every module (posted before the run; a worker
    // instantiates it when it first takes a job of it).
    for (let w = 0; w < this.workers.length; w++) {
      const sent = this.sent[w] as Set<number>;
      for (const job of jobs) {
        if (sent.has(job.module.id)) continue;
        (this.workers[w] as HostWorker).post({ id: job.module.id, module: job.module.module, names: job.module.names });
        sent.add(job.module.id);
      }
    }
    for (let i = 0; i < n; i++) {
      const job = jobs[i] as Job;
      const fn = job.module.names.indexOf(job.fn);
      if (fn < 0 || job.args.length > MAX_ARGS) throw new Error(`internal: bad job ${job.fn}`);
      const at = JOBS + i * JOB_WORDS;
      c[at] = job.module.id;
      c[at + 1] = fn;
      c[at + 2] = job.args.length | ((job.threadArg ?? -1) + 1) << 8;
      for (let k = 0; k < job.args.length; k++) c[at + 3 + k] = job.args[k] as number;
    }
    Atomics.store(c, ERROR, 0);
    Atomics.store(c, COUNT, n);
    const workers = Math.max(0, Math.min(this.workers.length, threads - 1));
    Atomics.store(c, WORKERS, workers);
    // Publishing a job is freeing its flag (every flag is DONE between runs, so no thread can
    // take a job whose words are being written).
    for (let i = 0; i < n; i++) Atomics.store(c, FLAGS + i, FREE);
    Atomics.store(c, SEQ, ++this.seq);
    Atomics.notify(c, SEQ);
    let localError: unknown = null;
    for (let i = 0; i < n; i++) {
      if (!steal && i > 0 && i <= workers) continue;
      if (Atomics.compareExchange(c, FLAGS + i, FREE, TAKEN) !== FREE) continue;
      // After an error the rest are only taken (so that no worker starts them), not run.
      if (localError === null) {
        try {
          runLocal(jobs[i] as Job);
        } catch (e) {
          localError = e;
        }
      }
      Atomics.store(c, FLAGS + i, DONE);
    }
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      for (;;) {
        if (Atomics.load(c, FLAGS + i) === DONE) break;
        const elapsed = performance.now() - start;
        if (elapsed > JOB_TIMEOUT_MS) {
          this.broken = true;
          this.terminate();
          throw new Error(`a worker thread did not finish its part in ${JOB_TIMEOUT_MS / 1000} s`);
        }
        if (elapsed > SPIN_MS) Atomics.wait(c, FLAGS + i, TAKEN, 50);
      }
    }
    if (localError !== null) throw localError;
    const failed = Atomics.load(c, ERROR);
    if (failed !== 0) {
      const len = Math.min(c[ERROR_LEN] as number, ERROR_WORDS);
      let text = '';
      for (let i = 0; i < len; i++) text += String.fromCharCode(c[ERROR_TEXT + i] as number);
      throw new Error(`worker thread ${failed}: ${text}`);
    }
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
