// Kernels for the MatrixDiag family (TensorFlow's matrix_diag_op.cc, matrix_set_diag_op.cc) and
// ApplyAdadelta (training_ops.cc).
import type { DType } from '../../../core/dtypes.js';
import { FailedPreconditionError, InvalidArgumentError } from '../../../core/errors.js';
import { shapeDebugString } from '../../../core/shape.js';
import type { Kernel, KernelValue } from '../../backend.js';
import type { CpuTensor } from '../tensor.js';
import { type KernelEntry, arr, cell, intList, out, sameShape } from '../values.js';

const bad = (msg: string): never => {
  throw new InvalidArgumentError(null, null, msg);
};

type Buf = unknown[];

/** TensorFlow's CPU kernels cover every POD dtype (not string). */
const pod = (k: Kernel): KernelEntry => ({ select: (sig) => (sig.inputs[0] === 'string' ? undefined : k) });

/** The band [lo, hi] from a `k` tensor (TensorFlow's checks). */
function band(k: CpuTensor): [number, number] {
  if (k.rank > 1) bad(`diag_index must be a scalar or vector, received shape: ${shapeDebugString(k.shape)}`);
  const v = intList(k);
  if (v.length < 1 || v.length > 2) bad(`diag_index must have only one or two elements, received ${v.length} elements.`);
  const lo = v[0] as number;
  const hi = (v.length === 2 ? v[1] : v[0]) as number;
  if (lo > hi) bad(`lower_diag_index must not be larger than upper_diag_index: ${lo} > ${hi}`);
  return [lo, hi];
}

/**
 * Calls `f(diagPos, matPos)` for each element of band [lo, hi] of one rows×cols matrix, packed as
 * TensorFlow's: diagonal d at row hi - d of a (num_diags × maxLen) block, shorter diagonals
 * shifted right where `align` says RIGHT (first word: superdiagonals, second: subdiagonals).
 */
function eachBand(rows: number, cols: number, lo: number, hi: number, maxLen: number, align: string, f: (dp: number, mp: number) => void): void {
  const [sup, sub] = align.split('_') as [string, string];
  for (let d = hi; d >= lo; d--) {
    const len = Math.max(0, Math.min(rows + Math.min(0, d), cols - Math.max(0, d)));
    const offset = (d >= 0 ? sup : sub) === 'RIGHT' ? maxLen - len : 0;
    const base = (hi - d) * maxLen + offset;
    const r0 = -Math.min(d, 0);
    const c0 = Math.max(d, 0);
    for (let i = 0; i < len; i++) f(base + i, (r0 + i) * cols + c0 + i);
  }
}

function diagKernel(v3: boolean): Kernel {
  return (inputs, ctx) => {
    const diag = arr(inputs, 0);
    let lo = 0;
    let hi = 0;
    let rows = -1;
    let cols = -1;
    let pad: unknown = diag.dtype === 'bool' ? 0 : diag.dtype === 'int64' || diag.dtype === 'uint64' ? 0n : 0;
    if (v3) {
      [lo, hi] = band(arr(inputs, 1));
      const nr = arr(inputs, 2);
      const nc = arr(inputs, 3);
      const pv = arr(inputs, 4);
      if (nr.rank !== 0) bad(`num_rows must be a scalar Tensor, received shape: ${shapeDebugString(nr.shape)}`);
      if (nc.rank !== 0) bad(`num_cols must be a scalar Tensor, received shape: ${shapeDebugString(nc.shape)}`);
      if (pv.rank !== 0) bad(`padding_value must be a scalar Tensor, received shape: ${shapeDebugString(pv.shape)}`);
      rows = Number(nr.data[0]);
      cols = Number(nc.data[0]);
      pad = (pv.data as unknown as Buf)[0];
    }
    const numDiags = hi - lo + 1;
    const minRank = numDiags === 1 ? 1 : 2;
    if (diag.rank < minRank) bad(`diagonal must be at least ${minRank}-dim, received shape: ${shapeDebugString(diag.shape)}`);
    if (numDiags > 1 && diag.shape[diag.rank - 2] !== numDiags) {
      bad('The number of diagonals provided in the input does not match the lower_diag_index and upper_diag_index range.');
    }
    const maxLen = diag.shape[diag.rank - 1] as number;
    const minRows = maxLen - Math.min(hi, 0);
    const minCols = maxLen + Math.max(lo, 0);
    if (rows === -1 && cols === -1) rows = cols = Math.max(minRows, minCols);
    else if (rows === -1) rows = minRows;
    else if (cols === -1) cols = minCols;
    if (rows < minRows) bad(`The number of rows is too small.`);
    if (cols < minCols) bad(`The number of columns is too small.`);
    if (rows !== minRows && cols !== minCols) bad('The number of rows or columns is not consistent with the specified d_lower, d_upper, and diagonal.');
    const batchShape = diag.shape.slice(0, numDiags === 1 ? -1 : -2);
    const o = out(ctx, 0, diag.dtype, [...batchShape, rows, cols]);
    const od = o.data as unknown as Buf;
    const dd = diag.data as unknown as Buf;
    od.fill(pad);
    const m = rows * cols;
    const dStride = numDiags * maxLen;
    const batches = m === 0 ? 0 : od.length / m;
    for (let b = 0; b < batches; b++) eachBand(rows, cols, lo, hi, maxLen, v3 ? (ctx.env.attrs.align as string) : 'LEFT_LEFT', (dp, mp) => (od[b * m + mp] = dd[b * dStride + dp]));
    return [o];
  };
}

