import { InvalidArgumentError } from '../../../core/errors.js';
import { shapeDebugString } from '../../../core/shape.js';
import type { KernelContext } from '../../backend.js';
import type { WasmBackend } from '../backend.js';
import { SCRATCH_GUARD, input } from '../backend.js';
import { relaxedSimdSupported } from '../features.js';
import { kernelModule } from '../modules.js';
import { type Job, type PoolModule, WorkerPool } from '../pool.js';
import type { WasmTensor } from '../tensor.js';
import type { WasmKernelFactory } from './elementwise.js';
import { splitEnds } from './job-split.js';
import { heapScratch } from './scratch.js';
import { type GemmActivation, type GemmConfig, defaultGemm, gemmBufferBytes, gemmModule, kBlock, wholeABytes } from './gemm-module.js';

/** Up to this many multiply-adds (128³) a square product's packing is a visible share of it. */
const SMALL_PRODUCT = 128 * 128 * 128;

/** Below this many multiply-adds a GEMM runs on one thread. */
const PARALLEL_MIN_FLOPS = 32 * 32 * 32;

/**
 * A GEMM split by columns, its A packed once for every job, splits into more jobs than threads
 * (splitEnds' balanced split) from this many multiply-adds, when C has this many tiles per thread.
 */
const BALANCE_MIN_MACS = 128 * 128 * 128;
const BALANCE_MIN_TILES = 16;

/**
 * The most bytes of a B the micro-kernel reads in place (its rows' tiles strided, not packed):
 * an L1-resident B. 64³ on one thread: 10.27 µs against 10.50 with B packed (raw, 19 of 21
 * alternating rounds, 2026-12-02).
 */
const DIRECT_B_MAX_BYTES = 32 * 1024;

/** The most bytes of A packed once for all column jobs (1024×1024 takes 4.1 MiB). */
const SHARED_A_MAX_BYTES = 6 * 2 ** 20;

let config: GemmConfig | undefined;

/** The GEMM's blocking and whether it uses relaxed FMA (fixed once the engine is probed). */
export function gemmConfig(): GemmConfig {
  config ??= defaultGemm(relaxedSimdSupported());
  return config;
}

/**
 * Tests: builds the GEMMs (and Winograd's) in the FMA form or the mul + add one whatever the
 * engine validates (null: as it does), so both tilings run here; modules made so far are dropped.
 */
export function forceGemmFma(fma: boolean | null): void {
  config = fma === null ? undefined : defaultGemm(fma);
  gemmModules.clear();
  modulesEpoch++;
}

/** Moves when the GEMM modules are rebuilt (forceGemmFma): jobs naming the old ones are stale. */
let modulesEpoch = 0;

/**
 * A call site's last GEMM jobs, reused while the next call repeats its operands, sizes, epilogue
 * and thread count (a plan's steady state: the same arena addresses every run), so that a small
 * product's JS (module lookup, split, scratch, job arrays) runs once, not per call.
 */
export class GemmJobs {
  private readonly key = new Float64Array(15);
  private act: GemmActivation | null = null;
  private valid = false;
  jobs: readonly Job[] = [];
  /** The one job's function on this thread and its arguments, where the product runs on one thread. */
  private local: ((...a: number[]) => void) | null = null;
  private args: readonly number[] = [];
  private numbered: Numbering = 'none';

  /** Whether these jobs compute the call described (and, if not, remembers it as the next key). */
  matches(be: WasmBackend, key: readonly number[], act: GemmActivation | null): boolean {
    const k = this.key;
    let same = this.valid && act === this.act && k[13] === be.scratchEpoch && k[14] === modulesEpoch;
    for (let i = 0; i < 13; i++) {
      if (k[i] !== key[i]) same = false;
      k[i] = key[i] as number;
    }
    k[13] = be.scratchEpoch;
    k[14] = modulesEpoch;
    this.act = act;
    this.valid = same;
    return same;
  }

