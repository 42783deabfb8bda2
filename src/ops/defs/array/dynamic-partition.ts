// DynamicPartition, DynamicStitch and ParallelDynamicStitch (data_flow_ops), with TensorFlow's
// gradients (_DynamicPartitionGrads, _DynamicStitchGrads); tf.dynamicPartition, tf.dynamicStitch.
import { ValueError } from '../../../core/errors.js';
import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp, applyOp1, nameArg } from '../../builder.js';
import type { InferContext, OpView } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { ALL } from '../dtype-sets.js';
import { Prod } from '../math/reduce.js';
import { GatherV2 } from './gather.js';
import { ZerosLike } from './like.js';
import { Range } from './range.js';
import { Reshape } from './reshape.js';
import { Shape } from './shape.js';

/** TensorFlow's MergePrefix failure text for two known, different dims. */
function mergePrefix(ctx: InferContext, shape: TensorShape, prefix: TensorShape): void {
  if (shape.dims === null || prefix.dims === null) return;
  if (shape.dims.length < prefix.dims.length) ctx.fail(`Shape must be at least rank ${prefix.dims.length} but is rank ${shape.dims.length}`);
  prefix.dims.forEach((p, i) => {
    const d = (shape.dims as (number | null)[])[i] ?? null;
    if (p !== null && d !== null && p !== d) ctx.fail(`Dimensions must be equal, but are ${d} and ${p}`);
  });
}

export const DynamicPartition = registerOp({
  type: 'DynamicPartition',
  dataDependentShape: true,
  grad: (op, dys) => [partitionGrad(op, dys), null],
  inputs: [
    { name: 'data', typeAttr: 'T' },
    { name: 'partitions', dtype: 'int32' },
  ],
  outputs: [{ name: 'outputs', typeAttr: 'T', numberAttr: 'num_partitions' }],
  attrs: [
    { name: 'num_partitions', type: 'int' },
    { name: 'T', type: 'type', allowed: ALL },
  ],
  shape: (ctx) => {
    const n = ctx.attr<number>('num_partitions');
    if (n < 1) ctx.fail(`Value for attr 'num_partitions' of ${n} must be at least minimum 1`);
    const data = ctx.inputShape(0);
    const parts = ctx.inputShape(1);
    mergePrefix(ctx, data, parts);
    const out = data.dims === null || parts.dims === null ? new TensorShape(null) : new TensorShape([null, ...data.dims.slice(parts.dims.length)]);
    return new Array(n).fill(out);
  },
});

/** TensorFlow's _DynamicPartitionGrads: the partitioned gradients stitched back by position. */
function partitionGrad(op: OpView, dys: readonly (Tensor | null)[]): Tensor {
  const [data, parts] = op.inputs as [Tensor, Tensor];
  const n = op.attrs.num_partitions as number;
  const prefix = applyOp1(Shape, [parts], { out_type: 'int32' });
  const count = applyOp1(Prod, [prefix, 0], { keep_dims: false });
  const original = applyOp1(Reshape, [applyOp1(Range, [0, count, 1], {}), prefix], {});
  const partitioned = applyOp(DynamicPartition, [original, parts], { num_partitions: n });
  const grads = dys.map((g, i) => g ?? zerosOfPartition(op, i));
  const stitched = applyOp1(ParallelDynamicStitch, [partitioned, grads], {});
  return applyOp1(Reshape, [stitched, applyOp1(Shape, [data], { out_type: 'int32' })], {});
}

/** An unused partition's gradient: zeros of that output's run-time shape. */
function zerosOfPartition(op: OpView, i: number): Tensor {
  const out = op.outputs[i] as Tensor;
  return applyOp1(ZerosLike, [out], {});
}

