import { type Backend, type BackendTensor, RefCell, type SessionResources } from '../backends/backend.js';
import { cpuBackend } from '../backends/cpu/backend.js';
import type { Plan } from '../compile/plan.js';
import type { NDArray } from '../core/ndarray.js';
import { type DType, dtypeTfName } from '../core/dtypes.js';
import { InvalidArgumentError } from '../core/errors.js';
import { writeOutput } from '../core/platform.js';
import { reusedBuffer } from './buffers.js';
import type { TensorShape } from '../core/shape.js';

/**
 * Everything a session owns: variable cells (by container and shared name) and per-op kernel
 * state. Two sessions of one graph have two of these and never see each other's values.
 */
export class SessionState implements SessionResources {
  // Cells by container, then by shared name (a joined key could confuse `a` + `b/c` with `a/b` + `c`).
  private readonly cells = new Map<string, Map<string, RefCell>>();
  private readonly opStates = new Map<string, unknown>();
  /** Buffers a control step keeps across runs (a While's loop variables), by step. */
  private readonly loopBuffers = new Map<object, { backend: Backend; buffers: (BackendTensor | null)[] }>();
  /** Each plan's memory arena in this session: its buffers, reused by every run of the plan. */
  private readonly arenas = new Map<Plan, (BackendTensor | null)[]>();
  /** Each plan's fed values copied onto its backend, reused by every run (see feedValue). */
  private readonly feedStores = new Map<Plan, (BackendTensor | null)[]>();

  /** The arena of `plan` (created empty on first use; the executor fills it). */
  arena(plan: Plan): (BackendTensor | null)[] {
    let a = this.arenas.get(plan);
    if (!a) {
      a = new Array<BackendTensor | null>(plan.numBuffers).fill(null);
      this.arenas.set(plan, a);
    }
    return a;
  }

  /**
   * Feed `i` of a run of `plan` on the plan's backend. The CPU backend uploads a host array
   * without copying; any other copies it in, into a buffer kept per plan and feed in this session
   * and reused by the next run (so feeding allocates nothing after the first run).
   */
  feedValue(plan: Plan, i: number, value: NDArray): BackendTensor {
    const backend = plan.backend;
    if (backend === cpuBackend || !backend.hostData) return backend.upload(value);
    let store = this.feedStores.get(plan);
    if (!store) {
      store = new Array<BackendTensor | null>(plan.feedSlots.length).fill(null);
      this.feedStores.set(plan, store);
    }
    const t = reusedBuffer(backend, store, i, value.dtype, value.shape);
    const d = backend.hostData(t);
    if (Array.isArray(d)) for (let k = 0; k < d.length; k++) d[k] = (value.data as Uint8Array[])[k] as Uint8Array;
    else (d as Float32Array).set(value.data as Float32Array);
    return t;
  }

  /** The buffers `key` (a control step) keeps in this session (created empty on first use). */
  stepBuffers(key: object, backend: Backend, n: number): (BackendTensor | null)[] {
    let e = this.loopBuffers.get(key);
    if (!e) {
      e = { backend, buffers: new Array<BackendTensor | null>(n).fill(null) };
      this.loopBuffers.set(key, e);
    }
    return e.buffers;
  }

  variable(container: string, name: string, dtype: DType, shape: TensorShape, backend: Backend): RefCell {
    let inContainer = this.cells.get(container);
    if (!inContainer) {
      inContainer = new Map();
      this.cells.set(container, inContainer);
    }
    let c = inContainer.get(name);
    if (!c) {
      c = new RefCell(name, dtype, shape, backend);
      inContainer.set(name, c);
    } else if (c.dtype !== dtype) {
      throw new InvalidArgumentError(
        null,
        null,
        `Trying to share variable ${name}, but specified dtype ${dtypeTfName(dtype)} and found dtype ${dtypeTfName(c.dtype)}.`,
      );
    }
    return c;
  }

  opState<T>(opName: string, init: () => T): T {
    let s = this.opStates.get(opName) as T | undefined;
    if (s === undefined) {
      s = init();
      this.opStates.set(opName, s);
    }
    return s;
  }

  /** Drops every value (Session.close, Session.reset). */
  clear(): void {
    for (const inContainer of this.cells.values()) for (const c of inContainer.values()) c.clear();
    for (const [plan, arena] of this.arenas) {
      for (let i = 0; i < arena.length; i++) {
        const t = arena[i];
        if (t) (plan.bufferBackends[i] ?? plan.backend).release(t);
      }
    }
    this.arenas.clear();
    for (const [plan, store] of this.feedStores) for (const t of store) if (t) plan.backend.release(t);
    this.feedStores.clear();
    for (const { backend, buffers } of this.loopBuffers.values()) for (const t of buffers) if (t) backend.release(t);
    this.loopBuffers.clear();
    this.cells.clear();
    this.opStates.clear();
  }

  /** Where Print and PrintV2 write: stdout, stderr, or the console for `log(...)` streams. */
  write(stream: string, text: string): void {
    if (stream === 'stdout') writeOutput('stdout', text);
    else if (stream.startsWith('log(')) console.info(text.replace(/\n$/, ''));
    else writeOutput('stderr', text);
  }
}

