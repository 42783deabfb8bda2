// Reductions over any set of axes. The input is viewed as [outer, reduced, inner] after dropping
// size-1 dimensions and merging neighbours that are both kept or both reduced; a reduce over one
// contiguous run of axes then runs directly (inner = 1: one accumulator per output, in a register;
// inner > 1: a row of accumulators updated by contiguous inner loops). Axis sets that interleave
// (e.g. axes 0 and 2 of a rank-3 tensor) are first permuted to [kept..., reduced...] in a copy.
// Kernels are generated per (op, dtype) as the elementwise ones, with the same closure fallback.
// A line reduced in registers (inner = 1) runs interleaved accumulators (four; sixteen for the
// float sums), combined at the end in adjacent pairs ((a0∘a1)∘(a2∘a3)), which hides the add
// latency; TensorFlow's Eigen reductions also combine vector-lane partials, so neither order is
// the sequential one. The float sums take a row longer than 65536 elements in blocks of that
// size, folding the block sums in order (so the wasm backend can split the row). Column reductions
// (inner > 1) fold four rows into each accumulator per pass, in sequential order.
import { cached, compile } from './codegen.js';
import { type ComputeArray, type ComputeDType, INT_RANGE, type Kind, allocateFor, kindOf } from './dtypes.js';
import { sizeOf } from '../../../core/shape.js';
import { floatToHalf, halfToFloat } from './float16.js';
import type { Scalar } from './ops.js';
import { REDUCE_OPS, type ReduceExpr, type ReduceOpName, type ReduceSpec } from './reduce-ops.js';

export type { ReduceOpName } from './reduce-ops.js';

/**
 * Reduces `x` (of `shape`) over `axes` (any order, negative counts from the end, repeats ignored)
 * into `out`, laid out as the kept dimensions in order (keep_dims is the caller's reshape). Out has
 * x's dtype (bool for All/Any). Throws RangeError for an axis out of range.
 */
export type ReduceKernel = (x: ComputeArray, shape: readonly number[], axes: readonly number[], out: ComputeArray) => void;

/** x viewed as [outer, R, inner] → out [outer, inner]; `w` holds `inner` accumulators. */
type Core = (x: ComputeArray, out: ComputeArray, outer: number, R: number, inner: number, w: ComputeArray) => void;

type Family = 'float' | 'int' | 'big' | 'bool';
const family = (k: Kind): Family => (k === 'half' ? 'float' : k);

