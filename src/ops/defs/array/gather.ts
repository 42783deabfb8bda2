import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { ALL, INDEX } from '../dtype-sets.js';

export const GatherV2 = registerOp({
  type: 'GatherV2',
  // grad: needs IndexedSlices / UnsortedSegmentSum (later).
  inputs: [
    { name: 'params', typeAttr: 'Tparams' },
    { name: 'indices', typeAttr: 'Tindices' },
    { name: 'axis', typeAttr: 'Taxis' },
  ],
  outputs: [{ name: 'output', typeAttr: 'Tparams' }],
  attrs: [
    { name: 'batch_dims', type: 'int', default: 0 },
    { name: 'Tparams', type: 'type', allowed: ALL },
    { name: 'Tindices', type: 'type', allowed: INDEX, default: 'int32' },
    { name: 'Taxis', type: 'type', allowed: INDEX, default: 'int32' },
  ],
  shape: (ctx) => {
    const p = ctx.inputShape(0);
    const idx = ctx.inputShape(1);
    const axisV = ctx.inputValue(2);
    if (ctx.attr<number>('batch_dims') !== 0) ctx.fail('batch_dims != 0 is not supported yet');
    if (p.dims === null || idx.dims === null) return [new TensorShape(null)];
    const r = p.dims.length;
    if (!axisV) return [new TensorShape(new Array(r + idx.dims.length - 1).fill(null))];
    let axis = Number(axisV.data[0]);
    const need = axis < 0 ? -axis : axis + 1;
    if (r < need) ctx.fail(`Shape must be at least rank ${need} but is rank ${r}`);
    if (axis < 0) axis += r;
    return [new TensorShape([...p.dims.slice(0, axis), ...idx.dims, ...p.dims.slice(axis + 1)])];
  },
});

/** `tf.gather`'s parameters by name, for an options object at any position after `params, indices`. */
export interface GatherOptions {
  /** Deprecated in TensorFlow and ignored. */
  validateIndices?: boolean | null;
  name?: string;
  axis?: number | null;
  batchDims?: number;
}

/** `tf.gather(params, indices, validateIndices, name, axis, batchDims)`: slices of `params` at `indices` along `axis`. */
export function gather(
  params: TensorInput,
  indices: TensorInput,
  validateIndices?: boolean | null | GatherOptions,
  name?: string | GatherOptions,
  axis?: number | null | GatherOptions,
  batchDims?: number | GatherOptions,
): Tensor;
export function gather(...args: unknown[]): Tensor {
  const a = normalizeArgs('gather', ['params', 'indices', 'validateIndices', 'name', 'axis', 'batchDims'], args);
  return applyOp1(GatherV2, [a.params, a.indices, a.axis ?? 0], { batch_dims: (a.batchDims as number | undefined) ?? 0 }, nameArg(a));
}