  /** Keeps `jobs` for the call `matches` was last asked about; `numbered`: how each run of them takes new run numbers (RUN_ARG). */
  store(be: WasmBackend, jobs: readonly Job[], numbered: Numbering = 'none'): void {
    this.jobs = jobs;
    const only = jobs.length === 1 ? (jobs[0] as Job) : null;
    this.local = only ? (be.exports(only.module)[only.fn] as (...a: number[]) => void) : null;
    this.args = only ? only.args : [];
    this.numbered = numbered;
    this.valid = true;
  }

  /** Runs the jobs: a lone job by a direct call (no lookup, no `apply`: it is every call's cost in a small product). */
  run(be: WasmBackend): void {
    numberRuns(be, this.jobs, this.numbered);
    const f = this.local;
    if (f === null) {
      runJobs(be, this.jobs);
      return;
    }
    const a = this.args;
    f(a[0] as number, a[1] as number, a[2] as number, a[3] as number, a[4] as number, a[5] as number, a[6] as number, a[7] as number, a[8] as number, a[9] as number, a[10] as number, a[11] as number, a[12] as number, a[13] as number, a[14] as number, a[15] as number, a[16] as number, a[17] as number, a[18] as number, a[19] as number, a[20] as number, a[21] as number, a[22] as number);
  }
}

/** How a product's jobs take run numbers (RUN_ARG): none; one for all (they share A); one each (each its own A). */
type Numbering = 'none' | 'shared' | 'each';

/** Sets the run numbers of `jobs` for one run of them. */
function numberRuns(be: WasmBackend, jobs: readonly Job[], numbered: Numbering): void {
  if (numbered === 'none') return;
  const first = nextRuns(be, numbered === 'each' ? jobs.length : 1);
  for (let i = 0; i < jobs.length; i++) ((jobs[i] as Job).args as number[])[RUN_ARG] = numbered === 'each' ? first + i : first;
}

/** Runs `jobs` on the pool, at most WorkerPool.maxJobs at a time. */
function runJobs(be: WasmBackend, jobs: readonly Job[]): void {
  const most = WorkerPool.maxJobs;
  if (jobs.length <= most) be.parallel(jobs);
  else for (let i = 0; i < jobs.length; i += most) be.parallel(jobs.slice(i, i + most));
}

/** What a GEMM adds to C as it stores it: a bias per column (a heap address) and an activation. */
export interface GemmEpilogue {
  readonly bias: number | null;
  readonly act: GemmActivation | null;
}

/** The GEMM modules by epilogue and conv flag: every product looks its module up here, without garbage. */
const gemmModules = new Map<string, PoolModule>();

export const gemm = (epilogue?: GemmEpilogue, conv = false): PoolModule => {
  const bias = epilogue?.bias != null;
  const act = epilogue?.act ?? null;
  const short = `${bias ? 'b' : ''}${act ?? ''}${conv ? 'c' : ''}`;
  let m = gemmModules.get(short);
  if (!m) {
    const cfg: GemmConfig = { ...gemmConfig(), ...(bias ? { bias: true } : {}), ...(act ? { act } : {}), ...(conv ? { conv: true } : {}) };
    m = kernelModule(`gemm ${JSON.stringify(cfg)}`, () => gemmModule(cfg));
    gemmModules.set(short, m);
  }
  return m;
};

/**
 * C = op(A)·op(B) for float32 matrices in the heap (C m×n row-major; a transpose swaps the
 * operand's strides), C's columns split over threads at multiples of the tile width; with an
 * epilogue, act(C + bias) computed as each tile is stored.
 */
