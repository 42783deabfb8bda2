import { simpleBuilder } from '../../builder.js';
import type { DType } from '../../../core/dtypes.js';
import type { AttrDef, OpDef, ShapeFn } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import { broadcastBinaryShape } from '../../shape-fns.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
import { REAL_NUMBERS } from '../dtype-sets.js';

/**
 * A comparison op: `z = op(x, y)`, a bool tensor, numpy broadcasting, `T` in `allowed` (also
 * compare-more.ts: Equal/NotEqual add an attr and their own shape function).
 */
export function compareDef(type: string, allowed: readonly DType[] = REAL_NUMBERS, extraAttrs: readonly AttrDef[] = [], shape: ShapeFn = broadcastBinaryShape): OpDef {
  return registerOp({
    type,
    elementwise: true,
    grad: null,
    inputs: [
      { name: 'x', typeAttr: 'T' },
      { name: 'y', typeAttr: 'T' },
    ],
    outputs: [{ name: 'z', dtype: 'bool' }],
    attrs: [{ name: 'T', type: 'type', allowed }, ...extraAttrs],
    shape,
  });
}

/** A binary logic op on bool tensors with numpy broadcasting (also compare-more.ts). */
export function logicalBinaryDef(type: string): OpDef {
  return registerOp({
    type,
    elementwise: true,
    grad: null,
    inputs: [
      { name: 'x', dtype: 'bool' },
      { name: 'y', dtype: 'bool' },
    ],
    outputs: [{ name: 'z', dtype: 'bool' }],
    attrs: [],
    shape: broadcastBinaryShape,
  });
}

/** `Less`: x < y elementwise with broadcasting, a bool tensor. */
export const Less: OpDef = compareDef('Less');
/** `LogicalAnd`: x && y elementwise with broadcasting. */
export const LogicalAnd: OpDef = logicalBinaryDef('LogicalAnd');

/** `tf.less(x, y, name)`: x < y elementwise (op Less). */
export const less: (x: TensorInput, y: TensorInput, name?: NameOrOptions) => Tensor = simpleBuilder('less', Less, ['x', 'y']);
/** `tf.logicalAnd(x, y, name)`: x && y elementwise (op LogicalAnd). */
export const logicalAnd: (x: TensorInput, y: TensorInput, name?: NameOrOptions) => Tensor = simpleBuilder('logicalAnd', LogicalAnd, ['x', 'y']);
