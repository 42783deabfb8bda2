import { broadcastShapes } from '../../../core/broadcast.js';
import { InvalidArgumentError } from '../../../core/errors.js';
import { sameShape, shapeDebugString } from '../../../core/shape.js';
import type { ElementwiseChain, Kernel, KernelSignature } from '../../backend.js';
import type { WasmBackend } from '../backend.js';
import { input } from '../backend.js';
import { ModuleBuilder } from '../builder/index.js';
import { kernelModule } from '../modules.js';
import type { Job, PoolModule } from '../pool.js';
import type { WasmTensor } from '../tensor.js';
import { chainFunction } from './chain.js';
import { MEMORY_IMPORT, elementwiseModule } from './elementwise-module.js';

/** A kernel factory of the wasm table: the kernel for a signature, or undefined (CPU runs it). */
export type WasmKernelFactory = (be: WasmBackend, signature: KernelSignature, attrs: Record<string, unknown>) => Kernel | undefined;

/** Elementwise loops shorter than this run on one thread (a fork/join costs about a microsecond). */
export const PARALLEL_MIN = 1 << 16;

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

/** A binary op's three loop names in the elementwise module, made once per op (not a string per call). */
const NAMES = new Map<string, { readonly vv: string; readonly vs: string; readonly sv: string }>();
function binaryNames(op: string): { readonly vv: string; readonly vs: string; readonly sv: string } {
  let n = NAMES.get(op);
  if (!n) {
    n = { vv: `${op}_vv`, vs: `${op}_vs`, sv: `${op}_sv` };
    NAMES.set(op, n);
  }
  return n;
}

const incompatible = (x: WasmTensor, y: WasmTensor) =>
  new InvalidArgumentError(null, null, `Incompatible shapes: ${shapeDebugString(x.shape)} vs. ${shapeDebugString(y.shape)}`);

/**
 * `out = x op y` with numpy broadcasting: whole arrays (or one a scalar) in one call split over
 * threads; otherwise the broadcast is collapsed to rows (adjacent dims traversed alike are
 * merged) and each row runs as a vector-vector, vector-scalar or scalar-vector loop.
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
  const e = be.exports(m);
  const inner = dims[0] as number;
  const kind = sa[0] === 1 ? (sb[0] === 1 ? 'vv' : 'vs') : 'sv';
  const fn = e[names[kind]] as (p: number, q: number, out: number, n: number) => void;
  const count = new Array<number>(dims.length).fill(0);
  let ai = 0;
  let bi = 0;
  for (let oi = 0; oi < n; oi += inner) {
    if (kind === 'sv') fn(y.ptr + bi * 4, x.ptr + ai * 4, o.ptr + oi * 4, inner);
    else fn(x.ptr + ai * 4, y.ptr + bi * 4, o.ptr + oi * 4, inner);
    // the next row: advance the outer counters
    for (let r = 1; r < dims.length; r++) {
      ai += sa[r] as number;
      bi += sb[r] as number;
      const c = (count[r] as number) + 1;
      count[r] = c;
      if (c < (dims[r] as number)) break;
      count[r] = 0;
      ai -= (sa[r] as number) * (dims[r] as number);
      bi -= (sb[r] as number) * (dims[r] as number);
    }
  }
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

/** A fused chain's kernel: one module generated for the chain (compiled once per program run). */
export function fusedKernel(be: WasmBackend, chain: ElementwiseChain): Kernel {
  const key = `chain ${JSON.stringify(chain.links)} ${chain.scalar.map((s) => (s ? 's' : 'v')).join('')}`;
  const m = kernelModule(key, () => {
    const mb = new ModuleBuilder(MEMORY_IMPORT);
    chainFunction(mb, 'chain', chain.links, chain.scalar);
    return mb;
  });
  return (inputs, ctx) => {
    const acc = input(inputs, 0);
    const n = acc.size;
    const ptrs: number[] = [];
    for (let i = 0; i < inputs.length; i++) {
      const x = input(inputs, i);
      // The plan fused these for the shapes it was specialized to; a mismatch is refused, not broadcast.
      if (x.size !== (chain.scalar[i] ? 1 : n)) throw incompatible(acc, x);
      ptrs.push(x.ptr);
    }
    const o = ctx.output(0, 'float32', acc.shape) as WasmTensor;
    if (n > 0) runSplit(be, m, 'chain', ptrs, chain.scalar, o.ptr, n);
    return [o];
  };
}
