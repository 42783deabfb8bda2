// `npm run bench:kernels`: the pure compute layer (src/backends/cpu/compute) against the
// TensorFlow.js CPU backend in the same process, on the same data: elementwise add/mul, bias add,
// an axis sum and MatMul. Each figure is the median (and p90) over 7 interleaved rounds of the
// round's median batch mean (harness.ts `measure`, after a warm-up). Ours writes into a
// preallocated output (one row allocates it per call); tfjs allocates its result (disposed inside
// the timed call). The `current` column is the CPU backend's kernel (kernels/math.ts, built on this
// compute layer) called through the kernel interface with its output allocated per call, on the same data,
// for scale: it allocates its output too. Prints only; writes nothing.
import os from 'node:os';
import type { Kernel, KernelContext, KernelEnv, SessionResources } from '../src/backends/backend.js';
import { cpuBackend } from '../src/backends/cpu/backend.js';
import { binary, biasAdd, matmul, reduceSum } from '../src/backends/cpu/compute/index.js';
import { NDArray } from '../src/core/ndarray.js';
import { type MeasureOptions, type Timing, fmtTiming, measure, reason, table } from './harness.js';

/** Rounds per case; each round times ours, tfjs and the backend kernel in turn (3 batches of ~50 ms each). */
const ROUNDS = 7;
const FIRST: MeasureOptions = { warmupMs: 400, batchMs: 50, batches: 3 };
const NEXT: MeasureOptions = { warmupMs: 30, batchMs: 50, batches: 3 };
const progress = (line: string) => process.stderr.write(`${line}\n`);
/** global.gc when node runs with --expose-gc (npm run bench:kernels does), else nothing. */
const collect = (): void => (globalThis as { gc?: () => void }).gc?.();

type Tf = typeof import('@tensorflow/tfjs-core');

async function loadTf(): Promise<Tf | string> {
  try {
    const tf = await import('@tensorflow/tfjs-core');
    tf.env().set('PROD', true);
    await import('@tensorflow/tfjs-backend-cpu');
    if (!(await tf.setBackend('cpu'))) return "tf.setBackend('cpu') returned false";
    await tf.ready();
    return tf;
  } catch (e) {
    return reason(e);
  }
}

function random(n: number): Float32Array {
  const a = new Float32Array(n);
  let s = 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    a[i] = s / 2 ** 32 - 0.5;
  }
  return a;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs((a[i] as number) - (b[i] as number)) / Math.max(1, Math.abs(b[i] as number)));
  return a.length === b.length ? d : Number.POSITIVE_INFINITY;
}

interface Case {
  readonly name: string;
  /** Flops per call (matmul only), for GFLOP/s. */
  readonly flops?: number;
  readonly ours: () => unknown;
  readonly oursOut: Float32Array;
  /** The tfjs call, returning its result tensor's data once for the check, else disposing. */
  readonly tf?: (check: boolean) => Float32Array | undefined;
  /** Today's kernel from src/backends/cpu/kernels/math.ts. */
  readonly current: () => unknown;
}

const noResources = null as unknown as SessionResources;

/**
 * Calls the CPU backend's kernel for `op` on float32 inputs (and int32 extras such as Sum's axes),
 * through the kernel interface, its output allocated per call as outside a plan.
 */
function current(op: string, inputs: NDArray[], attrs: Record<string, unknown> = {}): () => unknown {
  const k = cpuBackend.kernel(op, { inputs: inputs.map((a) => a.dtype), outputs: ['float32'] }, attrs as never) as Kernel;
  const env = { opName: op, opType: op, attrs } as unknown as KernelEnv;
  const ctx: KernelContext = { env, resources: noResources, output: (_i, dtype, shape) => cpuBackend.allocate(dtype, shape) };
  const uploaded = inputs.map((a) => cpuBackend.upload(a));
  return () => k(uploaded, ctx);
}

const f32 = (x: Float32Array, shape: number[]) => new NDArray('float32', shape, x as never);