export function matmulInto(be: WasmBackend, a: number, b: number, c: number, m: number, n: number, k: number, ta: boolean, tb: boolean, epilogue?: GemmEpilogue, cache?: GemmJobs): void {
  if (m === 0 || n === 0) return;
  if (k === 0) {
    if (epilogue && (epilogue.bias !== null || epilogue.act)) {
      // act(0 + bias) as the unfused kernels give it: a 1-deep product of zeros (strides 0)
      const zero = heapScratch(be, 'gemm zero', 16);
      be.heap.f32[zero / 4] = 0;
      stridedGemm(be, [zero, 0, 0], [zero, 0, 0], c, m, n, 1, epilogue);
    } else be.heap.f32.fill(0, c / 4, c / 4 + m * n);
    return;
  }
  const A: Operand = ta ? [a, 4, m * 4] : [a, k * 4, 4];
  const B: Operand = tb ? [b, 4, k * 4] : [b, n * 4, 4];
  stridedGemm(be, A, B, c, m, n, k, epilogue, false, cache);
}

/** A matrix operand: its address, row stride and column stride in bytes. */
export type Operand = readonly [number, number, number];

/** stridedGemm's key for its cache, filled in place (no array per call). */
const cacheKey: number[] = new Array(13).fill(0);

/**
 * C = A·B, operands given by strides; `conv`: A is a convolution's patch matrix, packed straight
 * from the input (A's address is then its geometry block: conv-module.ts PATCH_GEOMETRY).
 */
