// BatchMatMulV2: matrix products over broadcast batch dimensions (what `tf.matmul` builds for
// inputs of rank > 2), with TF's _BatchMatMulV2 gradient.
import { broadcastStatic } from '../../../core/broadcast.js';
import { TensorShape } from '../../../core/shape.js';
import { applyOp1 } from '../../builder.js';
import { unbroadcast } from '../../grad-helpers.js';
import type { GradFn, OpDef } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import type { Tensor } from '../../types.js';
import type { DType } from '../../../core/dtypes.js';

const BMM_TYPES: readonly DType[] = ['float16', 'float32', 'float64', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64'];

const bmm = (x: Tensor, y: Tensor, adjX: boolean, adjY: boolean) => applyOp1(BatchMatMulV2, [x, y], { adj_x: adjX, adj_y: adjY });

/** Each input's gradient is a product of dz with the other input, summed over the batch dims it was broadcast along. */
const grad: GradFn = (op, [dz]) => {
  if (!dz) return [null, null];
  const [x, y] = [op.inputs[0] as Tensor, op.inputs[1] as Tensor];
  const ax = op.attrs.adj_x === true;
  const ay = op.attrs.adj_y === true;
  let gx: Tensor;
  let gy: Tensor;
  if (!ax && !ay) [gx, gy] = [bmm(dz, y, false, true), bmm(x, dz, true, false)];
  else if (!ax && ay) [gx, gy] = [bmm(dz, y, false, false), bmm(dz, x, true, false)];
  else if (ax && !ay) [gx, gy] = [bmm(y, dz, false, true), bmm(x, dz, false, false)];
  else [gx, gy] = [bmm(y, dz, true, true), bmm(dz, x, true, true)];
  const batch = (t: Tensor) => (t.shape.dims === null ? null : t.shape.dims.slice(0, -2));
  const [bx, by] = [batch(x), batch(y)];
  const same = bx !== null && by !== null && bx.every((d) => d !== null) && by.every((d) => d !== null) && bx.length === by.length && bx.every((d, i) => d === by[i]);
  if (same) return [gx, gy];
  // The gradients have the output's batch shape; the matrix dims match the inputs' own.
  return [unbroadcast(x, gx, gx, null)[0], unbroadcast(y, gy, gy, null)[0]];
};

export const BatchMatMulV2: OpDef = registerOp({
  type: 'BatchMatMulV2',
  grad,
  inputs: [
    { name: 'x', typeAttr: 'T' },
    { name: 'y', typeAttr: 'T' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [
    { name: 'T', type: 'type', allowed: BMM_TYPES },
    { name: 'adj_x', type: 'bool', default: false },
    { name: 'adj_y', type: 'bool', default: false },
    { name: 'grad_x', type: 'bool', default: false },
    { name: 'grad_y', type: 'bool', default: false },
  ],
  shape: (ctx) => {
    const a = ctx.inputShape(0);
    const b = ctx.inputShape(1);
    for (const s of [a, b]) {
      if (s.rank !== null && s.rank < 2) ctx.fail(`Shape must be at least rank 2 but is rank ${s.rank}`);
    }
    if (a.dims === null || b.dims === null) return [new TensorShape(null)];
    const ax = ctx.attr<boolean>('adj_x');
    const ay = ctx.attr<boolean>('adj_y');
    const ra = a.dims.length;
    const rb = b.dims.length;
    const [m, k1] = ax ? [a.dims[ra - 1], a.dims[ra - 2]] : [a.dims[ra - 2], a.dims[ra - 1]];
    const [k2, n] = ay ? [b.dims[rb - 1], b.dims[rb - 2]] : [b.dims[rb - 2], b.dims[rb - 1]];
    if (k1 !== null && k2 !== null && k1 !== k2) ctx.fail(`Dimensions must be equal, but are ${k1} and ${k2}`);
    const ba = a.dims.slice(0, -2);
    const bb = b.dims.slice(0, -2);
    const batch = broadcastStatic(ba, bb);
    if (batch === null) {
      const r = Math.max(ba.length, bb.length);
      for (let i = r; i >= 1; i--) {
        const p = ba[ba.length - i] ?? 1;
        const q = bb[bb.length - i] ?? 1;
        if (p !== null && q !== null && p !== q && p !== 1 && q !== 1) ctx.fail(`Dimensions must be equal, but are ${p} and ${q}`);
      }
    }
    return [new TensorShape([...(batch ?? ba.map(() => null)), m ?? null, n ?? null])];
  },
});