function stitchDef(type: string) {
  return registerOp({
    type,
    // The first dimension comes from the largest index.
    dataDependentShape: true,
    // TensorFlow's _DynamicStitchGrads: no gradient for the indices; each data gets gather(grad, indices).
    grad: (op, [dy]) => {
      const n = op.attrs.N as number;
      const idx = op.inputs.slice(0, n) as Tensor[];
      return [...idx.map(() => null), ...idx.map((t) => (dy ? applyOp1(GatherV2, [dy, t, 0], { batch_dims: 0 }) : null))];
    },
    inputs: [
      { name: 'indices', dtype: 'int32', numberAttr: 'N' },
      { name: 'data', typeAttr: 'T', numberAttr: 'N' },
    ],
    outputs: [{ name: 'merged', typeAttr: 'T' }],
    attrs: [
      { name: 'N', type: 'int' },
      { name: 'T', type: 'type', allowed: ALL },
    ],
    shape: (ctx) => {
      const n = ctx.attr<number>('N');
      let extra: TensorShape | null = null;
      let allConst = true;
      let max = -1;
      for (let i = 0; i < n; i++) {
        const idx = ctx.inputShape(i);
        const data = ctx.inputShape(n + i);
        mergePrefix(ctx, data, idx);
        const v = ctx.inputValue(i);
        if (v) for (const x of v.data as Int32Array) max = Math.max(max, x);
        else allConst = false;
        if (data.dims === null || idx.dims === null) continue;
        const rest = new TensorShape(data.dims.slice(idx.dims.length));
        if (extra === null) extra = rest;
        else if (!extra.isCompatibleWith(rest)) ctx.fail(`Shapes must be equal rank, but are ${extra.rank} and ${rest.rank}`);
        else extra = extra.mergeWith(rest);
      }
      if (extra === null) return [new TensorShape(null)];
      return [new TensorShape([allConst ? max + 1 : null, ...(extra.dims as (number | null)[])])];
    },
  });
}

export const DynamicStitch = stitchDef('DynamicStitch');
export const ParallelDynamicStitch = stitchDef('ParallelDynamicStitch');

/** `tf.dynamicPartition(data, partitions, numPartitions, name)`: `data` split into `numPartitions` lists by `partitions`. */
export function dynamicPartition(data: TensorInput, partitions: TensorInput, numPartitions: number, name?: string | { name?: string }): Tensor[];
export function dynamicPartition(...args: unknown[]): Tensor[] {
  const a = normalizeArgs('dynamicPartition', ['data', 'partitions', 'numPartitions', 'name'], args);
  if (typeof a.numPartitions !== 'number' || !Number.isInteger(a.numPartitions)) {
    throw new TypeError(`Expected int for argument 'num_partitions' not ${String(a.numPartitions)}.`);
  }
  return [...applyOp(DynamicPartition, [a.data, a.partitions], { num_partitions: a.numPartitions }, nameArg(a))];
}

/** `tf.dynamicStitch(indices, data, name)`: merged[indices[m][i…]] = data[m][i…] (the last write wins). */
export function dynamicStitch(indices: readonly TensorInput[], data: readonly TensorInput[], name?: string | { name?: string }): Tensor;
export function dynamicStitch(...args: unknown[]): Tensor {
  const a = normalizeArgs('dynamicStitch', ['indices', 'data', 'name'], args);
  if (!Array.isArray(a.data)) throw new TypeError(`Expected list for 'data' argument to 'dynamic_stitch' Op, not ${String(a.data)}.`);
  if (!Array.isArray(a.indices)) throw new TypeError(`Expected list for 'indices' argument to 'dynamic_stitch' Op, not ${String(a.indices)}.`);
  if (a.indices.length !== a.data.length) {
    throw new ValueError(
      `List argument 'data' to 'dynamic_stitch' Op with length ${a.data.length} must match length ${a.indices.length} of argument 'indices'.`,
    );
  }
  return applyOp1(DynamicStitch, [a.indices, a.data], {}, nameArg(a));
}

/** TensorFlow's `data_flow_ops.parallel_dynamic_stitch` (not a public tf.* name): as dynamicStitch. */
export function parallelDynamicStitch(indices: readonly TensorInput[], data: readonly TensorInput[], name?: string): Tensor {
  return applyOp1(ParallelDynamicStitch, [indices, data], {}, name);
}
