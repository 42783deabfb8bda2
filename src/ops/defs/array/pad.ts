import { ValueError } from '../../../core/errors.js';
import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import type { InferContext, OpView } from '../../opdef.js';
import { currentContext } from '../../context.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { ALL, INDEX } from '../dtype-sets.js';
import { Cast } from '../math/cast.js';
import { Pack } from './pack.js';
import { Rank } from './range.js';
import { Reshape } from './reshape.js';
import { Shape } from './shape.js';
import { Slice } from './slice.js';

/** TensorFlow's PadShapeFn (also MirrorPad's, which leaves the size checks to the kernel): input dims plus the paddings when known. */
function padShape(ctx: InferContext): TensorShape[] {
  const s = ctx.inputShape(0);
  const ps = ctx.inputShape(1);
  if (ps.rank !== null && ps.rank !== 2) ctx.fail(`Shape must be rank 2 but is rank ${ps.rank}`);
  const p1 = ps.dims?.[1] ?? null;
  if (p1 !== null && p1 !== 2) ctx.fail(`Dimension must be 2 but is ${p1}`);
  const n = ps.dims?.[0] ?? s.rank;
  if (s.rank !== null && ps.dims?.[0] !== undefined && ps.dims[0] !== null && ps.dims[0] !== s.rank) {
    ctx.fail(`Shape must be rank ${ps.dims[0]} but is rank ${s.rank}`);
  }
  if (n === null) return [new TensorShape(null)];
  const v = ctx.inputValue(1);
  if (!v) return [new TensorShape(new Array(n).fill(null))];
  const p = Array.from(v.data as ArrayLike<number | bigint>, Number);
  return [
    new TensorShape(
      Array.from({ length: n }, (_, i) => {
        const [a, b] = [p[2 * i] as number, p[2 * i + 1] as number];
        if (a < 0 || b < 0) ctx.fail('Paddings must be non-negative');
        const d = s.dims?.[i] ?? null;
        return d === null ? null : d + a + b;
      }),
    ),
  ];
}

/** As TensorFlow's _PadGrad: the slice of dy that the input occupies. */
function padGrad(op: OpView, dy: Tensor | null): Tensor | null {
  if (!dy) return null;
  const [x, paddings] = op.inputs as [Tensor, Tensor];
  const i32 = (v: unknown) => currentContext().convertToTensor(v, 'int32');
  const sizes = applyOp1(Pack, [[applyOp1(Rank, [x], {}), i32(1)]], {});
  const before = applyOp1(Slice, [paddings, i32([0, 0]), paddings.dtype === 'int64' ? applyOp1(Cast, [sizes], { DstT: 'int64' }) : sizes], {});
  const begin = applyOp1(Reshape, [before, i32([-1])], {});
  return applyOp1(Slice, [dy, begin, applyOp1(Shape, [x], { out_type: begin.dtype })], {});
}

const padAttrs = [
  { name: 'T', type: 'type', allowed: ALL },
  { name: 'Tpaddings', type: 'type', allowed: INDEX, default: 'int32' },
] as const;

export const Pad = registerOp({
  type: 'Pad',
  grad: (op, [dy]) => [padGrad(op, dy ?? null), null],
  inputs: [
    { name: 'input', typeAttr: 'T' },
    { name: 'paddings', typeAttr: 'Tpaddings' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: padAttrs,
  shape: (ctx) => padShape(ctx),
});

export const PadV2 = registerOp({
  type: 'PadV2',
  grad: (op, [dy]) => [padGrad(op, dy ?? null), null, null],
  inputs: [
    { name: 'input', typeAttr: 'T' },
    { name: 'paddings', typeAttr: 'Tpaddings' },
    { name: 'constant_values', typeAttr: 'T' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: padAttrs,
  shape: (ctx) => {
    const c = ctx.inputShape(2);
    if (c.rank !== null && c.rank !== 0) ctx.fail(`Shape must be rank 0 but is rank ${c.rank}`);
    return padShape(ctx);
  },
});

const modeAttr = { name: 'mode', type: 'string' } as const;

export const MirrorPad = registerOp({
  type: 'MirrorPad',
  grad: (op, [dy]) => [dy ? applyOp1(MirrorPadGrad, [dy, op.inputs[1]], { mode: op.attrs.mode }) : null, null],
  inputs: [
    { name: 'input', typeAttr: 'T' },
    { name: 'paddings', typeAttr: 'Tpaddings' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [...padAttrs, modeAttr],
  shape: (ctx) => padShape(ctx),
});

export const MirrorPadGrad = registerOp({
  type: 'MirrorPadGrad',
  grad: (op, [dy]) => [dy ? applyOp1(MirrorPad, [dy, op.inputs[1]], { mode: op.attrs.mode }) : null, null],
  inputs: [
    { name: 'input', typeAttr: 'T' },
    { name: 'paddings', typeAttr: 'Tpaddings' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [...padAttrs, modeAttr],
  shape: (ctx) => {
    const s = ctx.inputShape(0);
    const v = ctx.inputValue(1);
    if (s.dims === null || !v) return [new TensorShape(s.dims === null ? null : new Array(s.dims.length).fill(null))];
    const p = Array.from(v.data as ArrayLike<number | bigint>, Number);
    return [new TensorShape(s.dims.map((d, i) => (d === null ? null : d - (p[2 * i] as number) - (p[2 * i + 1] as number))))];
  },
});

/** `tf.pad`'s parameters by name. */
export interface PadOptions {
  mode?: string;
  name?: string;
  constantValues?: TensorInput;
}

/**
 * `tf.pad(tensor, paddings, mode, name, constantValues)`: pads with `constantValues` (Pad, or
 * PadV2 for a nonzero value) or by mirroring (`REFLECT` / `SYMMETRIC`: MirrorPad).
 */
export function pad(
  tensor: TensorInput,
  paddings: TensorInput,
  mode?: string | PadOptions,
  name?: string | PadOptions,
  constantValues?: TensorInput | PadOptions,
): Tensor;
export function pad(...args: unknown[]): Tensor {
  const a = normalizeArgs('pad', ['tensor', 'paddings', 'mode', 'name', 'constantValues'], args);
  const mode = String(a.mode ?? 'CONSTANT').toUpperCase();
  const cv = a.constantValues ?? 0;
  if (mode === 'CONSTANT') {
    // As TensorFlow: a plain zero pads with Pad, anything else with PadV2.
    const zero = cv === 0 || cv === 0n || cv === false || cv === '';
    if (zero) return applyOp1(Pad, [a.tensor, a.paddings], {}, nameArg(a));
    return applyOp1(PadV2, [a.tensor, a.paddings, cv], {}, nameArg(a));
  }
  if (mode === 'REFLECT' || mode === 'SYMMETRIC') return applyOp1(MirrorPad, [a.tensor, a.paddings], { mode }, nameArg(a));
  throw new ValueError(`Value of argument \`mode\` expected to be one of "CONSTANT", "REFLECT", or "SYMMETRIC". Received \`mode\` = ${String(a.mode)}`);
}
