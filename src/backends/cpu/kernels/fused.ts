import { InvalidArgumentError } from '../../../core/errors.js';
import { shapeDebugString } from '../../../core/shape.js';
import type { ElementwiseChain, Kernel } from '../../backend.js';
import {
  BINARY_OP_NAMES,
  type BinaryOpName,
  type ChainStep,
  type ComputeArray,
  type ComputeDType,
  UNARY_OP_NAMES,
  type UnaryOpName,
  binaryOutputDType,
  fusedChain,
  supportsBinary,
  supportsUnary,
  unaryOutputDType,
} from '../compute/index.js';
import { arr, out } from '../values.js';

const BINARY = new Set<string>(BINARY_OP_NAMES);
const UNARY = new Set<string>(UNARY_OP_NAMES);

/**
 * Whether the compute layer can run `opType` on `dtype` as a link of a fused chain: an op it
 * has for the dtype whose output keeps the dtype (a chain's running value cannot turn bool).
 */
export function isChainOp(opType: string, dtype: ComputeDType): boolean {
  if (BINARY.has(opType)) {
    const op = opType as BinaryOpName;
    return supportsBinary(op, dtype) && binaryOutputDType(op, dtype) === dtype;
  }
  if (UNARY.has(opType)) {
    const op = opType as UnaryOpName;
    return supportsUnary(op, dtype) && unaryOutputDType(op, dtype) === dtype;
  }
  return false;
}

/**
 * The kernel of a fused elementwise chain: one generated loop over the running value, reading the
 * other operands (full size, scalars, rows or columns: then the loop runs a run of the trailing
 * dims at a time), writing only the chain's last value.
 */
export function fusedElementwise(chain: ElementwiseChain): Kernel | undefined {
  if (chain.dtype === 'string' || !chain.links.every((l) => isChainOp(l.op, chain.dtype as ComputeDType))) return undefined;
  const steps: ChainStep[] = chain.links.map((l) =>
    l.operand === undefined ? (l.op as UnaryOpName) : l.reversed ? [l.op as BinaryOpName, l.operand, 'reversed'] : [l.op as BinaryOpName, l.operand],
  );
  const row = chain.row ?? [];
  const column = chain.column ?? [];
  // a column operand is one value per run of the loop: a scalar there
  const scalar = chain.scalar.map((s, i) => s || column[i] === true);
  const run = fusedChain(chain.dtype as never, steps, scalar);
  return (inputs, ctx) => {
    const acc = arr(inputs, 0);
    const n = acc.size;
    const data: ComputeArray[] = [];
    let inner = 0;
    for (let i = 0; i < inputs.length; i++) {
      const x = arr(inputs, i);
      if (row[i] || column[i]) inner = row[i] ? x.size : n / x.size;
      // The plan fused these for the shapes it was specialized to; a mismatch is refused, not broadcast.
      const want = chain.scalar[i] ? 1 : row[i] ? inner : column[i] ? n / inner : n;
      if (x.size !== want || ((row[i] || column[i]) && !(inner > 0 && Number.isInteger(inner) && n % inner === 0))) {
        throw new InvalidArgumentError(null, null, `Incompatible shapes: ${shapeDebugString(acc.shape)} vs. ${shapeDebugString(x.shape)}`);
      }
      data.push(x.data as ComputeArray);
    }
    const o = out(ctx, 0, chain.dtype, acc.shape);
    const od = o.data as ComputeArray;
    if (inner === 0) {
      const err = run(data, scalar, od, n);
      if (err !== null) throw new InvalidArgumentError(null, null, err);
      return [o];
    }
    // Rows and columns: the chain over one run at a time, full operands and the output advanced,
    // a column's value taken per run.
    const part = data.slice();
    for (let r = 0, k = 0; r < n; r += inner, k++) {
      for (let i = 0; i < data.length; i++) {
        if (column[i]) part[i] = (data[i] as ComputeArray).subarray(k, k + 1) as ComputeArray;
        else if (!chain.scalar[i] && !row[i]) part[i] = (data[i] as ComputeArray).subarray(r, r + inner) as ComputeArray;
      }
      const err = run(part, scalar, od.subarray(r, r + inner) as ComputeArray, inner);
      if (err !== null) throw new InvalidArgumentError(null, null, err);
    }
    return [o];
  };
}
