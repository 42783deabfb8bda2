import { broadcastShapes } from '../../../core/broadcast.js';
import { InvalidArgumentError } from '../../../core/errors.js';
import { sameShape, shapeDebugString } from '../../../core/shape.js';
import type { ElementwiseChain, Kernel, KernelSignature } from '../../backend.js';
import type { WasmBackend } from '../backend.js';
import { input } from '../backend.js';
import { ModuleBuilder } from '../builder/index.js';
import { kernelModule } from '../modules.js';
import { type Job, type PoolModule, WorkerPool } from '../pool.js';
import type { WasmTensor } from '../tensor.js';
import { type RunStep, chainFunction, chainRowsFunction } from './chain.js';
import { MEMORY_IMPORT, elementwiseModule } from './elementwise-module.js';
import { PARALLEL_MIN } from './job-split.js';
import { splitRows } from './rows.js';

/** A kernel factory of the wasm table: the kernel for a signature, or undefined (CPU runs it). */
export type WasmKernelFactory = (be: WasmBackend, signature: KernelSignature, attrs: Record<string, unknown>) => Kernel | undefined;

// (kernels import it from here, with the elementwise helpers)
export { PARALLEL_MIN };

const f32Only = (sig: KernelSignature) => sig.inputs.every((d) => d === 'float32') && sig.outputs.every((d) => d === 'float32');

export const ewModule = (): PoolModule => kernelModule('elementwise', elementwiseModule);

/**
 * Runs `fn(p0, …, pk, out, n)` over n elements, split into one contiguous chunk per thread
 * (multiples of 4 elements) when n is large; `scalar[i]` pointers stay as they are.
 */
export function runSplit(be: WasmBackend, m: PoolModule, fn: string, ptrs: readonly number[], scalar: readonly boolean[], out: number, n: number): void {
  const threads = n >= PARALLEL_MIN ? be.threads : 1;
  if (threads === 1) {
    // One call here, without job objects: most elementwise ops of a step are small, and this
    // path is their whole dispatch cost (1000 scalar adds: see bench's "1000 tiny ops").
    const f = be.exports(m)[fn] as (...a: number[]) => void;
    if (ptrs.length === 1) f(ptrs[0] as number, out, n);
    else if (ptrs.length === 2) f(ptrs[0] as number, ptrs[1] as number, out, n);
    else f(...ptrs, out, n);
    return;
  }
  const chunk = Math.ceil(n / threads / 4) * 4;
  const jobs: Job[] = [];
  for (let start = 0; start < n; start += chunk) {
    const len = Math.min(chunk, n - start);
    jobs.push({ module: m, fn, args: [...ptrs.map((p, i) => (scalar[i] ? p : p + start * 4)), out + start * 4, len] });
  }
  be.parallel(jobs);
}

const V: readonly boolean[] = [false];
const VV: readonly boolean[] = [false, false];
const VS: readonly boolean[] = [false, true];

type Kind = 'vv' | 'vs' | 'sv';
type BinaryNames = Readonly<Record<Kind, string>> & { readonly rows: Readonly<Record<Kind, string>> };

/** A binary op's loop names in the elementwise module, made once per op (not a string per call). */
const NAMES = new Map<string, BinaryNames>();
function binaryNames(op: string): BinaryNames {
  let n = NAMES.get(op);
  if (!n) {
    n = { vv: `${op}_vv`, vs: `${op}_vs`, sv: `${op}_sv`, rows: { vv: `${op}_vv_rows`, vs: `${op}_vs_rows`, sv: `${op}_sv_rows` } };
    NAMES.set(op, n);
  }
  return n;
}

const incompatible = (x: WasmTensor, y: WasmTensor) =>
  new InvalidArgumentError(null, null, `Incompatible shapes: ${shapeDebugString(x.shape)} vs. ${shapeDebugString(y.shape)}`);

