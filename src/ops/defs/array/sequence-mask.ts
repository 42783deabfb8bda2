// Array composites TensorFlow builds in Python: tf.sequenceMask and tf.meshgrid.
import { type DTypeLike, toDType } from '../../../core/dtypes.js';
import { ValueError } from '../../../core/errors.js';
import { isOptionsObject, normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import type { Tensor, TensorInput } from '../../types.js';
import { Maximum } from '../math/binary-math.js';
import { Mul } from '../math/binary.js';
import { Cast } from '../math/cast.js';
import { Less } from '../math/compare.js';
import { Max } from '../math/reduce.js';
import { constant } from './const.js';
import { expandDims } from './expand-dims.js';
import { jsIndexType } from './index-type.js';
import { Range } from './range.js';
import { reshape } from './reshape.js';
import { size } from './size.js';
import { ones } from './zeros-ones.js';

/** `tf.sequenceMask`'s parameters by name. */
export interface SequenceMaskOptions {
  maxlen?: TensorInput | null;
  dtype?: DTypeLike;
  name?: string;
}

/**
 * `tf.sequenceMask(lengths, maxlen, dtype='bool', name)`: `mask[i…, j] = j < lengths[i…]` for j in
 * [0, maxlen) (maxlen defaults to max(lengths)); TensorFlow's Range/ExpandDims/Cast/Less in scope `SequenceMask`.
 */
export function sequenceMask(
  lengths: TensorInput,
  maxlen?: TensorInput | null | SequenceMaskOptions,
  dtype?: DTypeLike | SequenceMaskOptions,
  name?: string | SequenceMaskOptions,
): Tensor;
export function sequenceMask(...args: unknown[]): Tensor {
  const a = normalizeArgs('sequenceMask', ['lengths', 'maxlen', 'dtype', 'name'], args);
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'SequenceMask', [a.lengths, a.maxlen], () => {
    const lengths = ctx.convertToTensor(a.lengths, jsIndexType([a.lengths]));
    let maxlen: Tensor;
    if (a.maxlen === undefined || a.maxlen === null) {
      const rank = lengths.shape.rank;
      const all = rank === null ? null : constant(Array.from({ length: rank }, (_, i) => i), 'int32');
      if (all === null) throw new ValueError('sequenceMask: lengths of unknown rank need an explicit maxlen');
      const max = applyOp1(Max, [lengths, all], { keep_dims: false }, 'Max');
      maxlen = applyOp1(Maximum, [constant(0, max.dtype), max], {}, 'Maximum');
    } else {
      maxlen = ctx.convertToTensor(a.maxlen, jsIndexType([a.maxlen]));
    }
    if (maxlen.shape.rank !== null && maxlen.shape.rank !== 0) {
      throw new ValueError(
        `Argument \`maxlen\` must be scalar for sequence_mask, received \`maxlen\` = ${maxlen.toString()} with shape '${maxlen.shape.toString()}' instead`,
      );
    }
    const row = applyOp1(Range, [constant(0, maxlen.dtype), maxlen, constant(1, maxlen.dtype)], {}, 'Range');
    const matrix = applyOp1(Cast, [expandDims(lengths, -1)], { DstT: maxlen.dtype }, 'Cast');
    const result = applyOp1(Less, [row, matrix], {}, 'Less');
    const dt = toDType((a.dtype ?? 'bool') as DTypeLike);
    return dt === 'bool' ? result : applyOp1(Cast, [result], { DstT: dt }, 'Cast');
  });
}

/** `tf.meshgrid`'s keyword arguments. */
export interface MeshgridOptions {
  indexing?: 'xy' | 'ij';
  name?: string;
}

/**
 * `tf.meshgrid(...xs, { indexing='xy', name })`: N coordinate grids of the 1-D inputs (Cartesian
 * 'xy' swaps the first two axes, matrix 'ij' does not); TensorFlow's Reshape/ones/Mul in scope `meshgrid`.
 */
export function meshgrid(...args: (TensorInput | MeshgridOptions)[]): Tensor[] {
  const last = args[args.length - 1];
  const opts = (args.length > 0 && isOptionsObject(last) ? last : {}) as Record<string, unknown>;
  const xs = (opts === last ? args.slice(0, -1) : args) as TensorInput[];
  for (const k of Object.keys(opts)) if (k !== 'indexing' && k !== 'name') throw new TypeError(`'${k}' is an invalid keyword argument for this function`);
  const indexing = (opts.indexing ?? 'xy') as string;
  if (indexing !== 'xy' && indexing !== 'ij') throw new ValueError(`Argument \`indexing\` parameter must be either 'xy' or 'ij', got '${indexing}'`);
  const ctx = currentContext();
  return ctx.withNameScope(opts.name as string | undefined, 'meshgrid', xs, () => {
    const n = xs.length;
    if (n === 0) return [];
    const ts = xs.map((x) => ctx.convertToTensor(x, undefined, undefined, 'stack'));
    const out = ts.map((x, i) => reshape(x, Array.from({ length: n }, (_, k) => (k === i ? -1 : 1))) as Tensor);
    const shapes: TensorInput[] = ts.map((x) => size(x));
    const dtype = (ts[0] as Tensor).dtype;
    if (indexing === 'xy' && n > 1) {
      const tail = new Array<number>(n - 2).fill(1);
      out[0] = reshape(out[0] as Tensor, [1, -1, ...tail]) as Tensor;
      out[1] = reshape(out[1] as Tensor, [-1, 1, ...tail]) as Tensor;
      [shapes[0], shapes[1]] = [shapes[1] as TensorInput, shapes[0] as TensorInput];
    }
    const mult = ones(shapes as never, dtype);
    return out.map((x) => applyOp1(Mul, [x, mult], {}, 'mul') as Tensor);
  });
}
