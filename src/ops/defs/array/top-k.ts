import { type DTypeLike, toDType } from '../../../core/dtypes.js';
import { type Dim, TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp, applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { AddV2 } from '../math/binary.js';
import { UnsortedSegmentSum } from '../math/unsorted-segment-sum.js';
import { ExpandDims } from './expand-dims.js';
import { Pack } from './pack.js';
import { Range } from './range.js';
import { Reshape } from './reshape.js';
import { Shape } from './shape.js';
import { Size } from './size.js';
import { StridedSlice } from './strided-slice.js';

/** The last element of a 1-D int32 tensor (a StridedSlice with shrink). */
function last(v: Tensor): Tensor {
  const c = (x: number[]) => currentContext().convertToTensor(x, 'int32');
  return applyOp1(StridedSlice, [v, c([-1]), c([0]), c([1])], { shrink_axis_mask: 1 });
}

export const TopKV2 = registerOp({
  type: 'TopKV2',
  // TensorFlow's _TopKGrad scatters dy to the chosen positions of each row; here as one
  // UnsortedSegmentSum over flat positions (row * n + index), the same values.
  grad: (op, [dy]) => {
    if (!dy) return [null, null];
    const x = op.inputs[0] as Tensor;
    const indices = op.outputs[1] as Tensor;
    const n = last(applyOp1(Shape, [x], {}));
    const k = last(applyOp1(Shape, [indices], {}));
    const rows = applyOp1(ExpandDims, [applyOp1(Range, [0, applyOp1(Size, [x], {}), n], {}), -1], {});
    const flat = applyOp1(AddV2, [applyOp1(Reshape, [indices, applyOp1(Pack, [[currentContext().convertToTensor(-1, 'int32'), k]], {})], {}), rows], {});
    const dx = applyOp1(
      UnsortedSegmentSum,
      [applyOp1(Reshape, [dy, [-1]], {}), applyOp1(Reshape, [flat, [-1]], {}), applyOp1(Size, [x], {})],
      {},
    );
    return [applyOp1(Reshape, [dx, applyOp1(Shape, [x], {})], {}), null];
  },
  inputs: [
    { name: 'input', typeAttr: 'T' },
    { name: 'k', typeAttr: 'Tk' },
  ],
  outputs: [
    { name: 'values', typeAttr: 'T' },
    { name: 'indices', typeAttr: 'index_type' },
  ],
  attrs: [
    { name: 'sorted', type: 'bool', default: true },
    { name: 'T', type: 'type', allowed: ['float32', 'float64', 'int32', 'uint8', 'int16', 'int8', 'int64', 'uint16', 'float16', 'uint32', 'uint64'] },
    { name: 'Tk', type: 'type', allowed: ['int16', 'int32', 'int64'], default: 'int32' },
    { name: 'index_type', type: 'type', allowed: ['int16', 'int32', 'int64'], default: 'int32' },
  ],
  shape: (ctx) => {
    const s = ctx.inputShape(0);
    const ks = ctx.inputShape(1);
    if (ks.rank !== null && ks.rank !== 0) ctx.fail(`Shape must be rank 0 but is rank ${ks.rank}`);
    const v = ctx.inputValue(1);
    const k = v ? Number(v.data[0]) : null;
    if (k !== null && k < 0) ctx.fail(`Dimension size, given by scalar input 1, must be non-negative but is ${k}`);
    if (s.dims === null) return [new TensorShape(null), new TensorShape(null)];
    if (s.dims.length < 1) ctx.fail('Shape must be at least rank 1 but is rank 0');
    const n = s.dims[s.dims.length - 1] ?? null;
    if (n !== null && k !== null && n < k) ctx.fail(`input must have last dimension >= k = ${k} but is ${n}`);
    const out = new TensorShape([...s.dims.slice(0, -1), k as Dim]);
    return [out, out];
  },
});

/** `tf.math.topK`'s parameters by name. */
export interface TopKOptions {
  k?: TensorInput;
  sorted?: boolean;
  indexType?: DTypeLike;
  name?: string;
}

/** `tf.math.topK(input, k, sorted, indexType, name)` (also `tf.nn.topK`): the k largest entries of each last-axis row and their indices (ties: lower index first). */
export function topK(
  input: TensorInput,
  k?: TensorInput | TopKOptions,
  sorted?: boolean | TopKOptions,
  indexType?: DTypeLike | TopKOptions,
  name?: string | TopKOptions,
): [Tensor, Tensor];
export function topK(...args: unknown[]): [Tensor, Tensor] {
  const a = normalizeArgs('topK', ['input', 'k', 'sorted', 'indexType', 'name'], args);
  const [values, indices] = applyOp(
    TopKV2,
    [a.input, a.k ?? 1],
    { sorted: Boolean(a.sorted ?? true), index_type: toDType((a.indexType as DTypeLike | undefined) ?? 'int32') },
    nameArg(a) ?? 'TopKV2',
  ) as [Tensor, Tensor];
  return [values, indices];
}
