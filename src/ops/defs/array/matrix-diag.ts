// TensorFlow's MatrixDiagV3 / MatrixDiagPartV3 / MatrixSetDiagV3 (diagonal bands k = d or
// [lo, hi], `align` of the shorter diagonals) and TF1's MatrixDiag / MatrixDiagPart /
// MatrixSetDiag (main diagonal). Kernels: backends/cpu/kernels/diag-adadelta.ts.
import { TensorShape } from '../../../core/shape.js';
import type { InferContext } from '../../opdef.js';
import { applyOp1 } from '../../builder.js';
import { registerOp } from '../../registry.js';
import { zerosLike } from './like.js';

const ALIGN = { name: 'align', type: 'string', default: 'RIGHT_LEFT' } as const;
export const ALIGNS = ['LEFT_RIGHT', 'RIGHT_LEFT', 'LEFT_LEFT', 'RIGHT_RIGHT'];

/** The attr's allowed values (AttrDef.allowed lists dtypes only). */
function checkAlign(ctx: InferContext): void {
  const a = ctx.attr<string>('align');
  if (!ALIGNS.includes(a)) ctx.fail(`Value for attr 'align' of "${a}" is not in the list of allowed values: "LEFT_RIGHT", "RIGHT_LEFT", "LEFT_LEFT", "RIGHT_RIGHT"`);
}
const T = { name: 'T', type: 'type' } as const;

/** The band [lo, hi] from a known `k` input, or null. */
function bandOf(ctx: InferContext, i: number): [number, number] | null {
  const v = ctx.inputValue(i);
  if (!v) return null;
  const k = Array.from(v.data as ArrayLike<number>, Number);
  if (k.length < 1 || k.length > 2) ctx.fail(`diag_index must be a vector with one or two elements. It has ${k.length} elements.`);
  const lo = k[0] as number;
  const hi = (k.length === 2 ? k[1] : k[0]) as number;
  if (lo > hi) ctx.fail(`lower_diag_index must not be larger than upper_diag_index: ${lo} > ${hi}`);
  return [lo, hi];
}

function scalarOf(ctx: InferContext, i: number): number | null {
  const v = ctx.inputValue(i);
  return v ? Number(v.data[0]) : null;
}

/** Output [..., rows, cols] of MatrixDiagV3 (the kernel's rule for num_rows/num_cols = -1). */
function diagShape(ctx: InferContext): TensorShape[] {
  checkAlign(ctx);
  const s = ctx.inputShape(0);
  const band = bandOf(ctx, 1);
  if (s.dims === null || band === null) return [new TensorShape(null)];
  if (s.dims.length < 1) ctx.fail(`Shape must be at least rank 1 but is rank ${s.dims.length}`);
  const [lo, hi] = band;
  const batch = s.dims.slice(0, lo === hi ? -1 : -2);
  const len = s.dims[s.dims.length - 1] ?? null;
  const given = lo === hi ? null : (s.dims[s.dims.length - 2] ?? null);
  if (lo !== hi && given !== null && given !== hi - lo + 1) {
    ctx.fail(
      "The number of rows of `diagonal` doesn't match the number of diagonals implied from `d_lower` and `d_upper`.\n" +
        `num_diags = ${given}, d_lower = ${lo}, d_upper = ${hi} ${s.dims.length} ${hi - lo + 1}`,
    );
  }
  let rows = scalarOf(ctx, 2);
  let cols = scalarOf(ctx, 3);
  if (len === null || rows === null || cols === null) return [new TensorShape([...batch, null, null])];
  const minRows = len - Math.min(hi, 0);
  const minCols = len + Math.max(lo, 0);
  if (rows === -1 && cols === -1) rows = cols = Math.max(minRows, minCols);
  else if (rows === -1) rows = minRows;
  else if (cols === -1) cols = minCols;
  if (rows < minRows) ctx.fail('num_rows is too small');
  if (cols < minCols) ctx.fail('num_cols is too small');
  return [new TensorShape([...batch, rows, cols])];
}

/** Output of MatrixDiagPartV3: [..., max_diag_len] or [..., num_diags, max_diag_len]. */
function diagPartShape(ctx: InferContext): TensorShape[] {
  checkAlign(ctx);
  const s = ctx.inputShape(0);
  const band = bandOf(ctx, 1);
  if (s.dims !== null && s.dims.length < 2) ctx.fail(`Shape must be at least rank 2 but is rank ${s.dims.length}`);
  if (s.dims === null || band === null) return [new TensorShape(null)];
  const [lo, hi] = band;
  const rows = s.dims[s.dims.length - 2] ?? null;
  const cols = s.dims[s.dims.length - 1] ?? null;
  const batch = s.dims.slice(0, -2);
  const inBound = (d: number) => rows === null || cols === null || ((-rows < d || rows === 0) && d < Math.max(1, cols));
  if (!inBound(lo)) ctx.fail('lower_diag_index is out of bound.');
  if (!inBound(hi)) ctx.fail('upper_diag_index is out of bound.');
  const len = rows === null || cols === null ? null : Math.max(0, Math.min(rows + Math.min(hi, 0), cols - Math.max(lo, 0)));
  return [new TensorShape(lo === hi ? [...batch, len] : [...batch, hi - lo + 1, len])];
}

function setDiagShape(ctx: InferContext): TensorShape[] {
  const s = ctx.inputShape(0);
  if (s.dims !== null && s.dims.length < 2) ctx.fail(`Shape must be at least rank 2 but is rank ${s.dims.length}`);
  return [s];
}

