// SegmentSum (sorted segment ids; TensorFlow's _SegmentSumGrad) and tf.math.segmentSum.
import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { GatherV2 } from '../array/gather.js';
import { jsIndexType } from '../array/index-type.js';
import { INDEX, NUMBER_TYPES } from '../dtype-sets.js';

export const SegmentSum = registerOp({
  type: 'SegmentSum',
  dataDependentShape: true,
  // TensorFlow's _SegmentSumGrad: each row gets its segment's gradient.
  grad: (op, [dy]) => [dy ? applyOp1(GatherV2, [dy, op.inputs[1], 0], { batch_dims: 0 }) : null, null],
  inputs: [
    { name: 'data', typeAttr: 'T' },
    { name: 'segment_ids', typeAttr: 'Tindices' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [
    { name: 'T', type: 'type', allowed: NUMBER_TYPES },
    { name: 'Tindices', type: 'type', allowed: INDEX },
  ],
  shape: (ctx) => {
    const ids = ctx.inputShape(1);
    if (ids.rank !== null && ids.rank !== 1) ctx.fail(`Shape must be rank 1 but is rank ${ids.rank}`);
    const data = ctx.inputShape(0);
    if (data.rank === 0) ctx.fail('Shape must be at least rank 1 but is rank 0');
    return [data.dims === null ? new TensorShape(null) : new TensorShape([null, ...data.dims.slice(1)])];
  },
});

/** `tf.math.segmentSum(data, segmentIds, name)` (TF1 also tf.segmentSum): row sums per sorted segment id; gaps are 0. */
export function segmentSum(data: TensorInput, segmentIds: TensorInput, name?: string | { name?: string }): Tensor;
export function segmentSum(...args: unknown[]): Tensor {
  const a = normalizeArgs('segmentSum', ['data', 'segmentIds', 'name'], args);
  const index = jsIndexType([a.segmentIds]);
  return applyOp1(SegmentSum, [a.data, a.segmentIds], index ? { Tindices: index } : {}, nameArg(a));
}