function source(e: ReduceExpr, dtype: ComputeDType, half: boolean): string {
  const range = INT_RANGE[dtype];
  const lit = (v: number | bigint | undefined) => (typeof v === 'bigint' ? `${v}n` : String(v));
  const sub = (s: string) =>
    s
      .replace(/\bLO\b/g, lit(range?.[0]))
      .replace(/\bHI\b/g, lit(range?.[1]))
      .replace(/\bW\(/g, dtype === 'uint64' ? 'BigInt.asUintN(64, ' : 'BigInt.asIntN(64, ');
  const init = sub(e.init);
  const step = sub(e.step);
  const fin = half ? `H.f2h(${sub(e.fin)})` : sub(e.fin);
  const rd = (i: string) => (half ? `T[x[${i}]]` : `x[${i}]`);
  const lanes = e.lanes ?? 4;
  const a = Array.from({ length: lanes }, (_, k) => `a${k}`);
  const fold = (k: number, r: string) => `{ const v = ${rd(r)}; const acc = ${a[k]}; ${a[k]} = ${step}; }`;
  let combine = '';
  for (let w = lanes; w > 1; w /= 2) {
    for (let k = 0; k < w / 2; k++) combine += `        { const acc = ${a[2 * k]}, v = ${a[2 * k + 1]}; ${a[k]} = ${step}; }\n`;
  }
  return `return function reduce(x, o, outer, R, inner, w) {
  const cnt = R;
  if (inner === 1) {
    for (let i = 0, base = 0; i < outer; i++, base += R) {
      let total = ${init};
      for (let b0 = 0; b0 < R; b0 += ${e.block ?? 'R'}) {
        const stop = base + ${e.block ? `Math.min(R, b0 + ${e.block})` : 'R'};
        let ${a[0]} = ${init}, ${a.slice(1).map((n) => `${n} = a0`).join(', ')};
        let r = base + b0;
        for (; r + ${lanes} <= stop; r += ${lanes}) {
          ${a.map((_, k) => fold(k, k === 0 ? 'r' : `r + ${k}`)).join('\n          ')}
        }
        for (; r < stop; r++) ${fold(0, 'r')}
${combine}        if (b0 === 0) total = a0;
        else { const acc = total, v = a0; total = ${step}; }
      }
      const acc = total;
      o[i] = ${fin};
    }
    return;
  }
  for (let i = 0; i < outer; i++) {
    for (let j = 0; j < inner; j++) w[j] = ${init};
    let r = 0;
    let base = i * R * inner;
    for (; r + 4 <= R; r += 4, base += 4 * inner) {
      const b1 = base + inner, b2 = b1 + inner, b3 = b2 + inner;
      for (let j = 0; j < inner; j++) {
        let acc = w[j];
        { const v = ${rd('base + j')}; acc = ${step}; }
        { const v = ${rd('b1 + j')}; acc = ${step}; }
        { const v = ${rd('b2 + j')}; acc = ${step}; }
        { const v = ${rd('b3 + j')}; acc = ${step}; }
        w[j] = acc;
      }
    }
    for (; r < R; r++, base += inner) {
      for (let j = 0; j < inner; j++) { const v = ${rd('base + j')}; const acc = w[j]; w[j] = ${step}; }
    }
    for (let j = 0, ob = i * inner; j < inner; j++) { const acc = w[j]; o[ob + j] = ${fin}; }
  }
};`;
}

function closure(e: ReduceExpr, dtype: ComputeDType, half: boolean): Core {
  const range = INT_RANGE[dtype];
  const init: Scalar = e.init === 'LO' ? (range?.[0] as Scalar) : e.init === 'HI' ? (range?.[1] as Scalar) : e.init.endsWith('n') ? BigInt(e.init.slice(0, -1)) : Number(e.init);
  const wrap = dtype === 'uint64' ? (v: Scalar) => BigInt.asUintN(64, v as bigint) : dtype === 'int64' ? (v: Scalar) => BigInt.asIntN(64, v as bigint) : (v: Scalar) => v;
  const step = kindOf(dtype) === 'big' ? (a: Scalar, v: Scalar) => wrap(e.stepFn(a, v)) : e.stepFn;
  const fin = (acc: Scalar, cnt: number): Scalar => {
    const f = e.finFn(wrap(acc), cnt);
    return half ? floatToHalf(f as number) : f;
  };
  const rd = (x: ArrayLike<Scalar>, i: number): Scalar => (half ? halfToFloat(x[i] as number) : (x[i] as Scalar));
  return (x, o, outer, R, inner) => {
    const X = x as ArrayLike<Scalar>;
    const O = o as unknown as Scalar[];
    if (inner === 1) {
      // The generated kernel's order: `lanes` interleaved accumulators, combined in adjacent pairs.
      // Blocks of `block` elements, each folded into the total in order.
      const lanes = e.lanes ?? 4;
      const block = e.block ?? R;
      const a = new Array<Scalar>(lanes).fill(init);
      for (let i = 0; i < outer; i++) {
        let total = init;
        for (let b0 = 0; b0 < R; b0 += block) {
          a.fill(init);
          const base = i * R + b0;
          const len = Math.min(block, R - b0);
          const full = len - (len % lanes);
          for (let r = 0; r < full; r++) a[r % lanes] = step(a[r % lanes] as Scalar, rd(X, base + r));
          for (let r = full; r < len; r++) a[0] = step(a[0] as Scalar, rd(X, base + r));
          for (let w = lanes; w > 1; w /= 2) for (let k = 0; k < w / 2; k++) a[k] = step(a[2 * k] as Scalar, a[2 * k + 1] as Scalar);
          total = b0 === 0 ? (a[0] as Scalar) : step(total, a[0] as Scalar);
        }
        O[i] = fin(total, R);
      }
      return;
    }
    const w: Scalar[] = new Array<Scalar>(inner);
    for (let i = 0; i < outer; i++) {
      w.fill(init);
      for (let r = 0; r < R; r++) {
        const base = (i * R + r) * inner;
        for (let j = 0; j < inner; j++) w[j] = step(w[j] as Scalar, rd(X, base + j));
      }
      for (let j = 0; j < inner; j++) O[i * inner + j] = fin(w[j] as Scalar, R);
    }
  };
}

const coreCache = new Map<string, Core>();

function core(op: ReduceOpName, dtype: ComputeDType): Core {
  return cached(coreCache, `${op}|${dtype}`, () => {
    const spec: ReduceSpec = REDUCE_OPS[op];
    const kind = kindOf(dtype);
    const e = spec[family(kind)];
    if (e === undefined) throw new TypeError(`compute: ${op} does not support dtype ${dtype}`);
    const half = kind === 'half';
    return compile<Core>(source(e, dtype, half), half) ?? closure(e, dtype, half);
  });
}

/** Accumulators for `n` outputs: float64 for number families, the dtype's own BigInt array for 64-bit ints. */
function workspace(dtype: ComputeDType, n: number): ComputeArray {
  if (dtype === 'int64' || dtype === 'uint64') return allocateFor(dtype, n);
  return new Float64Array(n);
}

/** Normalized axes as a mask over `rank` dimensions. */
export function axisMask(rank: number, axes: readonly number[]): boolean[] {
  const mask = new Array<boolean>(rank).fill(false);
  for (const a of axes) {
    if (!Number.isInteger(a) || a < -rank || a >= rank) {
      throw new RangeError(`Invalid reduction dimension (${a} for input with ${rank} dimension(s)`);
    }
    mask[a < 0 ? a + rank : a] = true;
  }
  return mask;
}

/** Collapsed groups: merged sizes with their reduced flag, size-1 dimensions dropped. */
function groups(shape: readonly number[], mask: readonly boolean[]): { sizes: number[]; red: boolean[] } {
  const sizes: number[] = [];
  const red: boolean[] = [];
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i] as number;
    if (d === 1) continue;
    const f = mask[i] as boolean;
    if (red.length > 0 && red[red.length - 1] === f) sizes[sizes.length - 1] = (sizes[sizes.length - 1] as number) * d;
    else {
      sizes.push(d);
      red.push(f);
    }
  }
  return { sizes, red };
}