export const MatrixDiagV3 = registerOp({
  type: 'MatrixDiagV3',
  // TensorFlow's _MatrixDiagV3Grad: the same band of the incoming gradient.
  grad: (op, dys) => [
    applyOp1(MatrixDiagPartV3, [dys[0], op.inputs[1], 0], { align: op.attrs.align }, 'MatrixDiagPartV3'),
    null,
    null,
    null,
    null,
  ],
  inputs: [
    { name: 'diagonal', typeAttr: 'T' },
    { name: 'k', dtype: 'int32' },
    { name: 'num_rows', dtype: 'int32' },
    { name: 'num_cols', dtype: 'int32' },
    { name: 'padding_value', typeAttr: 'T' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [T, ALIGN],
  shape: diagShape,
});

export const MatrixDiagPartV3 = registerOp({
  type: 'MatrixDiagPartV3',
  // TensorFlow's _MatrixDiagPartV3Grad: the band back into a matrix of the input's size.
  grad: (op, dys) => {
    const dims = op.inputs[0].shape.dims;
    const rows = dims?.[dims.length - 2];
    const cols = dims?.[dims.length - 1];
    const align = op.attrs.align;
    if (typeof rows === 'number' && typeof cols === 'number') {
      return [applyOp1(MatrixDiagV3, [dys[0], op.inputs[1], rows, cols, 0], { align }, 'MatrixDiagV3'), null, null];
    }
    return [applyOp1(MatrixSetDiagV3, [zerosLike(op.inputs[0]), dys[0], op.inputs[1]], { align }, 'MatrixSetDiagV3'), null, null];
  },
  inputs: [
    { name: 'input', typeAttr: 'T' },
    { name: 'k', dtype: 'int32' },
    { name: 'padding_value', typeAttr: 'T' },
  ],
  outputs: [{ name: 'diagonal', typeAttr: 'T' }],
  attrs: [T, ALIGN],
  shape: diagPartShape,
});

export const MatrixSetDiagV3 = registerOp({
  type: 'MatrixSetDiagV3',
  // TensorFlow's _MatrixSetDiagGrad: the band zeroed for the input, the band itself for the diagonal.
  grad: (op, dys) => {
    const align = op.attrs.align;
    const k = op.inputs[2];
    return [
      applyOp1(MatrixSetDiagV3, [dys[0], zerosLike(op.inputs[1]), k], { align }, 'MatrixSetDiagV3'),
      applyOp1(MatrixDiagPartV3, [dys[0], k, 0], { align }, 'MatrixDiagPartV3'),
      null,
    ];
  },
  inputs: [
    { name: 'input', typeAttr: 'T' },
    { name: 'diagonal', typeAttr: 'T' },
    { name: 'k', dtype: 'int32' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [T, ALIGN],
  shape: (ctx) => {
    checkAlign(ctx);
    return setDiagShape(ctx);
  },
});

// TF1's main-diagonal ops (still in TensorFlow's registry; graphs from TF1 use them).
export const MatrixDiag = registerOp({
  type: 'MatrixDiag',
  // TensorFlow's _MatrixDiagGrad, through the Python builders (which build the V3 ops).
  grad: (_op, dys) => [applyOp1(MatrixDiagPartV3, [dys[0], 0, 0], {}, 'diag_part')],
  inputs: [{ name: 'diagonal', typeAttr: 'T' }],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [T],
  shape: (ctx) => {
    const s = ctx.inputShape(0);
    if (s.dims === null) return [new TensorShape(null)];
    if (s.dims.length < 1) ctx.fail(`Shape must be at least rank 1 but is rank ${s.dims.length}`);
    const n = s.dims[s.dims.length - 1] ?? null;
    return [new TensorShape([...s.dims, n])];
  },
});

export const MatrixDiagPart = registerOp({
  type: 'MatrixDiagPart',
  // TensorFlow's _MatrixDiagPartGrad: MatrixDiag of a square input, else the diagonal set into zeros.
  grad: (op, dys) => {
    const dims = op.inputs[0].shape.dims;
    const r = dims?.[dims.length - 2];
    const c = dims?.[dims.length - 1];
    if (typeof r === 'number' && r === c) return [applyOp1(MatrixDiagV3, [dys[0], 0, -1, -1, 0], {}, 'diag')];
    return [applyOp1(MatrixSetDiagV3, [zerosLike(op.inputs[0]), dys[0], 0], {}, 'set_diag')];
  },
  inputs: [{ name: 'input', typeAttr: 'T' }],
  outputs: [{ name: 'diagonal', typeAttr: 'T' }],
  attrs: [T],
  shape: (ctx) => {
    const s = ctx.inputShape(0);
    if (s.dims === null) return [new TensorShape(null)];
    if (s.dims.length < 2) ctx.fail(`Shape must be at least rank 2 but is rank ${s.dims.length}`);
    const r = s.dims[s.dims.length - 2] ?? null;
    const c = s.dims[s.dims.length - 1] ?? null;
    return [new TensorShape([...s.dims.slice(0, -2), r === null || c === null ? null : Math.min(r, c)])];
  },
});

export const MatrixSetDiag = registerOp({
  type: 'MatrixSetDiag',
  grad: (op, dys) => [
    applyOp1(MatrixSetDiagV3, [dys[0], zerosLike(op.inputs[1]), 0], {}, 'set_diag'),
    applyOp1(MatrixDiagPartV3, [dys[0], 0, 0], {}, 'diag_part'),
  ],
  inputs: [
    { name: 'input', typeAttr: 'T' },
    { name: 'diagonal', typeAttr: 'T' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [T],
  shape: setDiagShape,
});
