// Interim elementwise/matmul/reduce loops (replaced by ../compute when it lands).
import { broadcastIndexer } from '../../../core/broadcast.js';
import type { DType } from '../../../core/dtypes.js';
import { InvalidArgumentError } from '../../../core/errors.js';

type Num = (a: number, b: number) => number;
type Big = (a: bigint, b: bigint) => bigint;
export type BinaryName = 'AddV2' | 'Sub' | 'Mul' | 'RealDiv';
export type UnaryName = 'Neg' | 'Square';

function wrap(dtype: DType): (x: number) => number {
  if (dtype === 'int32') return (x) => x | 0;
  if (dtype === 'uint8') return (x) => x & 255;
  return (x) => x;
}
function intDivide(a: number, b: number): number {
  if (b === 0) throw new InvalidArgumentError(null, null, 'Integer division by zero');
  return Math.trunc(a / b);
}
function bigDivide(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new InvalidArgumentError(null, null, 'Integer division by zero');
  return a / b;
}
const BIN: Record<BinaryName, [Num, Big, Num?]> = {
  AddV2: [(a, b) => a + b, (a, b) => a + b],
  Sub: [(a, b) => a - b, (a, b) => a - b],
  Mul: [(a, b) => a * b, (a, b) => a * b, (a, b) => Math.imul(a, b)],
  RealDiv: [(a, b) => a / b, bigDivide, intDivide],
};

type Arr = ArrayLike<number> & { [i: number]: number };

export function binary(op: BinaryName, dtype: DType) {
  const [f, g, intF] = BIN[op];
  const isInt = dtype === 'int32' || dtype === 'uint8';
  const h = isInt && intF ? intF : f;
  const w = wrap(dtype);
  return (a: unknown, aShape: readonly number[], b: unknown, bShape: readonly number[], out: unknown, outShape: readonly number[]) => {
    const n = (out as Arr).length;
    const xi = (a as Arr).length === n ? null : broadcastIndexer(aShape, outShape);
    const yi = (b as Arr).length === n ? null : broadcastIndexer(bShape, outShape);
    if (dtype === 'int64') {
      const A = a as BigInt64Array;
      const B = b as BigInt64Array;
      const O = out as BigInt64Array;
      for (let i = 0; i < n; i++) O[i] = BigInt.asIntN(64, g(A[xi ? (xi[i] as number) : i] as bigint, B[yi ? (yi[i] as number) : i] as bigint));
      return;
    }
    const A = a as Arr;
    const B = b as Arr;
    const O = out as Arr;
    for (let i = 0; i < n; i++) O[i] = w(h(A[xi ? (xi[i] as number) : i] as number, B[yi ? (yi[i] as number) : i] as number));
  };
}

export function unary(op: UnaryName, dtype: DType) {
  const w = wrap(dtype);
  return (x: unknown, out: unknown) => {
    if (dtype === 'int64') {
      const X = x as BigInt64Array;
      const O = out as BigInt64Array;
      for (let i = 0; i < X.length; i++) O[i] = BigInt.asIntN(64, op === 'Neg' ? -(X[i] as bigint) : (X[i] as bigint) * (X[i] as bigint));
      return;
    }
    const X = x as Arr;
    const O = out as Arr;
    if (op === 'Neg') for (let i = 0; i < X.length; i++) O[i] = w(-(X[i] as number));
    else if (dtype === 'int32') for (let i = 0; i < X.length; i++) O[i] = Math.imul(X[i] as number, X[i] as number);
    else for (let i = 0; i < X.length; i++) O[i] = w((X[i] as number) * (X[i] as number));
  };
}
