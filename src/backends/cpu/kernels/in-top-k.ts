// InTopKV2's kernel (TensorFlow's in_topk_op: count the strictly larger predictions in the row).
import { InvalidArgumentError } from '../../../core/errors.js';
import { shapeDebugString } from '../../../core/shape.js';
import type { KernelEntry } from '../values.js';
import { arr, intList, out } from '../values.js';

const bad = (msg: string): never => {
  throw new InvalidArgumentError(null, null, msg);
};

export const inTopKKernels: Record<string, KernelEntry> = {
  InTopKV2: (inputs, ctx) => {
    const p = arr(inputs, 0);
    const t = arr(inputs, 1);
    const kt = arr(inputs, 2);
    if (kt.rank !== 0) bad(`k must be 0-D, got shape ${shapeDebugString(kt.shape)}`);
    if (p.rank !== 2) bad('predictions must be 2-dimensional');
    if (t.rank !== 1) bad('targets must be 1-dimensional');
    const [rows, classes] = p.shape as [number, number];
    if (rows !== t.shape[0]) bad(`First dimension of predictions ${rows} must match length of targets ${t.shape[0]}`);
    const k = Number(kt.data[0]);
    const targets = intList(t);
    const pd = p.data as Float32Array;
    const o = out(ctx, 0, 'bool', [rows]);
    const od = o.data as Uint8Array;
    for (let b = 0; b < rows; b++) {
      const target = targets[b] as number;
      const row = b * classes;
      const v = target >= 0 && target < classes ? (pd[row + target] as number) : Number.NaN;
      if (!Number.isFinite(v)) {
        od[b] = 0;
        continue;
      }
      let more = 0;
      for (let i = 0; i < classes && more <= k; i++) if ((pd[row + i] as number) > v) more++;
      od[b] = more < k ? 1 : 0;
    }
    return [o];
  },
};
