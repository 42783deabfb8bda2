// tf.linalg.diag / diagPart / setDiag (TF1: tf.matrixDiag / matrixDiagPart / matrixSetDiag),
// tf.eye and tf.linalg.trace, as TensorFlow's Python (array_ops.py, linalg_ops_impl.py, math_ops.py).
import { type DType, toDType } from '../../../core/dtypes.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import type { Tensor, TensorInput } from '../../types.js';
import { reduceSum } from '../math/sum.js';
import { ALIGNS, MatrixDiagPartV3, MatrixDiagV3, MatrixSetDiagV3 } from './matrix-diag.js';
import { ValueError } from '../../../core/errors.js';
import { ones, zeros } from './zeros-ones.js';

type Align = 'LEFT_RIGHT' | 'RIGHT_LEFT' | 'LEFT_LEFT' | 'RIGHT_RIGHT';

/** The keyword arguments of tf.linalg.diag / diagPart / setDiag. */
export interface DiagOptions {
  name?: string;
  k?: TensorInput;
  numRows?: TensorInput;
  numCols?: TensorInput;
  paddingValue?: TensorInput;
  align?: Align;
}

const or = <V>(v: unknown, d: V): V | unknown => (v === undefined || v === null ? d : v);

/** Python's default padding 0 in the diagonal's dtype (False for bool, as TensorFlow converts it). */
const zeroOf = (dtype: DType): unknown => (dtype === 'bool' ? false : 0);

/** The `align` attr, checked as TensorFlow's op builder does. */
function alignOf(v: unknown, opType: string): string {
  const a = or(v, 'RIGHT_LEFT');
  if (typeof a !== 'string' || !ALIGNS.includes(a)) {
    throw new ValueError(`Attr 'align' of '${opType}' Op passed string '${String(a)}' not in: "LEFT_RIGHT", "RIGHT_LEFT", "LEFT_LEFT", "RIGHT_RIGHT".`);
  }
  return a;
}

/**
 * `tf.linalg.diag(diagonal, name='diag', k=0, numRows=-1, numCols=-1, paddingValue=0,
 * align='RIGHT_LEFT')`: a batch of matrices with `diagonal` on the band `k`.
 */
export function matrixDiag(diagonal: TensorInput, name?: string | DiagOptions, k?: TensorInput | DiagOptions, numRows?: TensorInput | DiagOptions, numCols?: TensorInput | DiagOptions, paddingValue?: TensorInput | DiagOptions, align?: Align | DiagOptions): Tensor;
export function matrixDiag(...args: unknown[]): Tensor {
  const a = normalizeArgs('matrixDiag', ['diagonal', 'name', 'k', 'numRows', 'numCols', 'paddingValue', 'align'], args);
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'diag', [a.diagonal], (scope) => {
    const d = ctx.convertToTensor(a.diagonal, undefined, undefined, 'diagonal');
    const inputs = [
      d,
      ctx.convertToTensor(or(a.k, 0), 'int32', undefined, 'k'),
      ctx.convertToTensor(or(a.numRows, -1), 'int32', undefined, 'num_rows'),
      ctx.convertToTensor(or(a.numCols, -1), 'int32', undefined, 'num_cols'),
      ctx.convertToTensor(or(a.paddingValue, zeroOf(d.dtype)), d.dtype, undefined, 'padding_value'),
    ];
    return applyOp1(MatrixDiagV3, inputs, { align: alignOf(a.align, 'MatrixDiagV3') }, scope);
  });
}

/** `tf.linalg.diagPart(input, name='diag_part', k=0, paddingValue=0, align='RIGHT_LEFT')`. */
export function matrixDiagPart(input: TensorInput, name?: string | DiagOptions, k?: TensorInput | DiagOptions, paddingValue?: TensorInput | DiagOptions, align?: Align | DiagOptions): Tensor;
export function matrixDiagPart(...args: unknown[]): Tensor {
  const a = normalizeArgs('matrixDiagPart', ['input', 'name', 'k', 'paddingValue', 'align'], args);
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'diag_part', [a.input], (scope) => {
    const x = ctx.convertToTensor(a.input, undefined, undefined, 'input');
    const inputs = [x, ctx.convertToTensor(or(a.k, 0), 'int32', undefined, 'k'), ctx.convertToTensor(or(a.paddingValue, zeroOf(x.dtype)), x.dtype, undefined, 'padding_value')];
    return applyOp1(MatrixDiagPartV3, inputs, { align: alignOf(a.align, 'MatrixDiagPartV3') }, scope);
  });
}