/**
 * `out = x op y` with numpy broadcasting: whole arrays (or one a scalar) in one call split over
 * threads; otherwise the broadcast is collapsed (adjacent dims traversed alike are merged) to
 * rows of a vector-vector, vector-scalar or scalar-vector loop, run in wasm a block of rows per call.
 */
export function broadcastBinary(be: WasmBackend, op: string, x: WasmTensor, y: WasmTensor, o: WasmTensor): void {
  const m = ewModule();
  const n = o.size;
  const names = binaryNames(op);
  if (x.size === n && y.size === n) {
    runSplit(be, m, names.vv, [x.ptr, y.ptr], VV, o.ptr, n);
    return;
  }
  if (x.size === n && y.size === 1) {
    runSplit(be, m, names.vs, [x.ptr, y.ptr], VS, o.ptr, n);
    return;
  }
  if (y.size === n && x.size === 1) {
    runSplit(be, m, names.sv, [y.ptr, x.ptr], VS, o.ptr, n);
    return;
  }
  // Collapse: innermost first, size-1 dims dropped, mergeable neighbours merged.
  const rank = o.shape.length;
  const dims: number[] = [];
  const sa: number[] = [];
  const sb: number[] = [];
  let accA = 1;
  let accB = 1;
  for (let i = rank - 1; i >= 0; i--) {
    const d = o.shape[i] as number;
    const da = i >= rank - x.shape.length ? (x.shape[i - (rank - x.shape.length)] as number) : 1;
    const db = i >= rank - y.shape.length ? (y.shape[i - (rank - y.shape.length)] as number) : 1;
    if (d === 1) continue;
    const a = da === 1 ? 0 : accA;
    const b = db === 1 ? 0 : accB;
    accA *= da;
    accB *= db;
    const r = dims.length - 1;
    if (r >= 0 && a === (sa[r] as number) * (dims[r] as number) && b === (sb[r] as number) * (dims[r] as number)) {
      dims[r] = (dims[r] as number) * d;
      continue;
    }
    dims.push(d);
    sa.push(a);
    sb.push(b);
  }
  // The innermost run is a vector-vector, vector-scalar or scalar-vector loop; the `_rows` form
  // repeats it over the next dim in one call (rows split over threads), JS walks any further dims.
  const kind: Kind = sa[0] === 1 ? (sb[0] === 1 ? 'vv' : 'vs') : 'sv';
  const swap = kind === 'sv';
  const p = swap ? y.ptr : x.ptr;
  const q = swap ? x.ptr : y.ptr;
  const sp = swap ? sb : sa;
  const sq = swap ? sa : sb;
  const inner = dims[0] as number;
  const rows = dims.length > 1 ? (dims[1] as number) : 1;
  const pStep = (sp[1] ?? 0) * 4;
  const qStep = (sq[1] ?? 0) * 4;
  const fn = names.rows[kind];
  if (dims.length <= 2) {
    splitRows(be, m, fn, rows, inner, (r0, count) => [p + r0 * pStep, q + r0 * qStep, o.ptr + r0 * inner * 4, inner, count, pStep, qStep]);
    return;
  }
  // Blocks of `rows` rows, the dims above them walked by an odometer: one job per block when
  // they are few enough to hand to the pool, otherwise called here one after another.
  const block = inner * rows;
  const blocks = n / block;
  const jobs: Job[] = [];
  const count = new Array<number>(dims.length).fill(0);
  let pi = 0;
  let qi = 0;
  const parallel = n >= PARALLEL_MIN && be.threads > 1 && blocks <= WorkerPool.maxJobs;
  const call = be.exports(m)[fn] as (...a: number[]) => void;
  for (let oi = 0; oi < n; oi += block) {
    const args = [p + pi * 4, q + qi * 4, o.ptr + oi * 4, inner, rows, pStep, qStep];
    if (parallel) jobs.push({ module: m, fn, args });
    else call(...args);
    for (let r = 2; r < dims.length; r++) {
      pi += sp[r] as number;
      qi += sq[r] as number;
      const c = (count[r] as number) + 1;
      count[r] = c;
      if (c < (dims[r] as number)) break;
      count[r] = 0;
      pi -= (sp[r] as number) * (dims[r] as number);
      qi -= (sq[r] as number) * (dims[r] as number);
    }
  }
  if (parallel) be.parallel(jobs);
}

