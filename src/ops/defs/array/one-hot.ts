import { type DType, toDType } from '../../../core/dtypes.js';
import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { ALL } from '../dtype-sets.js';

export const OneHot = registerOp({
  type: 'OneHot',
  // TensorFlow's _OneHotGrad: no gradient for any input.
  grad: () => [null, null, null, null],
  inputs: [
    { name: 'indices', typeAttr: 'TI' },
    { name: 'depth', dtype: 'int32' },
    { name: 'on_value', typeAttr: 'T' },
    { name: 'off_value', typeAttr: 'T' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [
    { name: 'axis', type: 'int', default: -1 },
    { name: 'T', type: 'type', allowed: ALL },
    { name: 'TI', type: 'type', allowed: ['uint8', 'int8', 'int32', 'int64'], default: 'int64' },
  ],
  shape: (ctx) => {
    const axis = ctx.attr<number>('axis');
    if (axis < -1) ctx.fail(`axis must be >= -1`);
    for (const k of [1, 2, 3]) {
      const r = ctx.inputShape(k).rank;
      if (r !== null && r !== 0) ctx.fail(`Shape must be rank 0 but is rank ${r}`);
    }
    const s = ctx.inputShape(0);
    if (s.dims === null) return [new TensorShape(null)];
    const v = ctx.inputValue(1);
    const depth = v ? Number(v.data[0]) : null;
    if (depth !== null && depth < 0) ctx.fail(`Dimension size, given by scalar input 1, must be non-negative but is ${depth}`);
    // As TensorFlow's shape function, an axis past the end inserts at the end (the kernel rejects it).
    const at = axis === -1 ? s.dims.length : Math.min(axis, s.dims.length);
    return [new TensorShape([...s.dims.slice(0, at), depth, ...s.dims.slice(at)])];
  },
});

/** `tf.oneHot`'s parameters by name. */
export interface OneHotOptions {
  onValue?: TensorInput | null;
  offValue?: TensorInput | null;
  axis?: number | null;
  dtype?: DType | null;
  name?: string;
}

/**
 * `tf.oneHot(indices, depth, onValue, offValue, axis, dtype, name)`: `onValue` where the index
 * matches along a new axis of size `depth` (last by default), `offValue` elsewhere (float32 1/0
 * unless given).
 */
export function oneHot(
  indices: TensorInput,
  depth: TensorInput,
  onValue?: TensorInput | null | OneHotOptions,
  offValue?: TensorInput | null | OneHotOptions,
  axis?: number | null | OneHotOptions,
  dtype?: DType | null | OneHotOptions,
  name?: string | OneHotOptions,
): Tensor;
export function oneHot(...args: unknown[]): Tensor {
  const a = normalizeArgs('oneHot', ['indices', 'depth', 'onValue', 'offValue', 'axis', 'dtype', 'name'], args);
  const ctx = currentContext();
  const given = (v: unknown) => v !== undefined && v !== null;
  return ctx.withNameScope(nameArg(a), 'one_hot', [a.indices, a.depth, a.onValue, a.offValue], (scope) => {
    let dtype: DType | undefined = given(a.dtype) ? toDType(a.dtype as DType) : undefined;
    const tensorDtype = (v: unknown) => (typeof v === 'object' && v !== null && 'dtype' in v ? (v as Tensor).dtype : undefined);
    // As TensorFlow: the dtype comes from `dtype`, else from a tensor on/off value, else float32.
    dtype ??= tensorDtype(a.onValue) ?? tensorDtype(a.offValue) ?? 'float32';
    const one = dtype === 'bool' ? true : dtype === 'int64' || dtype === 'uint64' ? 1n : dtype === 'string' ? '1' : 1;
    const zero = dtype === 'bool' ? false : dtype === 'int64' || dtype === 'uint64' ? 0n : dtype === 'string' ? '' : 0;
    const on = ctx.convertToTensor(given(a.onValue) ? a.onValue : one, dtype, undefined, 'on_value');
    const off = ctx.convertToTensor(given(a.offValue) ? a.offValue : zero, dtype, undefined, 'off_value');
    if (on.dtype !== off.dtype) throw new TypeError(`dtype ${on.dtype} of on_value does not match dtype ${off.dtype} of off_value`);
    return applyOp1(OneHot, [ctx.convertToTensor(a.indices, undefined, 'int32', 'indices'), ctx.convertToTensor(a.depth, 'int32', undefined, 'depth'), on, off], { axis: (a.axis as number | null | undefined) ?? -1 }, scope);
  });
}
