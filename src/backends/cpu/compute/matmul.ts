// C[m,n] = op(A) · op(B), op = transpose or not (TensorFlow's MatMul). float32/float64 run a
// cache-blocked product in the GotoBLAS layout: a KC×NC block of B and an MC×KC block of A are
// packed (converted to float64) into panels of NR columns / MR rows whose elements the 4×4
// register-blocked microkernel reads contiguously; transposes only change how panels are packed.
// Each microkernel call sums KC products in float64 registers and adds them to C, so a float32
// C is rounded once per KC block (Eigen rounds after every FMA: ours is at least as accurate).
import { type ComputeArray, type ComputeDType, kindOf } from './dtypes.js';
import { floatToHalf, halfToFloat } from './float16.js';

/**
 * `C = op(A) · op(B)` with op(A) m×k and op(B) k×n, all row-major; A is stored m×k (k×m when
 * transposeA), B k×n (n×k when transposeB). C (m×n) is overwritten.
 */
export type MatMulKernel = (
  A: ComputeArray,
  B: ComputeArray,
  C: ComputeArray,
  m: number,
  n: number,
  k: number,
  transposeA?: boolean,
  transposeB?: boolean,
) => void;

const MR = 4;
const NR = 4;
const KC = 256;
const MC = 64;
const NC = 1024;

// The packing buffers grow to the largest block asked for (at most MC×KC and KC×NC): nothing is
// allocated until a product runs, and a wasm-only program never allocates them.
let packA = new Float64Array(0);
let packB = new Float64Array(0);

type Floats = Float32Array | Float64Array;

/** Packs rows ic..ic+mc, depth pc..pc+kc of op(A) into MR-row panels: Ap[(panel·kc + p)·MR + r]. */
function packPanelsA(A: Floats, ta: boolean, m: number, k: number, ic: number, mc: number, pc: number, kc: number, Ap: Float64Array): void {
  for (let i0 = 0; i0 < mc; i0 += MR) {
    const base = i0 * kc;
    const rows = Math.min(MR, mc - i0);
    for (let r = 0; r < MR; r++) {
      const i = ic + i0 + r;
      if (r >= rows) {
        for (let p = 0; p < kc; p++) Ap[base + p * MR + r] = 0;
      } else if (ta) {
        for (let p = 0; p < kc; p++) Ap[base + p * MR + r] = A[(pc + p) * m + i] as number;
      } else {
        const row = i * k + pc;
        for (let p = 0; p < kc; p++) Ap[base + p * MR + r] = A[row + p] as number;
      }
    }
  }
}

/** Packs columns jc..jc+nc, depth pc..pc+kc of op(B) into NR-column panels: Bp[(panel·kc + p)·NR + c]. */
function packPanelsB(B: Floats, tb: boolean, n: number, k: number, jc: number, nc: number, pc: number, kc: number, Bp: Float64Array): void {
  for (let j0 = 0; j0 < nc; j0 += NR) {
    const base = j0 * kc;
    const cols = Math.min(NR, nc - j0);
    if (!tb && cols === NR) {
      for (let p = 0; p < kc; p++) {
        const src = (pc + p) * n + jc + j0;
        const dst = base + p * NR;
        Bp[dst] = B[src] as number;
        Bp[dst + 1] = B[src + 1] as number;
        Bp[dst + 2] = B[src + 2] as number;
        Bp[dst + 3] = B[src + 3] as number;
      }
      continue;
    }
    for (let c = 0; c < NR; c++) {
      const j = jc + j0 + c;
      if (c >= cols) {
        for (let p = 0; p < kc; p++) Bp[base + p * NR + c] = 0;
      } else if (tb) {
        const row = j * k + pc;
        for (let p = 0; p < kc; p++) Bp[base + p * NR + c] = B[row + p] as number;
      } else {
        for (let p = 0; p < kc; p++) Bp[base + p * NR + c] = B[(pc + p) * n + j] as number;
      }
    }
  }
}

const tile = new Float64Array(MR * NR);