/** Copies x (dims `sizes`) into `dst` with the dimensions in order `perm`. */
function permute(x: ComputeArray, sizes: readonly number[], perm: readonly number[], dst: ComputeArray): void {
  const rank = sizes.length;
  const strides = new Array<number>(rank);
  for (let i = rank - 1, s = 1; i >= 0; i--) {
    strides[i] = s;
    s *= sizes[i] as number;
  }
  const pd = perm.map((p) => sizes[p] as number);
  const ps = perm.map((p) => strides[p] as number);
  const cnt = new Array<number>(rank).fill(0);
  const X = x as ArrayLike<Scalar>;
  const D = dst as unknown as Scalar[];
  const total = sizeOf(sizes);
  const n = pd[rank - 1] as number;
  const s = ps[rank - 1] as number;
  let src = 0;
  for (let o = 0; o < total; o += n) {
    for (let j = 0; j < n; j++) D[o + j] = X[src + j * s] as Scalar;
    for (let d = rank - 2; d >= 0; d--) {
      src += ps[d] as number;
      if (++(cnt[d] as number) < (pd[d] as number)) break;
      cnt[d] = 0;
      src -= (ps[d] as number) * (pd[d] as number);
    }
  }
}

const reduceCache = new Map<string, ReduceKernel>();

/** The reduction `op` over inputs of `dtype` (throws TypeError if the op has no such dtype). */
export function reduce(op: ReduceOpName, dtype: ComputeDType): ReduceKernel {
  return cached(reduceCache, `${op}|${dtype}`, () => {
    const run = core(op, dtype);
    return (x, shape, axes, out) => {
      const mask = axisMask(shape.length, axes);
      let outSize = 1;
      let redSize = 1;
      for (let i = 0; i < shape.length; i++) {
        if (mask[i]) redSize *= shape[i] as number;
        else outSize *= shape[i] as number;
      }
      if (outSize === 0) return;
      if (redSize === 1 && (op === 'Sum' || op === 'Mean')) {
        // Nothing to reduce: TensorFlow copies (so -0 stays -0; 0 + -0 would be +0).
        (out as { set(a: ArrayLike<unknown>): void }).set(x as ArrayLike<unknown>);
        return;
      }
      if (redSize <= 1) {
        run(x, out, outSize, redSize, 1, out);
        return;
      }
      const { sizes, red } = groups(shape, mask);
      const first = red.indexOf(true);
      if (red.lastIndexOf(true) === first) {
        // One contiguous run of reduced dimensions (groups alternate, so one reduced group).
        let outer = 1;
        let inner = 1;
        for (let g = 0; g < first; g++) outer *= sizes[g] as number;
        for (let g = first + 1; g < sizes.length; g++) inner *= sizes[g] as number;
        run(x, out, outer, redSize, inner, inner > 1 ? workspace(dtype, inner) : out);
        return;
      }
      const perm = [...sizes.keys()].sort((p, q) => Number(red[p]) - Number(red[q]) || p - q);
      const tmp = allocateFor(dtype, outSize * redSize);
      permute(x, sizes, perm, tmp);
      run(tmp, out, outSize, redSize, 1, out);
    };
  });
}

export const reduceSum = (dtype: ComputeDType): ReduceKernel => reduce('Sum', dtype);
export const reduceMean = (dtype: ComputeDType): ReduceKernel => reduce('Mean', dtype);
export const reduceProd = (dtype: ComputeDType): ReduceKernel => reduce('Prod', dtype);
export const reduceMax = (dtype: ComputeDType): ReduceKernel => reduce('Max', dtype);
export const reduceMin = (dtype: ComputeDType): ReduceKernel => reduce('Min', dtype);
export const reduceAll = (): ReduceKernel => reduce('All', 'bool');
export const reduceAny = (): ReduceKernel => reduce('Any', 'bool');

export const REDUCE_OP_NAMES = Object.keys(REDUCE_OPS) as readonly ReduceOpName[];