export function stridedGemm(be: WasmBackend, A: Operand, B: Operand, c: number, m: number, n: number, k: number, epilogue?: GemmEpilogue, conv = false, cache?: GemmJobs): void {
  // Indexed, not destructured: array destructuring goes through an iterator (garbage per product)
  const a = A[0], rsA = A[1], csA = A[2];
  const b = B[0], rsB = B[1], csB = B[2];
  const threads = m * n * k >= PARALLEL_MIN_FLOPS ? be.threads : 1;
  const bias = epilogue?.bias ?? 0;
  if (cache) {
    const key = cacheKey;
    key[0] = a; key[1] = rsA; key[2] = csA; key[3] = b; key[4] = rsB; key[5] = csB; key[6] = c;
    key[7] = m; key[8] = n; key[9] = k; key[10] = bias; key[11] = threads; key[12] = conv ? 1 : 0;
    if (cache.matches(be, key, epilogue?.act ?? null)) {
      cache.run(be);
      return;
    }
  }
  const cfg = gemmConfig();
  const mod = gemm(epilogue, conv);
  // a small product whose B rows are contiguous (packed by vector copies, A element by element)
  const cheapB = csB === 4 && m * n * k <= SMALL_PRODUCT;
  const split = gemmSplit(m, n, threads, cfg, conv, cheapB);
  const whole = split.byRows ? m : n;
  const unit = split.byRows ? cfg.mr : cfg.nr;
  const kb = kBlock(cfg, k);
  // A small B with contiguous rows and whole column tiles is read where it is (no packing).
  const bDirect = !conv && csB === 4 && n % cfg.nr === 0 && k * n * 4 <= DIRECT_B_MAX_BYTES ? 1 : 0;
  // Column jobs on one thread share its packing of all of A where that is not too large (a row
  // job reads only its rows of A; a convolution's patches are packed block by block as used):
  // each thread's region holds that packing, then its B buffer and edge tile (every job of the
  // thread uses them), regions apart by a guard (SCRATCH_GUARD), their stamps 64 bytes apart
  // (own cache lines), zeroed here: jobs are rebuilt whenever a scratch block moves. (Two
  // regions take less than two jobs' own buffers, guards included: 1.18 against 1.35 MB for the
  // MLP's first layer.)
  const bytes = gemmBufferBytes(cfg);
  const wholeA = !split.byRows && !conv && split.parts > 1 ? wholeABytes(cfg, m, k, kb) : 0;
  const shareA = wholeA > 0 && wholeA <= SHARED_A_MAX_BYTES;
  const balanced = shareA && m * n * k >= BALANCE_MIN_MACS && whole >= BALANCE_MIN_TILES * split.parts * unit && 2 * split.parts <= WorkerPool.maxJobs;
  const ends = splitEnds(whole, unit, split.parts, balanced);
  // Packing buffers sized for this product's blocks (at most gemmBufferBytes'): rows of A in
  // MR- and 4-row panels (at most 3 past the block's), columns of B in NR-wide ones.
  let widest = 0;
  for (let t = 0; t < ends.length; t++) widest = Math.max(widest, (ends[t] as number) - (t > 0 ? (ends[t - 1] as number) : 0));
  const aBytes = Math.min(bytes.a, (Math.min(split.byRows ? widest : m, cfg.mc) + 4) * kb * 4 + 64);
  const bBytes = bDirect ? 0 : Math.min(bytes.b, kb * (Math.min(split.byRows ? n : widest, cfg.nc) + cfg.nr) * 4 + 64);
  const { region, stamps, bOffset, tileOffset, stride } = shareA ? threadRegions(be, threads, wholeA, bBytes, bytes.scratch) : NO_REGIONS;
  const packA = shareA ? null : be.threadScratch('gemm A', aBytes, ends.length);
  const packB = shareA || bDirect ? null : be.threadScratch('gemm B', bBytes, ends.length);
  const tile = shareA ? null : be.threadScratch('gemm tile', bytes.scratch, ends.length);
  const run = shareA ? nextRuns(be, 1) : 0;
  const jobs: Job[] = [];
  let i0 = 0;
  for (let t = 0; t < ends.length; t++) {
    const i1 = ends[t] as number;
    if (i1 <= i0) continue;
    // (sharing A: the B buffer and tile are offsets in the thread's region)
    const pa = packA ? (packA[t] as number) : 0;
    const pb = shareA ? bOffset : packB ? (packB[t] as number) : 0;
    const pt = shareA ? tileOffset : (tile as number[])[t] as number;
    // Rows i0..i1: A and C start i0 rows further on, every column. Columns i0..i1: all of A, C's
    // columns i0..i1. (Literal arrays: spreads iterate, making garbage per product.) The thread
    // argument is 0 here, a worker's index + 1 where a worker runs the job (Job.threadArg).
    const args = split.byRows
      ? [a + i0 * rsA, rsA, csA, b, rsB, csB, c + i0 * n * 4, i1 - i0, n, k, 0, n, pa, pb, pt, kb, bias, 0, 0, 0, 0, 0, bDirect]
      : [a, rsA, csA, b, rsB, csB, c, m, n, k, i0, i1, pa, pb, pt, kb, bias, stamps, region, stride, 0, run, bDirect];
    jobs.push(shareA ? { module: mod, fn: 'gemm', args, threadArg: THREAD_ARG } : { module: mod, fn: 'gemm', args });
    i0 = i1;
  }
  cache?.store(be, jobs, shareA ? 'shared' : 'none');
  be.parallel(jobs);
}

/** Each thread's region (see stridedGemm): the bytes of its whole A, B buffer and tile; their offsets; the stamps, zeroed. */
interface ThreadRegions {
  readonly region: number;
  readonly stamps: number;
  readonly bOffset: number;
  readonly tileOffset: number;
  readonly stride: number;
}

const NO_REGIONS: ThreadRegions = { region: 0, stamps: 0, bOffset: 0, tileOffset: 0, stride: 0 };

function threadRegions(be: WasmBackend, threads: number, wholeA: number, bBytes: number, tileBytes: number): ThreadRegions {
  const up64 = (x: number) => Math.ceil(x / 64) * 64;
  const bOffset = up64(wholeA);
  const tileOffset = bOffset + up64(bBytes);
  const stride = tileOffset + up64(tileBytes) + SCRATCH_GUARD;
  const region = be.threadScratch('gemm thread regions', threads * stride, 1)[0] as number;
  const stamps = be.threadScratch('gemm thread stamps', threads * 64, 1)[0] as number;
  be.heap.f32.fill(0, stamps / 4, stamps / 4 + threads * 16);
  return { region, stamps, bOffset, tileOffset, stride };
}

