import type { DTypeLike } from '../../../core/dtypes.js';
import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import { registerOp } from '../../registry.js';
import { BatchMatMulV2 } from './batch-matmul.js';
import type { GradFn, OpDef } from '../../opdef.js';
import { MATMUL_TYPES } from '../dtype-sets.js';
import type { Tensor, TensorInput } from '../../types.js';

/** TensorFlow's `_MatMulGrad`: each input's gradient is a product of dz with the other input. */
const matmulGrad: GradFn = (op, [dz]) => {
  if (!dz) return [null, null];
  const [a, b] = [op.inputs[0] as Tensor, op.inputs[1] as Tensor];
  const ta = op.attrs.transpose_a === true;
  const tb = op.attrs.transpose_b === true;
  const mm = (x: Tensor, y: Tensor, tx: boolean, ty: boolean) => applyOp1(MatMul, [x, y], { transpose_a: tx, transpose_b: ty });
  if (!ta && !tb) return [mm(dz, b, false, true), mm(a, dz, true, false)];
  if (!ta && tb) return [mm(dz, b, false, false), mm(dz, a, true, false)];
  if (ta && !tb) return [mm(b, dz, false, true), mm(a, dz, false, false)];
  return [mm(b, dz, true, true), mm(dz, a, true, true)];
};

export const MatMul: OpDef = registerOp({
  type: 'MatMul',
  grad: matmulGrad,
  inputs: [
    { name: 'a', typeAttr: 'T' },
    { name: 'b', typeAttr: 'T' },
  ],
  outputs: [{ name: 'product', typeAttr: 'T' }],
  attrs: [
    { name: 'transpose_a', type: 'bool', default: false },
    { name: 'transpose_b', type: 'bool', default: false },
    { name: 'T', type: 'type', allowed: MATMUL_TYPES },
  ],
  shape: (ctx) => {
    const a = ctx.inputShape(0);
    const b = ctx.inputShape(1);
    for (const s of [a, b]) {
      if (s.rank !== null && s.rank !== 2) ctx.fail(`Shape must be rank 2 but is rank ${s.rank}`);
    }
    const ta = ctx.attr<boolean>('transpose_a');
    const tb = ctx.attr<boolean>('transpose_b');
    const ad = a.dims ?? [null, null];
    const bd = b.dims ?? [null, null];
    const [m, k1] = ta ? [ad[1] ?? null, ad[0] ?? null] : [ad[0] ?? null, ad[1] ?? null];
    const [k2, n] = tb ? [bd[1] ?? null, bd[0] ?? null] : [bd[0] ?? null, bd[1] ?? null];
    if (k1 !== null && k2 !== null && k1 !== k2) ctx.fail(`Dimensions must be equal, but are ${k1} and ${k2}`);
    return [new TensorShape([m, n])];
  },
});

/** `tf.matmul`'s parameters by name, for an options object at any position after `a, b` (DESIGN §4). */
export interface MatmulOptions {
  transposeA?: boolean;
  transposeB?: boolean;
  adjointA?: boolean;
  adjointB?: boolean;
  aIsSparse?: boolean;
  bIsSparse?: boolean;
  /** Not supported yet: a non-null value throws (cast the result with `tf.cast`). */
  outputType?: DTypeLike | null;
  name?: string;
}

/**
 * `tf.matmul(a, b, transposeA, transposeB, adjointA, adjointB, aIsSparse, bIsSparse, outputType, name)`:
 * matrix product of rank-2 tensors (op MatMul), or batches of them for rank > 2 with broadcast batch
 * dimensions (op BatchMatMulV2). For real dtypes adjoint is transpose; the sparse flags are hints.
 */
export function matmul(
  a: TensorInput,
  b: TensorInput,
  transposeA?: boolean | MatmulOptions,
  transposeB?: boolean | MatmulOptions,
  adjointA?: boolean | MatmulOptions,
  adjointB?: boolean | MatmulOptions,
  aIsSparse?: boolean | MatmulOptions,
  bIsSparse?: boolean | MatmulOptions,
  outputType?: DTypeLike | null | MatmulOptions,
  name?: string | MatmulOptions,
): Tensor;
export function matmul(...args: unknown[]): Tensor {
  const x = normalizeArgs(
    'matmul',
    ['a', 'b', 'transposeA', 'transposeB', 'adjointA', 'adjointB', 'aIsSparse', 'bIsSparse', 'outputType', 'name'],
    args,
  );
  if (x.outputType !== undefined && x.outputType !== null) {
    throw new TypeError('matmul: outputType is not supported yet; cast the result with tf.cast instead.');
  }
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(x), 'MatMul', [x.a, x.b], (scope) => {
    const a = ctx.convertToTensor(x.a, undefined, undefined, 'a');
    const b = ctx.convertToTensor(x.b, undefined, a.dtype, 'b');
    const ta = Boolean(x.transposeA || x.adjointA);
    const tb = Boolean(x.transposeB || x.adjointB);
    // As TensorFlow: inputs of rank > 2 (or unknown rank) multiply as batches (BatchMatMulV2).
    const batched = [a, b].some((t) => t.shape.rank === null || t.shape.rank > 2);
    if (batched) return applyOp1(BatchMatMulV2, [a, b], { adj_x: ta, adj_y: tb }, scope);
    return applyOp1(MatMul, [a, b], { transpose_a: ta, transpose_b: tb }, scope);
  });
}
