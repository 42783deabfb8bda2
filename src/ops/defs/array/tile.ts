import { TensorShape } from '../../../core/shape.js';
import { applyOp1, simpleBuilder } from '../../builder.js';
import { registerOp } from '../../registry.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
import { Sum } from '../math/sum.js';
import { ALL, INDEX } from '../dtype-sets.js';
import { Pack } from './pack.js';
import { Range } from './range.js';
import { Reshape } from './reshape.js';
import { Shape } from './shape.js';
import { Size } from './size.js';
import { Transpose } from './transpose.js';

export const Tile = registerOp({
  type: 'Tile',
  // As TensorFlow's _TileGrad: dy reshaped to [m0, d0, m1, d1, …] and summed over the m axes.
  grad: (op, [dy]) => {
    if (!dy) return [null, null];
    const [x, multiples] = op.inputs as [Tensor, Tensor];
    const inputShape = applyOp1(Shape, [x], { out_type: multiples.dtype });
    const splitShape = applyOp1(Reshape, [applyOp1(Transpose, [applyOp1(Pack, [[multiples, inputShape]], {}), [1, 0]], {}), [-1]], {});
    const axes = applyOp1(Range, [0, applyOp1(Size, [splitShape], {}), 2], {});
    const g = applyOp1(Sum, [applyOp1(Reshape, [dy, splitShape], {}), axes], {});
    if (x.shape.dims !== null) (g as { setShape?: (s: TensorShape) => void }).setShape?.(x.shape);
    return [g, null];
  },
  inputs: [
    { name: 'input', typeAttr: 'T' },
    { name: 'multiples', typeAttr: 'Tmultiples' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [
    { name: 'T', type: 'type', allowed: ALL },
    { name: 'Tmultiples', type: 'type', allowed: INDEX, default: 'int32' },
  ],
  shape: (ctx) => {
    const s = ctx.inputShape(0);
    const ms = ctx.inputShape(1);
    if (ms.rank !== null && ms.rank !== 1) ctx.fail(`Shape must be rank 1 but is rank ${ms.rank}`);
    const mn = ms.dims?.[0] ?? null;
    if (s.rank !== null && mn !== null && s.rank !== mn) ctx.fail(`Shape must be rank ${s.rank} but is rank ${mn}`);
    const rank = s.rank ?? mn;
    if (rank === null) return [new TensorShape(null)];
    const v = ctx.inputValue(1);
    const m = v ? Array.from(v.data as ArrayLike<number | bigint>, Number) : null;
    return [
      new TensorShape(
        Array.from({ length: rank }, (_, i) => {
          const d = s.dims?.[i] ?? null;
          const k = m?.[i] ?? null;
          return d === null || k === null ? null : d * k;
        }),
      ),
    ];
  },
});

/** `tf.tile(input, multiples, name)`: `input` repeated `multiples[i]` times along each axis. */
export const tile: (input: TensorInput, multiples: TensorInput, name?: NameOrOptions) => Tensor = simpleBuilder('tile', Tile, ['input', 'multiples']);