/** Batched products of at most this many multiply-adds each run whole, one per job, spread over the threads. */
const BATCH_JOB_MAX_MACS = 128 * 128 * 128;

/**
 * `count` products C_i = op(A_i)·op(B_i), A_i at a + 4·aOffsets[i], B_i at b + 4·bOffsets[i]
 * (element offsets: a broadcast batch repeats an offset), C_i row-major one after the other at c.
 * Small products run whole, one job each, taken by whichever thread is free (each job packs its
 * A into its thread's region, under its own run number); large ones one after the other, each
 * split over the threads as matmulInto splits it.
 */
export function batchedMatmulInto(be: WasmBackend, a: number, b: number, c: number, count: number, aOffsets: ArrayLike<number>, bOffsets: ArrayLike<number>, m: number, n: number, k: number, ta: boolean, tb: boolean, geometry: number, cache?: GemmJobs): void {
  if (count === 0 || m === 0 || n === 0) return;
  const cfg = gemmConfig();
  const kb = kBlock(cfg, Math.max(k, 1));
  const wholeA = wholeABytes(cfg, m, k, kb);
  if (k === 0 || count === 1 || m * n * k > BATCH_JOB_MAX_MACS || wholeA > SHARED_A_MAX_BYTES) {
    for (let i = 0; i < count; i++) matmulInto(be, a + 4 * (aOffsets[i] as number), b + 4 * (bOffsets[i] as number), c + i * m * n * 4, m, n, k, ta, tb);
    return;
  }
  const [rsA, csA] = ta ? [4, m * 4] : [k * 4, 4];
  const [rsB, csB] = tb ? [4, k * 4] : [n * 4, 4];
  const threads = be.threads;
  if (cache) {
    const key = cacheKey;
    key[0] = a; key[1] = rsA; key[2] = csA; key[3] = b; key[4] = rsB; key[5] = csB; key[6] = c;
    key[7] = m; key[8] = n; key[9] = k; key[10] = count; key[11] = threads; key[12] = -geometry;
    if (cache.matches(be, key, null)) {
      cache.run(be);
      return;
    }
  }
  const bDirect = csB === 4 && n % cfg.nr === 0 && k * n * 4 <= DIRECT_B_MAX_BYTES ? 1 : 0;
  const bytes = gemmBufferBytes(cfg);
  const bBytes = bDirect ? 0 : Math.min(bytes.b, kb * (Math.min(n, cfg.nc) + cfg.nr) * 4 + 64);
  const { region, stamps, bOffset, tileOffset, stride } = threadRegions(be, threads, wholeA, bBytes, bytes.scratch);
  const mod = gemm();
  const jobs: Job[] = [];
  for (let i = 0; i < count; i++) {
    const args = [a + 4 * (aOffsets[i] as number), rsA, csA, b + 4 * (bOffsets[i] as number), rsB, csB, c + i * m * n * 4, m, n, k, 0, n, 0, bOffset, tileOffset, kb, 0, stamps, region, stride, 0, 0, bDirect];
    jobs.push({ module: mod, fn: 'gemm', args, threadArg: THREAD_ARG });
  }
  numberRuns(be, jobs, 'each');
  cache?.store(be, jobs, 'each');
  runJobs(be, jobs);
}

/** The `gemm` arguments a job's thread (Job.threadArg) and its run number go in. */
const THREAD_ARG = 20;
const RUN_ARG = 21;

/** Each backend's last GEMM run number (the stamps of its threads' packings of A). */
const runs = new WeakMap<WasmBackend, number>();

/** Tests: the last run number `be` handed out (the next is one more, or 1 after 2³¹ − 1). */
export function setLastGemmRun(be: WasmBackend, run: number): void {
  runs.set(be, run);
}

