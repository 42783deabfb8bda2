import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { Sub } from '../math/binary.js';
import { ALL, INDEX } from '../dtype-sets.js';
import { ConcatV2 } from './concat.js';
import { Pack } from './pack.js';
import { Pad } from './pad.js';
import { Rank } from './range.js';
import { Reshape } from './reshape.js';
import { jsIndexType } from './index-type.js';
import { Shape } from './shape.js';

export const Slice = registerOp({
  type: 'Slice',
  // As TensorFlow's _SliceGrad: dy padded back to the input's shape.
  grad: (op, [dy]) => {
    if (!dy) return [null, null, null];
    const [x, begin] = op.inputs as [Tensor, Tensor];
    const shape2 = applyOp1(Pack, [[applyOp1(Rank, [x], {}), 1]], {});
    const before = applyOp1(Reshape, [begin, shape2], {});
    const xShape = applyOp1(Shape, [x], { out_type: begin.dtype });
    const outShape = applyOp1(Shape, [op.outputs[0] as Tensor], { out_type: begin.dtype });
    const after = applyOp1(Reshape, [applyOp1(Sub, [applyOp1(Sub, [xShape, outShape], {}), begin], {}), shape2], {});
    const paddings = applyOp1(ConcatV2, [[before, after], 1], {});
    return [applyOp1(Pad, [dy, paddings], {}), null, null];
  },
  inputs: [
    { name: 'input', typeAttr: 'T' },
    { name: 'begin', typeAttr: 'Index' },
    { name: 'size', typeAttr: 'Index' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [
    { name: 'T', type: 'type', allowed: ALL },
    { name: 'Index', type: 'type', allowed: INDEX },
  ],
  shape: (ctx) => {
    const s = ctx.inputShape(0);
    const bs = ctx.inputShape(1);
    const ss = ctx.inputShape(2);
    if (bs.rank !== null && bs.rank !== 1) ctx.fail(`Shape must be rank 1 but is rank ${bs.rank}`);
    if (ss.rank !== null && ss.rank !== 1) ctx.fail(`Shape must be rank 1 but is rank ${ss.rank}`);
    const n = bs.dims?.[0] ?? ss.dims?.[0] ?? s.rank;
    const bn = bs.dims?.[0] ?? null;
    const sn = ss.dims?.[0] ?? null;
    if (bn !== null && sn !== null && bn !== sn) ctx.fail(`Dimension 0 in both shapes must be equal, but are ${bn} and ${sn}. Shapes are [${bn}] and [${sn}].`);
    if (s.rank !== null && n !== null && s.rank !== n) ctx.fail(`Shape must be rank ${n} but is rank ${s.rank}`);
    if (n === null) return [new TensorShape(null)];
    const bv = ctx.inputValue(1);
    const sv = ctx.inputValue(2);
    if (!sv) return [new TensorShape(new Array(n).fill(null))];
    const sizes = Array.from(sv.data as ArrayLike<number | bigint>, Number);
    const begins = bv ? Array.from(bv.data as ArrayLike<number | bigint>, Number) : null;
    return [
      new TensorShape(
        sizes.map((z, i) => {
          const d = s.dims?.[i] ?? null;
          const b = begins?.[i] ?? null;
          if (z === -1) return d === null || b === null ? null : d - b;
          if (z < 0) ctx.fail(`Invalid value in tensor used for shape: ${z}`);
          return z;
        }),
      ),
    ];
  },
});

/** `tf.slice(input, begin, size, name)`: the block of `size` (-1: to the end) starting at `begin`. */
export function slice(input: TensorInput, begin: TensorInput, size: TensorInput, name?: string | { name?: string }): Tensor;
export function slice(...args: unknown[]): Tensor {
  const a = normalizeArgs('slice', ['input', 'begin', 'size', 'name'], args);
  // JS integers for begin/size become int32 (Index has no default), as Python's ints do.
  const index = jsIndexType([a.begin, a.size]);
  return applyOp1(Slice, [a.input, a.begin, a.size], index ? { Index: index } : {}, nameArg(a));
}
