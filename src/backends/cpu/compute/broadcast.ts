// Runs a binary inner-loop kernel over two operands broadcast to an output shape, by strides:
// no per-element index arrays. Dimensions of size 1 are dropped, adjacent dimensions that both
// operands traverse the same way (contiguously, or broadcast) are merged, and then the innermost
// dimension runs as one tight loop per row (stride 1 or 0 per operand) while a small counter walks
// the outer dimensions. The plan lives in module-level scratch arrays, so a call allocates nothing.
import type { ComputeArray } from './dtypes.js';
import { sizeOf } from '../../../core/shape.js';

/**
 * An inner loop: `o[oi + i] = op(a[ai + i*sa], b[bi + i*sb])` for i < n, with (sa, sb) fixed per
 * kernel: (1,1) `vv`, (1,0) `vs`, (0,1) `sv`. Returns an error message (and stops) or null.
 */
export type InnerKernel = (a: ComputeArray, ai: number, b: ComputeArray, bi: number, o: ComputeArray, oi: number, n: number) => string | null;

export interface InnerKernels {
  readonly vv: InnerKernel;
  readonly vs: InnerKernel;
  readonly sv: InnerKernel;
}

const MAX_RANK = 64;
// Plain arrays, not Float64Arrays: their small integers load as Smis, so the offsets handed to the
// inner loops stay integers and V8 indexes with them directly (float64 offsets halve the speed).
const DIMS: number[] = new Array<number>(MAX_RANK).fill(0);
const SA: number[] = new Array<number>(MAX_RANK).fill(0);
const SB: number[] = new Array<number>(MAX_RANK).fill(0);
const CNT: number[] = new Array<number>(MAX_RANK).fill(0);

function incompatible(aShape: readonly number[], bShape: readonly number[], outShape: readonly number[]): RangeError {
  return new RangeError(`compute: shapes [${aShape}] and [${bShape}] do not broadcast to [${outShape}]`);
}

/**
 * Fills DIMS/SA/SB innermost-first with the collapsed iteration space and returns its rank.
 * Throws RangeError when the operands do not broadcast to `outShape`.
 */
function plan(aShape: readonly number[], bShape: readonly number[], outShape: readonly number[]): number {
  const rank = outShape.length;
  if (aShape.length > rank || bShape.length > rank || rank > MAX_RANK) throw incompatible(aShape, bShape, outShape);
  const offA = rank - aShape.length;
  const offB = rank - bShape.length;
  let r = 0;
  let accA = 1;
  let accB = 1;
  for (let i = rank - 1; i >= 0; i--) {
    const d = outShape[i] as number;
    const da = i >= offA ? (aShape[i - offA] as number) : 1;
    const db = i >= offB ? (bShape[i - offB] as number) : 1;
    if ((da !== d && da !== 1) || (db !== d && db !== 1)) throw incompatible(aShape, bShape, outShape);
    if (d === 1) continue;
    const sa = da === 1 ? 0 : accA;
    const sb = db === 1 ? 0 : accB;
    accA *= da;
    accB *= db;
    if (r > 0) {
      const inner = DIMS[r - 1] as number;
      if (sa === (SA[r - 1] as number) * inner && sb === (SB[r - 1] as number) * inner) {
        DIMS[r - 1] = inner * d;
        continue;
      }
    }
    DIMS[r] = d;
    SA[r] = sa;
    SB[r] = sb;
    r++;
  }
  return r;
}

/**
 * Both operands broadcast along the innermost dimension (an output larger than either operand's
 * broadcast shape): one element computed, then repeated across the row.
 */
function splat(vv: InnerKernel): InnerKernel {
  return (a, ai, b, bi, o, oi, n) => {
    const e = vv(a, ai, b, bi, o, oi, 1);
    if (e === null) (o as Float64Array).fill((o as Float64Array)[oi] as number, oi + 1, oi + n);
    return e;
  };
}

/** `out = op(a, b)` with numpy broadcasting of aShape and bShape to outShape. */
export function broadcastRun(
  k: InnerKernels,
  a: ComputeArray,
  aShape: readonly number[],
  b: ComputeArray,
  bShape: readonly number[],
  out: ComputeArray,
  outShape: readonly number[],
): string | null {
  const total = sizeOf(outShape);
  const sizeA = sizeOf(aShape);
  const sizeB = sizeOf(bShape);
  if (total === 0) return null;
  if (sizeA === total && sizeB === total) return k.vv(a, 0, b, 0, out, 0, total);
  if (sizeA === 1 && sizeB === total) return k.sv(a, 0, b, 0, out, 0, total);
  if (sizeB === 1 && sizeA === total) return k.vs(a, 0, b, 0, out, 0, total);
  const r = plan(aShape, bShape, outShape);
  if (r === 0) return k.vv(a, 0, b, 0, out, 0, 1);
  const n = DIMS[0] as number;
  const inner = SA[0] === 1 ? (SB[0] === 1 ? k.vv : k.vs) : SB[0] === 1 ? k.sv : splat(k.vv);
  if (r === 1) return inner(a, 0, b, 0, out, 0, n);
  if (r === 2) {
    const m = DIMS[1] as number;
    const sa = SA[1] as number;
    const sb = SB[1] as number;
    for (let j = 0; j < m; j++) {
      const e = inner(a, j * sa, b, j * sb, out, j * n, n);
      if (e !== null) return e;
    }
    return null;
  }
  CNT.fill(0, 0, r);
  const rows = total / n;
  let ao = 0;
  let bo = 0;
  for (let row = 0, oo = 0; row < rows; row++, oo += n) {
    const e = inner(a, ao, b, bo, out, oo, n);
    if (e !== null) return e;
    for (let d = 1; d < r; d++) {
      const c = (CNT[d] as number) + 1;
      ao += SA[d] as number;
      bo += SB[d] as number;
      if (c < (DIMS[d] as number)) {
        CNT[d] = c;
        break;
      }
      CNT[d] = 0;
      ao -= (SA[d] as number) * (DIMS[d] as number);
      bo -= (SB[d] as number) * (DIMS[d] as number);
    }
  }
  return null;
}