function cases(tf: Tf | null): Case[] {
  const N = 1 << 20;
  const a = random(N);
  const b = random(N).map((v) => v + 2);
  const bias = random(1024);
  const out: Case[] = [];
  const t2 = (x: Float32Array, shape: number[]) => (tf ? tf.tensor(x, shape, 'float32') : null);
  const ta = t2(a, [1024, 1024]);
  const tb = t2(b, [1024, 1024]);
  const tbias = t2(bias, [1024]);
  const run = (f: () => import('@tensorflow/tfjs-core').Tensor) => (check: boolean) => {
    const r = f();
    const d = check ? (r.dataSync() as Float32Array) : undefined;
    r.dispose();
    return d;
  };
  const add = binary('AddV2', 'float32');
  const mul = binary('Mul', 'float32');
  const o1 = new Float32Array(N);
  out.push({
    name: 'add 1M float32 (same shape)',
    ours: () => add(a, [N], b, [N], o1, [N]),
    oursOut: o1,
    tf: tf ? run(() => tf.add(ta!, tb!)) : undefined,
    current: current('AddV2', [f32(a, [N]), f32(b, [N])]),
  });
  let fresh = o1;
  out.push({
    name: 'add 1M float32, output allocated per call',
    ours: () => {
      fresh = new Float32Array(N);
      return add(a, [N], b, [N], fresh, [N]);
    },
    get oursOut() {
      return fresh;
    },
    tf: tf ? run(() => tf.add(ta!, tb!)) : undefined,
    current: current('AddV2', [f32(a, [N]), f32(b, [N])]),
  });
  const o2 = new Float32Array(N);
  out.push({
    name: 'mul 1M float32 (same shape)',
    ours: () => mul(a, [N], b, [N], o2, [N]),
    oursOut: o2,
    tf: tf ? run(() => tf.mul(ta!, tb!)) : undefined,
    current: current('Mul', [f32(a, [N]), f32(b, [N])]),
  });
  const o3 = new Float32Array(N);
  const ba = biasAdd('float32');
  out.push({
    name: 'bias add [1024,1024]+[1024]',
    ours: () => ba(a, [1024, 1024], bias, o3),
    oursOut: o3,
    tf: tf ? run(() => tf.add(ta!, tbias!)) : undefined,
    current: current('AddV2', [f32(a, [1024, 1024]), f32(bias, [1024])]),
  });
  const sum = reduceSum('float32');
  for (const axis of [0, 1]) {
    const o = new Float32Array(1024);
    out.push({
      name: `sum axis ${axis} of [1024,1024]`,
      ours: () => sum(a, [1024, 1024], [axis], o),
      oursOut: o,
      tf: tf ? run(() => tf.sum(ta!, axis)) : undefined,
      current: current('Sum', [f32(a, [1024, 1024]), new NDArray('int32', [1], Int32Array.of(axis) as never)], { keep_dims: false }),
    });
  }
  const mm = matmul('float32');
  for (const n of [256, 512]) {
    const A = random(n * n);
    const B = random(n * n).reverse();
    const C = new Float32Array(n * n);
    const tA = t2(A, [n, n]);
    const tB = t2(B, [n, n]);
    out.push({
      name: `matmul ${n}x${n}x${n} float32`,
      flops: 2 * n ** 3,
      ours: () => mm(A, B, C, n, n, n),
      oursOut: C,
      tf: tf ? run(() => tf.matMul(tA!, tB!)) : undefined,
      current: current('MatMul', [f32(A, [n, n]), f32(B, [n, n])], { transpose_a: false, transpose_b: false }),
    });
  }
  return out;
}

/**
 * Times the functions in ROUNDS interleaved rounds (a full GC before each measurement, so none pays
 * for another's garbage) and returns, per function, the median and p90 of its round medians: on a
 * shared machine, load that comes and goes then hits all of them alike.
 */
function interleaved(fns: readonly (() => unknown)[]): Timing[] {
  const samples: number[][] = fns.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    fns.forEach((fn, i) => {
      collect();
      samples[i]?.push(measure(fn, r === 0 ? FIRST : NEXT).median);
    });
  }
  return samples.map((xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] as number;
    return { median: at(0.5), p90: at(0.9), batches: s.length, itersPerBatch: 0 };
  });
}

const gflops = (flops: number | undefined, t: Timing | undefined) => (flops && t ? (flops / (t.median * 1000)).toFixed(2) : '');

async function main(): Promise<void> {
  const cpu = os.cpus()[0]?.model ?? '?';
  console.log(`# compute kernels vs TensorFlow.js CPU — ${new Date().toISOString()} — ${cpu}, ${os.cpus().length} cores, Node ${process.version}`);
  const tfOrWhy = await loadTf();
  const tf = typeof tfOrWhy === 'string' ? null : tfOrWhy;
  if (tf === null) console.log(`TensorFlow.js unavailable: ${tfOrWhy}`);
  else console.log(`TensorFlow.js ${tf.version_core}, backend ${tf.getBackend()}`);
  const rows: string[][] = [];
  for (const c of cases(tf)) {
    progress(`measuring ${c.name}`);
    c.ours();
    let check = '';
    if (c.tf) {
      const ref = c.tf(true);
      if (ref) check = `max rel diff ${maxDiff(c.oursOut, ref).toExponential(1)}`;
    }
    const fns: (() => unknown)[] = [c.ours, c.current];
    if (c.tf) fns.push(() => c.tf?.(false));
    const [ours, today, theirs] = interleaved(fns) as [Timing, Timing, Timing | undefined];
    rows.push([
      c.name,
      fmtTiming(ours),
      theirs ? fmtTiming(theirs) : 'n/a',
      theirs ? `${(theirs.median / ours.median).toFixed(2)}×` : '',
      c.flops ? `${gflops(c.flops, ours)} / ${gflops(c.flops, theirs)}` : '',
      fmtTiming(today),
      `${(today.median / ours.median).toFixed(2)}×`,
      check,
    ]);
  }
  console.log();
  console.log('µs per call: median (p90); ratio = tfjs ÷ ours (above 1: ours faster); GFLOP/s ours / tfjs;');
  console.log('current = the CPU backend kernel (kernels/math.ts) through the kernel interface, output allocated per call; speedup = current ÷ ours');
  console.log(
    table(
      ['case', 'compute µs', 'tfjs cpu µs', 'ratio', 'GFLOP/s', 'current µs', 'speedup', 'check vs tfjs'],
      rows,
      [false, true, true, true, true, true, true, false],
    ),
  );
}

await main();
