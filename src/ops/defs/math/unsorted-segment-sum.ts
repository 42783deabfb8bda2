import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { registerOp } from '../../registry.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
import { GatherV2 } from '../array/gather.js';
import { jsIndexType } from '../array/index-type.js';
import { ARITHMETIC } from '../dtype-sets.js';

export const UnsortedSegmentSum = registerOp({
  type: 'UnsortedSegmentSum',
  // TensorFlow's _UnsortedSegmentSumGrad gathers dy at the segment ids (zeros for negative ids;
  // here a negative id makes the Gather fail instead: see docs/compatibility.md).
  grad: (op, [dy]) => [dy ? applyOp1(GatherV2, [dy, op.inputs[1], 0], {}) : null, null, null],
  inputs: [
    { name: 'data', typeAttr: 'T' },
    { name: 'segment_ids', typeAttr: 'Tindices' },
    { name: 'num_segments', typeAttr: 'Tnumsegments' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [
    { name: 'T', type: 'type', allowed: ARITHMETIC },
    { name: 'Tindices', type: 'type', allowed: ['int16', 'int32', 'int64'] },
    { name: 'Tnumsegments', type: 'type', allowed: ['int32', 'int64'], default: 'int32' },
  ],
  shape: (ctx) => {
    const d = ctx.inputShape(0);
    const ids = ctx.inputShape(1);
    const ns = ctx.inputShape(2);
    if (ns.rank !== null && ns.rank !== 0) ctx.fail(`Shape must be rank 0 but is rank ${ns.rank}`);
    const v = ctx.inputValue(2);
    const n = v ? Number(v.data[0]) : null;
    if (d.dims === null || ids.dims === null) return [new TensorShape(null)];
    if (ids.dims.length > d.dims.length) ctx.fail(`Shape must be at least rank ${ids.dims.length} but is rank ${d.dims.length}`);
    ids.dims.forEach((x, i) => {
      const y = d.dims?.[i] ?? null;
      if (x !== null && y !== null && x !== y) ctx.fail(`Dimensions must be equal, but are ${y} and ${x}`);
    });
    return [new TensorShape([n, ...d.dims.slice(ids.dims.length)])];
  },
});

/** `tf.math.unsortedSegmentSum(data, segmentIds, numSegments, name)`: sums of `data` rows per segment id. */
export function unsortedSegmentSum(data: TensorInput, segmentIds: TensorInput, numSegments: TensorInput, name?: NameOrOptions): Tensor;
export function unsortedSegmentSum(...args: unknown[]): Tensor {
  const a = normalizeArgs('unsortedSegmentSum', ['data', 'segmentIds', 'numSegments', 'name'], args);
  // JS integer ids become int32 (Tindices has no default), as Python's ints do.
  const index = jsIndexType([a.segmentIds]);
  return applyOp1(UnsortedSegmentSum, [a.data, a.segmentIds, a.numSegments], index ? { Tindices: index } : {}, nameArg(a));
}