function diagPartKernel(v3: boolean): Kernel {
  return (inputs, ctx) => {
    const x = arr(inputs, 0);
    let lo = 0;
    let hi = 0;
    let pad: unknown = x.dtype === 'int64' || x.dtype === 'uint64' ? 0n : 0;
    if (v3) {
      [lo, hi] = band(arr(inputs, 1));
      const pv = arr(inputs, 2);
      if (pv.rank !== 0) bad(`padding_value must be a scalar Tensor, received shape: ${shapeDebugString(pv.shape)}`);
      pad = (pv.data as unknown as Buf)[0];
    }
    if (x.rank < 2) bad(`input must be at least 2-dim, received shape: ${shapeDebugString(x.shape)}`);
    const rows = x.shape[x.rank - 2] as number;
    const cols = x.shape[x.rank - 1] as number;
    if (v3 && !((-rows < lo || rows === 0) && lo < Math.max(1, cols))) bad(`lower_diag_index is out of bound: ${lo}. It must be between ${-rows} and ${cols}`);
    if (v3 && !((-rows < hi || rows === 0) && hi < Math.max(1, cols))) bad(`upper_diag_index is out of bound: ${hi}. It must be between ${-rows} and ${cols}`);
    const numDiags = hi - lo + 1;
    const maxLen = Math.max(0, Math.min(rows + Math.min(hi, 0), cols - Math.max(lo, 0)));
    const batchShape = x.shape.slice(0, -2);
    const o = out(ctx, 0, x.dtype, numDiags === 1 ? [...batchShape, maxLen] : [...batchShape, numDiags, maxLen]);
    const od = o.data as unknown as Buf;
    const xd = x.data as unknown as Buf;
    od.fill(pad);
    const m = rows * cols;
    const dStride = numDiags * maxLen;
    const batches = batchShape.reduce((p, q) => p * q, 1);
    for (let b = 0; b < batches; b++) eachBand(rows, cols, lo, hi, maxLen, v3 ? (ctx.env.attrs.align as string) : 'LEFT_LEFT', (dp, mp) => (od[b * dStride + dp] = xd[b * m + mp]));
    return [o];
  };
}