/** `tf.linalg.setDiag(input, diagonal, name='set_diag', k=0, align='RIGHT_LEFT')`. */
export function matrixSetDiag(input: TensorInput, diagonal: TensorInput, name?: string | DiagOptions, k?: TensorInput | DiagOptions, align?: Align | DiagOptions): Tensor;
export function matrixSetDiag(...args: unknown[]): Tensor {
  const a = normalizeArgs('matrixSetDiag', ['input', 'diagonal', 'name', 'k', 'align'], args);
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'set_diag', [a.input, a.diagonal], (scope) => {
    const x = ctx.convertToTensor(a.input, undefined, undefined, 'input');
    const d = ctx.convertToTensor(a.diagonal, x.dtype, undefined, 'diagonal');
    return applyOp1(MatrixSetDiagV3, [x, d, ctx.convertToTensor(or(a.k, 0), 'int32', undefined, 'k')], { align: alignOf(a.align, 'MatrixSetDiagV3') }, scope);
  });
}

/** `tf.linalg.trace(x, name)`: the sum of the main diagonal of each innermost matrix. */
export function trace(x: TensorInput, name?: string | { name?: string }): Tensor;
export function trace(...args: unknown[]): Tensor {
  const a = normalizeArgs('trace', ['x', 'name'], args);
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'Trace', [a.x], (scope) => {
    const x = ctx.convertToTensor(a.x, undefined, undefined, 'x');
    return reduceSum(matrixDiagPart(x), [-1], { name: scope });
  });
}

/** `tf.eye`'s parameters by name. */
export interface EyeOptions {
  numColumns?: number | null;
  batchShape?: readonly number[] | null;
  dtype?: DType | null;
  name?: string;
}

/**
 * `tf.eye(numRows, numColumns=null, batchShape=null, dtype='float32', name)`: identity matrices,
 * built as TensorFlow's: MatrixDiag of ones when square, else MatrixSetDiag of ones into zeros.
 * Sizes are static integers here (TensorFlow's tensor-valued sizes are not supported).
 */
export function eye(numRows: number, numColumns?: number | null | EyeOptions, batchShape?: readonly number[] | null | EyeOptions, dtype?: DType | null | EyeOptions, name?: string | EyeOptions): Tensor;
export function eye(...args: unknown[]): Tensor {
  const a = normalizeArgs('eye', ['numRows', 'numColumns', 'batchShape', 'dtype', 'name'], args);
  const ctx = currentContext();
  const isInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v);
  const rows = a.numRows;
  const cols = a.numColumns ?? rows;
  if (!isInt(rows) || !isInt(cols)) {
    if (typeof rows === 'object' || typeof cols === 'object') throw new TypeError('tf.eye: tensor-valued numRows/numColumns are not supported; give integers');
    throw new TypeError(`Arguments \`num_rows\` and \`num_columns\` must be positive integer values. Received: num_rows=${String(rows)}, num_columns=${String(cols)}`);
  }
  const batch = (a.batchShape ?? []) as number[];
  if (!Array.isArray(batch)) throw new TypeError('tf.eye: a tensor-valued batchShape is not supported; give an array of integers');
  const dtype: DType = a.dtype === undefined || a.dtype === null ? 'float32' : toDType(a.dtype as DType);
  return ctx.withNameScope(nameArg(a), 'eye', [], () => {
    const r = rows as number;
    const c = cols as number;
    const diagOnes = ones([...batch, Math.min(r, c)], dtype);
    if (r === c) return matrixDiag(diagOnes);
    return matrixSetDiag(zeros([...batch, r, c], dtype), diagOnes);
  });
}
