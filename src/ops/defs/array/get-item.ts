// Python's `x[1:, ::2, tf.newaxis, ..., 0]` for tensors: `tf.getItem(x, [tf.sl(1), tf.sl(null, null, 2),
// tf.newaxis, tf.ellipsis, 0])`, built as TensorFlow's `_slice_helper` builds it (one StridedSlice).

import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import type { Tensor, TensorInput } from '../../types.js';
import { AddV2 } from '../math/binary.js';
import { Cast } from '../math/cast.js';
import { stridedSlice } from './strided-slice.js';

/** Python's `start:stop:step` (each may be null = omitted; numbers or scalar int tensors). */
export class SliceSpec {
  constructor(
    readonly start: number | Tensor | null = null,
    readonly stop: number | Tensor | null = null,
    readonly step: number | Tensor | null = null,
  ) {}
}

/** `tf.sl(start, stop, step)`: Python's `start:stop:step` (`tf.sl()` is `:`, `tf.sl(null, null, -1)` is `::-1`). */
export function sl(start: number | Tensor | null = null, stop: number | Tensor | null = null, step: number | Tensor | null = null): SliceSpec {
  return new SliceSpec(start, stop, step);
}

/** `tf.newaxis`: inserts a size-1 dimension (Python's `None`; a plain `null` works too). */
export const newaxis = null;
/** `tf.ellipsis`: Python's `...` (the literal string `'...'` works too). */
export const ellipsis = '...';

/** One entry of an index: an integer (drops the axis), a slice, `tf.newaxis`, `tf.ellipsis`, or a scalar int tensor. */
export type IndexSpec = number | bigint | Tensor | SliceSpec | null | '...';

function isTensor(x: unknown): x is Tensor {
  return typeof x === 'object' && x !== null && 'dtype' in x && 'shape' in x && !(x instanceof SliceSpec);
}

function checkIndex(s: unknown): void {
  const ok =
    (typeof s === 'number' && Number.isInteger(s)) ||
    typeof s === 'bigint' ||
    (isTensor(s) && (s.dtype === 'int32' || s.dtype === 'int64' || s.dtype === 'int16') && (s.shape.rank === null || s.shape.rank === 0));
  if (!ok) {
    throw new TypeError(
      `Only integers, slices (\`:\`), ellipsis (\`...\`), tf.newaxis (\`None\`) and scalar tf.int32/tf.int64 tensors are valid indices, got ${isTensor(s) ? `<tf.Tensor of dtype ${s.dtype} and shape ${s.shape.toString()}>` : String(s)}`,
    );
  }
}

/**
 * `tensor[index]` as in Python (TensorFlow's `Tensor.__getitem__`): integers (negative from the
 * end) drop their axis, `tf.sl(start, stop, step)` slices (negative steps walk backwards),
 * `tf.newaxis` inserts an axis, `tf.ellipsis` stands for all remaining axes. One StridedSlice op.
 */
export function getItem(tensor: TensorInput, index: IndexSpec | readonly IndexSpec[], name?: string | { name?: string }): Tensor;
export function getItem(...args: unknown[]): Tensor {
  const a = normalizeArgs('getItem', ['tensor', 'index', 'name'], args);
  const specs = (Array.isArray(a.index) ? a.index : [a.index]) as IndexSpec[];
  const begin: unknown[] = [];
  const end: unknown[] = [];
  const strides: unknown[] = [];
  let beginMask = 0;
  let endMask = 0;
  let ellipsisMask = 0;
  let newAxisMask = 0;
  let shrinkAxisMask = 0;
  specs.forEach((s, i) => {
    const b = 1 << i;
    if (s instanceof SliceSpec) {
      if (s.start !== null) {
        checkIndex(s.start);
        begin.push(s.start);
      } else {
        begin.push(0);
        beginMask |= b;
      }
      if (s.stop !== null) {
        checkIndex(s.stop);
        end.push(s.stop);
      } else {
        end.push(0);
        endMask |= b;
      }
      strides.push(s.step ?? 1);
    } else if (s === '...') {
      begin.push(0);
      end.push(0);
      strides.push(1);
      ellipsisMask |= b;
    } else if (s === null || s === undefined) {
      begin.push(0);
      end.push(0);
      strides.push(1);
      newAxisMask |= b;
    } else {
      checkIndex(s);
      begin.push(s);
      // A tensor index ends at index + 1 (an AddV2, as TensorFlow's `s + 1`).
      end.push(isTensor(s) ? applyOp1(AddV2, [s, 1], {}, 'add') : typeof s === 'bigint' ? s + 1n : s + 1);
      strides.push(isTensor(s) && s.dtype !== 'int32' ? currentContext().convertToTensor(1, s.dtype) : 1);
      shrinkAxisMask |= b;
    }
  });
  const ctx = currentContext();
  return ctx.withNameScope(undefined, 'strided_slice', [a.tensor], (scope) => {
    let packed: Tensor[];
    if (begin.length > 0) {
      packed = [begin, end, strides].map((l) => ctx.convertToTensor(l.some((v) => typeof v === 'bigint') ? l.map((v) => (typeof v === 'bigint' ? v : isTensor(v) ? v : BigInt(v as number))) : l, undefined, 'int32', 'stack'));
      // Mixed int32/int64 entries are cast to int64, as TensorFlow does.
      if (packed.some((t) => t.dtype === 'int64')) packed = packed.map((t) => (t.dtype === 'int64' ? t : applyOp1(Cast, [t], { DstT: 'int64' })));
    } else {
      const empty = ctx.convertToTensor([], 'int32');
      packed = [empty, empty, empty];
    }
    return stridedSlice(a.tensor as TensorInput, packed[0] as Tensor, packed[1] as Tensor, packed[2] as Tensor, {
      beginMask,
      endMask,
      ellipsisMask,
      newAxisMask,
      shrinkAxisMask,
      name: nameArg(a) ?? scope,
    });
  });
}