/**
 * The first of `count` consecutive run numbers no earlier product on `be` had. Past 2³¹ − 1 the
 * count restarts at 1, with the stamps zeroed (a stamp left from before could otherwise match a
 * new number).
 */
function nextRuns(be: WasmBackend, count: number): number {
  const last = runs.get(be) ?? 0;
  if (last <= 2 ** 31 - 1 - count) {
    runs.set(be, last + count);
    return last + 1;
  }
  const stamps = be.threadScratch('gemm thread stamps', be.threads * 64, 1)[0] as number;
  be.heap.f32.fill(0, stamps / 4, stamps / 4 + be.threads * 16);
  runs.set(be, count);
  return 1;
}

/**
 * How a GEMM's C splits over `threads`: into column ranges (each thread packs all of A) or, where
 * that balances the register tiles better (C a few tiles wide: a classifier's logits, a
 * backward pass's narrow products) or as well with less packing (C taller than wide), into row
 * ranges (each packs all of B). A convolution's patch matrix is addressed by its geometry, not
 * by rows, so it splits by columns.
 */
export function gemmSplit(m: number, n: number, threads: number, cfg: Pick<GemmConfig, 'mr' | 'nr'>, conv = false, cheapB = false): { parts: number; byRows: boolean } {
  const tilesM = Math.ceil(m / cfg.mr);
  const tilesN = Math.ceil(n / cfg.nr);
  const byCols = Math.min(threads, tilesN);
  const byRows = conv ? 1 : Math.min(threads, tilesM);
  // the tiles of the busiest thread
  const worstCols = Math.ceil(tilesN / byCols) * tilesM;
  const worstRows = Math.ceil(tilesM / byRows) * tilesN;
  // On a tie, rows when B is the smaller operand, or as large but packed by vector copies: each
  // thread then repacks all of B, not all of A (64³ on two threads: 17–22 µs against 22–25 in
  // back-to-back runs on a noisy machine).
  const rows = worstRows < worstCols || (worstRows === worstCols && byRows > 1 && (n < m || (cheapB && n <= m)));
  return rows ? { parts: byRows, byRows: true } : { parts: byCols, byRows: false };
}

/** MatMul of two float32 matrices into a new output, with TensorFlow's checks; `epilogue` as matmulInto's. */
export function runMatMul(be: WasmBackend, a: WasmTensor, b: WasmTensor, attrs: Record<string, unknown>, ctx: KernelContext, epilogue?: GemmEpilogue, cache?: GemmJobs): WasmTensor {
  const ta = attrs.transpose_a === true;
  const tb = attrs.transpose_b === true;
  if (a.shape.length !== 2 || b.shape.length !== 2) {
    throw new InvalidArgumentError(null, null, `In[0] and In[1] has different ndims: ${shapeDebugString(a.shape)} vs. ${shapeDebugString(b.shape)}`);
  }
  const [m, k] = ta ? [a.shape[1] as number, a.shape[0] as number] : [a.shape[0] as number, a.shape[1] as number];
  const [k2, n] = tb ? [b.shape[1] as number, b.shape[0] as number] : [b.shape[0] as number, b.shape[1] as number];
  if (k !== k2) {
    throw new InvalidArgumentError(null, null, `Matrix size-incompatible: In[0]: ${shapeDebugString(a.shape)}, In[1]: ${shapeDebugString(b.shape)}`);
  }
  const o = ctx.output(0, 'float32', [m, n]) as WasmTensor;
  matmulInto(be, a.ptr, b.ptr, o.ptr, m, n, k, ta, tb, epilogue, cache);
  return o;
}

export const matmulKernel: WasmKernelFactory = (be, sig) => {
  if (sig.inputs[0] !== 'float32' || sig.inputs[1] !== 'float32') return undefined;
  const cache = new GemmJobs();
  return (inputs, ctx) => [runMatMul(be, input(inputs, 0), input(inputs, 1), ctx.env.attrs, ctx, undefined, cache)];
};