/** The packed block product: C[ic.., jc..] += Ap · Bp (mc×kc · kc×nc). */
function macroKernel(Ap: Float64Array, Bp: Float64Array, C: Floats, mc: number, nc: number, kc: number, ic: number, jc: number, ldc: number): void {
  for (let j0 = 0; j0 < nc; j0 += NR) {
    const cols = Math.min(NR, nc - j0);
    const bBase = j0 * kc;
    for (let i0 = 0; i0 < mc; i0 += MR) {
      const rows = Math.min(MR, mc - i0);
      let ai = i0 * kc;
      let bi = bBase;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0; p < kc; p++, ai += MR, bi += NR) {
        const a0 = Ap[ai] as number;
        const a1 = Ap[ai + 1] as number;
        const a2 = Ap[ai + 2] as number;
        const a3 = Ap[ai + 3] as number;
        const b0 = Bp[bi] as number;
        const b1 = Bp[bi + 1] as number;
        const b2 = Bp[bi + 2] as number;
        const b3 = Bp[bi + 3] as number;
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
      }
      const o = (ic + i0) * ldc + jc + j0;
      if (rows === MR && cols === NR) {
        C[o] += c00; C[o + 1] += c01; C[o + 2] += c02; C[o + 3] += c03;
        const o1 = o + ldc;
        C[o1] += c10; C[o1 + 1] += c11; C[o1 + 2] += c12; C[o1 + 3] += c13;
        const o2 = o1 + ldc;
        C[o2] += c20; C[o2 + 1] += c21; C[o2 + 2] += c22; C[o2 + 3] += c23;
        const o3 = o2 + ldc;
        C[o3] += c30; C[o3 + 1] += c31; C[o3 + 2] += c32; C[o3 + 3] += c33;
      } else {
        tile[0] = c00; tile[1] = c01; tile[2] = c02; tile[3] = c03;
        tile[4] = c10; tile[5] = c11; tile[6] = c12; tile[7] = c13;
        tile[8] = c20; tile[9] = c21; tile[10] = c22; tile[11] = c23;
        tile[12] = c30; tile[13] = c31; tile[14] = c32; tile[15] = c33;
        for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) C[o + r * ldc + c] += tile[r * NR + c] as number;
      }
    }
  }
}

function matmulFloat(A: Floats, B: Floats, C: Floats, m: number, n: number, k: number, ta: boolean, tb: boolean): void {
  C.fill(0, 0, m * n);
  if (m === 0 || n === 0 || k === 0) return;
  const kcMax = Math.min(KC, k);
  const ncMax = Math.min(NC, Math.ceil(n / NR) * NR);
  const mcMax = Math.min(MC, Math.ceil(m / MR) * MR);
  if (packA.length < mcMax * kcMax) packA = new Float64Array(mcMax * kcMax);
  if (packB.length < kcMax * ncMax) packB = new Float64Array(kcMax * ncMax);
  const Ap = packA;
  const Bp = packB;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      packPanelsB(B, tb, n, k, jc, nc, pc, kc, Bp);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packPanelsA(A, ta, m, k, ic, mc, pc, kc, Ap);
        macroKernel(Ap, Bp, C, mc, nc, kc, ic, jc, n);
      }
    }
  }
}

/** Integers of up to 32 bits: wrapping sums of Math.imul products (the store wraps to the width). */
function matmulInt(A: ComputeArray, B: ComputeArray, C: ComputeArray, m: number, n: number, k: number, ta: boolean, tb: boolean): void {
  const a = A as ArrayLike<number>;
  const b = B as ArrayLike<number>;
  const c = C as unknown as number[];
  const acc = new Int32Array(n);
  for (let i = 0; i < m; i++) {
    acc.fill(0);
    for (let p = 0; p < k; p++) {
      const av = a[ta ? p * m + i : i * k + p] as number;
      for (let j = 0; j < n; j++) acc[j] = ((acc[j] as number) + Math.imul(av, b[tb ? j * k + p : p * n + j] as number)) | 0;
    }
    for (let j = 0; j < n; j++) c[i * n + j] = acc[j] as number;
  }
}

/** int64/uint64: BigInt products, wrapped modulo 2^64 by the store. */
function matmulBig(A: ComputeArray, B: ComputeArray, C: ComputeArray, m: number, n: number, k: number, ta: boolean, tb: boolean): void {
  const a = A as ArrayLike<bigint>;
  const b = B as ArrayLike<bigint>;
  const c = C as unknown as bigint[];
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0n;
      for (let p = 0; p < k; p++) s = BigInt.asIntN(64, s + (a[ta ? p * m + i : i * k + p] as bigint) * (b[tb ? j * k + p : p * n + j] as bigint));
      c[i * n + j] = s;
    }
}

/** float16: decoded to float32, multiplied as float32, rounded back to half. */
function matmulHalf(A: ComputeArray, B: ComputeArray, C: ComputeArray, m: number, n: number, k: number, ta: boolean, tb: boolean): void {
  const a = Float32Array.from(A as Uint16Array, halfToFloat);
  const b = Float32Array.from(B as Uint16Array, halfToFloat);
  const c = new Float32Array(m * n);
  matmulFloat(a, b, c, m, n, k, ta, tb);
  const out = C as Uint16Array;
  for (let i = 0; i < m * n; i++) out[i] = floatToHalf(c[i] as number);
}

/** The MatMul kernel for `dtype` (every numeric dtype; bool throws TypeError). */
export function matmul(dtype: ComputeDType): MatMulKernel {
  const kind = kindOf(dtype);
  const run =
    kind === 'float' ? (matmulFloat as (A: ComputeArray, B: ComputeArray, C: ComputeArray, m: number, n: number, k: number, ta: boolean, tb: boolean) => void)
    : kind === 'half' ? matmulHalf
    : kind === 'int' ? matmulInt
    : kind === 'big' ? matmulBig
    : null;
  if (run === null) throw new TypeError(`compute: MatMul does not support dtype ${dtype}`);
  return (A, B, C, m, n, k, transposeA = false, transposeB = false) => run(A, B, C, m, n, k, transposeA, transposeB);
}