function setDiagKernel(v3: boolean): Kernel {
  return (inputs, ctx) => {
    const x = arr(inputs, 0);
    const diag = arr(inputs, 1);
    const [lo, hi] = v3 ? band(arr(inputs, 2)) : [0, 0];
    if (x.rank < 2) bad(`input must be at least 2-dim, received shape: ${shapeDebugString(x.shape)}`);
    const rows = x.shape[x.rank - 2] as number;
    const cols = x.shape[x.rank - 1] as number;
    if (!((-rows < lo || rows === 0) && lo < Math.max(1, cols))) bad(`lower_diag_index is out of bound: ${lo} It must be between ${-rows} and ${cols}`);
    if (!((-rows < hi || rows === 0) && hi < Math.max(1, cols))) bad(`upper_diag_index is out of bound: ${hi} It must be between ${-rows} and ${cols}`);
    const numDiags = hi - lo + 1;
    const maxLen = Math.max(0, Math.min(rows + Math.min(hi, 0), cols - Math.max(lo, 0)));
    const batchShape = x.shape.slice(0, -2);
    const expected = numDiags === 1 ? [...batchShape, maxLen] : [...batchShape, numDiags, maxLen];
    if (!sameShape(expected, diag.shape)) {
      bad(
        "Either first dimensions of diagonal don't match input.shape[:-2], or diagonal.shape[:-1] is not equal to the longests diagonal in range [lower_diag_index:upper_diag_index].\n" +
          `Input shape: ${shapeDebugString(x.shape)}\nDiagonal shape: ${shapeDebugString(diag.shape)}\nExpected diagonal shape: ${shapeDebugString(expected)}`,
      );
    }
    const o = out(ctx, 0, x.dtype, x.shape);
    const od = o.data as unknown as Buf;
    const xd = x.data as unknown as Buf;
    const dd = diag.data as unknown as Buf;
    for (let i = 0; i < xd.length; i++) od[i] = xd[i];
    const m = rows * cols;
    const dStride = numDiags * maxLen;
    const batches = batchShape.reduce((p, q) => p * q, 1);
    for (let b = 0; b < batches; b++) eachBand(rows, cols, lo, hi, maxLen, v3 ? (ctx.env.attrs.align as string) : 'LEFT_LEFT', (dp, mp) => (od[b * m + mp] = dd[b * dStride + dp]));
    return [o];
  };
}

type F = Float32Array | Float64Array;

const applyAdadelta: Kernel = (inputs) => {
  const refs: F[] = [];
  let shape: readonly number[] = [];
  ['var', 'accum', 'accum_update'].forEach((name, i) => {
    const c = cell(inputs, i);
    const t = c.value as CpuTensor | null;
    if (!t) throw new FailedPreconditionError(null, null, `Attempting to use uninitialized value ${c.name}`);
    if (i === 0) shape = t.shape;
    else if (!sameShape(shape, t.shape)) bad(`var and ${name} do not have the same shape${shapeDebugString(shape)} ${shapeDebugString(t.shape)}`);
    refs.push(t.data as F);
  });
  const s = ['lr', 'rho', 'epsilon'].map((name, j) => {
    const t = arr(inputs, 3 + j);
    if (t.rank !== 0) bad(`${name} is not a scalar: ${shapeDebugString(t.shape)}`);
    return Number(t.data[0]);
  });
  const g = arr(inputs, 6);
  if (!sameShape(shape, g.shape)) bad(`var and grad do not have the same shape${shapeDebugString(shape)} ${shapeDebugString(g.shape)}`);
  const [X, A, U] = refs as [F, F, F];
  const [lr, rho, eps] = s as [number, number, number];
  const gd = g.data as F;
  // Rounded through the variable's own precision at each step, as TensorFlow's Eigen expression.
  const r = X instanceof Float32Array ? Math.fround : (v: number) => v;
  for (let i = 0; i < gd.length; i++) {
    const gi = gd[i] as number;
    const a = r(r(rho * (A[i] as number)) + r(r(1 - rho) * r(gi * gi)));
    A[i] = a;
    const upd = r(r(r(Math.sqrt(r((U[i] as number) + eps))) * r(1 / Math.sqrt(r(a + eps)))) * gi);
    U[i] = r(r(rho * (U[i] as number)) + r(r(1 - rho) * r(upd * upd)));
    X[i] = r((X[i] as number) - r(lr * upd));
  }
  return [inputs[0] as KernelValue];
};

const FLOATS: readonly DType[] = ['float32', 'float64'];

export const diagAdadeltaKernels: Record<string, KernelEntry> = {
  MatrixDiagV3: pod(diagKernel(true)),
  MatrixDiagPartV3: pod(diagPartKernel(true)),
  MatrixSetDiagV3: pod(setDiagKernel(true)),
  MatrixDiag: pod(diagKernel(false)),
  MatrixDiagPart: pod(diagPartKernel(false)),
  MatrixSetDiag: pod(setDiagKernel(false)),
  ApplyAdadelta: { select: (sig) => (FLOATS.includes(sig.inputs[0] as DType) ? applyAdadelta : undefined) },
};