export function binaryKernel(op: string): WasmKernelFactory {
  return (be, sig) => {
    if (!f32Only(sig)) return undefined;
    return (inputs, ctx) => {
      const x = input(inputs, 0);
      const y = input(inputs, 1);
      const shape = sameShape(x.shape, y.shape) ? x.shape : broadcastShapes(x.shape, y.shape);
      if (shape === null) throw incompatible(x, y);
      const o = ctx.output(0, 'float32', shape) as WasmTensor;
      if (o.size > 0) broadcastBinary(be, op, x, y, o);
      return [o];
    };
  };
}

export function unaryKernel(op: string): WasmKernelFactory {
  return (be, sig) => {
    if (!f32Only(sig)) return undefined;
    return (inputs, ctx) => {
      const x = input(inputs, 0);
      const o = ctx.output(0, 'float32', x.shape) as WasmTensor;
      if (o.size > 0) runSplit(be, ewModule(), op, [x.ptr], V, o.ptr, o.size);
      return [o];
    };
  };
}

/**
 * A fused chain's kernel: one module generated for the chain (compiled once per program run). A
 * chain with row or column operands runs `chain_rows` over blocks of runs split over the threads.
 */
export function fusedKernel(be: WasmBackend, chain: ElementwiseChain): Kernel {
  const row = chain.row ?? [];
  const column = chain.column ?? [];
  const runs = chain.scalar.some((_s, i) => row[i] === true || column[i] === true);
  const kinds = chain.scalar.map((s, i) => (s ? 's' : row[i] ? 'r' : column[i] ? 'c' : 'v')).join('');
  const key = `chain ${JSON.stringify(chain.links)} ${kinds}`;
  // Within one run a row operand is read like a full array and a column like a scalar.
  const scalar = chain.scalar.map((s, i) => s || column[i] === true);
  const step = chain.scalar.map((s, i): RunStep => (s || row[i] ? 'none' : column[i] ? 'value' : 'run'));
  const m = kernelModule(key, () => {
    const mb = new ModuleBuilder(MEMORY_IMPORT);
    const fn = chainFunction(mb, 'chain', chain.links, scalar);
    if (runs) chainRowsFunction(mb, 'chain_rows', fn, step);
    return mb;
  });
  return (inputs, ctx) => {
    const acc = input(inputs, 0);
    const n = acc.size;
    const ptrs: number[] = [];
    let inner = 0;
    for (let i = 0; i < inputs.length; i++) {
      const x = input(inputs, i);
      if (row[i] || column[i]) inner = row[i] ? x.size : n / x.size;
      // The plan fused these for the shapes it was specialized to; a mismatch is refused, not broadcast.
      const want = chain.scalar[i] ? 1 : row[i] ? inner : column[i] ? n / inner : n;
      if (x.size !== want || ((row[i] || column[i]) && !(inner > 0 && Number.isInteger(inner) && n % inner === 0))) throw incompatible(acc, x);
      ptrs.push(x.ptr);
    }
    const o = ctx.output(0, 'float32', acc.shape) as WasmTensor;
    if (n === 0) return [o];
    if (!runs) {
      runSplit(be, m, 'chain', ptrs, chain.scalar, o.ptr, n);
      return [o];
    }
    splitRows(be, m, 'chain_rows', n / inner, inner, (r0, count) => {
      const at = r0 * inner * 4;
      return [...ptrs.map((p, i) => (step[i] === 'run' ? p + at : step[i] === 'value' ? p + r0 * 4 : p)), o.ptr + at, inner, count];
    });
    return [o];
  };
}
